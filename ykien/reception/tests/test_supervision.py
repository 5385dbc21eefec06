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


@pytest.fixture
def commune_chair(tree, time_machine):
    """The commune chairman across the 2025 amendment of Luật Tiếp công dân (in force
    1 July 2026): June 2026 (one day a week, delegation still allowed) held on 4 Mondays and
    delegated once; July 2026 (two days a month, no delegation) held once and delegated once."""
    time_machine.move_to(dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC), tick=False)
    head = services.head_create(
        actor=SYSTEM,
        unit=tree.commune_new,
        office=Office.PC_CHAIR,
        name="Lê Thị Hoa",
        title="Chủ tịch UBND xã Càng Long",
        valid_from=dt.date(2025, 7, 1),
    )
    sessions = {}
    for day in ("2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29", "2026-07-07"):
        sessions[day] = schedule(head, day)
    sessions["2026-07-21"] = schedule(head, "2026-07-21")
    time_machine.move_to(dt.datetime(2026, 8, 10, 2, 0, tzinfo=dt.UTC), tick=False)
    for day in ("2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22", "2026-07-07"):
        _move(sessions[day], SessionStatus.HELD)
    for day in ("2026-06-29", "2026-07-21"):
        _move(sessions[day], SessionStatus.DELEGATED, deputy_name="Phó Chủ tịch Trần Minh")
    return head


def test_a_delegation_after_1_july_2026_is_flagged_and_counted_as_not_held(commune_chair):
    rows = selectors.head_months(
        head=commune_chair, start=dt.date(2026, 6, 1), end=dt.date(2026, 7, 31)
    )
    seen = [
        (r.label, r.held, r.required, r.delegated, r.delegated_unlawfully, r.not_held, r.short)
        for r in rows
    ]
    assert seen == [
        ("06/2026", 4, 5, 1, 0, 0, True),  # five Mondays; the delegation was still allowed
        ("07/2026", 1, 2, 1, 1, 1, True),  # the delegated day counts as not held
    ]
    assert [r.flagged for r in rows] == [True, True]
    assert rows[0].ban_basis == ""
    assert rows[1].ban_basis == (
        "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo "
        "(Quốc hội thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026)"
    )


def test_a_forbidden_delegation_flags_a_month_that_meets_the_minimum(commune_chair, time_machine):
    """Held twice in person in August and delegated a third day: the minimum is met, yet the
    delegation is flagged."""
    for day in ("2026-08-04", "2026-08-11", "2026-08-18"):
        schedule(commune_chair, day)
    time_machine.move_to(dt.datetime(2026, 9, 2, 2, 0, tzinfo=dt.UTC), tick=False)
    sessions = list(commune_chair.sessions.filter(day__month=8).order_by("day"))
    _move(sessions[0], SessionStatus.HELD)
    _move(sessions[1], SessionStatus.HELD)
    _move(sessions[2], SessionStatus.DELEGATED, deputy_name="Phó Chủ tịch Trần Minh")
    (row,) = selectors.head_months(
        head=commune_chair, start=dt.date(2026, 8, 1), end=dt.date(2026, 8, 31)
    )
    assert (row.held, row.required, row.short, row.delegated_unlawfully, row.flagged) == (
        2, 2, False, 1, True,
    )  # fmt: skip


def test_the_supervision_page_gives_the_reason_of_the_flag(commune_chair, staff, client):
    client.force_login(staff.supervisor)
    response = client.get(reverse("reception:supervision"), {"tu": "2026-06", "den": "2026-07"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="row-flagged"') == 2
    assert "1 buổi ủy quyền cấp phó không đúng quy định" in page
    assert page.count("Ủy quyền cấp phó không đúng quy định") == 1
    assert (
        "1 buổi do cấp phó tiếp thay được tính là không tiếp: người đứng đầu phải trực tiếp tiếp "
        "công dân định kỳ, không ủy quyền cấp phó (Luật sửa đổi, bổ sung một số điều của Luật Tiếp "
        "công dân, Luật Khiếu nại, Luật Tố cáo (Quốc hội thông qua ngày 10/12/2025, hiệu lực từ "
        "01/7/2026))." in page
    )


def test_the_session_page_tells_the_office_delegation_is_no_longer_allowed(
    commune_chair, staff, client
):
    otp_login(client, staff.office)
    july = commune_chair.sessions.get(day=dt.date(2026, 7, 21))
    june = commune_chair.sessions.get(day=dt.date(2026, 6, 29))
    page = client.get(reverse("reception:session", args=[july.pk])).content.decode()
    assert "Người đứng đầu phải trực tiếp tiếp công dân định kỳ, không ủy quyền cấp phó" in page
    assert "Ủy quyền cấp phó không đúng quy định" in page
    page = client.get(reverse("reception:session", args=[june.pk])).content.decode()
    assert "không ủy quyền cấp phó" not in page


SECRETARY_BASIS = (
    "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1 (sửa đổi theo Kết luận 215-KL/TW ngày "
    "23/11/2025)"
)


def test_the_supervision_page_gives_each_legal_basis_once(secretary, staff, client):
    """The basis is written once above the head's table; each month cites its number."""
    client.force_login(staff.supervisor)
    response = client.get(reverse("reception:supervision"), {"tu": "2026-01", "den": "2026-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(SECRETARY_BASIS) == 1
    assert (
        f'<li value="1" id="h{secretary.pk}-cc1">{SECRETARY_BASIS} '
        '<span class="muted">(tháng 01/2026 – 03/2026)</span></li>'
    ) in page
    cite = f'<td data-label="Căn cứ"><a href="#h{secretary.pk}-cc1" aria-label="Căn cứ số 1">[1]</a></td>'
    assert page.count(cite) == 3


def test_a_change_of_rule_gives_two_bases_each_once(commune_chair, staff, client):
    client.force_login(staff.supervisor)
    response = client.get(reverse("reception:supervision"), {"tu": "2026-06", "den": "2026-07"})
    page = response.content.decode()
    head = commune_chair.pk
    assert (
        f'<li value="1" id="h{head}-cc1">Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d '
        '<span class="muted">(tháng 06/2026)</span></li>'
    ) in page
    assert (
        f'<li value="2" id="h{head}-cc2">Luật Tiếp công dân 2013, Điều 15 (sửa đổi theo Luật sửa '
        "đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo, hiệu lực "
        "từ 01/7/2026: trực tiếp tiếp, không ủy quyền cấp phó) "
        '<span class="muted">(tháng 07/2026)</span></li>'
    ) in page
    assert page.count("Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d") == 1
    assert page.count(f'<a href="#h{head}-cc1" aria-label="Căn cứ số 1">[1]</a>') == 1
    assert page.count(f'<a href="#h{head}-cc2" aria-label="Căn cứ số 2">[2]</a>') == 1
