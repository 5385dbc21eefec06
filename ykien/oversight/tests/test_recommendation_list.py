"""The officer's recommendation list with the list layer (search without diacritics, filters,
sort, pages, export) and the bulk reminder, each recommendation through the lifecycle's
``remind`` edge, with a report of what was done and refused."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from ykien.core.models import AuditEvent
from ykien.oversight import services as s
from ykien.oversight.models import Recommendation

from .conftest import D, issued, reported_review, written

pytestmark = pytest.mark.django_db

URL = reverse("oversight:recommendation_list")
REMIND = reverse("oversight:recommendation_remind")


@pytest.fixture
def recs(world):
    """An overdue recommendation to the provincial People's Committee (sent 30/9, 20 days) and
    one sent two days ago to the construction department."""
    w = world
    overdue = issued(w, on=D(2026, 9, 30), days=20)
    fresh = written(
        w, reported_review(w), "Công khai quy hoạch khu dân cư", addressee=w.sxd,
        created_on=D(2026, 11, 24),
    )  # fmt: skip
    fresh = s.recommendation_issue(actor=w.officer, recommendation=fresh, on=D(2026, 11, 24))
    return overdue, fresh


def _codes(response) -> list[str]:
    assert response.status_code == 200
    return [r.code for r in response.context["page"]]


def test_search_ignores_diacritics_and_case(client, world, recs, no_otp):
    overdue, fresh = recs
    client.force_login(world.officer)
    assert _codes(client.get(URL, {"q": "ven bien"})) == [overdue.code]
    assert _codes(client.get(URL, {"q": "VEN BIỂN"})) == [overdue.code]
    assert _codes(client.get(URL, {"q": "công khai"})) == [fresh.code]
    assert _codes(client.get(URL, {"q": "so xay dung"})) == [fresh.code]  # the addressee
    assert _codes(client.get(URL, {"q": fresh.code})) == [fresh.code]
    response = client.get(URL, {"q": "khong co dau"})
    assert _codes(response) == []
    assert "Không có kiến nghị." in response.content.decode()


def test_filters_and_sort(client, world, recs, no_otp):
    overdue, fresh = recs
    client.force_login(world.officer)
    assert _codes(client.get(URL, {"due": "overdue"})) == [overdue.code]
    assert _codes(client.get(URL, {"recent": "1"})) == [fresh.code]
    assert _codes(client.get(URL, {"status": "issued"})) == [fresh.code, overdue.code]
    assert _codes(client.get(URL, {"status": "done"})) == []
    assert _codes(client.get(URL, {"sort": "number"})) == [overdue.code, fresh.code]
    assert _codes(client.get(URL, {"sort": "-due"})) == [fresh.code, overdue.code]
    assert _codes(client.get(URL, {"sort": "addressee"})) == [fresh.code, overdue.code]
    html = client.get(URL, {"due": "overdue", "sort": "due"}).content.decode()
    # The sort links and the export keep the filter.
    assert 'href="?due=overdue&amp;sort=-due"' in html
    assert 'href="/can-bo/giam-sat/kien-nghi/danh-sach.csv?due=overdue&amp;sort=due"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "3"}, "Trang 3 không tồn tại."),
        ({"page": "-1"}, "Số trang không hợp lệ."),
        ({"sort": "text"}, "Không thể sắp xếp theo cột này."),
        ({"due": "yesterday"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"status": "lost"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, world, recs, no_otp, params, message):
    client.force_login(world.officer)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_export_is_the_filtered_list(client, world, recs, no_otp):
    overdue, _fresh = recs
    client.force_login(world.officer)
    url = reverse("oversight:recommendation_export", args=["csv"])
    response = client.get(url, {"due": "overdue"})
    assert response["Content-Disposition"] == 'attachment; filename="kien-nghi.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Số", "Cuộc giám sát", "Đơn vị kiến nghị", "Cơ quan nhận", "Nội dung kiến nghị",
        "Ngày gửi", "Hạn trả lời", "Trạng thái", "Ngày nhắc gần nhất",
    ]  # fmt: skip
    assert rows[1:] == [
        [overdue.code, "Xem xét quyết định giá đất", "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long",
         "Ủy ban nhân dân tỉnh Vĩnh Long", "Rà soát, điều chỉnh bảng giá đất ven biển.",
         "30/09/2026", overdue.answer_due.strftime("%d/%m/%Y"), "Đã gửi, chờ trả lời", ""],
    ]  # fmt: skip
    assert client.get(url, {"sort": "text"}).status_code == 400
    xlsx = client.get(reverse("oversight:recommendation_export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_bulk_remind_reports_done_and_refused(
    client, world, recs, no_otp, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    overdue, fresh = recs
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"ids": [overdue.pk, fresh.pk, 999999], "confirm": "1"})
    assert response.status_code == 200
    assert [(o.number, o.message) for o in response.context["done"]] == [
        (overdue.pk, "Đã nhắc Ủy ban nhân dân tỉnh Vĩnh Long.")
    ]
    assert [(o.number, o.message) for o in response.context["refused"]] == [
        (fresh.pk, "Kiến nghị chưa quá hạn trả lời, thực hiện."),
        (999999, "Không tìm thấy kiến nghị này trong phạm vi của bạn."),
    ]
    assert Recommendation.objects.get(pk=overdue.pk).last_reminded_on == D(2026, 11, 26)
    assert Recommendation.objects.get(pk=fresh.pk).last_reminded_on is None
    assert [m.to for m in mail.outbox] == [[world.respondent.email]]
    assert AuditEvent.objects.filter(action="oversight.recommendation.remind").count() == 1

    again = client.post(REMIND, {"ids": [overdue.pk], "confirm": "1"})
    assert again.context["done"] == []
    assert [o.message for o in again.context["refused"]] == [
        "Kiến nghị đã được nhắc ngày 26/11/2026."
    ]


def test_bulk_remind_asks_to_confirm_first_and_changes_nothing(client, world, recs, no_otp):
    overdue, fresh = recs
    client.force_login(world.officer)
    response = client.post(REMIND, {"ids": [overdue.pk, fresh.pk, 999999]})
    assert response.status_code == 200
    assert response.context["rows"] == [
        f"{overdue.code} — Ủy ban nhân dân tỉnh Vĩnh Long",
        f"{fresh.code} — Sở Xây dựng tỉnh Vĩnh Long",
    ]
    assert response.context["missing"] == [999999]
    html = response.content.decode()
    assert "Xác nhận thao tác" in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert not Recommendation.objects.filter(last_reminded_on__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="oversight.recommendation.remind").exists()


def test_another_units_officer_sees_and_reminds_nothing(client, world, recs, no_otp):
    overdue, _fresh = recs
    client.force_login(world.other_officer)
    assert _codes(client.get(URL)) == []
    response = client.post(REMIND, {"ids": [overdue.pk], "confirm": "1"})
    assert [(o.number, o.message) for o in response.context["refused"]] == [
        (overdue.pk, "Không tìm thấy kiến nghị này trong phạm vi của bạn.")
    ]
    assert Recommendation.objects.get(pk=overdue.pk).last_reminded_on is None
    client.force_login(world.citizen)
    assert client.get(URL).status_code == 403
    assert client.post(REMIND, {"ids": [overdue.pk]}).status_code == 403


@pytest.mark.parametrize(
    ("ids", "message"),
    [([], "Hãy chọn ít nhất một mục."), (["KN-1"], "Mục đã chọn không hợp lệ."),
     (["99999999999"], "Mục đã chọn không hợp lệ.")],
)  # fmt: skip
def test_bulk_bad_input_is_a_400_and_changes_nothing(client, world, recs, no_otp, ids, message):
    client.force_login(world.officer)
    response = client.post(REMIND, {"ids": ids})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Recommendation.objects.filter(last_reminded_on__isnull=False).exists()
