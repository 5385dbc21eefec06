"""Files of the supervision app live under ``PRIVATE_ROOT/oversight`` and are served only through
permission-checked views (never by URL)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Reads ``PRIVATE_ROOT`` on every use (not once at import), so that settings overrides in
    tests and deployments apply."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_ROOT / "oversight")

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    """A callable storage, so that migrations do not capture the path."""
    return PrivateStorage()
