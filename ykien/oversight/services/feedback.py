"""Regulation 124 (Quy định 124-QĐ/TW 2018): a citizen's feedback on the ethics and lifestyle of
the holder of a position, routed to the competent front committee, assigned and reviewed
(``lifecycle.FEEDBACK``); the sender is protected as a denouncer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii, tracking
from ykien.core.audit import audit_change, audit_record
from ykien.core.calendar import deadline
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Role, Unit, User
from ykien.core.permissions import Actor, require
from ykien.core.pii import SenderIdentity
from ykien.core.selectors import user_has_role_at
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.lifecycle import (
    FEEDBACK,
    FEEDBACK_ACTION_BY_TARGET,
    FEEDBACK_SNAPSHOT_EXCLUDE,
)
from ykien.oversight.models import ConductFeedback, OfficialPosition
from ykien.oversight.permissions import can_reveal_feedback_sender
from ykien.oversight.selectors import nearest_front_above
from ykien.oversight.services._common import day_or_today, required_text
from ykien.petitions import validation as petition_validation

__all__ = [
    "FEEDBACK_SNAPSHOT_EXCLUDE",
    "TRACKING_PREFIX",
    "competent_front",
    "feedback_assign",
    "feedback_rotate_keys",
    "feedback_sender_reveal",
    "feedback_set_status",
    "feedback_submit",
]

# A Regulation 124 feedback's tracking code: ``PA124-`` and 8 characters of core.tracking's
# alphabet (codes issued before it, with an ``L``, stay valid).
TRACKING_PREFIX = "PA124-"
# The review's due date, fixed when the feedback is received (Regulation 124 sets no period).
REVIEW_RULE = "conduct_feedback.review"


def competent_front(position: OfficialPosition) -> Unit | None:
    """The front committee that receives feedback on the holder of ``position``: the nearest front
    committee above the position's unit (for a position in a front committee itself, the one a
    level up, so that no committee handles feedback on its own leaders)."""
    return nearest_front_above(position.unit)


@sensitive_variables("identity")
@transaction.atomic
def feedback_submit(
    *,
    position: OfficialPosition,
    content: str,
    identity: SenderIdentity,
    on: dt.date | None = None,
    ip: str | None = None,
) -> ConductFeedback:
    """Receive a citizen's feedback on the ethics and lifestyle of the holder of ``position``
    (Quy định 124-QĐ/TW): route it to the competent front committee and store the sender's
    identity encrypted (``core.pii``), protected as a denouncer's. Returns the
    feedback with its tracking code. Raises ``ValidationFailed`` (nothing stored)."""
    if not position.active:
        raise ValidationFailed(
            _("Chức danh này không còn sử dụng."), code=ErrorCode.INACTIVE, field="position"
        )
    content = required_text(content, field="content", what=_("Nội dung phản ánh"), min_length=20)
    # The same checks as a named denouncer's (name, address, a way to reach them).
    try:
        identity = petition_validation.check_sender(
            kind="denunciation", channel="web", anonymous=False, identity=identity
        )
    except ValidationFailed as exc:
        raise ValidationFailed(
            exc.message,
            code=ErrorCode.SENDER_REQUIRED,
            field={"name": "full_name"}.get(exc.field or "", exc.field),
        ) from exc
    front = competent_front(position)
    if front is None:
        raise ValidationFailed(
            _("Không xác định được Ủy ban MTTQ có thẩm quyền tiếp nhận."), code=ErrorCode.NO_FRONT
        )
    ciphertext, sender_hash = pii.confidential_sender_store(identity=identity)
    code = tracking.unique_code(
        lambda c: ConductFeedback.objects.filter(tracking_code=c).exists(),
        prefix=TRACKING_PREFIX,
        length=8,
    )
    received_on = day_or_today(on)
    feedback = ConductFeedback(
        position=position,
        front=front,
        content=content,
        received_on=received_on,
        review_due=deadline(REVIEW_RULE, received_on).due,
        sender_ciphertext=ciphertext,
        sender_hash=sender_hash,
        tracking_code=code,
    )
    feedback.search_text = feedback.fold_search_text()
    feedback.save(force_insert=True)
    audit_change(
        actor=None,
        action=AuditAction.FEEDBACK_SUBMIT,
        obj=feedback,
        unit=front,
        exclude=(*FEEDBACK_SNAPSHOT_EXCLUDE, "tracking_code"),
        ip=ip,
    )
    return feedback


def feedback_assign(*, actor: Actor, feedback: ConductFeedback, handler: User) -> ConductFeedback:
    """A leader of the front committee assigns the feedback to a handler there (the handler and
    the leaders over the handler are then the only ones who may see the sender)."""

    def apply(locked: ConductFeedback) -> None:
        if not user_has_role_at(user=handler, unit=locked.front, roles=[Role.HANDLER]):
            raise ValidationFailed(
                _("Người được giao phải là cán bộ xử lý đơn thư của %(unit)s.")
                % {"unit": locked.front.name},
                code=ErrorCode.NOT_HANDLER,
                field="handler",
            )
        locked.handler = handler

    return transition(FEEDBACK, actor=actor, obj=feedback, action="assign", apply=apply)


def feedback_set_status(
    *, actor: Actor, feedback: ConductFeedback, status: str, conclusion: str = ""
) -> ConductFeedback:
    """Move a feedback through received → reviewing → concluded / dismissed (the step that leads
    to ``status``); concluding or dismissing needs the result of the review."""
    require(actor, "oversight.handle_feedback", feedback)  # every status change needs it
    if status not in ConductFeedback.Status.values:
        raise ValidationFailed(_("Trạng thái không hợp lệ."), field="status")
    action = FEEDBACK_ACTION_BY_TARGET.get(status)
    if action is None or feedback.status not in FEEDBACK.edge(action).sources:
        raise InvalidTransition(
            _("Không thể chuyển phản ánh từ “%(from)s” sang “%(to)s”.")
            % {
                "from": ConductFeedback.Status(feedback.status).label,
                "to": ConductFeedback.Status(status).label,
            },
            field="status",
        )

    def apply(locked: ConductFeedback) -> None:
        if status in (ConductFeedback.Status.CONCLUDED, ConductFeedback.Status.DISMISSED):
            locked.conclusion = required_text(
                conclusion, field="conclusion", what=_("Kết quả xem xét")
            )

    return transition(FEEDBACK, actor=actor, obj=feedback, action=action, apply=apply)


@transaction.atomic
def feedback_sender_reveal(
    *, actor: User, feedback: ConductFeedback, reason: str, ip: str | None = None
) -> SenderIdentity:
    """Decrypt the sender for the assigned handler or a leader over that handler (the petitions
    app's reveal rule for a denouncer), with a reason; the read is logged."""
    if not can_reveal_feedback_sender(actor, feedback):
        raise PermissionDenied(
            _(
                "Chỉ cán bộ được giao xem xét và lãnh đạo trực tiếp của cán bộ đó được xem thông tin người phản ánh."
            )
        )
    return pii.sender_reveal(
        actor=actor,
        permission="oversight.reveal_feedback_sender",
        obj=feedback,
        ciphertext=feedback.sender_ciphertext,
        reason=reason,
        unit=feedback.front,
        ip=ip,
    )


def feedback_rotate_keys() -> int:
    """Re-encrypt every stored sender with the primary key (``core.pii``) and recompute the
    sender hashes; registered with ``core.pii.register_rotation``, so ``ykien pii rotate-keys``
    runs it."""
    count = 0
    for pk in (
        ConductFeedback.objects.exclude(sender_ciphertext="")
        .values_list("pk", flat=True)
        .iterator()
    ):
        with transaction.atomic():
            feedback = ConductFeedback.objects.select_for_update(of=("self",)).get(pk=pk)
            identity = pii.confidential_sender_read(ciphertext=feedback.sender_ciphertext)
            ciphertext, sender_hash = pii.confidential_sender_store(identity=identity)
            feedback.sender_ciphertext, feedback.sender_hash = ciphertext, sender_hash
            feedback.save(update_fields=["sender_ciphertext", "sender_hash"])
            del identity
        count += 1
    audit_record(actor=None, action=AuditAction.FEEDBACK_ROTATE_KEYS, after={"feedback": count})
    return count
