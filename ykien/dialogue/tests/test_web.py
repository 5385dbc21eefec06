"""The dialogue pages: the public announcement and its question form (bad input: a 400 with the
text kept, nothing written), the commitments beside the recommendations on the accountability
board, the minutes and grouped questions as Decree 30 documents, open data and the API without
personal data, and the officers' forms (a commitment without addressee or with a due date before
the session is a form error)."""

from __future__ import annotations

import json

import pytest
from captcha.conf import settings as captcha_settings

from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.models import Commitment, CommitmentStatus, DialogueStatus, Question
from ykien.dialogue.tests.conftest import DUE, ask, commitment_in, dialogue_in

pytestmark = pytest.mark.django_db

CAPTCHA = {"captcha_0": "x", "captcha_1": "PASSED"}


@pytest.fixture
def captcha(monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


def test_a_planned_dialogue_is_not_public(world, client):
    dialogue = dialogue_in(world, DialogueStatus.PLANNED)
    assert client.get(f"/doi-thoai/{dialogue.pk}/").status_code == 404
    assert dialogue.topic not in client.get("/doi-thoai/").content.decode()


def test_the_announcement_shows_the_form_only_while_open(world, client):
    dialogue = dialogue_in(world, DialogueStatus.ANNOUNCED)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Hội trường xã" in page
    assert 'name="text"' not in page
    s.dialogue_open_questions(actor=SYSTEM, dialogue=dialogue)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'name="text"' in page
    assert 'name="captcha_1"' in page


def test_a_visitor_sends_a_question_with_captcha(world, client, captcha):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    url = f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/"
    data = {"text": "Khi nào xã sửa đường liên ấp?", "email": "nam@example.vn", **CAPTCHA}
    wrong = client.post(url, {**data, "captcha_1": "SAI"})
    assert wrong.status_code == 400
    assert "Khi nào xã sửa đường liên ấp?" in wrong.content.decode()  # nothing typed is lost
    bad_email = client.post(url, {**data, "email": "không-phải-thư"})
    assert bad_email.status_code == 400
    assert Question.objects.count() == 0
    done = client.post(url, data)
    assert (done.status_code, done["Location"]) == (
        302,
        f"{url}?gui=1",
    )  # a refresh re-sends nothing
    sent = client.get(done["Location"])
    assert sent.status_code == 200
    assert "Câu hỏi của bạn đã được gửi" in sent.content.decode()
    question = Question.objects.get()
    assert (question.text, question.asker, question.email_ciphertext != "") == (
        "Khi nào xã sửa đường liên ấp?",
        None,
        True,
    )


def test_a_long_foreign_question_sent_from_the_form_is_accepted(world, client, captcha):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    text = "Please tell us when the flooded road near the market will be repaired. " * 40
    done = client.post(f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/", {"text": text, **CAPTCHA})
    assert (done.status_code, done["Location"]) == (
        302,
        f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/?gui=1",
    )
    question = Question.objects.get()
    assert (question.text, question.too_long, question.not_vietnamese) == (
        text.strip(),
        True,
        True,
    )


def test_a_signed_in_citizen_asks_without_captcha(world, client):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    client.force_login(world.citizen)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'name="captcha_1"' not in page
    client.post(f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/", {"text": "Nước sạch ấp 3?"})
    assert Question.objects.get().asker == world.citizen


def test_questions_are_refused_once_the_dialogue_is_held(world, client, captcha):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    answer = client.post(f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/", {"text": "Hỏi?", **CAPTCHA})
    assert answer.status_code == 400
    assert Question.objects.count() == 0


def test_the_rate_limit_answers_429(world, client, captcha, settings):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    url = f"/doi-thoai/{dialogue.pk}/gui-cau-hoi/"
    codes = [
        client.post(url, {"text": f"Câu hỏi số {i}?", **CAPTCHA}).status_code for i in range(6)
    ]
    assert codes == [302, 302, 302, 302, 302, 429]
    assert Question.objects.count() == 5


def test_the_board_shows_commitments_beside_the_recommendations(world, client):
    overdue = commitment_in(world, CommitmentStatus.OPEN)
    kept = commitment_in(world, CommitmentStatus.KEPT)
    page = client.get("/giam-sat/").content.decode()
    assert "Cam kết của người đứng đầu tại đối thoại với Nhân dân" in page
    assert f'href="/doi-thoai/cam-ket/{overdue.pk}/"' in page
    assert f'href="/doi-thoai/cam-ket/{kept.pk}/"' in page
    assert "Đã thực hiện" in page
    assert page.count("badge-overdue") >= 1


def test_the_public_commitment_page_shows_its_fate(world, client):
    commitment = commitment_in(world, CommitmentStatus.ESCALATED)
    page = client.get(f"/doi-thoai/cam-ket/{commitment.pk}/").content.decode()
    assert "Quá hạn, đã chuyển cấp trên đôn đốc" in page
    assert "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long" in page


def test_the_minutes_are_a_decree_30_document(world, client):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    assert client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.docx").status_code == 404
    s.dialogue_issue_minutes(actor=SYSTEM, dialogue=dialogue, number="3/BB", summary="Diễn biến.")
    docx = client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.docx")
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"/doi-thoai/{dialogue.pk}/bien-ban.txt").status_code == 404


def test_open_data_and_api_have_no_personal_data(world, client):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    ask(dialogue, asker=world.citizen)
    ask(dialogue, email="nam@example.vn")
    dialogue = s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    s.commitment_create(
        actor=SYSTEM, dialogue=dialogue, text="Sửa đường.", addressee=world.ubnd_xa, due_on=DUE
    )
    for url in (
        "/doi-thoai/du-lieu/cam-ket.csv",
        "/doi-thoai/du-lieu/cam-ket.json",
        f"/api/v1/dialogue/dialogues/{dialogue.pk}",
        "/api/v1/dialogue/commitments",
    ):
        body = client.get(url).content.decode()
        assert "nam@example.vn" not in body, url
        assert world.citizen.username not in body, url
    data = json.loads(client.get("/doi-thoai/du-lieu/cam-ket.json").content)
    [row] = data["commitments"]
    assert (row["addressee"], row["due_on"], row["overdue"]) == (
        "Ủy ban nhân dân xã Long Hồ",
        "2026-10-15",
        True,
    )
    api = client.get(f"/api/v1/dialogue/dialogues/{dialogue.pk}").json()
    assert [q["text"] for q in api["questions"]] == ["Khi nào xã sửa đường liên ấp?"] * 2
    assert client.get("/api/v1/dialogue/dialogues/999999").status_code == 404


# --------------------------------------------------------------------------- officers


def test_commitment_form_errors_write_nothing(world, client, no_otp):
    dialogue = dialogue_in(world, DialogueStatus.HELD)
    client.force_login(world.officer)
    url = f"/can-bo/doi-thoai/{dialogue.pk}/cam-ket/"
    good = {
        "commitment-text": "Sửa đường.",
        "commitment-addressee": world.ubnd_xa.pk,
        "commitment-due_on": "2026-10-15",
    }
    missing = client.post(url, {**good, "commitment-addressee": ""})
    assert missing.status_code == 400
    assert "Chọn cơ quan, đơn vị thực hiện cam kết." in missing.content.decode()
    early = client.post(url, {**good, "commitment-due_on": "2026-09-01"})
    assert early.status_code == 400
    assert "Hạn thực hiện phải sau ngày đối thoại (10/09/2026)." in early.content.decode()
    garbage = client.post(url, {**good, "commitment-due_on": "ngày mai"})
    assert garbage.status_code == 400
    assert Commitment.objects.count() == 0
    assert client.post(url, good).status_code == 302
    assert Commitment.objects.get().addressee == world.ubnd_xa


def test_officer_pages_and_permissions(world, client, no_otp):
    dialogue = dialogue_in(world, DialogueStatus.OPEN)
    ask(dialogue)
    client.force_login(world.other_officer)
    assert client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").status_code == 403
    client.force_login(world.citizen)
    assert client.get("/can-bo/doi-thoai/").status_code == 403
    client.force_login(world.officer)
    page = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Ghi nhận đã tổ chức đối thoại" in page
    assert "Ban hành biên bản" not in page
    grouped = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/cau-hoi-nhom/").content.decode()
    assert "Khi nào xã sửa đường liên ấp?" in grouped
    doc = client.get(f"/can-bo/doi-thoai/{dialogue.pk}/cau-hoi-nhom.docx")
    assert doc.status_code == 200
    assert client.post(f"/can-bo/doi-thoai/{dialogue.pk}/buoc/hold/").status_code == 302
    assert client.post(f"/can-bo/doi-thoai/{dialogue.pk}/buoc/khong-co/").status_code == 404
    # Minutes without a summary: a form error, the dialogue stays held.
    bad = client.post(f"/can-bo/doi-thoai/{dialogue.pk}/buoc/issue_minutes/", {"summary": ""})
    assert bad.status_code in (302, 400)
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.HELD


def test_the_head_office_reports_on_a_commitment(world, client, no_otp):
    commitment = commitment_in(world, CommitmentStatus.OPEN)
    client.force_login(world.head_office)
    listing = client.get("/can-bo/cam-ket-doi-thoai/").content.decode()
    assert commitment.code in listing
    url = f"/can-bo/cam-ket-doi-thoai/{commitment.pk}/bao-cao/"
    assert client.post(url, {"kept": "1", "text": ""}).status_code == 400
    assert client.post(url, {"kept": "1", "text": "Đã sửa xong."}).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.kept) == (CommitmentStatus.KEPT, True)
    client.force_login(world.officer)
    assert client.get(url).status_code == 403


def test_a_commitment_due_on_the_session_day_is_refused_and_nothing_is_stored(
    world, client, no_otp
):
    from ykien.core.models import AuditEvent

    dialogue = dialogue_in(world, DialogueStatus.HELD)
    client.force_login(world.officer)
    response = client.post(
        f"/can-bo/doi-thoai/{dialogue.pk}/cam-ket/",
        {
            "commitment-text": "Sửa đường.",
            "commitment-addressee": world.ubnd_xa.pk,
            "commitment-due_on": "2026-09-10",  # the session's own day
        },
    )
    assert response.status_code == 400
    assert "Hạn thực hiện phải sau ngày đối thoại (10/09/2026)." in response.content.decode()
    assert Commitment.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="dialogue.commitment").exists()
