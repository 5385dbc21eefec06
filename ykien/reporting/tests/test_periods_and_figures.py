import datetime as dt
from decimal import Decimal

import pytest

from ykien.core.calendar import parse_period, period_containing
from ykien.core.errors import ValidationFailed
from ykien.core.permissions import SYSTEM
from ykien.reporting import services
from ykien.reporting.figures import format_change, format_figure, parse_figure
from ykien.reporting.models import Indicator, Measure


def test_period_codes_give_their_dates_and_neighbours():
    q1 = parse_period("2024-Q1")
    assert (q1.start, q1.end, q1.title, q1.long_title) == (
        dt.date(2024, 1, 1), dt.date(2024, 3, 31), "quý I/2024", "quý I năm 2024",
    )  # fmt: skip
    assert q1.previous().code == "2023-Q4"
    assert q1.same_last_year().code == "2023-Q1"
    assert parse_period("2024-H2").previous().code == "2024-H1"
    assert parse_period("2024-h1").previous().code == "2023-H2"
    year = parse_period("2024")
    assert (year.end, year.previous().code, year.title) == (
        dt.date(2024, 12, 31),
        "2023",
        "năm 2024",
    )
    assert [q.code for q in parse_period("2024-H2").quarters()] == ["2024-Q3", "2024-Q4"]
    assert [s.code for s in q1.recent(3)] == ["2023-Q3", "2023-Q4", "2024-Q1"]
    assert period_containing(dt.date(2025, 6, 30)).code == "2025-Q2"


@pytest.mark.parametrize("code", ["2024-Q5", "2024-H3", "24-Q1", "quý 1", "", "2024-Q"])
def test_bad_period_codes_are_refused_in_vietnamese(code):
    with pytest.raises(ValidationFailed, match="không hợp lệ"):
        parse_period(code)


@pytest.mark.django_db
def test_due_date_is_five_working_days_after_the_period(db):
    # Q1/2024 ends on Sunday 31/3; 1–5 April are working days.
    assert services.period_ensure(actor=SYSTEM, code="2024-Q1").due == dt.date(2024, 4, 5)
    # Q4/2024 ends on 31/12; 1/1/2025 is a holiday, so 2, 3, 6, 7, 8 January.
    assert services.period_ensure(actor=SYSTEM, code="2024-Q4").due == dt.date(2025, 1, 8)
    with pytest.raises(ValidationFailed, match="Hạn nộp phải sau ngày kết thúc kỳ"):
        services.period_ensure(actor=SYSTEM, code="2024-Q2", due=dt.date(2024, 6, 1))


def _indicator(measure: str) -> Indicator:
    return Indicator(code="X", name="Số mô hình", measure=measure, unit_label="mô hình")


@pytest.mark.parametrize(
    ("measure", "raw", "expected"),
    [
        (Measure.COUNT, "1.068", Decimal(1068)),
        (Measure.COUNT, " 39.700 ", Decimal(39700)),
        (Measure.MONEY, "5.800.000.000", Decimal(5_800_000_000)),
        (Measure.PERCENT, "89,5", Decimal("89.5")),
        (Measure.PERCENT, "100%", Decimal(100)),
        (Measure.COUNT, 0, Decimal(0)),
        (Measure.COUNT, "", None),
    ],
)
def test_figures_are_read_the_vietnamese_way(measure, raw, expected):
    assert parse_figure(_indicator(measure), raw) == expected


@pytest.mark.parametrize(
    ("measure", "raw", "message"),
    [
        (Measure.COUNT, "-3", "không được là số âm"),
        (Measure.PERCENT, "100,5", "không được lớn hơn 100"),
        (Measure.COUNT, "mười", "không phải là số"),
        (Measure.COUNT, "1.5", "không phải là số"),
        (Measure.COUNT, "2,5", "phải là số nguyên"),
        (Measure.MONEY, "1,5", "phải là số nguyên"),
        (Measure.COUNT, "1" * 20, "số quá lớn"),
    ],
)
def test_bad_figures_are_refused_with_a_translated_message(measure, raw, message):
    with pytest.raises(ValidationFailed, match=message) as info:
        parse_figure(_indicator(measure), raw)
    assert info.value.field == "X"
    assert "Số mô hình" in str(info.value.message)


def test_figures_are_written_the_vietnamese_way():
    money, count, percent = (_indicator(m) for m in (Measure.MONEY, Measure.COUNT, Measure.PERCENT))
    assert format_figure(money, Decimal(5_800_000_000)) == "5,8 tỷ đồng"
    assert format_figure(count, Decimal(39700)) == "39.700"
    assert format_figure(count, Decimal(1068), with_label=True) == "1.068 mô hình"
    assert format_figure(percent, Decimal("89.95")) == "90%"
    assert format_figure(percent, Decimal("12.5")) == "12,5%"
    assert format_figure(count, None) == "—"
    assert format_change(count, Decimal(-36)) == "-36"
    assert format_change(money, Decimal(464_000_000)) == "+464 triệu đồng"
    assert format_change(percent, Decimal("0.1")) == "+0,1 điểm %"
