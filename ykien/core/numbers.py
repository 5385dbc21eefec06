"""Numbers written the Vietnamese way.

Vietnamese groups thousands with a dot and separates decimals with a comma:
``1.068``, ``39.700``, ``5,8``, ``12,5%``. Everything here goes through
:class:`~decimal.Decimal` with half-up rounding, so ``2,5`` rounds to ``3`` and
``0,125`` is never ``0,12499999``; a float is taken by its shortest ``repr``
(``5.8`` is ``Decimal("5.8")``, not the binary value behind it).

A page shown in another language writes its numbers inside :func:`in_active_language`, which
takes the separators of that language from Django's locale formats (``1,068`` and ``5.8`` in
English); documents (the briefing's DOCX and PDF) and the numbers people type
(:func:`parse_number`) stay Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TypeAlias

__all__ = [
    "Number",
    "format_decimal",
    "format_int",
    "format_money",
    "format_percent",
    "in_active_language",
    "parse_number",
    "to_decimal",
]

Number: TypeAlias = int | float | Decimal

THOUSANDS_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
# (thousands, decimal) separators of the numbers written now: Vietnamese unless a page asked for
# its language's (in_active_language).
_SEPARATORS: ContextVar[tuple[str, str]] = ContextVar(
    "separators", default=(THOUSANDS_SEPARATOR, DECIMAL_SEPARATOR)
)


@contextmanager
def in_active_language() -> Iterator[None]:
    """Inside, numbers are written with the separators of the active language, from Django's
    locale formats (``THOUSAND_SEPARATOR``, ``DECIMAL_SEPARATOR``): ``1,234.5`` in English,
    ``1.234,5`` in Vietnamese as everywhere else. Rounding and grouping by three stay as
    they are."""
    from django.utils.formats import get_format

    token = _SEPARATORS.set(
        (str(get_format("THOUSAND_SEPARATOR")), str(get_format("DECIMAL_SEPARATOR")))
    )
    try:
        yield
    finally:
        _SEPARATORS.reset(token)


# Largest first: format_money picks the first one that still reads as at least 1.
_MONEY_SCALES: tuple[tuple[int, str], ...] = (
    (1_000_000_000, "tỷ"),
    (1_000_000, "triệu"),
    (1_000, "nghìn"),
)

# Optional sign, then either thousands groups of exactly three digits or bare digits,
# then an optional decimal part after a comma.
_NUMBER_RE = re.compile(r"([+\-\u2212]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")


def to_decimal(value: Number) -> Decimal:
    """Return ``value`` as a finite Decimal; a float is read by its shortest repr.

    Raises TypeError for anything that is not an int, float or Decimal (bool included)
    and ValueError for NaN and infinities.
    """
    if isinstance(value, bool):
        raise TypeError("a bool is not a number to format")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        raise TypeError(f"expected int, float or Decimal, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"cannot format a non-finite number: {value!r}")
    return result


def _group(digits: str) -> str:
    """Insert the thousands separator every three digits from the right."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return _SEPARATORS.get()[0].join(groups)


def _round(value: Decimal, places: int) -> Decimal:
    with localcontext() as ctx:
        # Enough precision that quantize never fails on large amounts.
        ctx.prec = max(28, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _render(value: Decimal, places: int, *, trim: bool) -> str:
    if places < 0:
        raise ValueError(f"places must be 0 or more, got {places}")
    rounded = _round(value, places)
    # -0 compares equal to 0, so a value that rounds to zero never shows as "-0".
    sign = "-" if rounded < 0 else ""
    int_part, _, fraction = format(rounded.copy_abs(), "f").partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    text = _group(int_part)
    if fraction:
        text += _SEPARATORS.get()[1] + fraction
    return sign + text


def format_int(value: Number) -> str:
    """``1068`` → ``"1.068"``; a non-integer is rounded half up first."""
    return _render(to_decimal(value), 0, trim=False)


def format_count(value: Number) -> str:
    """A count in a sentence, written as the reader's language writes numbers: ``2.000`` in
    Vietnamese, ``2,000`` in English (``in_active_language``)."""
    with in_active_language():
        return format_int(value)


def format_decimal(value: Number, places: int = 1, *, trim: bool = False) -> str:
    """``5.8`` → ``"5,8"``; ``1234.5`` with ``places=2`` → ``"1.234,50"``.

    With ``trim=True`` trailing zeros of the fraction are dropped (``"5"`` rather
    than ``"5,0"``).
    """
    return _render(to_decimal(value), places, trim=trim)


def format_percent(ratio: Number, places: int = 1, *, trim: bool = True) -> str:
    """A ratio as a percentage: ``0.125`` → ``"12,5%"``, ``1`` → ``"100%"``.

    Trailing zeros are dropped unless ``trim=False`` (``"100,0%"``), which suits
    columns of figures.
    """
    return _render(to_decimal(ratio) * 100, places, trim=trim) + "%"


def format_money(
    amount: Number,
    *,
    places: int = 2,
    unit: str = "đồng",
    exact_below: int = 1_000_000,
) -> str:
    """An amount of money as people say it: ``5_800_000_000`` → ``"5,8 tỷ đồng"``.

    Amounts below ``exact_below`` are written in full (``"950.000 đồng"``). Larger
    amounts use the largest of tỷ / triệu / nghìn in which the value, rounded to
    ``places`` decimals, is still at least 1 (``999_999_999`` → ``"1 tỷ đồng"``),
    with trailing zeros dropped. Lower ``exact_below`` to 1 000 to get
    ``"950 nghìn đồng"``. ``unit=""`` leaves the currency out.
    """
    value = to_decimal(amount)
    suffix = f" {unit}" if unit else ""
    if abs(value) >= exact_below:
        for factor, name in _MONEY_SCALES:
            scaled = value / factor
            if abs(_round(scaled, places)) >= 1:
                return f"{_render(scaled, places, trim=True)} {name}{suffix}"
    return _render(value, 0, trim=False) + suffix


def parse_number(text: str) -> int | Decimal:
    """Read a number written the Vietnamese way back.

    ``"1.068"`` → ``1068``; ``"5,8"`` → ``Decimal("5.8")``; ``"-1.234,50"`` →
    ``Decimal("-1234.50")``. Text without a decimal comma gives an ``int``, text with
    one gives a ``Decimal``. Dots must separate groups of exactly three digits, so
    ``"1.5"`` (an English decimal, or a typo) is rejected rather than guessed.

    Raises ValueError, quoting the text, for anything else.
    """
    match = _NUMBER_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a number written the Vietnamese way (1.068 or 5,8): {text!r}")
    sign, int_part, fraction = match.groups()
    digits = int_part.replace(THOUSANDS_SEPARATOR, "")
    negative = sign in ("-", "\u2212")
    if fraction is None:
        number = int(digits)
        return -number if negative else number
    decimal = Decimal(f"{digits}.{fraction}")
    return -decimal if negative else decimal
