"""The lifecycles of direct dialogues, declared once for ``core.lifecycle``: the dialogue, a
question and a commitment. Services move them with ``transition``; views ask ``*_actions``.

A few steps depend on the record's data besides its state (an answer is recorded once the
dialogue has been held; only an overdue commitment is escalated, and only when there is a front
committee above). Each such condition is written here once, as a refusal (``*_refusal``): the
services raise it and ``*_actions`` leave out what it refuses."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.core.errors import DomainError, InvalidTransition, ValidationFailed
from ykien.core.lifecycle import Edge, Lifecycle, Step
from ykien.core.permissions import Actor, person
from ykien.core.selectors import today as core_today
from ykien.dialogue.codes import ErrorCode
from ykien.dialogue.models import (
    Commitment,
    CommitmentEvent,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    Question,
    QuestionStatus,
)
from ykien.dialogue.selectors import escalation_target

MANAGE = "dialogue.manage"
D = DialogueStatus

DIALOGUE = Lifecycle(
    name="dialogue.dialogue",
    model=Dialogue,
    states=DialogueStatus,
    related=("unit", "head_unit"),
    audit_exclude=("search_text",),
    edges=(
        Edge("announce", {D.PLANNED}, D.ANNOUNCED, MANAGE, gettext_lazy("Thông báo công khai")),
        Edge(
            "open_questions",
            {D.ANNOUNCED},
            D.OPEN,
            MANAGE,
            gettext_lazy("Mở nhận câu hỏi gửi trước"),
        ),
        Edge(
            "hold",
            {D.ANNOUNCED, D.OPEN},
            D.HELD,
            MANAGE,
            gettext_lazy("Ghi nhận đã tổ chức đối thoại"),
        ),
        Edge(
            "issue_minutes",
            {D.HELD},
            D.MINUTES,
            "dialogue.issue_minutes",
            gettext_lazy("Ban hành biên bản đối thoại"),
        ),
        Edge("close", {D.MINUTES}, D.CLOSED, MANAGE, gettext_lazy("Kết thúc cuộc đối thoại")),
        Edge(
            "cancel",
            {D.PLANNED, D.ANNOUNCED, D.OPEN},
            D.CANCELLED,
            MANAGE,
            gettext_lazy("Hủy cuộc đối thoại"),
        ),
    ),
)


def dialogue_refusal(action: str, dialogue: Dialogue, day: dt.date) -> DomainError | None:
    """Why ``action`` cannot be taken on ``dialogue`` on ``day``, beyond its status (or None):
    a dialogue is recorded as held only from its date on (its minutes are dated after it)."""
    if action == "hold" and day < dialogue.held_on:
        return InvalidTransition(
            _("Chưa đến ngày đối thoại (%(day)s): chỉ ghi nhận đã tổ chức đối thoại từ ngày đó.")
            % {"day": dialogue.held_on.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_YET,
        )
    return None


def dialogue_actions(actor: Actor, dialogue: Dialogue, day: dt.date | None = None) -> list[Edge]:
    day = day or core_today()
    return [
        edge
        for edge in DIALOGUE.actions(actor, dialogue)
        if dialogue_refusal(edge.action, dialogue, day) is None
    ]


Q = QuestionStatus
# The dialogue's status in which the session's record (questions raised on the spot, the head's
# answers, new commitments) is written: once the minutes are issued that record is an issued
# official document (its number, its PDF and DOCX), and nothing is added to it.
ANSWERS_OPEN = frozenset({D.HELD.value})
ISSUED = frozenset({D.MINUTES.value, D.CLOSED.value})

#: What each part of the session's record is called in the refusal before the session is held.
_NOT_HELD = {
    "question": gettext_lazy("Chỉ ghi câu hỏi tại buổi đối thoại khi đã tổ chức đối thoại."),
    "answer": gettext_lazy("Chỉ ghi nội dung trả lời khi đã tổ chức đối thoại."),
    "commitment": gettext_lazy("Chỉ ghi cam kết khi đã tổ chức đối thoại."),
}


def record_refusal(what: str, dialogue: Dialogue) -> DomainError | None:
    """Why the session's record of ``dialogue`` cannot take ``what`` now (or None): a question
    raised on the spot, an answer and a commitment are written once the dialogue is held and
    until its minutes are issued. The one rule the services raise and the officer's page asks
    (``may_record``, ``question_actions``). Hiding a question (``hide``) is refused only once the
    minutes are issued: a question hidden then would drop out of the issued minutes."""
    if dialogue.status in ISSUED:
        return InvalidTransition(
            _(
                "Biên bản đối thoại đã ban hành: không ghi thêm câu hỏi, nội dung trả lời "
                "hay cam kết vào biên bản đã ban hành."
            ),
            code=ErrorCode.MINUTES_ISSUED,
        )
    if what != "hide" and dialogue.status not in ANSWERS_OPEN:
        return InvalidTransition(str(_NOT_HELD[what]), code=ErrorCode.NOT_HELD)
    return None


def may_record(dialogue: Dialogue) -> bool:
    """Whether the officer's page offers the forms of the session's record."""
    return record_refusal("question", dialogue) is None


QUESTION = Lifecycle(
    name="dialogue.question",
    model=Question,
    states=QuestionStatus,
    related=("dialogue", "dialogue__unit"),
    unit=lambda question: question.dialogue.unit,
    edges=(
        Edge("answer", {Q.RECEIVED}, Q.ANSWERED, MANAGE, gettext_lazy("Ghi nội dung trả lời")),
        Edge("hide", {Q.RECEIVED}, Q.HIDDEN, MANAGE, gettext_lazy("Không đưa ra đối thoại")),
    ),
)


def question_refusal(action: str, question: Question) -> DomainError | None:
    """Why ``action`` cannot be taken on ``question`` beyond its status (``record_refusal``)."""
    if action in {"answer", "hide"}:
        return record_refusal(action, question.dialogue)
    return None


def question_actions(actor: Actor, question: Question) -> list[Edge]:
    return [
        edge
        for edge in QUESTION.actions(actor, question)
        if question_refusal(edge.action, question) is None
    ]


C = CommitmentStatus


def write_commitment_event(step: Step) -> None:
    """The public history of a commitment: one row per move of its status."""
    if step.edge.target is None:
        return
    CommitmentEvent.objects.create(
        commitment=step.obj,
        on=dt.date.fromisoformat(step.data["on"]),
        actor=person(step.actor),
        from_status=step.before,
        to_status=step.after,
    )


COMMITMENT = Lifecycle(
    name="dialogue.commitment",
    model=Commitment,
    states=CommitmentStatus,
    related=("dialogue", "dialogue__unit", "addressee", "escalated_to"),
    unit=lambda commitment: commitment.dialogue.unit,
    history=write_commitment_event,
    edges=(
        Edge(
            "keep",
            {C.OPEN, C.ESCALATED},
            C.KEPT,
            "dialogue.answer_commitment",
            gettext_lazy("Báo cáo đã thực hiện cam kết"),
        ),
        Edge(
            "not_keep",
            {C.OPEN, C.ESCALATED},
            C.NOT_KEPT,
            "dialogue.answer_commitment",
            gettext_lazy("Báo cáo không thực hiện cam kết"),
        ),
        Edge(
            "escalate",
            {C.OPEN},
            C.ESCALATED,
            "dialogue.follow_up",
            gettext_lazy("Chuyển cấp trên đôn đốc cam kết quá hạn"),
        ),
        Edge(
            "close",
            {C.KEPT, C.NOT_KEPT},
            C.CLOSED,
            "dialogue.follow_up",
            gettext_lazy("Kết thúc theo dõi cam kết"),
        ),
    ),
)


def commitment_refusal(action: str, commitment: Commitment, day: dt.date) -> DomainError | None:
    """Why ``action`` cannot be taken on ``commitment`` on ``day``, beyond its status (or None)."""
    if action in {"keep", "not_keep"} and day < commitment.dialogue.held_on:
        return InvalidTransition(
            _("Chưa đến ngày đối thoại (%(day)s): chưa thể báo cáo kết quả thực hiện cam kết.")
            % {"day": commitment.dialogue.held_on.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_YET,
        )
    if action == "escalate":
        if not commitment.is_overdue(day):
            return InvalidTransition(
                _("Chỉ chuyển cấp trên khi cam kết đã quá hạn mà chưa được thực hiện."),
                code=ErrorCode.NOT_OVERDUE,
            )
        if escalation_target(commitment) is None:
            return ValidationFailed(
                _("Không có Ủy ban MTTQ cấp trên để chuyển."), code=ErrorCode.NO_SUPERIOR
            )
    return None


def commitment_actions(
    actor: Actor, commitment: Commitment, day: dt.date | None = None
) -> list[Edge]:
    day = day or core_today()
    return [
        edge
        for edge in COMMITMENT.actions(actor, commitment)
        if commitment_refusal(edge.action, commitment, day) is None
    ]


LIFECYCLES = (DIALOGUE, QUESTION, COMMITMENT)
