"""Reading what a petition keeps confidential — its sender and the files that identify them —
with ``core.pii``'s reveal-with-reason (every read logged), and re-encrypting it all after a key
rotation (registered with ``core.pii.register_rotation``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii
from ykien.core.permissions import Actor
from ykien.core.pii import SenderIdentity
from ykien.petitions import files
from ykien.petitions.models import Attachment, Petition


@sensitive_variables()
def sender_reveal(
    *, actor: Actor, petition: Petition, reason: str, ip: str | None = None
) -> SenderIdentity:
    """Decrypt the sender of ``petition`` for ``actor``, who must pass the reveal rule
    (``petitions.reveal_identity``) and give a reason; the read is logged. Raises
    ``PermissionDenied`` or ``ValidationFailed`` (no reason)."""
    return pii.sender_reveal(
        actor=actor,
        permission="petitions.reveal_identity",
        obj=petition,
        ciphertext=petition.identity_ciphertext,
        reason=reason,
        unit=petition.unit,
        ip=ip,
        denied=_(
            "Chỉ cán bộ được giao xử lý và lãnh đạo trực tiếp của cán bộ đó được xem danh tính người tố cáo."
        )
        if "denunciation" in (petition.kind, petition.submitted_kind)
        else _("Bạn không có quyền xem thông tin người gửi."),
    )


@sensitive_variables()
def attachment_read(
    *, actor: Actor, attachment: Attachment, reason: str = "", ip: str | None = None
) -> tuple[str, bytes]:
    """The decrypted file and its original name. Files that identify the sender follow the
    reveal rule and need a reason; other files need the right to see the petition. Every read
    is logged."""
    petition = attachment.petition

    def read() -> tuple[str, bytes]:
        name = pii.decrypt_bytes(attachment.name_ciphertext.encode()).decode()
        return name, files.read(attachment.path)

    return pii.confidential_read(
        actor=actor,
        permission="petitions.reveal_identity"
        if attachment.is_identity
        else "petitions.view_petition",
        obj=petition,
        fields=[f"attachment:{attachment.pk}"],
        reason=reason if attachment.is_identity else (reason or _("Xem tệp đính kèm của đơn")),
        read=read,
        unit=petition.unit,
        ip=ip,
        denied=_("Bạn không có quyền xem tệp này."),
    )


@sensitive_variables()
def identities_rotate() -> int:
    """Re-encrypt every petition's sender with the primary key and recompute the sender hashes
    (they are keyed by the primary key). Returns how many."""
    count = 0
    for pk in (
        Petition.objects.exclude(identity_ciphertext="").values_list("pk", flat=True).iterator()
    ):
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=pk)
            identity = pii.decrypt_identity(petition.identity_ciphertext)
            petition.identity_ciphertext = pii.encrypt_identity(identity)
            petition.sender_hash = pii.sender_hash(identity)
            petition.save(update_fields=["identity_ciphertext", "sender_hash"])
            del identity
        count += 1
    return count


@sensitive_variables()
def attachments_rotate() -> int:
    """Re-encrypt every attachment (its original name and the file) with the primary key."""
    count = 0
    for attachment in Attachment.objects.all().iterator():
        with transaction.atomic():
            attachment.name_ciphertext = pii.rotate_bytes(
                attachment.name_ciphertext.encode()
            ).decode()
            files.rotate(attachment.path)
            attachment.save(update_fields=["name_ciphertext"])
        count += 1
    return count
