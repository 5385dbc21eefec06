"""Demo data of the briefing (idempotent).

* The indicators of the quarterly briefing of the province's standing committee, and one
  indicator row per computed indicator the other apps provide.
* Trà Vinh, Q4/2023 to Q2/2025: the nine district front committees and the committee of
  agencies and enterprises (DUK-84) enter the party and model figures, the province front
  committee (MTTQ-84) the drafts it critiqued; entered by ``canbo.travinh``, approved by
  ``lanhdao.travinh``. The figures of Q1/2024 add up exactly to those of the real briefing:
  5,8 tỷ đồng raised and lent to 1.068 party members in hardship, 336 still in need; 2.713
  models (1.986 collective, 727 individual), 604 replicated; 2.325 collectives and 39.700
  party members reviewed; 5 drafts chaired, 3 critiqued.
* The new Vĩnh Long, from Q3/2025 to the last quarter whose figures are due (by the day the demo
  is loaded): its 124 commune front committees (``canbo.tinh`` enters, ``lanhdao.tinh``
  approves). In that quarter some communes are late, some wait for approval, some were
  returned; the quarter after it is open for entry.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ykien.core.calendar import Span, WorkingCalendar, parse_period
from ykien.core.indicators import all_computed
from ykien.core.models import Unit, UnitKind, UnitLevel, User
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import unit_scope_ids
from ykien.reporting import services
from ykien.reporting.models import Aggregation, Indicator, Measure, Period, Source, Submission

Status = Submission.Status

GROUP_CRITIQUE = "Công tác phản biện xã hội"
GROUP_PARTY = "Giúp đỡ đảng viên khó khăn"
GROUP_MODELS = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
GROUP_REVIEW = "Kiểm điểm, đánh giá tập thể và đảng viên"
GROUP_COMPUTED = "Số liệu hệ thống tự tổng hợp"

# Who enters the party and model figures: the district (now commune) front committees and the
# committee of agencies and enterprises.
UNITS_REPORTING = ["front/district", "front/commune", "party/province"]
PROVINCE_FRONT = ["front/province"]

# Q1/2024 in Trà Vinh, as quoted in the briefing.
Q1_2024 = {
    "DV-VAN-DONG": 5_800_000_000,
    "DV-DUOC-VAY": 1068,
    "DV-CON-KHO-KHAN": 336,
    "MH-TAP-THE": 1986,
    "MH-CA-NHAN": 727,
    "MH-NHAN-RONG": 604,
    "KD-TAP-THE": 2325,
    "KD-DANG-VIEN": 39_700,
}
DRAFTS = {  # (chaired, critiqued) by the province front committee; later quarters: ``_drafts``
    "2023-Q4": (4, 2),
    "2024-Q1": (5, 3),
    "2024-Q2": (6, 4),
    "2024-Q3": (3, 2),
    "2024-Q4": (7, 5),
    "2025-Q1": (4, 3),
    "2025-Q2": (5, 4),
    "2025-Q3": (6, 4),
    "2025-Q4": (8, 5),
    "2026-Q1": (5, 3),
    "2026-Q2": (7, 5),
    "2026-Q3": (6, 4),
}
TRA_VINH_QUARTERS = ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
VINH_LONG_FIRST = "2025-Q3"  # the province formed on 1 July 2025
# Growth of the flows against Q1/2024, and the members still in need (a stock).
FACTORS = {
    "2023-Q4": Decimal("0.92"),
    "2024-Q1": Decimal(1),
    "2024-Q2": Decimal("1.07"),
    "2024-Q3": Decimal("1.12"),
    "2024-Q4": Decimal("1.18"),
    "2025-Q1": Decimal("1.04"),
    "2025-Q2": Decimal("1.10"),
}
IN_NEED = {
    "2023-Q4": 372,
    "2024-Q1": 336,
    "2024-Q2": 301,
    "2024-Q3": 277,
    "2024-Q4": 250,
    "2025-Q1": 231,
    "2025-Q2": 215,
}
# Shares of the ten Trà Vinh units (nine districts in code order, then DUK-84).
WEIGHTS = [12, 10, 9, 11, 10, 13, 12, 7, 6, 10]
PROVINCE_TARGETS_2024 = {
    "DV-VAN-DONG": 5_000_000_000,
    "DV-DUOC-VAY": 1000,
    "MH-TAP-THE": 1900,
    "MH-CA-NHAN": 700,
    "MH-NHAN-RONG": 600,
    "KD-TAP-THE": 2300,
    "KD-DANG-VIEN": 40_000,
}
MEASURES = {"count": Measure.COUNT, "percent": Measure.PERCENT, "days": Measure.DAYS}
MEASURES |= {"people": Measure.PEOPLE, "money": Measure.MONEY}


DRAFT_SOURCES = {
    "PB-CHU-TRI": "consultations.drafts_received",
    "PB-TO-CHUC": "consultations.drafts_critiqued",
}


def _drafts_computed() -> bool:
    """Do the consultations' own records give the drafts of the Q1/2024 briefing (5 chaired,
    3 critiqued by the Trà Vinh front committee)? Then the two indicators are computed from
    them; otherwise the front committee enters them."""
    found = all_computed()
    if not set(DRAFT_SOURCES.values()) <= set(found):
        return False
    scope = unit_scope_ids(unit=Unit.objects.get(code="MTTQ-84"))
    span = parse_period("2024-Q1")
    figures = [
        found[DRAFT_SOURCES[code]].compute(scope, span.start, span.end)
        for code in ("PB-CHU-TRI", "PB-TO-CHUC")
    ]
    return figures == [5, 3]


def _indicators() -> None:
    up = services.indicator_upsert
    computed = _drafts_computed()
    source: dict[str, Any] = {"source": Source.COMPUTED} if computed else {}
    up(
        actor=SYSTEM,
        code="PB-CHU-TRI",
        name="Số dự thảo Ban Thường trực chủ trì phản biện",
        measure=Measure.COUNT,
        unit_label="dự thảo",
        group=GROUP_CRITIQUE,
        order=10,
        applies_to=[] if computed else PROVINCE_FRONT,
        sentence="Ban Thường trực chủ trì phản biện {value} dự thảo",
        computed_code=DRAFT_SOURCES["PB-CHU-TRI"],
        **source,
    )
    up(
        actor=SYSTEM,
        code="PB-TO-CHUC",
        name="Số dự thảo tổ chức hội nghị phản biện",
        measure=Measure.COUNT,
        unit_label="dự thảo",
        group=GROUP_CRITIQUE,
        order=11,
        applies_to=[] if computed else PROVINCE_FRONT,
        sentence="tổ chức phản biện {value} dự thảo",
        computed_code=DRAFT_SOURCES["PB-TO-CHUC"],
        **source,
    )
    up(
        actor=SYSTEM,
        code="DV-VAN-DONG",
        name="Số tiền vận động cho đảng viên khó khăn vay",
        measure=Measure.MONEY,
        group=GROUP_PARTY,
        order=20,
        applies_to=UNITS_REPORTING,
        sentence="các tổ chức đảng vận động được {value}",
        description="Tổng số tiền (đồng) vận động được trong kỳ, ví dụ 580.000.000.",
    )
    up(
        actor=SYSTEM,
        code="DV-DUOC-VAY",
        name="Số đảng viên khó khăn được vay",
        measure=Measure.PEOPLE,
        unit_label="đảng viên",
        group=GROUP_PARTY,
        order=21,
        applies_to=UNITS_REPORTING,
        sentence="cho {value} đảng viên khó khăn vay",
    )
    up(
        actor=SYSTEM,
        code="DV-CON-KHO-KHAN",
        name="Số đảng viên còn khó khăn",
        measure=Measure.PEOPLE,
        unit_label="đảng viên",
        group=GROUP_PARTY,
        order=22,
        applies_to=UNITS_REPORTING,
        sentence="còn {value} đảng viên khó khăn cần được giúp đỡ",
        description="Số đảng viên còn khó khăn vào cuối kỳ.",
    )
    collective = up(
        actor=SYSTEM,
        code="MH-TAP-THE",
        name="Mô hình tập thể",
        measure=Measure.COUNT,
        unit_label="mô hình",
        group=GROUP_MODELS,
        order=31,
        applies_to=UNITS_REPORTING,
        sentence="trong đó {value} mô hình tập thể",
    )
    individual = up(
        actor=SYSTEM,
        code="MH-CA-NHAN",
        name="Mô hình cá nhân",
        measure=Measure.COUNT,
        unit_label="mô hình",
        group=GROUP_MODELS,
        order=32,
        applies_to=UNITS_REPORTING,
        sentence="{value} mô hình cá nhân",
    )
    up(
        actor=SYSTEM,
        code="MH-TONG",
        name="Tổng số mô hình học tập và làm theo Bác",
        measure=Measure.COUNT,
        unit_label="mô hình",
        group=GROUP_MODELS,
        order=30,
        source=Source.TOTAL,
        parts=[collective, individual],
        sentence="có {value} mô hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    )
    up(
        actor=SYSTEM,
        code="MH-NHAN-RONG",
        name="Số mô hình được nhân rộng",
        measure=Measure.COUNT,
        unit_label="mô hình",
        group=GROUP_MODELS,
        order=33,
        applies_to=UNITS_REPORTING,
        sentence="{value} mô hình được nhân rộng",
    )
    up(
        actor=SYSTEM,
        code="KD-TAP-THE",
        name="Số tập thể được kiểm điểm",
        measure=Measure.COUNT,
        unit_label="tập thể",
        group=GROUP_REVIEW,
        order=40,
        applies_to=UNITS_REPORTING,
        sentence="kiểm điểm {value} tập thể",
    )
    members = up(
        actor=SYSTEM,
        code="KD-DANG-VIEN",
        name="Số đảng viên được kiểm điểm",
        measure=Measure.PEOPLE,
        unit_label="đảng viên",
        group=GROUP_REVIEW,
        order=41,
        applies_to=UNITS_REPORTING,
        sentence="{value} đảng viên",
    )
    up(
        actor=SYSTEM,
        code="KD-TY-LE-TOT",
        name="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        measure=Measure.PERCENT,
        aggregation=Aggregation.AVG,
        weight=members,
        group=GROUP_REVIEW,
        order=42,
        applies_to=UNITS_REPORTING,
        sentence="{value} đảng viên được đánh giá hoàn thành tốt nhiệm vụ trở lên",
    )
    services.indicators_sync_computed(actor=SYSTEM, group=GROUP_COMPUTED, order_from=200)


def _split(total: int, weights: list[int], step: int = 1) -> list[int]:
    """``total`` shared in proportion to ``weights`` (largest remainder), in multiples of ``step``."""
    units = total // step
    whole = sum(weights)
    exact = [Decimal(units * w) / whole for w in weights]
    parts = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    return [p * step for p in parts]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    """``hour`` o'clock on ``day``, local time (Asia/Ho_Chi_Minh)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _record(
    *,
    unit: Unit,
    period: Period,
    values: dict[str, Any],
    officer: User,
    leader: User | None,
    sent: dt.date | None,
    status: str,
    notes: str = "",
    comment: str = "",
) -> None:
    if Submission.objects.filter(unit=unit, period=period).exists():
        return
    start = sent or period.end
    submission = services.submission_save(
        actor=officer, unit=unit, period=period, values=values, notes=notes, now=_at(start, 8)
    )
    if status == Status.DRAFT or sent is None:
        return
    services.submission_transition(
        actor=officer, submission=submission, to=Status.SUBMITTED, now=_at(sent)
    )
    if status in (Status.APPROVED, Status.RETURNED) and leader is not None:
        decided = WorkingCalendar().add_working_days(sent, 1)
        services.submission_transition(
            actor=leader,
            submission=submission,
            to=status,
            comment=comment,
            now=_at(decided, 15),
            notify=False,
        )


