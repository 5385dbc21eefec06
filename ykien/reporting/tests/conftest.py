"""Fixtures of the briefing tests: indicators of every rule, periods, people, built through the
services (the unit tree with its 2025 merger comes from the root ``tree`` fixture)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from ykien.core.calendar import WorkingCalendar
from ykien.core.models import Role, Unit, UnitKind, UnitLevel, User
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.reporting import demo, services
from ykien.reporting.models import Aggregation, Indicator, Measure, Source

FRONTS = ["front/province", "front/district", "front/commune"]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@dataclass
class Indicators:
    money: Indicator  # sum
    members: Indicator  # sum (people)
    rate: Indicator  # avg weighted by members
    peak: Indicator  # max
    stock: Indicator  # latest
    collective: Indicator
    individual: Indicator
    models: Indicator  # total of collective + individual

    def entered(self) -> list[Indicator]:
        return [
            self.money,
            self.members,
            self.rate,
            self.peak,
            self.stock,
            self.collective,
            self.individual,
        ]


@pytest.fixture
def indicators(db) -> Indicators:
    def up(code, name, measure, order, *, applies_to=FRONTS, **fields) -> Indicator:
        return services.indicator_upsert(
            actor=SYSTEM,
            code=code,
            name=name,
            measure=measure,
            order=order,
            applies_to=applies_to,
            **fields,
        )

    members = up(
        "DV", "Số đảng viên", Measure.PEOPLE, 2, group="Đảng viên", sentence="{value} đảng viên"
    )
    collective = up("TT", "Mô hình tập thể", Measure.COUNT, 6, group="Mô hình")
    individual = up("CN", "Mô hình cá nhân", Measure.COUNT, 7, group="Mô hình")
    return Indicators(
        money=up(
            "TIEN",
            "Số tiền vận động",
            Measure.MONEY,
            1,
            group="Đảng viên",
            sentence="vận động được {value}",
        ),
        members=members,
        rate=up(
            "TYLE",
            "Tỷ lệ hoàn thành tốt",
            Measure.PERCENT,
            3,
            aggregation=Aggregation.AVG,
            weight=members,
        ),
        peak=up("MAX", "Số lớn nhất", Measure.COUNT, 4, aggregation=Aggregation.MAX),
        stock=up("CUOI", "Số cuối kỳ", Measure.COUNT, 5, aggregation=Aggregation.LATEST),
        collective=collective,
        individual=individual,
        models=up(
            "MH",
            "Tổng số mô hình",
            Measure.COUNT,
            8,
            applies_to=(),
            source=Source.TOTAL,
            parts=[collective, individual],
            group="Mô hình",
        ),
    )


@dataclass
class People:
    officer: User  # officer at the province that merged (A), until the merger
    leader: User  # leader there
    new_officer: User  # officer of the new province (N) from the merger
    new_leader: User
    other: User  # officer of another province (B)
    citizen: User

    @property
    def before(self) -> dict[str, User]:
        """Who enters and approves the merged province's figures until the merger."""
        return {"officer": self.officer, "leader": self.leader}

    @property
    def after(self) -> dict[str, User]:
        """Who enters and approves the new province's figures from the merger."""
        return {"officer": self.new_officer, "leader": self.new_leader}


@pytest.fixture
def people(tree) -> People:
    end = dt.date(2025, 6, 30)
    officer, leader = UserFactory(username="canbo"), UserFactory(username="lanhdao")
    grant(officer, tree.prov_a, Role.OFFICER, valid_to=end)
    grant(leader, tree.prov_a, Role.LEADER, valid_to=end)
    new_officer = UserFactory(username="canbo.moi")
    new_leader = UserFactory(username="lanhdao.moi")
    grant(new_officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    grant(new_leader, tree.prov_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    other = UserFactory(username="canbo.khac")
    grant(other, tree.prov_b, Role.OFFICER)
    return People(officer, leader, new_officer, new_leader, other, UserFactory(username="dan"))


def approve(unit: Unit, code: str, values: dict, day: dt.date, *, officer: User, leader: User):
    """Enter, submit and approve ``values`` for ``unit`` as of ``day``."""
    period = services.period_ensure(actor=SYSTEM, code=code)
    submission = services.submission_save(
        actor=officer, unit=unit, period=period, values=values, now=at(day, 8)
    )
    services.submission_transition(
        actor=officer, submission=submission, to="submitted", now=at(day, 9)
    )
    return services.submission_transition(
        actor=leader, submission=submission, to="approved", now=at(day, 15)
    )


def full(**values) -> dict:
    """Every entered indicator of the fixture, zero unless given."""
    base = {"TIEN": 0, "DV": 0, "TYLE": 0, "MAX": 0, "CUOI": 0, "TT": 0, "CN": 0}
    base.update(values)
    return base


__all__ = ["UnitKind", "UnitLevel", "approve", "at", "full", "make_unit"]


# Trà Vinh as the core demo builds it, for the demo's briefing (test_demo_and_report and others).
TRA_VINH_END = dt.date(2025, 6, 30)
TRA_VINH_DISTRICTS = ["Thành phố Trà Vinh", "Càng Long", "Cầu Kè", "Tiểu Cần", "Châu Thành",
                      "Cầu Ngang", "Trà Cú", "Duyên Hải", "Thị xã Duyên Hải"]  # fmt: skip


@pytest.fixture
def tra_vinh(db):
    """Trà Vinh as the core demo builds it (the units the briefing needs), and the demo data."""
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level=UnitLevel.CENTRAL, code="MTTQ-TW")
    province = make_unit(
        "Ủy ban MTTQ Việt Nam tỉnh Trà Vinh", parent=central, code="MTTQ-84", valid_to=TRA_VINH_END
    )
    for number, name in enumerate(TRA_VINH_DISTRICTS, start=842):
        make_unit(f"Ủy ban MTTQ Việt Nam huyện {name}", parent=province, level=UnitLevel.DISTRICT,
                  code=f"MTTQ-{number}", valid_to=TRA_VINH_END)  # fmt: skip
        make_unit(f"Huyện ủy {name}", parent=province, level=UnitLevel.DISTRICT, kind=UnitKind.PARTY,
                  code=f"HU-{number}", valid_to=TRA_VINH_END)  # fmt: skip
    make_unit("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Trà Vinh", parent=province,
              kind=UnitKind.PARTY, code="DUK-84", valid_to=TRA_VINH_END)  # fmt: skip
    make_unit(
        "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long",
        parent=central,
        code="MTTQ-86",
        valid_from=TRA_VINH_END + dt.timedelta(days=1),
    )
    demo._demo_users()
    demo._indicators()
    demo._tra_vinh(WorkingCalendar())
    return province
