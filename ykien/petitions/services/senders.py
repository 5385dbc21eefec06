"""A citizen's own petitions: attaching one to their account with its tracking code and the
e-mail given when it was sent, and taking them off the account when the account is deleted.

Neither is a step of the petition (its state does not change and its handling does not see it):
they are plain services, audited as the system's so that the audit log — read by the unit's
leaders — never ties a petition, above all a denunciation, to a person's account
(Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii
from ykien.core.audit import audit_record
from ykien.core.errors import NotFound, ValidationFailed
from ykien.core.models import User
from ykien.petitions.codes import AuditAction, ErrorCode
from ykien.petitions.models import Kind, Petition, Status
from ykien.petitions.selectors import petition_by_code

# Stored as is in the audit log (Vietnamese, the record's language).
ATTACH_REASON = "Đối chiếu thư điện tử người gửi khi gắn đơn vào tài khoản của người gửi"


def _no_match() -> ValidationFailed:
    # One message whatever was wrong (unknown code, another e-mail, no e-mail, attached to
    # another account): nothing tells a guesser which half of the pair was right.
    return ValidationFailed(
        _(
            "Mã tra cứu và địa chỉ thư điện tử không khớp với đơn nào gửi kèm thư điện tử. "
            "Xin kiểm tra lại biên nhận."
        ),
        code=ErrorCode.NO_MATCH,
        field="code",
    )


def _same_email(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


@sensitive_variables("email", "identity")
def petition_attach(*, user: User, code: str, email: str) -> Petition:
    """Attach the petition with tracking code ``code`` to ``user``'s account when ``email`` is
    the e-mail its sender gave (case aside). The stored identity is decrypted for the comparison
    only, logged as a read by the system; nothing of it is returned. An anonymous petition, a
    petition whose sender gave no e-mail (a denunciation included) or one already attached to
    another account is never attached. Attaching again to the same account changes nothing.
    Raises ``ValidationFailed`` (code ``no_match``, one message whatever was wrong)."""
    if not user.is_authenticated or not user.is_active:
        raise _no_match()
    try:
        found = petition_by_code(code=code)
    except NotFound:
        raise _no_match() from None
    with transaction.atomic():
        petition = Petition.objects.select_for_update().select_related("unit").get(pk=found.pk)
        if petition.is_anonymous or not petition.identity_ciphertext:
            raise _no_match()
        if petition.sender_account_id not in (None, user.pk):
            raise _no_match()
        identity = pii.system_sender_read(
            obj=petition,
            ciphertext=petition.identity_ciphertext,
            fields=["email"],
            reason=ATTACH_REASON,
            unit=petition.unit,
        )
        if not _same_email(identity.email, email):
            del identity
            raise _no_match()
        del identity
        if petition.sender_account_id == user.pk:
            return petition
        petition.sender_account = user
        petition.save(update_fields=["sender_account", "updated_at"])
        # No person and no account in the record: the log says a petition was attached, not by
        # whom (its readers must not learn who sent a denunciation).
        audit_record(actor=None, action=AuditAction.ATTACH, obj=petition, unit=petition.unit)
    return petition


@transaction.atomic
def sender_account_erase(*, user: User) -> int:
    """Take ``user``'s petitions off the account (it is being deleted); returns how many.

    The petitions stay, with their handling and every figure. The identity the sender gave with
    a petition is the handling file's (the unit must keep a complaint's or a denunciation's file
    and answer the sender), so it stays encrypted — except on a report or request whose handling
    is over (answered, refused or merged), whose encrypted identity and sender hash are erased:
    nothing is left to answer. ``is_anonymous`` is kept, so the statistics do not move."""
    petitions = list(Petition.objects.select_for_update().filter(sender_account=user))
    done = (Status.ANSWERED, Status.REFUSED, Status.MERGED)
    for petition in petitions:
        fields = ["sender_account", "updated_at"]
        petition.sender_account = None
        over = petition.kind in (Kind.REPORT, Kind.REQUEST) and petition.status in done
        if over and petition.submitted_kind != Kind.DENUNCIATION:
            petition.identity_ciphertext = ""
            petition.sender_hash = ""
            fields += ["identity_ciphertext", "sender_hash"]
        petition.save(update_fields=fields)
        audit_record(actor=None, action=AuditAction.DETACH, obj=petition, unit=petition.unit)
    return len(petitions)
