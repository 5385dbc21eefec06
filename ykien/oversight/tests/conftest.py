"""A small province for the supervision tests, built through the core services; today is fixed
at 26 November 2026 (the demo's today)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.core.models import Role, Unit, UnitKind, UnitLevel, User
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.oversight import services as s
from ykien.oversight.models import Activity, ActivityForm, Programme, Recommendation

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


PLANNED = D(2026, 3, 2)


def programme_2026(w: World, *, actor: Any = None) -> Programme:
    """The province's supervision programme for 2026, made on 20 November 2025."""
    return s.programme_create(
        actor=actor or w.officer,
        unit=w.province,
        year=2026,
        title="Chương trình 2026",
        made_on=D(2025, 11, 20),
    )


def programme_item(w: World, programme: Programme, *, actor: Any = None, **fields: Any) -> Any:
    """The team's supervision of compensation in the second quarter, added to ``programme``."""
    return s.programme_item_add(
        **{
            "actor": actor or w.officer,
            "programme": programme,
            "content": "Giám sát bồi thường",
            "form": ActivityForm.TEAM,
            "subject": w.ubnd,
            "time_text": "Quý II/2026",
            "lead_unit": w.province,
            **fields,
        }
    )


REPORTED_ON = D(2026, 4, 20)


def planned(
    w: World, form: str = ActivityForm.TEAM, *, actor: Any = None, **fields: Any
) -> Activity:
    """An activity of ``form`` the province plans on its People's Committee: the team's
    supervision of compensation for the coastal road, unless ``fields`` say otherwise."""
    return s.activity_create(
        **{
            "actor": actor or w.officer,
            "unit": w.province,
            "form": form,
            "title": "Giám sát bồi thường, tái định cư",
            "content": "Bồi thường, hỗ trợ, tái định cư dự án đường ven biển",
            "subject": w.ubnd,
            "planned_on": PLANNED,
            **fields,
        }
    )


def decide(actor: Any, activity: Activity) -> Activity:
    """The team founded by decision 15/QĐ-MTTQ-BTT of 10 March 2026."""
    return s.team_decide(
        actor=actor,
        activity=activity,
        decision_number="15/QĐ-MTTQ-BTT",
        decision_date=D(2026, 3, 10),
        team_members="Trưởng đoàn và 5 thành viên",
    )


def notify(actor: Any, activity: Activity) -> Activity:
    """The subject notified on 16 March 2026 of a session on 8 April."""
    return s.team_notify(
        actor=actor, activity=activity, session_date=D(2026, 4, 8), notice_sent_on=D(2026, 3, 16)
    )


def report(
    actor: Any,
    activity: Activity,
    on: dt.date = REPORTED_ON,
    *,
    number: str = "27/BC-MTTQ-BTT",
    summary: str = "Cần đẩy nhanh tiến độ chi trả.",
) -> Activity:
    """The report of the results, dated ``on``."""
    return s.activity_report(
        actor=actor, activity=activity, report_date=on, report_number=number, summary=summary
    )


def reported_review(
    w: World,
    *,
    unit: Unit | None = None,
    form: str = ActivityForm.DOCUMENT_REVIEW,
    board: Unit | None = None,
    subject: Unit | None = None,
) -> Activity:
    """A document review (or board activity) that has a finding and is reported."""
    activity = planned(
        w,
        form,
        unit=unit or w.province,
        title="Xem xét quyết định giá đất",
        content="Nghiên cứu, xem xét các quyết định về giá đất năm 2026",
        subject=subject or w.ubnd,
        planned_on=D(2026, 2, 2),
        board=board,
    )
    s.activity_start(actor=w.officer, activity=activity, on=D(2026, 2, 5))
    s.finding_add(actor=w.officer, activity=activity, text="Giá đất ven biển chưa sát thị trường.")
    return report(
        w.officer,
        activity,
        D(2026, 2, 27),
        number="12/BC-MTTQ-BTT",
        summary="Cần điều chỉnh một số mức giá.",
    )


def board_review(w: World) -> Activity:
    """The commune's people's inspection board's supervision of the commune's People's Committee,
    with a finding, reported."""
    return reported_review(
        w, unit=w.commune, form=ActivityForm.BOARD, board=w.board, subject=w.ubnd_xa
    )


def written(
    w: World,
    activity: Activity,
    text: str = "Rà soát, điều chỉnh bảng giá đất ven biển.",
    *,
    actor: Any = None,
    **fields: Any,
) -> Recommendation:
    """A recommendation of ``activity`` on its first finding to its subject, not yet sent
    (``fields``: the rest ``recommendation_create`` takes, another addressee …)."""
    return s.recommendation_create(
        **{
            "actor": actor or w.officer,
            "activity": activity,
            "finding": activity.findings.first(),
            "addressee": activity.subject,
            "text": text,
            **fields,
        }
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
    rec = written(w, activity, addressee=addressee or w.ubnd, answer_days=days, created_on=on)
    return s.recommendation_issue(actor=w.officer, recommendation=rec, on=on)
