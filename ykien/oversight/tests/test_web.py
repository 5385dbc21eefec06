"""The flow by clicking (through the pages), the public board, open data, documents, search,
indicators and the API."""

import datetime as dt
import io
import json

import docx
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ykien.core.models import AuditEvent
from ykien.oversight import services as s
from ykien.oversight.models import (
    Activity,
    ActivityStatus,
    AnswerKind,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.tests.conftest import issued

D = dt.date
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_whole_flow_by_clicking(world, client, no_otp, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    w = world
    client.force_login(w.officer)
    assert client.get("/can-bo/giam-sat/").status_code == 200
    response = client.post(
        "/can-bo/giam-sat/cuoc/moi/",
        {
            "unit": w.province.pk,
            "form": "team",
            "title": "Giám sát chi trả trợ cấp xã hội",
            "content": "Chi trả trợ cấp hằng tháng",
            "subject": w.ubnd.pk,
            "planned_on": "2026-08-20",
        },
    )
    activity = Activity.objects.get()
    assert response.url == f"/can-bo/giam-sat/cuoc/{activity.pk}/"
    base = f"/can-bo/giam-sat/cuoc/{activity.pk}"

    def step(action: str, data: dict) -> int:
        return client.post(f"{base}/{action}/", data).status_code

    decision = {"decision_number": "41/QĐ", "decision_date": "2026-09-01", "team_members": "Đoàn"}
    assert step("decide", decision) == 302
    # A session too early: a warning, everything typed is kept, nothing changes.
    warned = client.post(
        f"{base}/notify/", {"session_date": "2026-09-10", "notice_sent_on": "2026-09-03"}
    )
    assert warned.status_code == 400
    page = warned.content.decode()
    assert "Cảnh báo thời hạn" in page
    assert "chậm nhất ngày 26/08/2026" in page
    assert 'value="2026-09-10"' in page
    assert Activity.objects.get().status == ActivityStatus.DECIDED
    # The leader confirms.
    client.force_login(w.leader)
    confirmed = client.post(
        f"{base}/notify/",
        {
            "session_date": "2026-09-10",
            "notice_sent_on": "2026-09-03",
            "confirm_short_notice": "on",
            "reason": "Đối tượng đề nghị làm việc sớm",
        },
    )
    assert confirmed.status_code == 302
    assert Activity.objects.get().short_notice_confirmed_by == w.leader
    client.force_login(w.officer)
    assert step("subject-report", {"received_on": "2026-09-08"}) == 302
    session = {"held_on": "2026-09-10", "minutes": "Biên bản làm việc", "field_visits": "3 điểm"}
    assert step("session", session) == 302
    assert step("finding", {"text": "Danh sách chưa cập nhật"}) == 302
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    assert step("document", {"kind": "minutes", "file": upload}) == 302
    report = {"report_number": "52/BC", "report_date": "2026-09-28", "summary": "Kết quả"}
    assert step("report", report) == 302
    finding = Activity.objects.get().findings.get()
    made = client.post(
        f"{base}/recommendation/",
        {
            "finding": finding.pk,
            "addressee": w.ubnd.pk,
            "text": "Cập nhật danh sách hưởng trợ cấp",
            "answer_days": "20",
            "is_public": "on",
        },
    )
    rec = Recommendation.objects.get()
    assert made.url == f"/can-bo/giam-sat/kien-nghi/{rec.pk}/"
    assert client.post(f"/can-bo/giam-sat/kien-nghi/{rec.pk}/issue/").status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.issued_on, rec.answer_due) == (
        RecommendationStatus.ISSUED,
        D(2026, 11, 26),
        D(2026, 12, 16),
    )
    # Closing without an answer: a clear message, nothing changed.
    refused = client.post(f"/can-bo/giam-sat/kien-nghi/{rec.pk}/close/", {"note": "Xong"})
    assert refused.status_code == 400
    assert "Không thể kết thúc theo dõi kiến nghị chưa được trả lời." in refused.content.decode()
    # The officer's task list.
    work = client.get("/can-bo/").content.decode()
    assert "Giám sát chi trả trợ cấp xã hội" not in work or "Kết thúc" in work
    # The respondent answers (a file over the limit first).
    client.force_login(w.respondent)
    tasks = client.get("/can-bo/").content.decode()
    assert f"Trả lời kiến nghị {rec.code}" in tasks
    settings.OVERSIGHT_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("tra-loi.pdf", PDF + b"x" * 200, content_type="application/pdf")
    answer_url = f"/can-bo/giam-sat/kien-nghi/{rec.pk}/tra-loi/"
    too_big = client.post(
        answer_url,
        {
            "kind": "done",
            "text": "UBND tỉnh đã chỉ đạo cập nhật xong danh sách.",
            "answered_on": "2026-11-26",
            "documents": [big],
        },
    )
    assert too_big.status_code == 400
    assert "vượt giới hạn" in too_big.content.decode()
    assert "UBND tỉnh đã chỉ đạo cập nhật xong danh sách." in too_big.content.decode()
    assert Recommendation.objects.get().status == RecommendationStatus.ISSUED
    settings.OVERSIGHT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    good = SimpleUploadedFile("tra-loi.pdf", PDF, content_type="application/pdf")
    done = client.post(
        answer_url,
        {
            "kind": "done",
            "text": "UBND tỉnh đã chỉ đạo cập nhật xong danh sách.",
            "answered_on": "2026-11-26",
            "document_number": "88/UBND",
            "documents": [good],
        },
    )
    assert done.status_code == 302
    assert Recommendation.objects.get().status == RecommendationStatus.DONE
    # Another unit's respondent is refused.
    client.force_login(w.respondent_sxd)
    assert client.get(answer_url).status_code == 403
    # The officer closes the follow-up; the public page shows the answer, its file and history.
    client.force_login(w.officer)
    assert (
        client.post(
            f"/can-bo/giam-sat/kien-nghi/{rec.pk}/close/", {"note": "Đã kiểm tra"}
        ).status_code
        == 302
    )
    client.logout()
    public = client.get(f"/giam-sat/kien-nghi/{rec.pk}/").content.decode()
    assert "UBND tỉnh đã chỉ đạo cập nhật xong danh sách." in public
    assert "Kết thúc theo dõi" in public
    doc = Recommendation.objects.get().answers.get().documents.get()
    assert client.get(f"/giam-sat/van-ban-tra-loi/{doc.pk}/").status_code == 200
    # Supervision documents stay private.
    act_doc = Activity.objects.get().documents.get()
    assert client.get(f"/can-bo/giam-sat/tai-lieu/{act_doc.pk}/").status_code == 302
    client.force_login(w.other_officer)
    assert client.get(f"/can-bo/giam-sat/tai-lieu/{act_doc.pk}/").status_code == 403


def test_programme_pages(world, client, no_otp):
    w = world
    client.force_login(w.officer)
    made = client.post(
        "/can-bo/giam-sat/chuong-trinh/moi/",
        {
            "unit": w.province.pk,
            "year": 2027,
            "title": "Chương trình 2027",
            "made_on": "2026-11-20",
        },
    )
    assert made.status_code == 302
    url = made.url
    item = client.post(
        url + "them/",
        {
            "content": "Giám sát bồi thường",
            "form": "team",
            "subject": w.ubnd.pk,
            "time_text": "Quý II/2027",
            "lead_unit": w.province.pk,
        },
    )
    assert item.status_code == 302
    assert "Giám sát bồi thường" in client.get(url).content.decode()
    client.force_login(w.leader)
    assert (
        client.post(
            url + "thong-nhat/", {"agreed_with": "UBND tỉnh", "agreed_on": "2026-11-25"}
        ).status_code
        == 302
    )
    assert "Đã thống nhất, ban hành" in client.get(url).content.decode()


def _public_world(w):
    done = issued(w, on=D(2026, 4, 22))
    s.recommendation_answer(
        actor=w.respondent,
        recommendation=done,
        kind=AnswerKind.DONE,
        text="Đã thực hiện xong việc điều chỉnh.",
        answered_on=D(2026, 5, 10),
    )
    late = issued(w, on=D(2026, 9, 30), days=20)  # overdue on 26 November
    hidden = issued(w, on=D(2026, 9, 30))
    Recommendation.objects.filter(pk=hidden.pk).update(is_public=False)
    return done, late, hidden


def test_public_board_figures_filters_and_chart(world, client):
    w = world
    done, late, hidden = _public_world(w)
    page = client.get("/giam-sat/").content.decode()
    assert '<svg id="chart-addressees" class="chart" role="img"' in page
    assert '<title id="chart-addressees-t">Kiến nghị theo cơ quan nhận</title>' in page
    assert done.code in page
    assert late.code in page
    assert hidden.code not in page
    overdue_only = client.get("/giam-sat/", {"overdue": "on"}).content.decode()
    assert late.code in overdue_only
    assert done.code not in overdue_only
    q2 = client.get("/giam-sat/", {"year": 2026, "quarter": 2}).content.decode()
    assert done.code in q2
    assert late.code not in q2


def test_exports_carry_no_personal_data(world, client):
    w = world
    _public_world(w)
    data = client.get("/giam-sat/du-lieu/kien-nghi.json").json()
    rows = data["recommendations"]
    assert [r["status"] for r in rows] == ["issued", "done"]
    assert rows[0]["overdue"] is True
    assert rows[1]["answered_on_time"] is True
    assert [h["to"] for h in rows[1]["history"]] == ["draft", "issued", "done"]
    csv_text = client.get("/giam-sat/du-lieu/kien-nghi.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("code,issuer,issuer_code,addressee")
    figures = json.loads(client.get("/giam-sat/du-lieu/thong-ke.json").content)
    assert figures["addressees"] == [
        {
            "addressee": "Ủy ban nhân dân tỉnh Vĩnh Long",
            "addressee_code": "UBND-86",
            "received": 2,
            "answered": 1,
            "answered_on_time": 1,
            "done": 1,
            "in_progress": 0,
            "overdue": 1,
        }
    ]
    everything = json.dumps(data, ensure_ascii=False) + csv_text
    for personal in (
        w.respondent.full_name,
        w.officer.full_name,
        w.respondent.username,
        w.respondent.email,
    ):
        assert personal not in everything


def test_api_and_search_and_indicators(world, client):
    from ykien.core.indicators import all_computed
    from ykien.oversight.search import search_documents

    w = world
    done, late, _hidden = _public_world(w)
    api = client.get(
        "/api/v1/oversight/recommendations", {"addressee": "UBND-86", "year": 2026}
    ).json()
    assert api["count"] == 2
    assert (
        client.get("/api/v1/oversight/figures", {"year": 2026}).json()["addressees"][0]["received"]
        == 2
    )
    keys = sorted(d.key for d in search_documents())
    assert keys == sorted([done.code, late.code])
    indicators = all_computed()
    ids = {w.province.pk}
    start, end = D(2026, 1, 1), D(2026, 12, 31)
    assert indicators["oversight.recommendations"].compute(ids, start, end) == 3
    assert indicators["oversight.recommendations_done"].compute(ids, start, end) == 1
    assert indicators["oversight.recommendations_answered_on_time"].compute(ids, start, end) == 1
    assert indicators["oversight.recommendations_overdue"].compute(ids, start, end) == 2
    assert indicators["oversight.activities"].compute(ids, start, end) == 3


def test_home_section_headline(world, rf):
    from ykien.oversight.views.public import home_section_context

    _public_world(world)
    ctx = home_section_context(rf.get("/"))
    assert (
        ctx["oversight_total"].received,
        ctx["oversight_total"].overdue,
        ctx["oversight_on_time"],
    ) == (2, 1, 50)


def test_reports_as_docx_and_pdf(world, client, no_otp):
    w = world
    done, _late, _hidden = _public_world(w)
    client.force_login(w.officer)
    response = client.get(f"/can-bo/giam-sat/cuoc/{done.activity.pk}/bao-cao.docx")
    document = docx.Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "BÁO CÁO" in text
    assert "Kết quả giám sát: Xem xét quyết định giá đất" in text
    assert "12/BC-MTTQ-BTT" in text
    pdf = client.get(f"/can-bo/giam-sat/cuoc/{done.activity.pk}/bao-cao.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Rà soát, điều chỉnh bảng giá đất" in "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages
    )
    period = client.get(
        "/can-bo/giam-sat/bao-cao-ky/",
        {"unit": w.province.pk, "year": 2026, "quarter": "", "fmt": "docx"},
    )
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(period.content)).paragraphs)
    assert (
        "Kết quả công tác giám sát năm 2026" in body.replace("\n", " ") or "KẾT QUẢ" in body.upper()
    )
    assert "Kiến nghị đã gửi: 3" in body
    assert "Quá hạn tính đến ngày 26/11/2026: 2" in body
    client.force_login(w.other_officer)
    assert client.get(f"/can-bo/giam-sat/cuoc/{done.activity.pk}/bao-cao.docx").status_code == 403


