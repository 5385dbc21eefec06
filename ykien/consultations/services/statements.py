"""Statements to vote on and the votes: a participant proposes a statement (an officer's goes to
the vote at once), an officer puts it to the vote or withdraws it (``lifecycle.STATEMENT``),
participants agree, disagree or pass."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.lifecycle import STATEMENT
from ykien.consultations.models import Draft, Statement, StatementStatus, Vote
from ykien.consultations.permissions import MANAGE
from ykien.consultations.services.common import clean_text, typed_text
from ykien.consultations.services.intake import Participant, open_for_participation
from ykien.core.audit import audit_record
from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.permissions import Actor, allows

#: ``statement_moderate``'s ``to`` (the status wanted) → the lifecycle's action.
MODERATE_ACTIONS: dict[str, str] = {
    StatementStatus.ACTIVE: "approve",
    StatementStatus.REJECTED: "withdraw",
}


@transaction.atomic
def statement_propose(*, draft: Draft, participant: Participant, text: str) -> Statement:
    """Propose a short statement to vote on. An officer's is open to votes at once; a
    participant's waits for an officer's approval."""
    open_for_participation(draft)
    text = clean_text(text, field="text", label=_("Nhận định"), required=True, limit=300)
    by_officer = participant.user is not None and allows(participant.user, MANAGE, draft)
    statement = Statement.objects.create(
        draft=draft,
        text=text,
        author=participant.user,
        participant=participant.key,
        by_officer=by_officer,
        status=StatementStatus.ACTIVE if by_officer else StatementStatus.PENDING,
    )
    audit_record(
        actor=participant.user,
        action=AuditAction.STATEMENT_PROPOSE,
        obj=statement,
        unit=draft.unit,
        after={"status": statement.status},
    )
    return statement


@transaction.atomic
def statement_moderate(
    *, actor: Actor, statement: Statement, to: str, reason: str = ""
) -> Statement:
    """Put a statement to the vote (``to`` active), or withdraw it (``to`` rejected; a reason of
    at least 5 characters is required)."""
    action = MODERATE_ACTIONS.get(to)
    if action is None:
        raise InvalidTransition(_("Không thể chuyển nhận định sang trạng thái này."))
    reason = typed_text(reason, field="reason", label=_("Lý do"))

    def apply(locked: Statement) -> None:
        if action == "withdraw" and len(reason) < 5:
            raise ValidationFailed(_("Phải nêu lý do (ít nhất 5 ký tự)."), field="reason")
        locked.moderation_reason = reason[:300]

    transition(STATEMENT, actor=actor, obj=statement, action=action, apply=apply, reason=reason)
    return statement


def vote_cast(*, statement_id: int, participant: Participant, value: int) -> Vote:
    """Agree (1), disagree (-1) or pass (0) on an active statement of an open draft; a new vote
    replaces the participant's earlier one. Raises ``InvalidTransition`` on a closed draft."""
    if value not in (-1, 0, 1):
        raise ValidationFailed(_("Biểu quyết không hợp lệ."), field="value")
    statement = Statement.objects.select_related("draft").filter(pk=statement_id).first()
    if statement is None:
        raise NotFound(_("Không tìm thấy nhận định."))
    open_for_participation(statement.draft)
    if statement.status != StatementStatus.ACTIVE:
        raise InvalidTransition(
            _("Nhận định này không được đưa ra biểu quyết."), code=ErrorCode.STATEMENT_INACTIVE
        )
    with transaction.atomic():
        vote, _created = Vote.objects.update_or_create(
            statement=statement,
            participant=participant.key,
            defaults={"value": value, "draft_id": statement.draft_id},
        )
    return vote
