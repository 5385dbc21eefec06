"""What people type into the dialogue and reception forms: a bidirectional control (U+202A–U+202E,
U+2066–U+2069) or another forbidden character (``core.text``) is refused with a message that
names the field and the character, and nothing is stored; an answer refused at the session names
the question it was for among the many on the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from captcha.conf import settings as captcha_settings
from django.contrib.messages import get_messages

from ykien.core.errors import ValidationFailed
from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.models import Commitment, DialogueStatus, Question, QuestionStatus
from ykien.dialogue.tests.conftest import ask, dialogue_in

pytestmark = pytest.mark.django_db

CAPTCHA = {"captcha_0": "x", "captcha_1": "PASSED"}
BLNS = json.loads(Path("/work/shared/data/security/blns.json").read_text(encoding="utf-8"))
#: A naughty string with terminal escapes (U+001B) in it.
ESCAPES = next(t for t in BLNS if t.startswith("Roses are \x1b"))


@pytest.fixture
def captcha(monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


def _refused(label: str, char: str, n: int) -> str:
    return (
        f"{label} chứa ký tự không được phép ({char}, ký tự thứ {n}); hãy xóa ký tự đó rồi gửi lại."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Khi nào\u202e sửa đường?", _refused("Câu hỏi", "U+202E", 8)),
        (ESCAPES, _refused("Câu hỏi", "U+001B", 11)),
    ],
)
def test_the_public_question_form_refuses_bidi_and_control_characters(
    world, client, captcha, text, message
):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    response = client.post(f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/", {"text": text, **CAPTCHA})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Sửa\u202e đường.", _refused("Nội dung cam kết", "U+202E", 4)),
        (ESCAPES, _refused("Nội dung cam kết", "U+001B", 11)),
    ],
)
def test_the_staff_commitment_form_refuses_bidi_and_control_characters(
    world, client, no_otp, text, message
):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    client.force_login(world.officer)
    response = client.post(
        f"/can-bo/doi-thoai/{dialogue.pk}/cam-ket/",
        {
            "commitment-text": text,
            "commitment-addressee": world.ubnd_xa.pk,
            "commitment-due_on": "2026-10-15",
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize(
    ("state", "call", "label"),
    [
        (
            DialogueStatus.PLANNED,
            lambda d, t: s.dialogue_cancel(actor=SYSTEM, dialogue=d, reason=t),
            "Lý do",
        ),
        (
            DialogueStatus.HELD,
            lambda d, t: s.dialogue_issue_minutes(actor=SYSTEM, dialogue=d, number="1", summary=t),
            "Tóm tắt diễn biến buổi đối thoại",
        ),
        (
            DialogueStatus.HELD,
            lambda d, t: s.question_raise(actor=SYSTEM, dialogue=d, text="Hỏi?", answer=t),
            "Nội dung trả lời",
        ),
    ],
)
def test_every_typed_field_of_the_services_refuses_an_isolate(world, state, call, label):
    dialogue = dialogue_in(world, state)
    with pytest.raises(ValidationFailed) as refused:
        call(dialogue, "\u2066test\u2067")
    assert str(refused.value.message) == _refused(label, "U+2066", 1)


def test_a_refused_answer_names_its_question(world, client, no_otp):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    ask(dialogue, "Khi nào xã sửa đường liên ấp?")
    ask(dialogue, "Nước sạch ấp 3 bao giờ có?")
    third = ask(
        dialogue, "Đường liên ấp Long Hồ bị sạt lở từ mùa mưa năm ngoái, bao giờ xã sửa xong?"
    )
    s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    client.force_login(world.officer)
    url = f"/can-bo/doi-thoai/cau-hoi/{third.pk}/answer/"
    start = "“Đường liên ấp Long Hồ bị sạt lở…”"

    empty = client.post(url, {f"q{third.pk}-answer": "   "})
    assert empty.status_code == 400
    assert [str(m) for m in get_messages(empty.wsgi_request)] == [
        f"Câu hỏi số 3 ({start}): Nhập nội dung trả lời."
    ]

    long = client.post(url, {f"q{third.pk}-answer": "x" * 20001})
    assert long.status_code == 400
    assert [str(m) for m in get_messages(long.wsgi_request)] == [
        f"Câu hỏi số 3 ({start}): Nội dung trả lời dài 20.001 ký tự, vượt quá giới hạn 20.000 ký tự."
    ]
    page = long.content.decode()
    assert 'id="cau-hoi-3"' in page
    assert "x" * 20001 in page  # what was typed is kept in the question's form

    third.refresh_from_db()
    assert (third.status, third.answer) == (QuestionStatus.RECEIVED, "")
    done = client.post(url, {f"q{third.pk}-answer": "Tháng 12 năm nay."})
    assert (done.status_code, done["Location"]) == (302, f"/can-bo/doi-thoai/{dialogue.pk}/")
    third.refresh_from_db()
    assert (third.status, third.answer) == (QuestionStatus.ANSWERED, "Tháng 12 năm nay.")