def _import(
    *,
    period: Period,
    within: Unit,
    rows: list[services.ImportRow],
    officer: User,
    leader: User,
    calendar: WorkingCalendar,
    approve_by: dt.date | None = None,
) -> None:
    """Figures of a past quarter, approved, in one go (skipping units that already have some)."""
    done = set(Submission.objects.filter(period=period).values_list("unit_id", flat=True))
    rows = [row for row in rows if row.unit.pk not in done]
    if not rows:
        return
    last = max(timezone.localtime(row.submitted_at).date() for row in rows)
    approved = approve_by or calendar.add_working_days(last, 1)
    services.submissions_import(
        actor=leader,
        period=period,
        within=within,
        rows=rows,
        approved_at=_at(approved, 15),
        submitted_by=officer,
    )


def _drafts(code: str) -> tuple[int, int]:
    """The drafts (chaired, critiqued) of a quarter: ``DRAFTS``, then a steady made-up pattern."""
    if code in DRAFTS:
        return DRAFTS[code]
    number = parse_period(code).number
    return 4 + number % 4, 2 + number % 3


def vinh_long_quarters(today: dt.date, calendar: WorkingCalendar) -> list[Span]:
    """The quarters of the new Vĩnh Long in the demo, oldest first: from Q3/2025 to the last one
    whose due date (``default_due``) is six working days or more before ``today`` (its late
    figures sent and decided by then); at least Q3/2025."""
    spans = [parse_period(VINH_LONG_FIRST)]
    while True:
        following = spans[-1].next()
        if calendar.add_working_days(services.default_due(following), 6) > today:
            return spans
        spans.append(following)


