"""Figures rolling up the unit tree, across periods and across the 2025 merger; every rule;
computed indicators (registered for the test) over a unit's scope and a period's dates."""

import datetime as dt
from decimal import Decimal

import pytest

from ykien.core.calendar import parse_period
from ykien.core.errors import ValidationFailed
from ykien.core.indicators import ComputedIndicator
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit
from ykien.reporting import selectors, services
from ykien.reporting.models import Measure, Source

from .conftest import approve, at, full

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


def _q(code: str, day_offset: int = 3) -> dt.date:
    return parse_period(code).end + dt.timedelta(days=day_offset)


@pytest.fixture
def before_merger(tree, people, indicators):
    """Q1/2024 and Q2/2024 for the old province A (own figures) and its district A1."""
    for code, a, a1 in (
        ("2024-Q1", full(TIEN=300, DV=100, TYLE=80, MAX=7, CUOI=40, TT=10, CN=4),
                    full(TIEN=200, DV=300, TYLE=90, MAX=9, CUOI=50, TT=20, CN=6)),
        ("2024-Q2", full(TIEN=100, DV=100, TYLE=70, MAX=3, CUOI=45, TT=1, CN=1),
                    full(TIEN=100, DV=100, TYLE=90, MAX=2, CUOI=30, TT=2, CN=2)),
    ):  # fmt: skip
        # The district approves first, the province later: "latest" takes the province's.
        approve(tree.district_a, code, a1, _q(code, 2), **people.before)
        approve(tree.prov_a, code, a, _q(code, 5), **people.before)


def test_each_rule_rolls_up_the_tree(tree, indicators, before_merger):
    report = selectors.briefing(unit=tree.prov_a, code="2024-Q1", today=TODAY)
    values = {row.indicator.code: row.value for row in report.rows}
    assert values == {
        "TIEN": 500,  # sum
        "DV": 400,
        "TYLE": Decimal("87.5"),  # (80×100 + 90×300) / 400
        "MAX": 9,
        "CUOI": 40,  # the province's figure was approved last
        "TT": 30,
        "CN": 10,
        "MH": 40,  # total of TT and CN
    }
    district = selectors.briefing(unit=tree.district_a, code="2024-Q1", today=TODAY)
    assert district.row("TIEN").value == 200
    assert [c.unit for c in report.children] == [tree.district_a]


def test_only_approved_figures_count(tree, people, indicators):
    period = services.period_ensure(actor=SYSTEM, code="2024-Q1")
    services.submission_save(
        actor=people.officer,
        unit=tree.district_a,
        period=period,
        values=full(TIEN=999),
        now=at(_q("2024-Q1")),
    )
    assert (
        selectors.briefing(unit=tree.prov_a, code="2024-Q1", today=TODAY).row("TIEN").value is None
    )


def test_comparisons_with_last_period_last_year_and_target(tree, people, indicators, before_merger):
    approve(tree.prov_a, "2023-Q1", full(TIEN=250), _q("2023-Q1"), **people.before)
    q1 = services.period_ensure(actor=SYSTEM, code="2024-Q1")
    services.target_set(
        actor=SYSTEM, indicator=indicators.money, unit=tree.prov_a, period=q1, value="400"
    )
    row = selectors.briefing(unit=tree.prov_a, code="2024-Q2", today=TODAY).row("TIEN")
    assert (row.value, row.previous, row.change, row.change_ratio) == (
        200,
        500,
        -300,
        Decimal("-0.6"),
    )
    row = selectors.briefing(unit=tree.prov_a, code="2024-Q1", today=TODAY).row("TIEN")
    assert (row.last_year, row.year_change, row.year_change_ratio) == (250, 250, 1)
    assert (row.target, row.target_share) == (400, Decimal("1.25"))


def test_half_year_and_year_take_the_quarters_by_each_rule(tree, indicators, before_merger):
    report = selectors.briefing(unit=tree.prov_a, code="2024-H1", today=TODAY)
    values = {row.indicator.code: row.value for row in report.rows}
    assert values["TIEN"] == 700  # 500 + 200
    assert values["MAX"] == 9
    assert values["CUOI"] == 45  # latest: the Q2 figure of the province (approved after A1's)
    assert values["DV"] == 600
    # Weighted by DV: A (80×100 + 70×100)/200 = 75; A1 (90×300 + 90×100)/400 = 90;
    # then across units by their half-year DV: (75×200 + 90×400) / 600 = 85.
    assert values["TYLE"] == 85
    assert values["MH"] == 46
    assert selectors.briefing(unit=tree.prov_a, code="2024", today=TODAY).row("TIEN").value == 700


