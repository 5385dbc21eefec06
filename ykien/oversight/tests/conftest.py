"""A small province for the supervision tests, built through the core services; today is fixed
at 26 November 2026 (the demo's today)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.core.models import Role, Unit, UnitKind, UnitLevel, User
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.oversight import services as s
from ykien.oversight.models import Activity, ActivityForm, Recommendation

TODAY = dt.date(2026, 11, 26)
D = dt.date
ISSUE_DAY = D(2026, 4, 22)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        dt.datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


@dataclass
class World:
    central: Unit
    province: Unit  # front committee
    ubnd: Unit  # provincial People's Committee (state agency under the province front)
    sxd: Unit  # another agency
    commune: Unit  # commune front committee
    ubnd_xa: Unit
    board: Unit  # people's inspection board of the commune
    other: Unit  # another province's front
    officer: User
    leader: User
    handler: User
    respondent: User  # at ubnd
    respondent_sxd: User
    other_officer: User
    citizen: User


@pytest.fixture
def world(db) -> World:
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level=UnitLevel.CENTRAL, code="TW")
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", parent=central, code="MTTQ-86")
    ubnd = make_unit(
        "Ủy ban nhân dân tỉnh Vĩnh Long", parent=province, kind=UnitKind.STATE, code="UBND-86"
    )
    sxd = make_unit(
        "Sở Xây dựng tỉnh Vĩnh Long", parent=province, kind=UnitKind.STATE, code="SXD-86"
    )
    commune = make_unit(
        "Ủy ban MTTQ Việt Nam xã Long Hồ", parent=province, level=UnitLevel.COMMUNE, code="MTTQ-X"
    )
    ubnd_xa = make_unit(
        "Ủy ban nhân dân xã Long Hồ",
        parent=commune,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.STATE,
        code="UBND-X",
    )
    board = make_unit(
        "Ban Thanh tra nhân dân xã Long Hồ",
        parent=commune,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.INSPECTION_BOARD,
        code="BTTND-X",
    )
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Cà Mau", parent=central, code="MTTQ-96")
    officer = UserFactory(username="canbo", full_name="Nguyễn Thị Lan")
    leader = UserFactory(username="lanhdao", full_name="Trần Văn Hùng")
    handler = UserFactory(username="xuly")
    respondent = UserFactory(username="traloi", full_name="Phạm Minh Đức")
    respondent_sxd = UserFactory(username="traloi.sxd")
    other_officer = UserFactory(username="canbo.khac")
    citizen = UserFactory(username="congdan")
    grant(officer, province, Role.OFFICER)
    grant(leader, province, Role.LEADER)
    grant(handler, province, Role.HANDLER)
    grant(respondent, ubnd, Role.RESPONDENT)
    grant(respondent_sxd, sxd, Role.RESPONDENT)
    grant(other_officer, other, Role.OFFICER)
    return World(
        central, province, ubnd, sxd, commune, ubnd_xa, board, other,
        officer, leader, handler, respondent, respondent_sxd, other_officer, citizen,
    )  # fmt: skip


def reported_review(
    w: World,
    *,
    unit: Unit | None = None,
    form: str = ActivityForm.DOCUMENT_REVIEW,
    board: Unit | None = None,
    subject: Unit | None = None,
) -> Activity:
    """A document review (or board activity) that has a finding and is reported."""
    activity = s.activity_create(
        actor=w.officer,
        unit=unit or w.province,
        form=form,
        title="Xem xét quyết định giá đất",
        content="Nghiên cứu, xem xét các quyết định về giá đất năm 2026",
        subject=subject or w.ubnd,
        planned_on=D(2026, 2, 2),
        board=board,
    )
    s.activity_start(actor=w.officer, activity=activity, on=D(2026, 2, 5))
    s.finding_add(actor=w.officer, activity=activity, text="Giá đất ven biển chưa sát thị trường.")
    return s.activity_report(
        actor=w.officer,
        activity=activity,
        report_date=D(2026, 2, 27),
        report_number="12/BC-MTTQ-BTT",
        summary="Cần điều chỉnh một số mức giá.",
    )


def issued(
    w: World,
    *,
    on: dt.date = ISSUE_DAY,
    addressee: Unit | None = None,
    days: int | None = None,
    activity: Activity | None = None,
) -> Recommendation:
    activity = activity or reported_review(w)
    rec = s.recommendation_create(
        actor=w.officer,
        activity=activity,
        finding=activity.findings.first(),
        addressee=addressee or w.ubnd,
        text="Rà soát, điều chỉnh bảng giá đất ven biển.",
        answer_days=days,
        created_on=on,
    )
    return s.recommendation_issue(actor=w.officer, recommendation=rec, on=on)