def _drafts_values(period: Period) -> dict[str, Any]:
    """The drafts the province front committee reports, when entered (not computed)."""
    chaired, critiqued = _drafts(period.code)
    values: dict[str, Any] = {}
    for indicator in Indicator.objects.filter(code__in=["PB-CHU-TRI", "PB-TO-CHUC"]):
        if indicator.source == Source.ENTERED:
            values[indicator.code] = chaired if indicator.code == "PB-CHU-TRI" else critiqued
    return values


def _tra_vinh(calendar: WorkingCalendar) -> None:
    officer = User.objects.get(username="canbo.travinh")
    leader = User.objects.get(username="lanhdao.travinh")
    province = Unit.objects.get(code="MTTQ-84")
    districts = list(
        Unit.objects.filter(
            parent=province, level=UnitLevel.DISTRICT, kind=UnitKind.FRONT
        ).order_by("admin_code", "code")
    )
    reporting_units = [*districts, Unit.objects.get(code="DUK-84")]
    if len(reporting_units) != len(WEIGHTS):
        raise RuntimeError("the demo expects Trà Vinh's nine districts and DUK-84")
    for code in TRA_VINH_QUARTERS:
        period = services.period_ensure(actor=SYSTEM, code=code)
        factor = FACTORS[code]
        totals = {
            key: int((Decimal(value) * factor).to_integral_value())
            for key, value in Q1_2024.items()
        }
        millions = Decimal(Q1_2024["DV-VAN-DONG"]) * factor / 1_000_000
        totals["DV-VAN-DONG"] = int(millions.to_integral_value()) * 1_000_000
        totals["DV-CON-KHO-KHAN"] = IN_NEED[code]
        shares = {
            key: _split(total, WEIGHTS, 1_000_000 if key == "DV-VAN-DONG" else 1)
            for key, total in totals.items()
        }
        rows = []
        for index, unit in enumerate(reporting_units):
            values: dict[str, Any] = {key: shares[key][index] for key in totals}
            values["KD-TY-LE-TOT"] = Decimal(84 + (index * 7 + period.number * 3) % 12) + Decimal(
                "0.5"
            )
            # Most units send within four working days; two were late for Q1/2024.
            late = code == "2024-Q1" and index in (7, 8)
            sent = (
                calendar.add_working_days(period.due, 3 + index % 2)
                if late
                else calendar.add_working_days(period.end, 1 + index % 4)
            )
            if code == "2025-Q2":  # before the merger of 1 July 2025
                sent = dt.date(2025, 6, 23) + dt.timedelta(days=index % 4)
            note = "Số liệu tổng hợp từ báo cáo của các chi, đảng bộ cơ sở." if index == 0 else ""
            rows.append(services.ImportRow(unit, values, _at(sent), note))
        drafts = _drafts_values(period)
        if drafts:
            sent = calendar.add_working_days(period.end, 2)
            if code == "2025-Q2":
                sent = dt.date(2025, 6, 27)
            rows.append(services.ImportRow(province, drafts, _at(sent)))
        _import(
            period=period,
            within=province,
            rows=rows,
            officer=officer,
            leader=leader,
            calendar=calendar,
            approve_by=dt.date(2025, 6, 30) if code == "2025-Q2" else None,
        )
        if period.year == 2024:
            _targets(province, period, reporting_units)