def test_escalate_from_the_page(world, client, no_otp):
    w = world
    rec = issued(w, on=D(2026, 9, 30), days=20)
    client.force_login(w.officer)
    page = client.get(f"/can-bo/giam-sat/kien-nghi/{rec.pk}/").content.decode()
    assert "Chuyển cấp trên đôn đốc: Ủy ban Trung ương MTTQ Việt Nam" in page
    assert (
        client.post(f"/can-bo/giam-sat/kien-nghi/{rec.pk}/escalate/", {"note": ""}).status_code
        == 302
    )
    assert Recommendation.objects.get(pk=rec.pk).status == RecommendationStatus.ESCALATED
    assert (
        AuditEvent.objects.filter(
            action="oversight.recommendation.escalate", actor=w.officer
        ).count()
        == 1
    )


def test_board_links_only_to_the_staff_pages_the_reader_can_open(world, client, no_otp):
    """A citizen sees no link to the officers' desk (it would answer 403)."""
    desk = 'href="/can-bo/giam-sat/"'
    client.force_login(world.citizen)
    page = client.get("/giam-sat/").content.decode()
    assert desk not in page
    assert "Kiến nghị gửi đến cơ quan của tôi" not in page
    client.force_login(world.officer)
    page = client.get("/giam-sat/").content.decode()
    assert desk in page
    assert client.get("/can-bo/giam-sat/").status_code == 200
