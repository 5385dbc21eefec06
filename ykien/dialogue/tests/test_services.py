"""The dialogue services: questions (flagged, never lost), commitments (bad input refused, nothing
written), escalation of overdue commitments (the job and its command), grouping for the head,
the briefing's indicators and who is told of an answer or a commitment's fate."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.events import Event
from ykien.core.follow import notices_for
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.core.pii import decrypt_identity
from ykien.dialogue import indicators
from ykien.dialogue import services as s
from ykien.dialogue.models import (
    QUESTION_SOFT_LIMIT,
    Commitment,
    CommitmentStatus,
    DialogueStatus,
    Question,
    QuestionSource,
)
from ykien.dialogue.selectors import period_figures, questions_grouped
from ykien.dialogue.tests.conftest import DUE, HELD, ask, commitment_in, dialogue_in

pytestmark = pytest.mark.django_db
D = dt.date


# --------------------------------------------------------------------------- questions


def test_a_long_question_is_kept_whole_and_flagged(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    text = "Đề nghị xã cho biết kế hoạch sửa đường liên ấp. " * 100
    question = ask(dialogue, text)
    assert len(text.strip()) > QUESTION_SOFT_LIMIT
    assert (question.text, question.too_long, question.not_vietnamese) == (
        text.strip(),
        True,
        False,
    )


def test_a_question_not_in_vietnamese_is_kept_and_flagged(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    question = ask(dialogue, "When will the commune repair the flooded road near hamlet 3?")
    assert (question.too_long, question.not_vietnamese, question.flagged) == (False, True, True)
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_question_typed_without_diacritics_is_vietnamese(world):
    question = ask(dialogue_in(world, DialogueStatus.OPEN), "Khi nao xa sua duong lien ap?")
    assert question.not_vietnamese is False


def test_questions_are_taken_only_while_the_dialogue_is_open(world):
    for state in (DialogueStatus.ANNOUNCED, DialogueStatus.HELD):
        with pytest.raises(InvalidTransition):
            ask(dialogue_in(world, state))
    assert Question.objects.count() == 0


def test_an_empty_question_is_refused(world):
    with pytest.raises(ValidationFailed):
        ask(dialogue_in(world, DialogueStatus.OPEN), "   ")
    assert Question.objects.count() == 0


def test_an_anonymous_askers_address_is_stored_encrypted(world):
    question = ask(dialogue_in(world, DialogueStatus.OPEN), email="nam@example.vn")
    assert "nam@example.vn" not in question.email_ciphertext
    assert decrypt_identity(question.email_ciphertext).email == "nam@example.vn"
    audit = AuditEvent.objects.get(action="dialogue.question.submit")
    assert "email_ciphertext" not in audit.after


def test_a_signed_in_asker_is_linked_and_no_address_kept(world):
    question = ask(
        dialogue_in(world, DialogueStatus.OPEN), asker=world.citizen, email="x@example.vn"
    )
    assert (question.asker, question.email_ciphertext) == (world.citizen, "")


def test_a_question_raised_at_the_session_with_its_answer(world):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    question = s.question_raise(
        actor=world.officer, dialogue=dialogue, text="Đèn đường chợ hư?", answer="Thay ngay."
    )
    assert (question.source, question.status, question.answer, question.answered_on) == (
        QuestionSource.SESSION,
        "answered",
        "Thay ngay.",
        HELD,
    )


def test_an_answer_before_the_session_is_refused(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    question = ask(dialogue)
    with pytest.raises(InvalidTransition):
        s.question_answer(actor=world.officer, question=question, answer="Có.")
    assert Question.objects.get(pk=question.pk).status == "received"


# --------------------------------------------------------------------------- grouping


def test_questions_are_grouped_for_the_head_with_counts(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    road = "Khi nào xã sửa lại tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?"
    for text in (
        road,
        "Xin hỏi khi nào xã sửa lại tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
        road,
        "Trạm cấp nước ấp 3 thường mất nước buổi chiều, xã có kế hoạch nâng cấp không?",
    ):
        ask(dialogue, text)
    grouping = questions_grouped(dialogue=dialogue)
    [(name, groups)] = grouping.topics
    assert (name, grouping.total, grouping.flagged) == ("", 4, 0)
    assert [(g.title, g.count) for g in groups] == [
        (road, 3),
        ("Trạm cấp nước ấp 3 thường mất nước buổi chiều, xã có kế hoạch nâng cấp không?", 1),
    ]


# --------------------------------------------------------------------------- commitments


def _commit(world, **kw):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    fields = {"text": "Sửa đường.", "addressee": world.ubnd_xa, "due_on": DUE, **kw}
    return s.commitment_create(actor=world.officer, dialogue=dialogue, **fields)


def test_a_commitment_without_addressee_is_refused(world):
    with pytest.raises(ValidationFailed) as refused:
        _commit(world, addressee=None)
    assert (refused.value.field, refused.value.code) == ("addressee", "no_addressee")
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize("due", [HELD, HELD - dt.timedelta(days=1), None])
def test_a_due_date_not_after_the_session_is_refused(world, due):
    with pytest.raises(ValidationFailed) as refused:
        _commit(world, due_on=due)
    assert (refused.value.field, refused.value.code) == ("due_on", "due_before_session")
    assert Commitment.objects.count() == 0


def test_a_due_date_on_a_sunday_moves_to_the_next_working_day(world):
    commitment = _commit(world, due_on=D(2026, 10, 18))  # a Sunday
    assert commitment.due_on == D(2026, 10, 19)


def test_a_commitment_before_the_session_is_refused(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    with pytest.raises(InvalidTransition):
        s.commitment_create(
            actor=world.officer, dialogue=dialogue, text="X", addressee=world.ubnd_xa, due_on=DUE
        )


def test_escalating_a_commitment_not_overdue_is_refused(world):
    commitment = _commit(world, due_on=D(2026, 12, 31))
    with pytest.raises(InvalidTransition):
        s.commitment_escalate(actor=world.officer, commitment=commitment)
    assert Commitment.objects.get().status == CommitmentStatus.OPEN


def test_the_job_escalates_overdue_commitments_to_the_front_above(world):
    overdue = commitment_in(world, CommitmentStatus.OPEN)
    on_time = _commit(world, due_on=D(2026, 12, 31))
    kept = commitment_in(world, CommitmentStatus.KEPT)
    out = io.StringIO()
    call_command("dialogue", "escalate", stdout=out)
    assert out.getvalue() == "Đã chuyển cấp trên 1 cam kết quá hạn.\n"
    overdue.refresh_from_db()
    assert (overdue.status, overdue.escalated_to, overdue.escalated_on) == (
        CommitmentStatus.ESCALATED,
        world.province,
        D(2026, 11, 26),
    )
    assert [e.to_status for e in overdue.events.all()] == ["escalated"]
    assert Commitment.objects.get(pk=on_time.pk).status == CommitmentStatus.OPEN
    assert Commitment.objects.get(pk=kept.pk).status == CommitmentStatus.KEPT
    assert s.commitments_escalate_overdue(actor=SYSTEM) == 0  # already escalated


def test_the_front_above_follows_up_an_escalated_commitment(world):
    commitment = commitment_in(world, CommitmentStatus.ESCALATED)
    answered = s.commitment_answer(
        actor=world.head_office, commitment=commitment, kept=True, text="Đã sửa xong."
    )
    closed = s.commitment_close(actor=world.province_officer, commitment=answered)
    assert (closed.status, closed.kept, closed.answered_on, closed.closed_on) == (
        CommitmentStatus.CLOSED,
        True,
        D(2026, 11, 26),
        D(2026, 11, 26),
    )


# --------------------------------------------------------------------------- indicators


def test_indicators_count_dialogues_questions_and_commitments(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    first = ask(dialogue)
    ask(dialogue, "Câu hỏi thứ hai về nước sạch?")
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    s.question_answer(actor=SYSTEM, question=first, answer="Tháng tới.")

    made: list[int] = []

    def commit(due, kept=None, on=None):
        # Each its own text: the same commitment twice in a dialogue is refused.
        made.append(len(made) + 1)
        c = s.commitment_create(
            actor=SYSTEM,
            dialogue=dialogue,
            text=f"Cam kết {made[-1]}",
            addressee=world.ubnd_xa,
            due_on=due,
        )
        if kept is not None:
            s.commitment_answer(actor=SYSTEM, commitment=c, kept=kept, text="Báo cáo", on=on)

    commit(DUE, True, D(2026, 10, 1))  # on time
    commit(DUE, True, D(2026, 11, 2))  # late
    commit(DUE)  # still awaited past its date: late
    commit(DUE, False, D(2026, 10, 1))  # not kept
    commit(D(2026, 12, 31))  # not yet due
    ids = {world.commune.pk}
    figures = period_figures(unit_ids=ids, start=D(2026, 7, 1), end=D(2026, 12, 31), today=TODAY)
    assert figures.__dict__ == {
        "dialogues_held": 1,
        "questions_received": 2,
        "questions_answered": 1,
        "kept_on_time": 1,
        "late": 2,
        "not_kept": 1,
    }
    values = {i.code: i.compute(ids, D(2026, 7, 1), D(2026, 9, 30)) for i in indicators.INDICATORS}
    assert values == {
        "dialogue.held": 1,
        "dialogue.questions_received": 2,
        "dialogue.questions_answered": 1,
        "dialogue.commitments_on_time": 1,
        # At the end of the quarter (30/9) no due date had passed yet.
        "dialogue.commitments_late": 1,
        "dialogue.commitments_not_kept": 1,
    }


TODAY = D(2026, 11, 26)


# --------------------------------------------------------------------------- notifications


def _event(name: str, obj) -> Event:
    return Event(
        name=name,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        actor_id=None,
        unit_id=None,
        before="",
        after="",
        data={},
    )


def test_the_asker_is_told_of_the_answer_and_of_the_commitments_fate(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    mine = ask(dialogue, asker=world.citizen)
    anonymous = ask(dialogue, "Nước sạch ấp 3?", email="nam@example.vn")
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    [answer_notice] = notices_for("dialogue.question.answer")
    assert list(answer_notice.direct(_event("dialogue.question.answer", mine))) == [
        (world.citizen.pk, ("dialogue.question", str(mine.pk)))
    ]
    ref = ("dialogue.question", str(anonymous.pk))
    assert list(answer_notice.emails(_event("dialogue.question.answer", anonymous))) == [
        ("nam@example.vn", "vi", ref)
    ]
    # The read of the address is the system's, logged with its reason.
    assert (
        AuditEvent.objects.filter(action="confidential.read", object_id=str(anonymous.pk)).count()
        == 1
    )
    commitment = s.commitment_create(
        actor=SYSTEM,
        dialogue=dialogue,
        question=mine,
        text="Sửa đường.",
        addressee=world.ubnd_xa,
        due_on=DUE,
    )
    for action in ("keep", "not_keep", "escalate", "close"):
        [notice] = notices_for(f"dialogue.commitment.{action}")
        event = _event(f"dialogue.commitment.{action}", commitment)
        assert list(notice.direct(event)) == [
            (world.citizen.pk, ("dialogue.commitment", str(commitment.pk)))
        ]
        assert list(notice.emails(event)) == []
