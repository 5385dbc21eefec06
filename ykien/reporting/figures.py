"""Reading and writing figures the Vietnamese way, checked against the indicator's measure."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.numbers import (
    format_decimal,
    format_int,
    format_money,
    format_percent,
    parse_number,
)
from ykien.reporting.codes import ErrorCode
from ykien.reporting.labels import MEASURE_UNITS, MONEY_SCALES
from ykien.reporting.models import Indicator, Measure

MAX_VALUE = Decimal("1e15")  # max_digits 20, 4 decimals


def parse_figure(indicator: Indicator, raw: object) -> Decimal | None:
    """The value typed for ``indicator`` (``"1.068"``, ``"5,8"``, ``1068``, ``Decimal``), or
    ``None`` when left empty. Raises ``ValidationFailed`` (translated, ``field`` = the
    indicator's code) for text, a negative figure, a fraction of a count, a percent over 100."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    name = indicator.name_text
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if text.endswith("%"):
            text = text[:-1]
        try:
            value = Decimal(parse_number(text))
        except (ValueError, InvalidOperation):
            raise ValidationFailed(
                _("“%(name)s”: “%(text)s” không phải là số (viết như 1.068 hoặc 5,8).")
                % {"name": name, "text": raw},
                code=ErrorCode.NOT_A_NUMBER,
                field=indicator.code,
            ) from None
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise ValidationFailed(
            _("“%(name)s”: số quá lớn.") % {"name": name},
            code=ErrorCode.TOO_LARGE,
            field=indicator.code,
        )
    if value < 0:
        raise ValidationFailed(
            _("“%(name)s”: không được là số âm.") % {"name": name},
            code=ErrorCode.NEGATIVE,
            field=indicator.code,
        )
    if indicator.measure == Measure.PERCENT and value > 100:
        raise ValidationFailed(
            _("“%(name)s”: tỷ lệ phần trăm không được lớn hơn 100.") % {"name": name},
            code=ErrorCode.PERCENT_OVER_100,
            field=indicator.code,
        )
    if indicator.measure in Measure.integral() and value != value.to_integral_value():
        raise ValidationFailed(
            _("“%(name)s”: phải là số nguyên.") % {"name": name},
            code=ErrorCode.NOT_AN_INTEGER,
            field=indicator.code,
        )
    if value.normalize().as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValidationFailed(
            _("“%(name)s”: tối đa 4 chữ số thập phân.") % {"name": name},
            code=ErrorCode.TOO_PRECISE,
            field=indicator.code,
        )
    return value


def format_money_figure(value: Decimal) -> str:
    """``5,8 tỷ đồng`` (``950.000 đồng``), the scale and the currency in the active language."""
    number, _sep, scale = format_money(value, unit="").partition(" ")
    words = [number, str(MONEY_SCALES[scale])] if scale else [number]
    return " ".join([*words, str(MEASURE_UNITS[Measure.MONEY.value])])


def format_figure(indicator: Indicator, value: Decimal | None, *, with_label: bool = False) -> str:
    """``5,8 tỷ đồng``, ``1.068`` (``1.068 đảng viên`` with the label; a bare count has none),
    ``12,5%``; ``—`` for none."""
    if value is None:
        return "—"
    if indicator.measure == Measure.MONEY:
        return format_money_figure(value)
    if indicator.measure == Measure.PERCENT:
        return format_decimal(value, 1, trim=True) + "%"
    text = (
        format_int(value)
        if value == value.to_integral_value()
        else format_decimal(value, 2, trim=True)
    )
    label = indicator.label if with_label else ""
    return f"{text} {label}" if label else text


def format_change(indicator: Indicator, change: Decimal | None) -> str:
    """A difference with its sign: ``+120``, ``-1,2 tỷ đồng``, ``+2,5 điểm %``."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    magnitude = abs(change)
    if indicator.measure == Measure.PERCENT:
        return f"{sign}{format_decimal(magnitude, 1, trim=True)} " + _("điểm %")
    return sign + format_figure(indicator, magnitude)


def format_ratio(ratio: Decimal | None) -> str:
    return "—" if ratio is None else format_percent(ratio, 1)
