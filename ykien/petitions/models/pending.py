"""Files chosen on the public form that came back with an error, kept so the sender never has
to choose them again (``services.pending``)."""

from __future__ import annotations

from django.db import models


class PendingUpload(models.Model):
    """A checked file (``files.check_upload``) waiting for its form to be sent: encrypted under
    ``settings.PRIVATE_ROOT`` like an attachment, its name encrypted, tied to the form's token
    (kept as its SHA-256; the token itself lives only in the sender's session and the form).
    Removed when the petition is sent, when the sender removes it, or once it expires."""

    token_digest = models.CharField(max_length=64, db_index=True, editable=False)
    path = models.CharField(max_length=255, editable=False)
    name_ciphertext = models.TextField(editable=False)
    file_type = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"PendingUpload({self.file_type}, {self.size} B)"

    __repr__ = __str__
