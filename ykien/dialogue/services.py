"""Every write of the dialogue app: plan and move a dialogue, take questions (sent ahead by a
citizen, or raised at the session), record the head's answers and commitments, follow the
commitments up (answer, escalation when overdue, close). State changes go through
``core.lifecycle.transition``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from ykien.analysis.topics import is_vietnamese
from ykien.core import search
from ykien.core.audit import audit_change
from ykien.core.calendar import WorkingCalendar
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit, UnitKind
from ykien.core.permissions import Actor, person, require
from ykien.core.pii import SenderIdentity, encrypt_identity
from ykien.core.selectors import today as core_today
from ykien.core.text import BIDI_CONTROLS_RE, clean_text, refuse_forbidden
from ykien.core.validation import check_email
from ykien.dialogue.codes import AuditAction, ErrorCode
from ykien.dialogue.lifecycle import (
    COMMITMENT,
    DIALOGUE,
    QUESTION,
    commitment_refusal,
    dialogue_refusal,
    question_refusal,
    record_refusal,
)
from ykien.dialogue.models import (
    QUESTION_SOFT_LIMIT,
    Commitment,
    Dialogue,
    DialogueStatus,
    Question,
    QuestionSource,
    QuestionStatus,
)
from ykien.dialogue.selectors import commitments_overdue, escalation_target, unanswered_numbers


def _day(on: dt.date | None) -> dt.date:
    return on or core_today()


#: What each typed field is called in a refusal ("Nội dung trả lời chứa ký tự không được phép …").
LABELS = {
    "head_name": _lazy("Người đứng đầu"),
    "head_title": _lazy("Chức vụ"),
    "topic": _lazy("Chủ đề đối thoại"),
    "place": _lazy("Địa điểm"),
    "invited_groups": _lazy("Thành phần mời"),
    "description": _lazy("Nội dung"),
    "number": _lazy("Số biên bản"),
    "summary": _lazy("Tóm tắt diễn biến buổi đối thoại"),
    "reason": _lazy("Lý do"),
    "question": _lazy("Câu hỏi"),
    "answer": _lazy("Nội dung trả lời"),
    "commitment": _lazy("Nội dung cam kết"),
    "report": _lazy("Nội dung báo cáo"),
}
#: The longest answer, commitment or report the head's office may record (a question sent ahead
#: is never cut nor refused for its length: it is flagged, ``QUESTION_SOFT_LIMIT``).
TEXT_LIMIT = 20000


def _text(
    value: str,
    field: str,
    message: str,
    *,
    label: str,
    limit: int = 0,
    required: bool = True,
) -> str:
    """``value`` in NFC and trimmed (``core.text.clean_text``); refused (``ValidationFailed`` on
    ``field``) when it holds a forbidden character — a control character, a non-character, or a
    bidirectional control (``BIDI_CONTROLS_RE``), as the reception forms refuse them — when it is
    longer than ``limit``, or, with ``message``, when empty but ``required``."""
    name = str(LABELS[label])
    refuse_forbidden(value, field=field, label=name, pattern=BIDI_CONTROLS_RE)
    text = clean_text(value, field=field, label=name, limit=limit)
    if required and not text:
        raise ValidationFailed(message, field=field)
    return text


def _folded(text: str) -> str:
    """``text`` with case and runs of spaces aside: how a repeated question or commitment is
    told from a new one."""
    return " ".join(text.casefold().split())


def _reindex(kind: str, key: str) -> None:
    transaction.on_commit(lambda: search.notify_changed(kind, key))


# --------------------------------------------------------------------------- dialogues


@transaction.atomic
def dialogue_create(
    *,
    actor: Actor,
    unit: Unit,
    head_unit: Unit,
    head_name: str,
    head_title: str,
    topic: str,
    held_on: dt.date,
    place: str,
    invited_groups: str = "",
    description: str = "",
) -> Dialogue:
    """Plan a dialogue organised by the front committee ``unit`` between the head of
    ``head_unit`` and the People (status planned). Raises ``PermissionDenied``,
    ``ValidationFailed``."""
    require(actor, "dialogue.manage", Dialogue(unit=unit))
    if unit.kind != UnitKind.FRONT:
        raise ValidationFailed(
            _("Cuộc đối thoại do Ủy ban MTTQ tổ chức."), code=ErrorCode.NOT_FRONT, field="unit"
        )
    dialogue = Dialogue.objects.create(
        unit=unit,
        head_unit=head_unit,
        head_name=_text(
            head_name, "head_name", _("Nhập tên người đứng đầu."), label="head_name", limit=150
        ),
        head_title=_text(
            head_title,
            "head_title",
            _("Nhập chức vụ của người đứng đầu."),
            label="head_title",
            limit=200,
        ),
        topic=_text(topic, "topic", _("Nhập chủ đề đối thoại."), label="topic", limit=300),
        held_on=held_on,
        place=_text(place, "place", _("Nhập địa điểm đối thoại."), label="place", limit=300),
        invited_groups=_text(
            invited_groups, "invited_groups", "", label="invited_groups", required=False
        ),
        description=_text(description, "description", "", label="description", required=False),
        created_by=person(actor),
    )
    dialogue.search_text = dialogue.folded()
    dialogue.save(update_fields=["search_text"])
    audit_change(
        actor=person(actor),
        action=AuditAction.DIALOGUE_CREATE,
        obj=dialogue,
        unit=unit,
        exclude=("search_text",),
    )
    return dialogue


def dialogue_move(
    *,
    actor: Actor,
    dialogue: Dialogue,
    action: str,
    apply: Callable[[Dialogue], None] | None = None,
    reason: str = "",
) -> Dialogue:
    """Take ``action`` on ``dialogue`` (``DIALOGUE``'s edges); public steps re-index search."""
    moved = transition(
        DIALOGUE, actor=actor, obj=dialogue, action=action, apply=apply, reason=reason
    )
    _reindex("dialogue", moved.code)
    return moved


def dialogue_announce(*, actor: Actor, dialogue: Dialogue, on: dt.date | None = None) -> Dialogue:
    """Publish the dialogue's announcement (planned → announced)."""
    day = _day(on)

    def apply(locked: Dialogue) -> None:
        locked.announced_on = day

    return dialogue_move(actor=actor, dialogue=dialogue, action="announce", apply=apply)


def dialogue_open_questions(*, actor: Actor, dialogue: Dialogue) -> Dialogue:
    """Open the dialogue for questions sent ahead (announced → open)."""
    return dialogue_move(actor=actor, dialogue=dialogue, action="open_questions")


def dialogue_hold(*, actor: Actor, dialogue: Dialogue) -> Dialogue:
    """Record that the session took place (questions are no longer taken from the public); not
    before the dialogue's date (``dialogue_refusal``)."""

    def apply(locked: Dialogue) -> None:
        refused = dialogue_refusal("hold", locked, core_today())
        if refused is not None:
            raise refused

    return dialogue_move(actor=actor, dialogue=dialogue, action="hold", apply=apply)


def dialogue_issue_minutes(
    *, actor: Actor, dialogue: Dialogue, number: str, summary: str, on: dt.date | None = None
) -> Dialogue:
    """Issue the minutes (biên bản, Decree 30/2020 layout): their number and the summary of the
    session; the questions, answers and commitments recorded are printed with them."""
    text = _text(summary, "summary", _("Nhập tóm tắt diễn biến buổi đối thoại."), label="summary")
    numbered = _text(number, "number", "", label="number", limit=60, required=False)
    day = _day(on)

    def apply(locked: Dialogue) -> None:
        if day < locked.held_on:
            raise ValidationFailed(
                _("Ngày ban hành biên bản không thể trước ngày đối thoại."), field="on"
            )
        waiting = unanswered_numbers(locked)
        if waiting:
            raise ValidationFailed(
                ngettext(
                    "Câu hỏi số %(numbers)s chưa được trả lời. Ghi nội dung trả lời (có thể là "
                    "hẹn trả lời bằng văn bản và thời hạn) hoặc ghi lý do không đưa ra đối thoại "
                    "trước khi ban hành biên bản: biên bản đã ban hành không ghi thêm được.",
                    "Các câu hỏi số %(numbers)s chưa được trả lời. Ghi nội dung trả lời (có thể "
                    "là hẹn trả lời bằng văn bản và thời hạn) hoặc ghi lý do không đưa ra đối "
                    "thoại trước khi ban hành biên bản: biên bản đã ban hành không ghi thêm được.",
                    len(waiting),
                )
                % {"numbers": ", ".join(str(n) for n in waiting)},
                code=ErrorCode.UNANSWERED,
            )
        locked.minutes_number = numbered
        locked.minutes_summary = text
        locked.minutes_issued_on = day

    return dialogue_move(actor=actor, dialogue=dialogue, action="issue_minutes", apply=apply)


def dialogue_close(*, actor: Actor, dialogue: Dialogue) -> Dialogue:
    return dialogue_move(actor=actor, dialogue=dialogue, action="close")


def dialogue_cancel(*, actor: Actor, dialogue: Dialogue, reason: str) -> Dialogue:
    text = _text(reason, "reason", _("Nhập lý do hủy."), label="reason", limit=500)
    return dialogue_move(actor=actor, dialogue=dialogue, action="cancel", reason=text)


# --------------------------------------------------------------------------- questions


def question_flags(text: str) -> dict[str, bool]:
    """How a question is flagged for the officer (it is kept whole either way): longer than
    ``QUESTION_SOFT_LIMIT`` characters, or not written in Vietnamese."""
    return {"too_long": len(text) > QUESTION_SOFT_LIMIT, "not_vietnamese": not is_vietnamese(text)}


@transaction.atomic
def question_submit(
    *, dialogue: Dialogue, text: str, asker: Actor = None, email: str = "", ip: str | None = None
) -> Question:
    """A citizen's question sent ahead of an open dialogue, signed in (``asker``, who then hears
    of its answer and of the commitments made on it) or anonymous (an optional ``email`` to be
    told, stored encrypted). A long or non-Vietnamese question is accepted and flagged. The same
    question (case and spaces aside) sent again by the same signed-in citizen to the same dialogue
    is refused (an anonymous one cannot be told apart from another person's). Raises
    ``InvalidTransition`` when the dialogue takes no questions, ``ValidationFailed``."""
    body = _text(text, "text", _("Nhập câu hỏi."), label="question")
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.status != DialogueStatus.OPEN:
        raise InvalidTransition(
            _("Cuộc đối thoại này hiện không nhận câu hỏi."), code=ErrorCode.NOT_OPEN
        )
    account = person(asker)
    address = "" if account is not None else (email or "").strip()
    if address:
        address = check_email(address)
    folded = _folded(body)
    earlier = Question.objects.filter(
        dialogue=dialogue, source=QuestionSource.ADVANCE, asker=account
    ).values_list("text", flat=True)
    if account is not None and any(_folded(t) == folded for t in earlier):
        raise ValidationFailed(
            _("Bạn đã gửi câu hỏi này."), code=ErrorCode.DUPLICATE_QUESTION, field="text"
        )
    question = Question.objects.create(
        dialogue=dialogue,
        text=body,
        source=QuestionSource.ADVANCE,
        asker=account,
        email_ciphertext=encrypt_identity(SenderIdentity(email=address)) if address else "",
        **question_flags(body),
    )
    audit_change(
        actor=account,
        action=AuditAction.QUESTION_SUBMIT,
        obj=question,
        unit=dialogue.unit,
        exclude=("email_ciphertext", "text"),
        ip=ip,
    )
    return question


@transaction.atomic
def question_raise(*, actor: Actor, dialogue: Dialogue, text: str, answer: str = "") -> Question:
    """A question raised on the spot at the session, recorded by the organising officer (with
    the head's answer when given). Raises ``InvalidTransition`` before the session is held and
    once the minutes are issued (``record_refusal``), ``ValidationFailed``."""
    require(actor, "dialogue.manage", dialogue)
    body = _text(text, "text", _("Nhập câu hỏi."), label="question")
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    refused = record_refusal("question", dialogue)
    if refused is not None:
        raise refused
    question = Question.objects.create(
        dialogue=dialogue, text=body, source=QuestionSource.SESSION, **question_flags(body)
    )
    audit_change(
        actor=person(actor), action=AuditAction.QUESTION_SUBMIT, obj=question, unit=dialogue.unit
    )
    if answer.strip():
        question = question_answer(actor=actor, question=question, answer=answer)
    return question


@transaction.atomic
def question_answer(
    *,
    actor: Actor,
    question: Question,
    answer: str,
    on: dt.date | None = None,
    twins: Sequence[Question] = (),
) -> Question:
    """Record the head's answer to ``question`` (received → answered); its asker is told. The
    same answer goes to each of ``twins`` still awaiting one (the questions that ask the same,
    ``selectors.question_twins``), each its own step of the lifecycle, in one transaction: the
    citizens who asked the same thing in other words are answered and told too."""
    text = _text(answer, "answer", _("Nhập nội dung trả lời."), label="answer", limit=TEXT_LIMIT)

    def apply(locked: Question) -> None:
        refused = question_refusal("answer", locked)
        if refused is not None:
            raise refused
        locked.answer = text
        locked.answered_on = on or locked.dialogue.held_on

    answered = transition(QUESTION, actor=actor, obj=question, action="answer", apply=apply)
    waiting = Question.objects.filter(
        pk__in=[t.pk for t in twins if t.pk != question.pk],
        dialogue_id=question.dialogue_id,
        status=QuestionStatus.RECEIVED,
    )
    for twin in waiting.order_by("created_at", "pk"):
        transition(QUESTION, actor=actor, obj=twin, action="answer", apply=apply)
    return answered


def question_hide(*, actor: Actor, question: Question, reason: str) -> Question:
    """Leave a question out of the dialogue (off topic, offensive, already settled), with the
    reason (kept, not shown publicly); not once the minutes are issued (``record_refusal``)."""
    text = _text(reason, "reason", _("Nhập lý do."), label="reason", limit=500)

    def apply(locked: Question) -> None:
        refused = question_refusal("hide", locked)
        if refused is not None:
            raise refused
        locked.hidden_reason = text

    return transition(QUESTION, actor=actor, obj=question, action="hide", apply=apply, reason=text)


# --------------------------------------------------------------------------- commitments


@transaction.atomic
def commitment_create(
    *,
    actor: Actor,
    dialogue: Dialogue,
    text: str,
    addressee: Unit | None,
    due_on: dt.date | None,
    question: Question | None = None,
) -> Commitment:
    """Record a commitment the head made at the session: what, by which unit, by when (after
    the session; a date falling on a weekend or holiday moves to the next working day, Bộ luật
    Dân sự 2015, Điều 148). Raises ``ValidationFailed`` (no addressee, no or early due date,
    a question of another dialogue, the same commitment — text with case and spaces aside, same
    addressee, same due date — already recorded in the dialogue), ``InvalidTransition``
    (dialogue not held, or its minutes issued: ``record_refusal``)."""
    require(actor, "dialogue.manage", dialogue)
    body = _text(text, "text", _("Nhập nội dung cam kết."), label="commitment", limit=TEXT_LIMIT)
    if addressee is None:
        raise ValidationFailed(
            _("Chọn cơ quan, đơn vị thực hiện cam kết."),
            code=ErrorCode.NO_ADDRESSEE,
            field="addressee",
        )
    if due_on is None or due_on <= dialogue.held_on:
        raise ValidationFailed(
            _("Hạn thực hiện phải sau ngày đối thoại (%(day)s).")
            % {"day": dialogue.held_on.strftime("%d/%m/%Y")},
            code=ErrorCode.DUE_BEFORE_SESSION,
            field="due_on",
        )
    if question is not None and question.dialogue_id != dialogue.pk:
        raise ValidationFailed(_("Câu hỏi không thuộc cuộc đối thoại này."), field="question")
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    refused = record_refusal("commitment", dialogue)
    if refused is not None:
        raise refused
    due = WorkingCalendar().next_working_day(due_on)
    folded = _folded(body)
    earlier = Commitment.objects.filter(
        dialogue=dialogue, addressee=addressee, due_on=due
    ).values_list("text", flat=True)
    if any(_folded(t) == folded for t in earlier):
        raise ValidationFailed(
            _("Cam kết này (cùng nội dung, cơ quan thực hiện và hạn) đã được ghi nhận."),
            code=ErrorCode.DUPLICATE_COMMITMENT,
            field="text",
        )
    commitment = Commitment.objects.create(
        dialogue=dialogue,
        question=question,
        text=body,
        addressee=addressee,
        due_on=due,
        created_by=person(actor),
    )
    commitment.search_text = commitment.folded()
    commitment.save(update_fields=["search_text"])
    audit_change(
        actor=person(actor),
        action=AuditAction.COMMITMENT_CREATE,
        obj=commitment,
        unit=dialogue.unit,
        exclude=("search_text",),
    )
    _reindex("commitment", commitment.code)
    return commitment


def commitment_move(
    *,
    actor: Actor,
    commitment: Commitment,
    action: str,
    day: dt.date,
    apply: Callable[[Commitment], None] | None = None,
    reason: str = "",
) -> Commitment:
    """Take ``action`` on ``commitment`` (lock, permission, edge), then its refusal on ``day``,
    then ``apply``; the history row is dated ``day``."""

    def guarded(locked: Commitment) -> None:
        refused = commitment_refusal(action, locked, day)
        if refused is not None:
            raise refused
        if apply is not None:
            apply(locked)

    moved = transition(
        COMMITMENT,
        actor=actor,
        obj=commitment,
        action=action,
        apply=guarded,
        reason=reason,
        data={"on": day.isoformat()},
    )
    _reindex("commitment", moved.code)
    return moved


def commitment_answer(
    *, actor: Actor, commitment: Commitment, kept: bool, text: str, on: dt.date | None = None
) -> Commitment:
    """The addressee (the head's office or its respondent) reports the commitment kept or not
    kept, with what was done or why not."""
    body = _text(text, "text", _("Nhập kết quả thực hiện."), label="report", limit=TEXT_LIMIT)
    day = _day(on)

    def apply(locked: Commitment) -> None:
        locked.answer = body
        locked.answered_on = day
        locked.kept = kept

    return commitment_move(
        actor=actor,
        commitment=commitment,
        action="keep" if kept else "not_keep",
        day=day,
        apply=apply,
    )


def commitment_escalate(
    *, actor: Actor, commitment: Commitment, on: dt.date | None = None
) -> Commitment:
    """Refer an overdue commitment to the front committee one level up, which then urges the
    addressee (open → escalated), as an overdue recommendation is."""
    day = _day(on)

    def apply(locked: Commitment) -> None:
        locked.escalated_to = escalation_target(locked)
        locked.escalated_on = day

    return commitment_move(
        actor=actor, commitment=commitment, action="escalate", day=day, apply=apply
    )


def commitment_close(
    *, actor: Actor, commitment: Commitment, on: dt.date | None = None
) -> Commitment:
    day = _day(on)

    def apply(locked: Commitment) -> None:
        locked.closed_on = day

    return commitment_move(actor=actor, commitment=commitment, action="close", day=day, apply=apply)


def commitments_escalate_overdue(*, actor: Actor, today: dt.date | None = None) -> int:
    """Escalate every open commitment past its due date that has a front committee above
    (``commitment_escalate``). Run daily by ``ykien dialogue escalate`` as ``SYSTEM``; returns
    how many."""
    day = _day(today)
    require(actor, "dialogue.follow_up")  # the job (SYSTEM); a person escalates one at a time
    count = 0
    for commitment in commitments_overdue(today=day):
        if commitment_refusal("escalate", commitment, day) is not None:
            continue
        try:
            commitment_escalate(actor=actor, commitment=commitment, on=day)
        except InvalidTransition:  # answered meanwhile
            continue
        count += 1
    return count


__all__ = [
    "commitment_answer",
    "commitment_close",
    "commitment_create",
    "commitment_escalate",
    "commitments_escalate_overdue",
    "dialogue_announce",
    "dialogue_cancel",
    "dialogue_close",
    "dialogue_create",
    "dialogue_hold",
    "dialogue_issue_minutes",
    "dialogue_open_questions",
    "question_answer",
    "question_hide",
    "question_raise",
    "question_submit",
]
