"""Private files: uploads that must never be reachable by URL (draft texts, conference
attachments, issued documents, supervision files). They live under ``PRIVATE_ROOT/<folder>`` and
are served only through views that check permission.

One storage class for every app: a model's field says which folder it keeps its files in,
``FileField(storage=PrivateStorage("consultations"), …)``. The folder is the only thing a
migration records; the root is read from the settings on every use, so that tests and
deployments can move it."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="ykien.core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_ROOT/<folder>``, with no URL."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        super().__init__()

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_ROOT / self.folder)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateStorage) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash((PrivateStorage, self.folder))
