"""Defects found by clicking through the demo: a dialogue recorded as held before its date (its
minutes then could never be issued), a commitment reported on before the session, a dialogue
planned in the past, the same question sent twice by a citizen. Each refusal: exact message,
nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.dialogue import services as s
from ykien.dialogue.forms import DialogueForm
from ykien.dialogue.lifecycle import dialogue_actions
from ykien.dialogue.models import Commitment, CommitmentStatus, DialogueStatus, Question
from ykien.dialogue.tests.conftest import TODAY, ask, dialogue_in, new_dialogue

pytestmark = pytest.mark.django_db
COMING = TODAY + dt.timedelta(days=5)  # 01/12/2026


def test_hold_before_the_dialogues_date_is_refused(world):
    dialogue = new_dialogue(world, held_on=COMING)
    dialogue = s.dialogue_announce(actor=world.officer, dialogue=dialogue)
    assert "hold" not in {edge.action for edge in dialogue_actions(world.officer, dialogue)}
    with pytest.raises(InvalidTransition) as info:
        s.dialogue_hold(actor=world.officer, dialogue=dialogue)
    assert str(info.value.message) == (
        "Chưa đến ngày đối thoại (01/12/2026): chỉ ghi nhận đã tổ chức đối thoại từ ngày đó."
    )
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.ANNOUNCED
    assert not AuditEvent.objects.filter(action="dialogue.dialogue.hold").exists()


def test_a_commitment_is_not_reported_before_the_session(world):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    commitment = s.commitment_create(
        actor=world.officer,
        dialogue=dialogue,
        text="Sửa đường.",
        addressee=world.ubnd_xa,
        due_on=dt.date(2026, 12, 15),
    )
    with pytest.raises(InvalidTransition) as info:
        s.commitment_answer(
            actor=world.head_office,
            commitment=commitment,
            kept=True,
            text="Đã sửa.",
            on=dialogue.held_on - dt.timedelta(days=1),
        )
    assert str(info.value.message) == (
        "Chưa đến ngày đối thoại (10/09/2026): chưa thể báo cáo kết quả thực hiện cam kết."
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.answer) == (CommitmentStatus.OPEN, "")
    assert Commitment.objects.get().events.count() == 0


def test_a_dialogue_is_not_planned_in_the_past(world):
    form = DialogueForm(
        {"held_on": "2020-01-01", "topic": "Đường", "place": "Hội trường"}, units=[world.commune]
    )
    assert not form.is_valid()
    assert form.errors["held_on"] == ["Không lập kế hoạch đối thoại vào ngày đã qua (01/01/2020)."]


def test_the_same_question_twice_from_one_citizen_is_refused(world, client):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    ask(dialogue, "Khi nào xã sửa đường liên ấp?", asker=world.citizen)
    with pytest.raises(ValidationFailed) as info:
        ask(dialogue, "  khi nào xã sửa   đường liên ấp? ", asker=world.citizen)
    assert str(info.value.message) == "Bạn đã gửi câu hỏi này."
    client.force_login(world.citizen)
    response = client.post(
        f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/", {"text": "Khi nào xã sửa đường liên ấp?"}
    )
    assert response.status_code == 400
    assert "Bạn đã gửi câu hỏi này." in response.content.decode()
    assert Question.objects.count() == 1


def test_a_long_question_is_kept_and_flagged_for_staff(world):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    text = "Xin hỏi về tuyến đường liên ấp bị sạt lở. " * 300  # ~12,000 characters
    question = ask(dialogue, text)
    assert (question.text, question.too_long) == (text.strip(), True)
