"""The public form, receipt, status page, rating, statistics; bad input stores nothing."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.petitions import services
from ykien.petitions.models import Attachment, Petition, Status

from .conftest import PLANTED_ID, PLANTED_NAME, submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 200


def form_data(tree, **changes):
    data = {
        "kind": "report",
        "unit": tree.prov_new.pk,
        "subject": "Đèn đường không sáng",
        "content": "Tuyến đèn đường ở ấp 3 không sáng đã hai tháng, ban đêm rất tối.",
        "name": PLANTED_NAME,
        "id_number": PLANTED_ID,
        "phone": "0912 345 678",
        "email": "",
        "address": "",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(changes)
    return data


def test_send_then_follow_by_code(client, tree):
    response = client.post(reverse("petitions:submit"), form_data(tree))
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:sent")
    petition = Petition.objects.get()
    html = client.get(reverse("petitions:sent")).content.decode()
    assert petition.display_code in html
    assert PLANTED_NAME not in html
    # the status page by code, typed in lower case without dashes
    response = client.get(reverse("petitions:lookup"), {"ma": petition.code.lower()})
    html = response.content.decode()
    assert "Đã tiếp nhận, chờ thụ lý" in html
    assert "Đèn đường không sáng" in html
    assert PLANTED_NAME not in html


def test_receipt_pdf_has_the_code_and_no_identity(client, tree):
    petition = submit(tree.prov_new)
    response = client.get(reverse("petitions:receipt", args=[petition.display_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert petition.display_code in text
    assert "GIẤY BIÊN NHẬN" in text
    assert PLANTED_NAME not in text
    assert PLANTED_ID not in text


def test_status_page_never_shows_internal_notes(client, tree, people):
    petition = submit(tree.prov_new)
    services.petition_transfer(
        actor=people.handler, petition=petition, to_unit=tree.agency_new, note="GHI-CHU-NOI-BO"
    )
    petition.refresh_from_db()
    services.petition_accept(actor=SYSTEM, petition=petition)
    services.petition_settle(actor=SYSTEM, petition=petition, conclusion="KET-LUAN-NOI-BO")
    services.petition_answer(actor=SYSTEM, petition=petition, answer="Đã sửa xong đèn đường.")
    html = client.get(reverse("petitions:lookup"), {"ma": petition.display_code}).content.decode()
    assert "Đã sửa xong đèn đường." in html
    assert "Chuyển đơn từ" in html
    assert "GHI-CHU-NOI-BO" not in html
    assert "KET-LUAN-NOI-BO" not in html
    # the sender rates the answer
    response = client.post(
        reverse("petitions:rate"), {"code": petition.display_code, "rating": "5"}
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.rating == 5


def test_unknown_and_malformed_codes_get_the_same_answer(client, tree):
    submit(tree.prov_new)
    unknown = client.get(reverse("petitions:lookup"), {"ma": "ZZZ-ZZZ-ZZZ"}).content.decode()
    malformed = client.get(reverse("petitions:lookup"), {"ma": "<script>"}).content.decode()
    message = "Không tìm thấy đơn với mã tra cứu này."
    assert message in unknown
    assert message in malformed
    assert "<script>" not in malformed


def test_code_guessing_is_rate_limited(client, tree):
    for _ in range(20):
        assert client.get(reverse("petitions:lookup"), {"ma": "ABC-DEF-GHJ"}).status_code == 200
    response = client.get(reverse("petitions:lookup"), {"ma": "ABC-DEF-GHK"})
    assert response.status_code == 429
    assert client.get(reverse("petitions:receipt", args=["ABC-DEF-GHJ"])).status_code == 429


def test_sending_is_rate_limited_and_what_was_typed_stays(client, tree):
    for _ in range(5):
        client.post(reverse("petitions:submit"), form_data(tree))
    response = client.post(reverse("petitions:submit"), form_data(tree))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Đã có quá nhiều đơn gửi từ địa chỉ mạng này trong 10 phút." in html
    assert form_data(tree)["content"] in html  # nothing typed is lost
    assert Petition.objects.count() == 5


def test_mistakes_corrected_do_not_count_against_the_limit(client, tree):
    for _ in range(8):  # sent back with errors: nothing sent
        response = client.post(reverse("petitions:submit"), form_data(tree, captcha_1="sai"))
        assert response.status_code == 200
    assert client.post(reverse("petitions:submit"), form_data(tree)).status_code == 302
    assert Petition.objects.count() == 1


def test_petitions_the_service_refuses_do_not_count_against_the_limit(client, tree):
    # the form passes, the service refuses (HTML in the subject): nothing sent, nothing counted
    for _ in range(6):
        response = client.post(
            reverse("petitions:submit"), form_data(tree, subject="<script>x</script>")
        )
        assert response.status_code == 200
    assert client.post(reverse("petitions:submit"), form_data(tree)).status_code == 302
    assert Petition.objects.count() == 1


def test_guessing_the_captcha_is_limited_too(client, tree):
    for _ in range(30):
        client.post(reverse("petitions:submit"), form_data(tree, captcha_1="sai"))
    response = client.post(reverse("petitions:submit"), form_data(tree))
    assert response.status_code == 429
    assert Petition.objects.count() == 0


def test_wrong_captcha_keeps_what_was_typed(client, tree):
    response = client.post(reverse("petitions:submit"), form_data(tree, captcha_1="sai"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuyến đèn đường ở ấp 3 không sáng" in html
    assert 'value="Đèn đường không sáng"' in html
    assert Petition.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "Số điện thoại “12345” không hợp lệ"),
        ({"id_number": "12345678"}, "Số định danh cá nhân / CCCD phải có 12 chữ số"),
        (
            {"content": "Xin chào <script>alert(1)</script> các anh chị"},
            "không được chứa mã HTML hoặc mã lệnh",
        ),
        ({"subject": "<img src=x onerror=alert(1)>"}, "không được chứa mã HTML hoặc mã lệnh"),
        ({"name": "", "phone": ""}, "Cần ghi họ và tên người gửi."),
        ({"kind": "complaint", "address": ""}, "Cần ghi địa chỉ của người gửi."),
        ({"kind": "complaint", "anonymous": "on"}, "Không thể khiếu nại nặc danh"),
        ({"lat": "10.25"}, "Cần cả vĩ độ và kinh độ"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_stored(client, tree, changes, message):
    response = client.post(reverse("petitions:submit"), form_data(tree, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Petition.objects.count() == 0


def test_executable_named_pdf_is_refused(client, tree, settings):
    upload = io.BytesIO(EXE)
    upload.name = "don-to-cao.pdf"
    response = client.post(
        reverse("petitions:submit"), {**form_data(tree), "attachments": [upload]}
    )
    assert "không phải là PDF như tên tệp cho biết" in response.content.decode()
    assert Petition.objects.count() == 0
    assert not (settings.PRIVATE_ROOT / "petitions").exists() or not any(
        (settings.PRIVATE_ROOT / "petitions").iterdir()
    )


def test_attachment_over_ten_megabytes_is_refused(client, tree):
    upload = io.BytesIO(PDF + b"0" * (10 * 1024 * 1024))
    upload.name = "ban-ve.pdf"
    response = client.post(
        reverse("petitions:submit"), {**form_data(tree), "attachments": [upload]}
    )
    assert "lớn hơn 10 MB" in response.content.decode()
    assert Petition.objects.count() == 0


def test_attachments_are_encrypted_under_private_root(client, tree, settings):
    pdf, png = io.BytesIO(PDF), io.BytesIO(PNG)
    pdf.name, png.name = "ho-so.pdf", "anh.png"
    response = client.post(
        reverse("petitions:submit"), {**form_data(tree), "attachments": [pdf, png]}
    )
    assert response.status_code == 302
    attachments = list(Attachment.objects.order_by("pk"))
    assert [a.file_type for a in attachments] == ["pdf", "png"]
    stored = (settings.PRIVATE_ROOT / "petitions" / attachments[0].path).read_bytes()
    assert not stored.startswith(b"%PDF")
    assert str(settings.MEDIA_ROOT) not in str(settings.PRIVATE_ROOT)


def test_anonymous_denunciation_form_says_so_and_records_information(client, tree):
    html = client.get(reverse("petitions:submit")).content.decode()
    assert "tố cáo nặc danh chỉ được tiếp nhận như thông tin" in html
    response = client.post(
        reverse("petitions:submit"),
        form_data(tree, kind="denunciation", anonymous="on", name="", id_number="", phone=""),
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.as_information
    assert petition.kind == "report"
    assert "Luật Tố cáo 2018, Điều 25" in client.get(reverse("petitions:sent")).content.decode()


def test_failure_after_files_were_written_leaves_nothing(tree, settings, monkeypatch):
    from ykien.core.errors import ValidationFailed
    from ykien.petitions import files

    uploads = [files.check_upload("a.pdf", PDF), files.check_upload("b.png", PNG)]

    def boom(**kwargs):
        raise ValidationFailed("hỏng")

    monkeypatch.setattr(services.intake, "audit_change", boom)
    with pytest.raises(ValidationFailed):
        submit(tree.prov_new, uploads=uploads)
    assert Petition.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert list((settings.PRIVATE_ROOT / "petitions").iterdir()) == []


def test_statistics_page_and_csv_suppress_small_counts(client, tree, people):
    for _ in range(6):
        submit(tree.prov_new)
    for _ in range(9):
        submit(tree.agency_new)
    for _ in range(2):
        submit(tree.commune_b)
    html = client.get(reverse("petitions:statistics")).content.decode()
    assert "Ủy ban MTTQ tỉnh Vĩnh Long" in html
    assert "&lt;5" not in html  # every hidden count is written "ẩn" (test_statistics_suppression)
    assert ">ẩn</span>" in html
    csv_text = client.get(reverse("petitions:statistics_csv")).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("Mã đơn vị,Đơn vị,Từ ngày")
    rows = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    assert rows["N-UBND"][4] == "9"
    assert rows["B1"][4] == "ẩn"
    assert rows["N"][4] == "ẩn"  # hidden too, or 17 - 9 - 6 would give B1 away
    assert lines[-1].split(",")[4] == "17"


def test_secondary_suppression_hides_a_second_cell():
    from ykien.petitions.selectors import StatRow, _suppress

    rows = [
        StatRow("a", "a", received=2),
        StatRow("b", "b", received=9),
        StatRow("c", "c", received=12),
    ]
    _suppress(rows)
    assert [r.received for r in rows] == [None, None, 12]


def test_status_after_merge_says_so(client, tree, people):
    first = submit(tree.prov_new)
    second = submit(tree.prov_new)
    services.petition_merge(actor=people.handler, petition=second, into=first)
    html = client.get(reverse("petitions:lookup"), {"ma": second.display_code}).content.decode()
    assert str(Status.MERGED.label) in html
