"""The units' submissions of a period as a staff list (search without diacritics, filter, sort,
pages, export) and the leader's bulk approval, each submission through the lifecycle."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.reporting import services
from ykien.reporting.models import Submission

from .conftest import full

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    """Friday 2 October 2026: the third quarter is over, its figures due on 7 October."""
    with time_machine.travel(dt.datetime(2026, 10, 2, 9, tzinfo=dt.UTC), tick=False):
        yield


URL = reverse("reporting:period", args=["2026-Q3"])


@pytest.fixture
def period(db):
    return services.period_ensure(actor=SYSTEM, code="2026-Q3")


@pytest.fixture
def leader(tree):
    user = UserFactory(username="lanhdao.tinh")
    grant(user, tree.prov_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    return user


def _login(client, user):
    """Sign in with two-factor authentication passed (leaders need it)."""
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def _sent(unit, period, by):
    submission = services.submission_save(actor=by, unit=unit, period=period, values=full())
    return services.submission_transition(actor=by, submission=submission, to="submitted")


@pytest.fixture
def sent(tree, indicators, period, leader):
    """The province's and the commune's figures, both submitted."""
    return _sent(tree.prov_new, period, leader), _sent(tree.commune_new, period, leader)


def _names(response) -> list[str]:
    return [s.unit.name for s in response.context["page"]]


def test_search_ignores_diacritics_and_case(client, tree, sent, leader):
    _login(client, leader)
    for q in ("càng long", "CANG LONG", "cang"):
        response = client.get(URL, {"q": q})
        assert response.status_code == 200
        assert _names(response) == ["Ủy ban MTTQ xã Càng Long"]
    response = client.get(URL, {"q": "khong co"})
    assert _names(response) == []
    assert "Không có đơn vị nào." in response.content.decode()


def test_filter_and_sort(client, tree, indicators, period, leader):
    _sent(tree.commune_new, period, leader)
    _login(client, leader)
    assert _names(client.get(URL, {"status": "submitted"})) == ["Ủy ban MTTQ xã Càng Long"]
    assert _names(client.get(URL, {"status": "missing"})) == ["Ủy ban MTTQ tỉnh Vĩnh Long"]
    # The due date (7/10) has not passed and the commune sent on time: nobody is late.
    assert _names(client.get(URL, {"status": "late"})) == []
    assert _names(client.get(URL, {"sort": "unit"})) == [
        "Ủy ban MTTQ tỉnh Vĩnh Long",
        "Ủy ban MTTQ xã Càng Long",
    ]
    assert _names(client.get(URL, {"sort": "-unit"})) == [
        "Ủy ban MTTQ xã Càng Long",
        "Ủy ban MTTQ tỉnh Vĩnh Long",
    ]
    assert _names(client.get(URL, {"sort": "-status"})) == [
        "Ủy ban MTTQ xã Càng Long",
        "Ủy ban MTTQ tỉnh Vĩnh Long",
    ]
    html = client.get(URL, {"sort": "unit", "status": "missing"}).content.decode()
    # The sort links keep the filter.
    assert 'href="?sort=-unit&amp;status=missing"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "2"}, "Trang 2 không tồn tại."),
        ({"page": "abc"}, "Số trang không hợp lệ."),
        ({"sort": "password"}, "Không thể sắp xếp theo cột này."),
        ({"status": "deleted"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"q": "x" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, tree, sent, leader, params, message):
    _login(client, leader)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    # The export takes every page; the other bad values are refused there too.
    export = client.get(reverse("reporting:period_export", args=["2026-Q3", "csv"]), params)
    assert export.status_code == (200 if params == {"page": "2"} else 400)


def test_export_is_the_filtered_list(client, tree, sent, leader):
    _login(client, leader)
    response = client.get(
        reverse("reporting:period_export", args=["2026-Q3", "csv"]), {"q": "vinh long"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="giao-ban-2026-Q3.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Mã đơn vị",
            "Đơn vị",
            "Trạng thái",
            "Muộn hạn",
            "Gửi lúc",
            "Duyệt / trả lại lúc",
            "Người duyệt",
        ],
        ["N", "Ủy ban MTTQ tỉnh Vĩnh Long", "Chờ duyệt", "Không", "02/10/2026 16:00", "", ""],
    ]
    xlsx = client.get(reverse("reporting:period_export", args=["2026-Q3", "xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_bulk_approve_reports_what_was_done_and_refused(client, tree, sent, leader, period):
    province, commune = sent
    other = UserFactory(username="canbo.camau")
    grant(other, tree.prov_b, Role.LEADER)
    elsewhere = _sent(tree.commune_b, period, other)
    _login(client, leader)
    ids = [province.pk, commune.pk, elsewhere.pk]
    response = client.post(
        reverse("reporting:period_bulk", args=["2026-Q3"]), {"ids": ids, "confirm": "1"}
    )
    assert response.status_code == 200
    assert [(o.number, o.message) for o in response.context["done"]] == [
        (province.pk, "Đã duyệt."),
        (commune.pk, "Đã duyệt."),
    ]
    assert [(o.number, o.message) for o in response.context["refused"]] == [
        (elsewhere.pk, "Không tìm thấy số liệu này trong phạm vi của bạn.")
    ]
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert statuses == {province.pk: "approved", commune.pk: "approved", elsewhere.pk: "submitted"}
    assert AuditEvent.objects.filter(action="reporting.submission.approved").count() == 2

    # Again: already approved, the lifecycle refuses each and says why.
    response = client.post(
        reverse("reporting:period_bulk", args=["2026-Q3"]), {"ids": ids[:1], "confirm": "1"}
    )
    assert response.context["done"] == []
    [outcome] = response.context["refused"]
    assert outcome.number == province.pk
    assert outcome.message == (
        "Số liệu của “Ủy ban MTTQ tỉnh Vĩnh Long” quý III/2026 đã được duyệt, "
        "không thay đổi được nữa."
    )


def test_bulk_approve_asks_to_confirm_first_and_changes_nothing(client, tree, sent, leader):
    province, commune = sent
    _login(client, leader)
    url = reverse("reporting:period_bulk", args=["2026-Q3"])
    response = client.post(url, {"ids": [commune.pk, province.pk, 999999]})
    assert response.status_code == 200
    assert response.context["rows"] == ["Ủy ban MTTQ xã Càng Long", "Ủy ban MTTQ tỉnh Vĩnh Long"]
    assert response.context["missing"] == [999999]
    assert "Duyệt số liệu giao ban quý III/2026" in response.content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {"submitted"}


def test_bulk_approve_needs_a_leader_of_the_unit(client, tree, sent, leader):
    province, commune = sent
    commune_leader = UserFactory(username="lanhdao.xa")
    grant(commune_leader, tree.commune_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    officer = UserFactory(username="canbo.tinh")
    grant(officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    url = reverse("reporting:period_bulk", args=["2026-Q3"])

    _login(client, officer)
    assert client.get(URL).context["can_bulk"] is False
    response = client.post(url, {"ids": [commune.pk], "confirm": "1"})
    assert response.context["done"] == []
    assert [(o.number, o.message) for o in response.context["refused"]] == [
        (commune.pk, "Bạn không có quyền thực hiện thao tác này.")
    ]

    _login(client, commune_leader)
    response = client.post(url, {"ids": [province.pk, commune.pk], "confirm": "1"})
    assert [o.number for o in response.context["done"]] == [commune.pk]
    # The province is outside the commune leader's units: not even found.
    assert [o.number for o in response.context["refused"]] == [province.pk]
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert statuses == {province.pk: "submitted", commune.pk: "approved"}


@pytest.mark.parametrize(
    ("ids", "message"),
    [([], "Hãy chọn ít nhất một mục."), (["abc"], "Mục đã chọn không hợp lệ."),
     (["0"], "Mục đã chọn không hợp lệ."), ([str(n) for n in range(1, 202)],
     "Chọn tối đa 200 mục cho một thao tác.")],
)  # fmt: skip
def test_bulk_bad_input_is_a_400_and_changes_nothing(client, tree, sent, leader, ids, message):
    _login(client, leader)
    response = client.post(reverse("reporting:period_bulk", args=["2026-Q3"]), {"ids": ids})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {"submitted"}
