"""The lifecycle of a reception session, declared once. An action is named after the state it
leads to (``reception.session.held`` …). No legal period starts here: the petitions created from
the log carry their own deadlines (petitions domain).

    scheduled ──held──────▶ held
        │ ────delegated───▶ delegated   (a deputy received citizens in the head's place)
        │ ────missed──────▶ missed ──scheduled──▶ scheduled (an officer's mistake, with a reason)
        └─────cancelled───▶ cancelled ──scheduled──▶ scheduled
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.errors import DomainError, InvalidTransition, ValidationFailed
from ykien.core.lifecycle import Edge, Lifecycle
from ykien.core.permissions import Actor
from ykien.core.selectors import today
from ykien.reception.codes import ErrorCode
from ykien.reception.models import Session, SessionStatus

S = SessionStatus
MANAGE = "reception.manage"

SESSION = Lifecycle(
    name="reception.session",
    model=Session,
    states=S,
    audit_exclude=("search_text",),
    edges=(
        Edge.to(S.HELD, {S.SCHEDULED}, MANAGE, _("Ghi nhận đã tiếp")),
        Edge.to(S.DELEGATED, {S.SCHEDULED}, MANAGE, _("Ủy quyền cấp phó tiếp")),
        Edge.to(S.MISSED, {S.SCHEDULED}, MANAGE, _("Ghi nhận không tiếp")),
        Edge.to(S.CANCELLED, {S.SCHEDULED}, MANAGE, pgettext_lazy("thao tác", "Hủy lịch")),
        Edge.to(S.SCHEDULED, {S.CANCELLED, S.MISSED}, MANAGE, _("Khôi phục lịch")),
    ),
    unit=lambda session: session.head.unit,
    related=("head", "head__unit"),
)

# Outcomes recorded only from the session's day on (a coming session cannot have been held).
OUTCOMES = frozenset({S.HELD.value, S.DELEGATED.value, S.MISSED.value})


def session_refusal(
    action: str, session: Session, day: dt.date, *, reason: str = ""
) -> DomainError | None:
    """Why ``action`` cannot be taken on ``session`` on ``day``, beyond its state (or None): an
    outcome before the session's day; putting back on the calendar a session recorded as missed
    (an officer's mistake) without saying why."""
    if action in OUTCOMES and day < session.day:
        return InvalidTransition(
            _(
                "Chưa đến ngày của buổi tiếp (%(day)s): chỉ ghi nhận đã tiếp, ủy quyền hoặc không "
                "tiếp từ ngày đó."
            )
            % {"day": session.day.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_YET,
        )
    if action == S.SCHEDULED and session.status == S.MISSED and not reason:
        return ValidationFailed(
            _("Xin ghi lý do sửa lại buổi tiếp đã ghi nhận không tiếp."),
            code=ErrorCode.REASON_MISSING,
            field="note",
        )
    return None


def session_actions(actor: Actor, session: Session, day: dt.date | None = None) -> list[Edge]:
    """The edges ``actor`` may take on ``session`` on ``day`` (a reason is asked on the form)."""
    day = day or today()
    return [
        edge
        for edge in SESSION.actions(actor, session)
        if session_refusal(edge.action, session, day, reason="-") is None
    ]


LIFECYCLES = (SESSION,)
