"""The Regulation 124 inbox on the staff dashboard (``oversight.dashboard.feedback_area``, clock
pinned to Thursday 26/11/2026): open feedback whose review is due today, within seven days,
overdue, and received in the last seven days, for the fronts of the reader's subtree; the review
due date stored when received (30 days, a weekend moves it to Monday); each count links to the
inbox filtered the same way, which lists exactly those items; the month chart (received,
reviewed on time, late); a leader's approvals: the open items not assigned to a handler."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from unittest import mock

import pytest

from ykien.core.models import Role, UnitKind
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.oversight import services as s
from ykien.oversight.dashboard import feedback_area

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)
WORKSPACE = "/can-bo/"
INBOX = "/can-bo/giam-sat/phan-anh-124/"
SENDER = SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ", phone="0912345678")


@pytest.fixture(autouse=True)
def _no_otp():
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        yield


@pytest.fixture
def items(world):
    director = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")

    def received(on: dt.date):
        return s.feedback_submit(
            position=director, content="Dùng xe công đi việc riêng nhiều lần.", identity=SENDER,
            on=on,
        )  # fmt: skip

    out = {
        "today": received(dt.date(2026, 10, 27)),  # due 26/11 (a Thursday)
        "week": received(dt.date(2026, 10, 30)),  # due Sunday 29/11 → Monday 30/11
        "late": received(dt.date(2026, 10, 1)),  # due Saturday 31/10 → Monday 2/11
        "new": received(TODAY),  # due Saturday 26/12 → Monday 28/12
        "closed": received(dt.date(2026, 10, 1)),  # reviewed and concluded today: late
    }
    s.feedback_assign(actor=world.leader, feedback=out["late"], handler=world.handler)
    s.feedback_assign(actor=world.leader, feedback=out["closed"], handler=world.handler)
    s.feedback_set_status(actor=world.handler, feedback=out["closed"], status="reviewing")
    s.feedback_set_status(
        actor=world.handler,
        feedback=out["closed"],
        status="concluded",
        conclusion="Đã báo cáo cấp ủy có thẩm quyền.",
    )
    # Cà Mau's front receives one due today: never counted for Vĩnh Long.
    ubnd_b = make_unit("Ủy ban nhân dân tỉnh Cà Mau", parent=world.other, kind=UnitKind.STATE)
    chairman_b = s.position_create(actor=world.other_officer, unit=ubnd_b, title="Chủ tịch")
    s.feedback_submit(
        position=chairman_b, content="Nhận quà biếu dịp lễ tết.", identity=SENDER,
        on=dt.date(2026, 10, 27),
    )  # fmt: skip
    return out


def test_the_review_due_date_is_stored_when_received(items):
    due = {k: f.review_due for k, f in items.items()}
    assert due == {
        "today": dt.date(2026, 11, 26),
        "week": dt.date(2026, 11, 30),
        "late": dt.date(2026, 11, 2),
        "new": dt.date(2026, 12, 28),
        "closed": dt.date(2026, 11, 2),
    }


def _section(html: str) -> str:
    match = re.search(
        r'<section class="card dashboard-area" aria-labelledby="area-feedback124">(.*?)</section>',
        html,
        re.S,
    )
    assert match, "no Regulation 124 area"
    return match.group(1)


def _tiles(html: str) -> dict[str, tuple[int, str]]:
    found = re.findall(
        r'<li class="tile tile-(\w+)"><a href="([^"]+)"><span class="tile-count">(\d+)</span>',
        _section(html),
    )
    return {bucket: (int(count), unescape(url)) for bucket, url, count in found}


def _listed(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(row.feedback.pk for row in response.context["page"])


def test_exact_counts_link_to_the_inbox_filtered_the_same_way(client, world, items):
    client.force_login(world.officer)
    tiles = _tiles(client.get(WORKSPACE).content.decode())
    assert tiles == {
        "today": (1, f"{INBOX}?due=today"),
        "week": (2, f"{INBOX}?due=week"),
        "overdue": (1, f"{INBOX}?due=overdue"),
        "new": (1, f"{INBOX}?recent=1"),
    }
    pk = {k: f.pk for k, f in items.items()}
    assert _listed(client, tiles["today"][1]) == [pk["today"]]
    assert _listed(client, tiles["week"][1]) == sorted([pk["today"], pk["week"]])
    assert _listed(client, tiles["overdue"][1]) == [pk["late"]]
    assert _listed(client, tiles["new"][1]) == [pk["new"]]


def test_another_province_sees_only_its_own(client, world, items):
    client.force_login(world.other_officer)
    tiles = _tiles(client.get(WORKSPACE).content.decode())
    assert {b: c for b, (c, _u) in tiles.items()} == {"today": 1, "week": 1, "overdue": 0, "new": 0}


def test_month_figures_received_reviewed_on_time_and_late(world, items):
    area = feedback_area(world.officer, TODAY)
    assert area is not None
    assert area.monthly == {
        dt.date(2026, 10, 1): (4, 0, 0),  # received in October
        dt.date(2026, 11, 1): (1, 0, 1),  # received today; concluded today, after 2/11
    }


def test_a_leader_sees_the_items_awaiting_a_handler(client, world, items):
    client.force_login(world.leader)
    html = client.get(WORKSPACE).content.decode()
    block = re.search(r'aria-labelledby="my-approvals">(.*?)</section>', html, re.S)
    assert block
    approvals = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a> <span class="badge badge-soon">(\d+)</span></li>',
        block.group(1),
    )
    assert [(unescape(u), t, int(n)) for u, t, n in approvals] == [
        (f"{INBOX}?unassigned=1", "Phản ánh theo Quy định 124 chưa giao cán bộ xem xét", 3)
    ]
    pk = {k: f.pk for k, f in items.items()}
    assert _listed(client, f"{INBOX}?unassigned=1") == sorted([pk["today"], pk["week"], pk["new"]])
    # The officer and the handler assign nothing: no approvals.
    for who in (world.officer, world.handler):
        client.force_login(who)
        assert "my-approvals" not in client.get(WORKSPACE).content.decode()


def test_no_area_without_the_inbox_permission(client, world, items):
    citizen = UserFactory(username="congdan.khac")
    assert feedback_area(citizen, TODAY) is None
    assert feedback_area(world.respondent, TODAY) is None
    outsider = UserFactory(username="canbo.xa")
    grant(outsider, world.ubnd_xa, Role.OFFICER)
    assert feedback_area(outsider, TODAY) is None