def _targets(province: Unit, period: Period, units: list[Unit]) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=PROVINCE_TARGETS_2024)}
    for code, total in PROVINCE_TARGETS_2024.items():
        indicator = indicators[code]
        services.target_set(
            actor=SYSTEM, indicator=indicator, unit=province, period=period, value=total
        )
        step = 1_000_000 if code == "DV-VAN-DONG" else 1
        for unit, share in zip(units, _split(total, WEIGHTS, step), strict=True):
            services.target_set(
                actor=SYSTEM, indicator=indicator, unit=unit, period=period, value=share
            )


def _commune_values(rng: random.Random, number: int) -> dict[str, Any]:
    season = 1 + (number - 1) * 0.04
    collective = rng.randint(10, 24)
    members = rng.randint(150, 450)
    return {
        "DV-VAN-DONG": int(rng.randint(30, 90) * season) * 1_000_000,
        "DV-DUOC-VAY": int(rng.randint(5, 15) * season),
        "DV-CON-KHO-KHAN": rng.randint(1, 6),
        "MH-TAP-THE": collective,
        "MH-CA-NHAN": rng.randint(3, 10),
        "MH-NHAN-RONG": rng.randint(2, 8),
        "KD-TAP-THE": rng.randint(12, 30),
        "KD-DANG-VIEN": members,
        "KD-TY-LE-TOT": Decimal(rng.randint(800, 980)) / 10,
    }


