from decimal import Decimal

import pytest

from ykien.core.numbers import (
    format_decimal,
    format_int,
    format_money,
    format_percent,
    parse_number,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1068, "1.068"),
        (39700, "39.700"),
        (1_000_000, "1.000.000"),
        (1_234_567_890, "1.234.567.890"),
        (-1068, "-1.068"),
        (Decimal("1068.5"), "1.069"),
        (2.5, "3"),
        (-0.4, "0"),
    ],
)
def test_format_int_groups_thousands_with_dots(value, expected):
    assert format_int(value) == expected


@pytest.mark.parametrize(
    ("value", "places", "trim", "expected"),
    [
        (5.8, 1, False, "5,8"),
        (Decimal("1234.5"), 2, False, "1.234,50"),
        (1234.5, 2, True, "1.234,5"),
        (5, 1, False, "5,0"),
        (5, 1, True, "5"),
        (0.125, 2, False, "0,13"),
        (1.005, 2, False, "1,01"),
        (-0.04, 1, False, "0,0"),
        (-12345.678, 1, False, "-12.345,7"),
        (Decimal("12.3456"), 0, False, "12"),
    ],
)
def test_format_decimal_uses_comma_and_rounds_half_up(value, places, trim, expected):
    assert format_decimal(value, places=places, trim=trim) == expected


def test_format_decimal_handles_amounts_beyond_default_precision():
    assert format_decimal(Decimal(10) ** 30, places=2) == "1" + ".000" * 10 + ",00"


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (0.125, "12,5%"),
        (Decimal("0.5"), "50%"),
        (1, "100%"),
        (Decimal("1.127"), "112,7%"),
        (0.0004, "0%"),
        (-0.031, "-3,1%"),
        (12.5, "1.250%"),
    ],
)
def test_format_percent(ratio, expected):
    assert format_percent(ratio) == expected


def test_format_percent_keeps_zeros_for_columns():
    assert format_percent(1, trim=False) == "100,0%"
    assert format_percent(Decimal("0.12345"), places=2) == "12,35%"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (5_800_000_000, "5,8 tỷ đồng"),
        (5_000_000_000, "5 tỷ đồng"),
        (1_250_000_000, "1,25 tỷ đồng"),
        (5_800_000_000_000, "5.800 tỷ đồng"),
        (999_999_999, "1 tỷ đồng"),
        (950_000_000, "950 triệu đồng"),
        (1_000_000, "1 triệu đồng"),
        (1_234_567, "1,23 triệu đồng"),
        (950_000, "950.000 đồng"),
        (999_999, "999.999 đồng"),
        (0, "0 đồng"),
        (-5_800_000_000, "-5,8 tỷ đồng"),
        (Decimal("950000.4"), "950.000 đồng"),
    ],
)
def test_format_money_picks_a_readable_unit(amount, expected):
    assert format_money(amount) == expected


def test_format_money_options():
    assert format_money(950_000, exact_below=1_000) == "950 nghìn đồng"
    assert format_money(1_500, exact_below=1_000) == "1,5 nghìn đồng"
    assert format_money(5_812_345_678, places=1) == "5,8 tỷ đồng"
    assert format_money(39_700_000_000, unit="") == "39,7 tỷ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.068", 1068),
        ("39.700", 39700),
        ("1.234.567", 1234567),
        ("1068", 1068),
        ("0", 0),
        ("  -1.068 ", -1068),
        ("+12", 12),
        ("\u22125", -5),
        ("\u00a01.068\n", 1068),
    ],
)
def test_parse_number_reads_integers(text, expected):
    result = parse_number(text)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,8", Decimal("5.8")),
        ("1.234,50", Decimal("1234.50")),
        ("-0,125", Decimal("-0.125")),
        ("1068,0", Decimal("1068.0")),
    ],
)
def test_parse_number_reads_decimals_exactly(text, expected):
    result = parse_number(text)
    assert isinstance(result, Decimal)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "một nghìn",
        "1.5",
        "1.0680",
        "12,5%",
        "1,2,3",
        ",5",
        "1.068.",
        "5 tỷ",
        "1 068",
    ],
)
def test_parse_number_rejects_text_with_a_clear_error(text):
    with pytest.raises(ValueError, match="not a number written the Vietnamese way"):
        parse_number(text)


@pytest.mark.parametrize("value", [1, 1068, 39700, 1_234_567_890, -42])
def test_format_int_round_trips(value):
    assert parse_number(format_int(value)) == value


def test_format_decimal_round_trips():
    assert parse_number(format_decimal(Decimal("-12345.678"), places=3)) == Decimal("-12345.678")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_refused(value):
    with pytest.raises(ValueError, match="non-finite"):
        format_decimal(value)


@pytest.mark.parametrize("value", [True, "12", None])
def test_non_numbers_are_refused(value):
    with pytest.raises(TypeError):
        format_int(value)


def test_negative_places_are_refused():
    with pytest.raises(ValueError, match="places"):
        format_decimal(1, places=-1)


def test_a_page_in_english_writes_numbers_the_english_way():
    from django.utils import translation

    from ykien.core.numbers import in_active_language

    with translation.override("en"):
        assert format_decimal(1234.5, 1) == "1.234,5"  # a document: Vietnamese in any language
        with in_active_language():
            assert format_decimal(1234.5, 1) == "1,234.5"
            assert format_int(1068) == "1,068"
            assert format_percent(0.125) == "12.5%"
            assert format_money(5_800_000_000, unit="") == "5.8 tỷ"
            assert parse_number("1.068") == 1068  # what people type stays Vietnamese
        assert format_int(1068) == "1.068"
    with translation.override("vi"), in_active_language():
        assert format_decimal(1234.5, 1) == "1.234,5"


def test_a_count_in_a_sentence_follows_the_readers_language_and_nothing_else():
    from django.utils import translation

    from ykien.core.numbers import format_count

    with translation.override("en"):
        assert format_count(2000) == "2,000"
        assert format_int(2000) == "2.000"  # outside: a document's Vietnamese
    with translation.override("vi"):
        assert format_count(25_999) == "25.999"