def test_a_unit_own_half_year_report_wins_over_its_quarters(
    tree, people, indicators, before_merger
):
    approve(tree.district_a, "2024-H1", full(TIEN=1000), _q("2024-Q2", 6), **people.before)
    assert (
        selectors.briefing(unit=tree.prov_a, code="2024-H1", today=TODAY).row("TIEN").value == 1400
    )


def test_the_2025_merger_rolls_predecessors_into_successors(
    tree, people, indicators, before_merger
):
    # Q3/2025 in the new province: its own figures and its commune's.
    approve(tree.prov_new, "2025-Q3", full(TIEN=600, DV=50), _q("2025-Q3"), **people.after)
    approve(tree.commune_new, "2025-Q3", full(TIEN=150, DV=10), _q("2025-Q3"), **people.after)
    approve(tree.prov_a, "2025-Q2", full(TIEN=80), dt.date(2025, 6, 27), **people.before)
    # Another province's figures never leak in.
    other = make_unit("Ủy ban MTTQ xã khác", parent=tree.prov_b, code="B2")
    assert other.pk not in selectors.Aggregator().scope(tree.prov_new)

    report = selectors.briefing(unit=tree.prov_new, code="2025-Q3", today=TODAY)
    row = report.row("TIEN")
    assert (row.value, row.previous, row.last_year) == (750, 80, None)
    assert report.notes == [
        "Số liệu quý II/2025 là của các đơn vị đã hợp nhất vào đơn vị này: Ủy ban MTTQ tỉnh Trà Vinh.",
        "Số liệu quý III/2024 là của các đơn vị đã hợp nhất vào đơn vị này: Ủy ban MTTQ tỉnh Trà Vinh.",
    ]
    # A period before the merger, seen from the new province: the old province's figures,
    # broken down by the units that merged into it.
    old = selectors.briefing(unit=tree.prov_new, code="2024-Q1", today=TODAY)
    assert old.row("TIEN").value == 500
    assert old.children_are_predecessors
    assert [(c.unit, c.values[indicators.money.pk]) for c in old.children] == [(tree.prov_a, 500)]
    # The commune that took over the district compares with the district's figures.
    commune = selectors.briefing(unit=tree.commune_new, code="2025-Q3", today=TODAY)
    assert (commune.row("TIEN").value, commune.row("TIEN").last_year) == (150, None)
    assert (
        selectors.briefing(unit=tree.commune_new, code="2024-Q1", today=TODAY).row("TIEN").value
        == 200
    )
    # Trend across the merger: Q2/2024 … Q3/2025.
    trend = dict(
        zip([s.code for s in report.trend], report.trend_values[indicators.money.pk], strict=True)
    )
    assert trend == {
        "2024-Q2": 200,
        "2024-Q3": None,
        "2024-Q4": None,
        "2025-Q1": None,
        "2025-Q2": 80,
        "2025-Q3": 750,
    }


