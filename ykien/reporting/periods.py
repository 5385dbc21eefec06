"""Reporting periods as spans of dates: ``2024-Q1`` (a quarter), ``2024-H1`` (a half-year),
``2024`` (a year). Pure functions; the ``Period`` model stores the due date of each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed

QUARTER, HALF, YEAR = "quarter", "half", "year"
ROMAN = ("I", "II", "III", "IV")
_CODE = re.compile(r"(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<number>\d))?")


@dataclass(frozen=True, order=True)
class Span:
    start: dt.date
    end: dt.date
    kind: str
    year: int
    number: int

    @property
    def code(self) -> str:
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == HALF:
            return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def title(self) -> str:
        """``quý I/2024``, ``6 tháng đầu năm 2024``, ``năm 2024``."""
        if self.kind == QUARTER:
            return _("quý %(n)s/%(y)s") % {"n": ROMAN[self.number - 1], "y": self.year}
        if self.kind == HALF and self.number == 1:
            return _("6 tháng đầu năm %(y)s") % {"y": self.year}
        if self.kind == HALF:
            return _("6 tháng cuối năm %(y)s") % {"y": self.year}
        return _("năm %(y)s") % {"y": self.year}

    @property
    def long_title(self) -> str:
        """``quý I năm 2024`` (the wording of a report's title)."""
        if self.kind == QUARTER:
            return _("quý %(n)s năm %(y)s") % {"n": ROMAN[self.number - 1], "y": self.year}
        return self.title

    def previous(self) -> Span:
        """The period just before, of the same kind (Q1/2024 → Q4/2023)."""
        per_year = {QUARTER: 4, HALF: 2, YEAR: 1}[self.kind]
        if self.number > 1:
            return make(self.kind, self.year, self.number - 1)
        return make(self.kind, self.year - 1, per_year)

    def same_last_year(self) -> Span:
        return make(self.kind, self.year - 1, self.number)

    def quarters(self) -> list[Span]:
        """The quarters inside this period (itself for a quarter)."""
        if self.kind == QUARTER:
            return [self]
        first = 1 if self.kind == YEAR or self.number == 1 else 3
        count = 4 if self.kind == YEAR else 2
        return [make(QUARTER, self.year, n) for n in range(first, first + count)]

    def overlaps(self, valid_from: dt.date, valid_to: dt.date | None) -> bool:
        return valid_from <= self.end and (valid_to is None or valid_to >= self.start)

    def recent(self, count: int) -> list[Span]:
        """The ``count`` periods of this kind ending with this one, oldest first."""
        spans = [self]
        while len(spans) < count:
            spans.append(spans[-1].previous())
        return list(reversed(spans))


def make(kind: str, year: int, number: int = 1) -> Span:
    if kind == QUARTER and 1 <= number <= 4:
        first_month = 3 * (number - 1) + 1
        start = dt.date(year, first_month, 1)
        end_month = first_month + 2
    elif kind == HALF and number in (1, 2):
        start = dt.date(year, 1 if number == 1 else 7, 1)
        end_month = 6 if number == 1 else 12
    elif kind == YEAR and number == 1:
        start = dt.date(year, 1, 1)
        end_month = 12
    else:
        raise ValidationFailed(
            _("Kỳ báo cáo không hợp lệ: %(kind)s %(number)s/%(year)s")
            % {"kind": kind, "number": number, "year": year},
            code="invalid_period",
            field="period",
        )
    next_month = dt.date(year + end_month // 12, end_month % 12 + 1, 1)
    return Span(start, next_month - dt.timedelta(days=1), kind, year, number)


def parse(code: str) -> Span:
    """``2024-Q1`` → the first quarter of 2024; ``2024-H2``; ``2024``. Raises
    ``ValidationFailed`` (translated) for anything else."""
    match = _CODE.fullmatch((code or "").strip())
    if match is None or not 2000 <= int(match["year"]) <= 2100:
        raise ValidationFailed(
            _("Mã kỳ báo cáo “%(code)s” không hợp lệ; viết như 2024-Q1, 2024-H1 hoặc 2024.")
            % {"code": code},
            code="invalid_period",
            field="period",
        )
    year = int(match["year"])
    if match["kind"] is None:
        return make(YEAR, year)
    kind = QUARTER if match["kind"].upper() == "Q" else HALF
    return make(kind, year, int(match["number"]))


def containing(day: dt.date, kind: str = QUARTER) -> Span:
    if kind == QUARTER:
        return make(QUARTER, day.year, (day.month - 1) // 3 + 1)
    if kind == HALF:
        return make(HALF, day.year, 1 if day.month <= 6 else 2)
    return make(YEAR, day.year)
