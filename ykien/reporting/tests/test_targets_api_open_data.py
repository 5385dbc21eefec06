"""Targets set on the staff page (permission, history, audit); the read-only API of indicators,
periods and aggregated figures (approved only, computed ones left out, its error codes); the
open data of the approved figures (no personal data, nothing not approved)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.urls import reverse

from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.reporting import services
from ykien.reporting.models import Target

from .conftest import approve, at, full

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 10, 20, 9, tzinfo=dt.UTC), tick=False):
        yield


def _login_verified(client, user):
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture
def period(db):
    return services.period_ensure(actor=SYSTEM, code="2026-Q3")


# ----------------------------------------------------------------------------- targets


def test_targets_page_is_for_leaders_covering_the_unit(client, tree, indicators, period, people):
    url = reverse("reporting:targets", args=[tree.prov_new.code, "2026-Q3"])
    assert client.get(url).status_code == 302
    for user in (people.citizen, people.other, people.new_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403, user.username
        assert client.post(url, {"chi_tieu__DV": "5"}).status_code == 403
    assert not Target.objects.exists()
    _login_verified(client, people.new_leader)
    assert client.get(url).status_code == 200
    # The dashboard links to it for the leader only.
    dashboard = reverse("reporting:dashboard", args=[tree.prov_new.code, "2026-Q3"])
    assert url in client.get(dashboard).content.decode()
    client.force_login(people.new_officer)
    assert url not in client.get(dashboard).content.decode()


def test_leader_sets_changes_and_removes_targets_with_history_and_audit(
    client, tree, indicators, period, people
):
    url = reverse("reporting:targets", args=[tree.prov_new.code, "2026-Q3"])
    _login_verified(client, people.new_leader)
    response = client.post(url, {"chi_tieu__DV": "1.200", "chi_tieu__TYLE": "90,5"})
    assert response.status_code == 302
    assert {t.indicator.code: str(t.value.normalize()) for t in Target.objects.all()} == {
        "DV": "1.2E+3",
        "TYLE": "90.5",
    }
    page = client.get(url).content.decode()
    assert 'value="1.200"' in page
    assert 'value="90,5"' in page
    # Change one, remove the other.
    response = client.post(url, {"chi_tieu__DV": "1.300", "chi_tieu__TYLE": ""})
    assert response.status_code == 302
    assert [(t.indicator.code, t.value) for t in Target.objects.all()] == [("DV", 1300)]
    page = client.get(url).content.decode()
    assert page.count("Giao mới") == 2
    assert "Sửa" in page
    assert "Xóa" in page
    actions = list(
        AuditEvent.objects.filter(action__startswith="reporting.target").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "reporting.target.delete",
        "reporting.target.set",
        "reporting.target.set",
        "reporting.target.set",
    ]


def test_a_bad_target_is_refused_and_nothing_saved(client, tree, indicators, period, people):
    url = reverse("reporting:targets", args=[tree.prov_new.code, "2026-Q3"])
    _login_verified(client, people.new_leader)
    response = client.post(url, {"chi_tieu__DV": "1.200", "chi_tieu__TYLE": "120"})
    assert response.status_code == 400
    assert "tỷ lệ phần trăm không được lớn hơn 100" in response.content.decode()
    assert not Target.objects.exists()


# ----------------------------------------------------------------------------- API


@pytest.fixture
def figures(tree, indicators, people):
    """Q3/2026: the commune's figures approved; the province's own sent but not approved."""
    approve(
        tree.commune_new, "2026-Q3", full(DV=1068, TT=3, CN=2), dt.date(2026, 10, 5), **people.after
    )
    approve(tree.commune_new, "2026-Q2", full(DV=1000), dt.date(2026, 7, 6), **people.after)
    period = services.period_ensure(actor=SYSTEM, code="2026-Q3")
    pending = services.submission_save(
        actor=people.new_officer,
        unit=tree.prov_new,
        period=period,
        values=full(DV=500),
        now=at(dt.date(2026, 10, 6)),
    )
    services.submission_transition(
        actor=people.new_officer, submission=pending, to="submitted", now=at(dt.date(2026, 10, 6))
    )
    services.target_set(
        actor=people.new_leader, indicator=indicators.members, unit=tree.prov_new, period=period,
        value="2.000",
    )  # fmt: skip
    return period


def test_api_lists_indicators_and_periods(client, figures):
    indicators = client.get("/api/v1/reporting/indicators").json()
    assert [i["code"] for i in indicators] == [
        "TIEN",
        "DV",
        "TYLE",
        "MAX",
        "CUOI",
        "TT",
        "CN",
        "MH",
    ]
    assert indicators[1] == {
        "code": "DV",
        "name": "Số đảng viên",
        "group": "Đảng viên",
        "measure": "people",
        "unit_label": "người",
        "aggregation": "sum",
        "source": "entered",
    }
    periods = client.get("/api/v1/reporting/periods").json()
    assert [p["code"] for p in periods] == ["2026-Q3", "2026-Q2"]
    assert periods[0] == {
        "code": "2026-Q3",
        "kind": "quarter",
        "title": "quý III/2026",
        "start": "2026-07-01",
        "end": "2026-09-30",
        "due": "2026-10-07",
    }


def test_api_figures_are_the_approved_ones_rolled_up(client, tree, figures):
    body = client.get("/api/v1/reporting/figures?unit=N&period=2026-Q3").json()
    assert body["unit_code"] == "N"
    assert body["period_title"] == "quý III/2026"
    by_code = {f["indicator_code"]: f for f in body["figures"]}
    # The province's own 500, not approved, is not counted.
    assert by_code["DV"] == {
        "indicator_code": "DV",
        "indicator": "Số đảng viên",
        "measure": "people",
        "unit_label": "người",
        "value": "1068",
        "previous": "1000",
        "last_year": None,
        "target": "2000",
    }
    assert by_code["MH"]["value"] == "5"


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ("unit=KHONG&period=2026-Q3", 404, "not_found: Không có đơn vị mã “KHONG”."),
        ("unit=N&period=2026-Q9", 400, "invalid"),
        ("unit=N-UBND&period=2023-Q1", 400, "unit_not_in_period"),
        ("unit=N", 400, None),
        ("unit=N&period=" + "9" * 11, 400, None),
    ],
)
def test_api_figures_errors(client, figures, query, status, detail):
    response = client.get(f"/api/v1/reporting/figures?{query}")
    assert response.status_code == status
    body = response.json()
    if detail is None:
        assert body["code"] == "invalid"
    else:
        assert body["detail"].startswith(detail)


def test_api_documents_its_error_codes(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/reporting/figures"]["get"]
    assert sorted(operation["responses"]) == ["200", "400", "404"]
    assert operation["responses"]["404"]["description"] == "Không tìm thấy (`not_found`)"


# ----------------------------------------------------------------------------- open data


def test_open_data_has_the_approved_figures_only_without_personal_data(client, figures, people):
    response = client.get(reverse("reporting:open_data", args=["json"]))
    assert response.status_code == 200
    body = response.json()
    rows = body["figures"]
    assert {(r["period"], r["unit_code"]) for r in rows} == {("2026-Q2", "N1"), ("2026-Q3", "N1")}
    dv = next(r for r in rows if r["period"] == "2026-Q3" and r["indicator_code"] == "DV")
    assert dv == {
        "period": "2026-Q3",
        "period_title": "quý III/2026",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "unit_code": "N1",
        "unit": "Ủy ban MTTQ xã Càng Long",
        "indicator_code": "DV",
        "indicator": "Số đảng viên",
        "group": "Đảng viên",
        "measure": "people",
        "unit_label": "",
        "value": "1068",
        "approved_on": "2026-10-05",
    }
    text = response.content.decode()
    for user in (people.new_officer, people.new_leader):
        assert user.username not in text
    one = client.get(reverse("reporting:open_data", args=["csv"]) + "?ky=2026-Q3")
    assert one["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(one.content.decode("utf-8-sig"))))
    assert len(table) == 7
    assert {r["period"] for r in table} == {"2026-Q3"}
    assert table[1]["indicator_code"] == "DV"
    assert table[1]["value"] == "1068"
    # People read the measure's label; machines its code (``measure_code``).
    assert (table[1]["measure"], table[1]["measure_code"]) == ("người", "people")
    assert list(table[1])[9:12] == ["measure", "measure_code", "unit_label"]
    bad = client.get(reverse("reporting:open_data", args=["csv"]) + "?ky=2026-Q9")
    assert bad.status_code == 400
    assert client.get(reverse("reporting:open_data", args=["xml"])).status_code == 404
    assert (
        json.loads(
            client.get(reverse("reporting:open_data", args=["json"]) + "?ky=2026-Q2").content
        )["figures"][0]["value"]
        == "0"
    )
