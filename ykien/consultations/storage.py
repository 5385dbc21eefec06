"""Uploaded draft texts, conference attachments and issued documents live under
``PRIVATE_ROOT`` and are served only through permission-checked views (a draft's text is
public only once published)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Reads ``PRIVATE_ROOT`` on every use (so tests and deployments can move it)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_ROOT / "consultations")

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def base_url(self) -> None:  # type: ignore[override]
        return None


def private_storage() -> FileSystemStorage:
    """A callable storage, so that migrations do not capture the path."""
    return PrivateStorage()
