"""The Front's supervision of the heads' receptions, per head and month, against the legal
minimum in force: a finished month short of it is flagged; a session delegated to a deputy or
missed is counted apart and does not count towards the minimum; the heads of the district level
appear for their months up to 30 June 2025 only. The briefing's indicators count the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from ykien.core.indicators import all_computed
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import unit_scope_ids
from ykien.reception import selectors, services
from ykien.reception.models import Office, SessionStatus
from ykien.reception.tests.conftest import otp_login, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 15, 2, 0, tzinfo=dt.UTC), tick=False)


def _move(session, to, **extra):
    return services.session_transition(actor=SYSTEM, session=session, to=to, **extra)


@pytest.fixture
def secretary(tree):
    """The commune's Party secretary (two days a month): January held twice; February held
    once, delegated once, missed once (short); March still scheduled."""
    head = services.head_create(
        actor=SYSTEM,
        unit=tree.commune_new,
        office=Office.PARTY_SECRETARY,
        name="Đặng Văn Lợi",
        title="Bí thư Đảng ủy xã Càng Long",
        valid_from=dt.date(2025, 7, 1),
    )
    for day in ("2026-01-08", "2026-01-22", "2026-02-05"):
        _move(schedule(head, day), SessionStatus.HELD)
    _move(schedule(head, "2026-02-12"), SessionStatus.DELEGATED, deputy_name="Phó Bí thư Hà An")
    _move(schedule(head, "2026-02-26"), SessionStatus.MISSED)
    schedule(head, "2026-03-19")
    return head


def test_the_months_of_a_head_against_the_minimum(secretary):
    rows = selectors.head_months(
        head=secretary, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31)
    )
    seen = [
        (r.label, r.held, r.required, r.delegated, r.missed, r.scheduled, r.short) for r in rows
    ]
    assert seen == [
        ("01/2026", 2, 2, 0, 0, 0, False),
        ("02/2026", 1, 2, 1, 1, 0, True),
        ("03/2026", 0, 2, 0, 0, 1, False),  # not over yet
    ]
    assert "Kết luận 215-KL/TW" in rows[0].basis


def test_the_district_heads_count_until_the_district_level_ended(heads):
    rows = selectors.head_months(
        head=heads.district_chair, start=dt.date(2025, 5, 1), end=dt.date(2025, 8, 31)
    )
    assert [(r.label, r.required) for r in rows] == [("05/2025", 2), ("06/2025", 2)]
    assert all("Điều 13 khoản 5" in r.basis for r in rows)


def test_the_supervision_page_flags_the_short_month(secretary, staff, client):
    client.force_login(staff.supervisor)
    url = reverse("reception:supervision")
    response = client.get(url, {"tu": "2026-01", "den": "2026-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đặng Văn Lợi — Bí thư Đảng ủy xã Càng Long" in page
    assert page.count('class="row-flagged"') == 1
    assert "1 tháng không đủ số buổi" in page
    assert "Tháng chưa kết thúc" in page


def test_a_supervisor_sees_only_the_heads_of_the_units_covered(secretary, heads, staff, client):
    client.force_login(staff.other_supervisor)
    page = client.get(reverse("reception:supervision"), {"tu": "2026-01"}).content.decode()
    assert "Đặng Văn Lợi" not in page
    assert "Phạm Văn Bảy" in page


@pytest.mark.parametrize(
    "query",
    [
        {"tu": "abc"},
        {"tu": "2026-13"},
        {"tu": "9" * 30 + "-01"},
        {"tu": "NaN-01"},
        {"tu": "2026-03", "den": "2026-01"},
        {"tu": "2020-01", "den": "2026-01"},
    ],
)
def test_a_bad_period_is_a_400(staff, client, query):
    client.force_login(staff.supervisor)
    assert client.get(reverse("reception:supervision"), query).status_code == 400


def test_only_the_front_supervises(staff, client):
    for user in (staff.office, staff.citizen):
        otp_login(client, user)
        assert client.get(reverse("reception:supervision")).status_code == 403
    client.logout()
    assert client.get(reverse("reception:supervision")).status_code == 302


def test_the_briefing_counts_receptions_held_against_the_minimum(secretary, tree):
    computed = all_computed()
    units = unit_scope_ids(unit=tree.commune_new)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 2, 28)
    assert computed["reception.held"].compute(units, start, end) == 3
    # January 2 of 2, February 1 of 2 (the delegated and the missed days do not count).
    assert computed["reception.held_vs_minimum"].compute(units, start, end) == Decimal("75.0")
    nobody = unit_scope_ids(unit=tree.commune_b)
    assert computed["reception.held_vs_minimum"].compute(nobody, start, end) == Decimal(0)