def test_a_district_split_between_communes_is_flagged(tree, people, indicators, before_merger):
    second = make_unit(
        "Ủy ban MTTQ xã An Trường", parent=tree.prov_new, level="commune", code="N2",
        valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    services_merge = __import__("ykien.core.services", fromlist=["unit_merge"]).unit_merge
    services_merge(
        actor=SYSTEM,
        predecessors=[tree.district_a],
        successor=second,
        effective=dt.date(2025, 7, 1),
    )
    report = selectors.briefing(unit=second, code="2025-Q3", today=TODAY)
    assert report.row("TIEN").previous is None
    assert report.notes[-1].startswith("Ủy ban MTTQ huyện Càng Long được chia cho nhiều đơn vị mới")
    # The province holds both communes: no double counting, no warning.
    province = selectors.briefing(unit=tree.prov_new, code="2024-Q1", today=TODAY)
    assert province.row("TIEN").value == 500
    assert not any("chia cho nhiều" in note for note in province.notes)


def test_a_unit_gone_or_not_yet_created_is_refused(tree, indicators):
    with pytest.raises(
        ValidationFailed, match=r"không còn tồn tại trong quý III/2025.*Ủy ban MTTQ tỉnh Vĩnh Long"
    ):
        selectors.briefing(unit=tree.prov_a, code="2025-Q3", today=TODAY)
    with pytest.raises(ValidationFailed, match="chưa được thành lập trong quý I/2024"):
        selectors.briefing(unit=tree.agency_new, code="2024-Q1", today=TODAY)


def test_late_units_are_listed(tree, people, indicators):
    approve(tree.district_a, "2024-Q1", full(), dt.date(2024, 4, 12), **people.before)
    approve(tree.prov_a, "2024-Q1", full(), dt.date(2024, 4, 3), **people.before)
    period = services.period_ensure(actor=SYSTEM, code="2024-Q1")
    statuses = selectors.period_status(period=period, scope_ids=None, today=TODAY)
    assert [(s.unit.code, s.status, s.late) for s in statuses] == [
        ("A", "approved", False), ("A1", "approved", True), ("B", "missing", True), ("B1", "missing", True),
    ]  # fmt: skip
    early = selectors.period_status(period=period, scope_ids=None, today=dt.date(2024, 4, 5))
    assert [s.late for s in early] == [False, True, False, False]


# ------------------------------------------------------------------ computed indicators


@pytest.fixture
def computed(monkeypatch):
    """Two computed indicators as another app would provide them; each records its calls."""
    calls: list[tuple[frozenset[int], dt.date, dt.date]] = []

    def received(unit_ids, start, end):
        calls.append((frozenset(unit_ids), start, end))
        return len(unit_ids) * 10 + start.month

    def on_time(unit_ids, start, end):
        return Decimal("87.5")

    registry = {
        "test.received": ComputedIndicator("test.received", "Đơn thư tiếp nhận", "count", received),
        "test.on_time": ComputedIndicator(
            "test.on_time", "Tỷ lệ giải quyết đúng hạn", "percent", on_time, "avg"
        ),
    }
    monkeypatch.setattr("ykien.core.indicators.all_computed", lambda: registry)
    monkeypatch.setattr("ykien.reporting.selectors.all_computed", lambda: registry)
    return calls


def test_computed_indicators_are_synced_and_computed_for_the_scope(tree, computed):
    rows = services.indicators_sync_computed(actor=SYSTEM, group="Tự động")
    assert [(r.code, r.source, r.measure, r.aggregation) for r in rows] == [
        ("test.on_time", Source.COMPUTED, Measure.PERCENT, "avg"),
        ("test.received", Source.COMPUTED, Measure.COUNT, "sum"),
    ]
    report = selectors.briefing(unit=tree.prov_new, code="2025-Q3", today=TODAY)
    # The new province's scope: itself, its commune and agency, the old province and district.
    scope = frozenset(
        {
            tree.prov_new.pk,
            tree.commune_new.pk,
            tree.agency_new.pk,
            tree.prov_a.pk,
            tree.district_a.pk,
        }
    )
    assert report.row("test.received").value == 5 * 10 + 7
    assert report.row("test.on_time").value == Decimal("87.5")
    assert (scope, dt.date(2025, 7, 1), dt.date(2025, 9, 30)) in computed
    assert report.row("test.received").previous == 5 * 10 + 4  # Q2/2025 over the same scope
    assert report.row("test.received").last_year == 5 * 10 + 7
    half = selectors.briefing(unit=tree.prov_new, code="2025-H2", today=TODAY)
    assert half.row("test.received").value == 57
    assert (scope, dt.date(2025, 7, 1), dt.date(2025, 12, 31)) in computed
    # Re-syncing keeps an edited row's code and group.
    services.indicators_sync_computed(actor=SYSTEM, group="Khác")
    assert services.Indicator.objects.get(code="test.received").group == "Tự động"


def test_a_computed_indicator_whose_app_is_gone_is_reported_missing(tree, indicators, monkeypatch):
    services.indicator_upsert(
        actor=SYSTEM, code="X", name="Chỉ tiêu của ứng dụng đã gỡ", measure=Measure.COUNT,
        source=Source.COMPUTED, computed_code="gone.app",
    )  # fmt: skip
    monkeypatch.setattr("ykien.reporting.selectors.all_computed", dict)
    report = selectors.briefing(unit=tree.prov_a, code="2024-Q1", today=TODAY)
    assert report.row("X").value is None
    assert [i.code for i in report.missing_computed] == ["X"]


def test_indicator_definitions_are_checked(db):
    with pytest.raises(ValidationFailed, match="phải nêu mã chỉ tiêu"):
        services.indicator_upsert(
            actor=SYSTEM, code="Y", name="Y", measure="count", source="computed"
        )
    with pytest.raises(ValidationFailed, match="Đơn vị đo không hợp lệ"):
        services.indicator_upsert(actor=SYSTEM, code="Y", name="Y", measure="kg")
    with pytest.raises(ValidationFailed, match="tổng của các chỉ tiêu được cộng dồn"):
        services.indicator_upsert(actor=SYSTEM, code="Y", name="Y", measure="count", source="total")
