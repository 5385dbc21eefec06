"""Defects of a Chromium click-through: once the minutes are issued, the officer's page still took
questions raised at the session, answers and commitments, and the issued minutes (same number)
then changed; the same commitment could be recorded twice; "ngày ngày" in the minutes; the
escalated commitment's status followed by a second "quá hạn"; the hourly question limit counted
refused questions; the public page gave no number nor date of the minutes; demo titles of a
commune ("xã") given to a ward ("phường")."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import docx
import pytest
from captcha.conf import settings as captcha_settings

from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.models import AuditEvent, UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit
from ykien.core.unit_titles import area_name, area_word, head_title
from ykien.dialogue import services as s
from ykien.dialogue.lifecycle import may_record, question_actions
from ykien.dialogue.models import (
    Commitment,
    CommitmentStatus,
    DialogueStatus,
    Question,
    QuestionStatus,
)
from ykien.dialogue.tests.conftest import DUE, ask, commitment_in, dialogue_in, issue_minutes

pytestmark = pytest.mark.django_db

ISSUED = (
    "Biên bản đối thoại đã ban hành: không ghi thêm câu hỏi, nội dung trả lời hay cam kết vào "
    "biên bản đã ban hành."
)
CAPTCHA = {"captcha_0": "x", "captcha_1": "PASSED"}
LATER = dt.date(2026, 12, 15)


@pytest.fixture
def captcha(monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


def _issued(w):
    """An issued dialogue with a question answered, one left unanswered, and a commitment.
    The minutes are now refused while a question waits (``test_question_twins``); a question
    still waiting under issued minutes is what minutes issued before that rule left, and is
    written here as such (its answer taken back in the database after the minutes)."""
    dialogue = dialogue_in(w, DialogueStatus.OPEN)
    answered, unanswered = ask(dialogue), ask(dialogue, "Nước sạch ấp 3 bao giờ có?")
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    s.question_answer(actor=w.officer, question=answered, answer="Tháng tới khởi công.")
    s.question_answer(actor=w.officer, question=unanswered, answer="Sẽ trả lời bằng văn bản.")
    commitment = s.commitment_create(
        actor=w.officer,
        dialogue=dialogue,
        text="Sửa xong tuyến đường liên ấp.",
        addressee=w.ubnd_xa,
        due_on=DUE,
    )
    dialogue = s.dialogue_issue_minutes(
        actor=w.leader, dialogue=dialogue, number="7/BB-MTTQ", summary="Hội nghị có 80 đại biểu."
    )
    Question.objects.filter(pk=unanswered.pk).update(
        status=QuestionStatus.RECEIVED, answer="", answered_on=None
    )
    return dialogue, Question.objects.get(pk=unanswered.pk), commitment


def _minutes(client, dialogue) -> tuple[bytes, bytes]:
    return (
        client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.docx").content,
        client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.pdf").content,
    )


def _docx_lines(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(BytesIO(content)).paragraphs]


def _stored(dialogue):
    return (
        list(dialogue.questions.values_list("pk", "status", "answer", "hidden_reason")),
        list(dialogue.commitments.values_list("pk", "text")),
        AuditEvent.objects.filter(action__startswith="dialogue.").count(),
    )


@pytest.mark.parametrize("state", [DialogueStatus.MINUTES, DialogueStatus.CLOSED])
def test_the_services_refuse_to_add_to_issued_minutes(world, state):
    dialogue, unanswered, _commitment = _issued(world)
    if state == DialogueStatus.CLOSED:
        dialogue = s.dialogue_close(actor=SYSTEM, dialogue=dialogue)
    before = _stored(dialogue)
    calls = [
        lambda: s.question_raise(
            actor=world.officer, dialogue=dialogue, text="Đèn đường khu chợ?", answer="Tháng này."
        ),
        lambda: s.question_answer(actor=world.officer, question=unanswered, answer="Trả lời muộn."),
        lambda: s.question_hide(actor=world.officer, question=unanswered, reason="Trùng."),
        lambda: s.commitment_create(
            actor=world.officer,
            dialogue=dialogue,
            text="Thay đèn đường khu chợ.",
            addressee=world.ubnd_xa,
            due_on=LATER,
        ),
    ]
    for call in calls:
        with pytest.raises(InvalidTransition) as info:
            call()
        assert (str(info.value.message), info.value.code) == (ISSUED, "minutes_issued")
    assert _stored(dialogue) == before
    assert not may_record(dialogue)
    assert question_actions(world.officer, unanswered) == []


def test_the_officers_page_refuses_and_the_minutes_do_not_change(world, client, no_otp):
    dialogue, unanswered, _commitment = _issued(world)
    before_docx, before_pdf = _minutes(client, dialogue)
    before = _stored(dialogue)
    client.force_login(world.officer)
    posts = [
        (f"/can-bo/doi-thoai/{dialogue.pk}/cau-hoi-tai-cho/", {"raise-text": "Đèn đường?"}),
        (
            f"/can-bo/doi-thoai/cau-hoi/{unanswered.pk}/answer/",
            {f"q{unanswered.pk}-answer": "Muộn."},
        ),
        (
            f"/can-bo/doi-thoai/cau-hoi/{unanswered.pk}/hide/",
            {f"q{unanswered.pk}-reason": "Trùng."},
        ),
        (
            f"/can-bo/doi-thoai/{dialogue.pk}/cam-ket/",
            {
                "commitment-text": "Thay đèn đường khu chợ.",
                "commitment-addressee": world.ubnd_xa.pk,
                "commitment-due_on": "2026-12-15",
            },
        ),
    ]
    for url, data in posts:
        answer = client.post(url, data)
        assert answer.status_code == 400, url
        assert ISSUED in answer.content.decode(), url
    assert _stored(dialogue) == before
    assert _minutes(client, dialogue) == (before_docx, before_pdf)


def test_the_officers_page_hides_the_forms_once_the_minutes_are_issued(world, client, no_otp):
    dialogue = dialogue_in(world, DialogueStatus.HELD, with_question=True)
    client.force_login(world.officer)
    held = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()
    for text in ("Ghi câu hỏi nêu tại buổi đối thoại", "Ghi nhận cam kết của người đứng đầu"):
        assert text in held
    assert held.count('name="q') > 0
    issue_minutes(dialogue)
    # The question waits again, as under minutes issued before they required every answer.
    dialogue.questions.update(status=QuestionStatus.RECEIVED, answer="", answered_on=None)
    page = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()
    for text in (
        "Ghi câu hỏi nêu tại buổi đối thoại",
        "Ghi nhận cam kết của người đứng đầu",
        "Ghi nội dung trả lời",
        "Không đưa ra đối thoại",
        "cau-hoi-tai-cho",
    ):
        assert text not in page, text
    assert 'name="q' not in page


def test_a_commitments_follow_up_goes_on_after_the_minutes(world, client, no_otp):
    dialogue, _unanswered, commitment = _issued(world)
    escalated = s.commitment_escalate(actor=SYSTEM, commitment=commitment)
    assert escalated.status == CommitmentStatus.ESCALATED
    client.force_login(world.head_office)
    answer = client.post(
        f"/can-bo/cam-ket-doi-thoai/{commitment.pk}/bao-cao/",
        {"kept": "1", "text": "Đã sửa xong tuyến đường."},
    )
    assert answer.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.answer) == (
        CommitmentStatus.KEPT,
        "Đã sửa xong tuyến đường.",
    )
    closed = s.commitment_close(actor=world.officer, commitment=commitment)
    assert closed.status == CommitmentStatus.CLOSED
    assert dialogue.commitments.count() == 1


@pytest.mark.parametrize(
    ("text", "due_on"),
    [("Sửa xong tuyến đường liên ấp.", LATER), ("  sửa XONG tuyến   đường liên ấp. ", LATER)],
)
def test_the_same_commitment_twice_is_refused(world, text, due_on):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    first = s.commitment_create(
        actor=world.officer,
        dialogue=dialogue,
        text="Sửa xong tuyến đường liên ấp.",
        addressee=world.ubnd_xa,
        due_on=LATER,
    )
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as info:
        s.commitment_create(
            actor=world.officer,
            dialogue=dialogue,
            text=text,
            addressee=world.ubnd_xa,
            due_on=due_on,
        )
    assert (str(info.value.message), info.value.code, info.value.field) == (
        "Cam kết này (cùng nội dung, cơ quan thực hiện và hạn) đã được ghi nhận.",
        "duplicate_commitment",
        "text",
    )
    assert list(Commitment.objects.values_list("pk", flat=True)) == [first.pk]
    assert AuditEvent.objects.count() == audits


def test_the_same_commitment_twice_is_a_form_error_on_the_page(world, client, no_otp):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    client.force_login(world.officer)
    data = {
        "commitment-text": "Sửa xong tuyến đường liên ấp.",
        "commitment-addressee": world.ubnd_xa.pk,
        "commitment-due_on": "2026-12-15",
    }
    url = f"/can-bo/doi-thoai/{dialogue.pk}/cam-ket/"
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400
    assert "Cam kết này (cùng nội dung, cơ quan thực hiện và hạn) đã được ghi nhận." in (
        again.content.decode()
    )
    assert Commitment.objects.count() == 1


def test_another_due_date_or_addressee_is_another_commitment(world):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    text = "Sửa xong tuyến đường liên ấp."
    s.commitment_create(
        actor=world.officer, dialogue=dialogue, text=text, addressee=world.ubnd_xa, due_on=LATER
    )
    s.commitment_create(
        actor=world.officer,
        dialogue=dialogue,
        text=text,
        addressee=world.ubnd_xa,
        due_on=dt.date(2026, 12, 31),
    )
    s.commitment_create(
        actor=world.officer, dialogue=dialogue, text=text, addressee=world.commune, due_on=LATER
    )
    assert Commitment.objects.count() == 3


def test_the_minutes_say_ngay_once(world, client):
    dialogue, _unanswered, _commitment = _issued(world)
    lines = _docx_lines(_minutes(client, dialogue)[0])
    assert "Thời gian: ngày 10 tháng 9 năm 2026. Địa điểm: Hội trường xã." in lines
    assert not any("ngày ngày" in line for line in lines)


def test_an_escalated_commitment_reads_overdue_once(world, client):
    commitment = commitment_in(world, CommitmentStatus.ESCALATED)
    for url in ("/giam-sat/", "/doi-thoai/cam-ket/"):
        page = client.get(url).content.decode()
        cell = re.search(rf"{commitment.code}.*?</tr>", page, re.S)
        assert cell is not None, url
        text = " ".join(re.sub(r"<[^>]+>", " ", cell.group(0)).split())
        # The status cell: the status alone, no second "quá hạn" after it.
        assert text.endswith("15/10/2026 Quá hạn, đã chuyển cấp trên đôn đốc"), (url, text)
        assert text.lower().count("quá hạn") == 1, url
    # and on its own page: no badge beside the due date, the status says it
    page = client.get(f"/doi-thoai/cam-ket/{commitment.pk}/").content.decode()
    main = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1].split("</main>")[0]).split())
    assert "15/10/2026 quá hạn" not in main
    assert "Trạng thái Quá hạn, đã chuyển cấp trên đôn đốc" in main


def test_an_open_overdue_commitment_keeps_its_badge(world, client):
    commitment = commitment_in(world, CommitmentStatus.OPEN)
    page = client.get("/doi-thoai/cam-ket/").content.decode()
    cell = re.search(rf"{commitment.code}.*?</tr>", page, re.S)
    assert cell is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", cell.group(0)).split()).endswith(
        "Đang chờ thực hiện quá hạn"
    )


def test_refused_questions_do_not_count_towards_the_hourly_limit(world, client, captcha):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    client.force_login(world.citizen)
    url = f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/"
    assert client.post(url, {"text": "Câu hỏi số 0?"}).status_code == 302
    refused = [
        client.post(url, {"text": "Câu hỏi số 0?"}).status_code,  # the same question again
        client.post(url, {"text": "Câu hỏi\u202e ngược?"}).status_code,  # a forbidden character
        client.post(url, {"text": "câu HỎI   số 0?"}).status_code,
        client.post(url, {"text": ""}).status_code,
    ]
    assert refused == [400, 400, 400, 400]
    accepted = [client.post(url, {"text": f"Câu hỏi số {i}?"}).status_code for i in range(1, 5)]
    assert accepted == [302, 302, 302, 302]
    sixth = client.post(url, {"text": "Câu hỏi số 5?"})
    assert sixth.status_code == 429
    assert "Bạn đã gửi quá nhiều câu hỏi trong một giờ. Vui lòng thử lại sau." in (
        sixth.content.decode()
    )
    assert Question.objects.count() == 5


def test_the_public_page_gives_the_minutes_number_and_date(world, client):
    dialogue, _unanswered, _commitment = _issued(world)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    paragraph = re.search(r'<p id="bien-ban">(.*?)</p>', page, re.S)
    assert paragraph is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", paragraph.group(1)).split()) == (
        "Biên bản đối thoại số 7/BB-MTTQ, ban hành ngày 26/11/2026: PDF · DOCX"
    )


def test_a_heads_title_follows_the_kind_of_area(world):
    ward = make_unit(
        "Ủy ban MTTQ Việt Nam phường Phú Khương",
        parent=world.province,
        level=UnitLevel.COMMUNE,
        code="MTTQ-P",
    )
    zone = make_unit(
        "Ủy ban nhân dân đặc khu Phú Quốc",
        parent=world.province,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.STATE,
        code="UBND-DK",
    )
    assert [area_word(u) for u in (world.commune, world.ubnd_xa, ward, zone)] == [
        "xã",
        "xã",
        "phường",
        "đặc khu",
    ]
    assert area_name(ward) == "phường Phú Khương"
    assert head_title(world.commune) == "Chủ tịch Ủy ban nhân dân xã"
    assert head_title(ward) == "Chủ tịch Ủy ban nhân dân phường"
    assert head_title(ward, "party_standing_deputy") == "Phó Bí thư Thường trực Đảng ủy phường"
    assert head_title(ward, "pc_vice_chair_short") == "Phó Chủ tịch UBND phường"
    assert head_title(zone, "party_secretary") == "Bí thư Đảng ủy đặc khu"