def _vinh_long(calendar: WorkingCalendar) -> None:
    officer = User.objects.get(username="canbo.tinh")
    leader = User.objects.get(username="lanhdao.tinh")
    province = Unit.objects.get(code="MTTQ-86")
    communes = list(
        Unit.objects.filter(parent=province, level=UnitLevel.COMMUNE, kind=UnitKind.FRONT).order_by(
            "code"
        )
    )
    quarters = vinh_long_quarters(timezone.localdate(), calendar)
    for span in quarters:
        code = span.code
        period = services.period_ensure(actor=SYSTEM, code=code)
        current = span == quarters[-1]
        rows = []
        for index, unit in enumerate(communes):
            rng = random.Random(f"{unit.code}:{code}")  # noqa: S311 (demo figures)
            values = _commune_values(rng, period.number)
            sent = calendar.add_working_days(period.end, 1 + index % 5)
            state = index % 17 if current else -1
            common: dict[str, Any] = {"unit": unit, "period": period, "values": values}
            common["officer"] = officer
            if state == 3:  # entered, never sent: late
                _record(**common, leader=None, sent=None, status=Status.DRAFT)
            elif state == 5:  # nothing entered: late
                continue
            elif state == 7:  # sent late, then approved
                late = calendar.add_working_days(period.due, 4)
                _record(**common, leader=leader, sent=late, status=Status.APPROVED)
            elif state in (9, 11):  # waiting for lanhdao.tinh
                _record(**common, leader=None, sent=sent, status=Status.SUBMITTED)
            elif state == 13:  # returned with a comment
                _record(
                    **common,
                    leader=leader,
                    sent=sent,
                    status=Status.RETURNED,
                    comment="Đề nghị kiểm tra lại số đảng viên được kiểm điểm.",
                )
            else:
                rows.append(services.ImportRow(unit, values, _at(sent)))
        drafts = _drafts_values(period)
        if drafts:
            sent = calendar.add_working_days(period.end, 2)
            rows.append(services.ImportRow(province, drafts, _at(sent)))
        _import(
            period=period,
            within=province,
            rows=rows,
            officer=officer,
            leader=leader,
            calendar=calendar,
        )
    # Targets of the province for the last quarter and the open one.
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=PROVINCE_TARGETS_2024)}
    last = quarters[-1]
    for code in (last.code, last.next().code):
        period = services.period_ensure(actor=SYSTEM, code=code)
        for key, indicator in indicators.items():
            services.target_set(
                actor=SYSTEM,
                indicator=indicator,
                unit=province,
                period=period,
                value=PROVINCE_TARGETS_2024[key] * 2,
            )


def _demo_users() -> None:
    """The four demo users who enter and approve figures, as core's demo defines them. Core
    creates its users after the apps' data (and sets their password then), so create the ones
    needed here first, with their role, through the core services."""
    from ykien.core.demo import DEMO_USERS
    from ykien.core.services import role_grant

    wanted = {"canbo.travinh", "lanhdao.travinh", "canbo.tinh", "lanhdao.tinh"}
    for spec in DEMO_USERS:
        if spec.username not in wanted or spec.role is None or spec.unit_code is None:
            continue
        user, _created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "full_name": spec.full_name,
                "kind": spec.kind,
                "email": f"{spec.username}@demo.ykien.vn",
            },
        )
        unit = Unit.objects.get(code=spec.unit_code)
        if not user.role_grants.filter(unit=unit, role=spec.role).exists():
            role_grant(
                actor=SYSTEM,
                user=user,
                unit=unit,
                role=spec.role,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                note="demo",
            )


@transaction.atomic
def load(out: Any) -> None:
    _demo_users()
    _indicators()
    calendar = WorkingCalendar()
    _tra_vinh(calendar)
    _vinh_long(calendar)
    out.write(
        f"Giao ban: {Period.objects.count()} kỳ, {Submission.objects.count()} báo cáo số liệu, "
        f"{Indicator.objects.count()} chỉ tiêu\n"
    )
