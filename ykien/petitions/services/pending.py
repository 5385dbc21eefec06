"""Files of the public form kept while the sender corrects it: when the form comes back with an
error, every file that passed the checks (``files.check_upload``, as for any attachment) is
stored encrypted, tied to the form's token, and attached when the form is finally sent — the
sender never chooses it again. A kept file is removed when the petition is sent, when the
sender removes it, or after ``PENDING_TTL`` (``pending_purge``: on every keep, and by
``ykien petitions purge-uploads`` / the task ``petitions.tasks.purge_pending_uploads``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core import pii
from ykien.core.errors import ValidationFailed
from ykien.petitions import files
from ykien.petitions.codes import ErrorCode
from ykien.petitions.models import PendingUpload

#: How long a kept file waits for its form (a technical limit, not a legal period).
PENDING_TTL = dt.timedelta(hours=2)
#: A form token: 32 URL-safe characters (192 bits).
TOKEN_LENGTH = 32


@dataclass(frozen=True)
class PendingFile:
    """What the form shows of a kept file. ``repr`` omits the name (it may name the sender)."""

    id: int
    name: str
    file_type: str
    size: int

    def __repr__(self) -> str:
        return f"PendingFile({self.id}, {self.file_type}, {self.size} B)"


def pending_token_new() -> str:
    """A new form token (the view keeps it in the sender's session and in the form)."""
    return secrets.token_urlsafe(24)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _live(token: str) -> Iterable[PendingUpload]:
    return PendingUpload.objects.filter(token_digest=_digest(token), expires_at__gt=timezone.now())


def pending_files(*, token: str) -> list[PendingFile]:
    """The files kept for ``token`` and not expired, oldest first, names decrypted."""
    out = []
    for row in _live(token):
        try:
            name = pii.decrypt_bytes(row.name_ciphertext.encode()).decode()
        except ImproperlyConfigured:  # its key was dropped since: the file cannot be read either
            name = ""
        out.append(PendingFile(row.pk, name, row.file_type, row.size))
    return out


def _remove_files(paths: list[str]) -> None:
    def remove() -> None:
        for rel in paths:
            files.remove(rel)

    transaction.on_commit(remove)


@transaction.atomic
def pending_keep(*, token: str, uploads: Sequence[files.Upload]) -> list[PendingUpload]:
    """Keep checked ``uploads`` for ``token`` (encrypted files, encrypted names) until
    ``PENDING_TTL`` from now; expired files of every form are removed first."""
    pending_purge()
    expires = timezone.now() + PENDING_TTL
    kept: list[PendingUpload] = []
    written: list[str] = []
    try:
        for upload in uploads:
            rel, _sha = files.store(upload)
            written.append(rel)
            kept.append(
                PendingUpload.objects.create(
                    token_digest=_digest(token),
                    path=rel,
                    name_ciphertext=pii.encrypt_bytes(upload.name.encode()).decode(),
                    file_type=upload.file_type,
                    size=len(upload.data),
                    expires_at=expires,
                )
            )
    except BaseException:
        for rel in written:  # the rows roll back: no file without its row
            files.remove(rel)
        raise
    return kept


@transaction.atomic
def pending_remove(*, token: str, ids: Iterable[int]) -> int:
    """Remove the files ``ids`` kept for ``token`` (others' ids are ignored); how many."""
    rows = list(PendingUpload.objects.filter(token_digest=_digest(token), pk__in=list(ids)))
    PendingUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    _remove_files([r.path for r in rows])
    return len(rows)


def pending_take(*, token: str) -> list[files.Upload]:
    """The files kept for ``token``, read back as uploads to attach (they stay kept until
    :func:`pending_discard`). A file that can no longer be read (its key was dropped) is
    removed and ``ValidationFailed`` asks the sender to choose it again."""
    uploads = []
    for row in _live(token):
        try:
            name = pii.decrypt_bytes(row.name_ciphertext.encode()).decode()
            data = files.read(row.path)
        except (ImproperlyConfigured, OSError):
            pending_remove(token=token, ids=[row.pk])
            raise ValidationFailed(
                _("Một tệp đã tải lên không còn đọc được; xin chọn lại tệp đó."),
                code=ErrorCode.PENDING_LOST,
                field="attachments",
            ) from None
        uploads.append(files.Upload(name=name, data=data, file_type=row.file_type))
    return uploads


@transaction.atomic
def pending_discard(*, token: str) -> int:
    """Remove every file kept for ``token`` (the petition was sent with them)."""
    rows = list(PendingUpload.objects.filter(token_digest=_digest(token)))
    PendingUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    _remove_files([r.path for r in rows])
    return len(rows)


@transaction.atomic
def pending_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the kept files that expired (rows, then their files once committed); how many."""
    rows = list(PendingUpload.objects.filter(expires_at__lte=now or timezone.now()))
    PendingUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    _remove_files([r.path for r in rows])
    return len(rows)
