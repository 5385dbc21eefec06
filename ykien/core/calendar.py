"""The deadline calendar: the only code in Ý Kiến that computes a legal deadline.

Counting (see docs/domains/core.md):

* working days (``ngày làm việc``) skip Saturdays, Sundays, Vietnam's public holidays (Tết
  included, from the ``holidays`` package) and the administrator's overrides; the period starts
  the day *after* the start date, so 7 working days from a Monday end on the next Tuesday when no
  holiday intervenes;
* calendar days (``ngày``) are counted from the day after the start date; a period that ends on
  a weekend or holiday ends at the close of the next working day (Bộ luật Dân sự 2015, Điều 148);
* a period "at least N days before" an event (``direction=before``) ends N days before it; when
  that day is not a working day the act is due on the working day before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays as holidays_lib
from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ykien.core.codes import ErrorCode
from ykien.core.errors import UnknownRule, ValidationFailed

if TYPE_CHECKING:
    from ykien.core.models import DeadlineRule

WEEKEND = frozenset({5, 6})  # Saturday, Sunday


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays_lib.country_holidays("VN", years=year, language="vi"))


def _overrides(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    from ykien.core.models import HolidayOverride

    days_off: dict[dt.date, str] = {}
    working: dict[dt.date, str] = {}
    for row in HolidayOverride.objects.filter(date__year=year):
        target = days_off if row.kind == HolidayOverride.Kind.DAY_OFF else working
        target[row.date] = row.name
    return days_off, working


class WorkingCalendar:
    """Answers "is this a working day?"; loads each year's holidays and overrides once."""

    def __init__(self) -> None:
        self._years: dict[int, tuple[dict[dt.date, str], dict[dt.date, str]]] = {}

    def _year(self, year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
        if year not in self._years:
            days_off, working = _overrides(year)
            off = {**_public_holidays(year), **days_off}
            self._years[year] = (off, working)
        return self._years[year]

    def holiday_name(self, day: dt.date) -> str | None:
        off, working = self._year(day.year)
        if day in working:
            return None
        return off.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        off, working = self._year(day.year)
        if day in working:
            return True
        return day.weekday() not in WEEKEND and day not in off

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def subtract_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        remaining = count
        while remaining > 0:
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@dataclass(frozen=True)
class Deadline:
    rule: str
    start: dt.date
    due: dt.date
    length: int
    counting: str
    direction: str
    variant: str | None
    legal_basis: str
    name: str

    @property
    def basis_text(self) -> str:
        """The legal basis in the active language (see ``translated``)."""
        return translated(self.legal_basis)

    @property
    def name_text(self) -> str:
        """The rule's name in the active language (see ``translated``)."""
        return translated(self.name)

    def describe(self) -> str:
        """``30 ngày kể từ 26/11/2026 — <legal basis>``, in the active language."""
        return _describe(self.length, self.counting, self.direction, self.start, self.legal_basis)

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.due


def translated(text: str) -> str:
    """A text of the rule table (a rule's name or legal basis) in the active language.

    The table stores Vietnamese; the seed's texts are marked for the catalogue in
    ``deadline_rules`` and translated here, at display time. A text an administrator typed
    without a catalogue entry stays as typed."""
    return _(text) if text else ""


def _describe(length: int, counting: str, direction: str, start: dt.date, basis: str) -> str:
    values = {"n": length, "start": start.strftime("%d/%m/%Y")}
    working = counting == "working"
    if direction == "before":
        if working:
            period = ngettext(
                "%(n)s ngày làm việc trước %(start)s", "%(n)s ngày làm việc trước %(start)s", length
            )
        else:
            period = ngettext("%(n)s ngày trước %(start)s", "%(n)s ngày trước %(start)s", length)
    elif working:
        period = ngettext(
            "%(n)s ngày làm việc kể từ %(start)s", "%(n)s ngày làm việc kể từ %(start)s", length
        )
    else:
        period = ngettext("%(n)s ngày kể từ %(start)s", "%(n)s ngày kể từ %(start)s", length)
    return f"{period % values} — {translated(basis)}"


def _rule(
    rule: str, start: dt.date, variant: str | None, length: int | None
) -> tuple[DeadlineRule, int]:
    """The rule row in force on ``start`` and the number of days it gives."""
    from ykien.core.models import DeadlineRule

    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise ValidationFailed(_("Ngày bắt đầu không hợp lệ."), code=ErrorCode.INVALID_DATE)
    row = DeadlineRule.in_force(rule, start)
    if row is None:
        raise UnknownRule(
            _("Không có quy tắc thời hạn “%(code)s”.") % {"code": rule}, code=ErrorCode.UNKNOWN_RULE
        )
    days = row.length
    if variant:
        if variant not in (row.variants or {}):
            raise UnknownRule(
                _("Quy tắc “%(code)s” không có trường hợp “%(variant)s”.")
                % {"code": rule, "variant": variant},
                code=ErrorCode.UNKNOWN_VARIANT,
            )
        days = int(row.variants[variant])
    if length is not None:
        if length <= 0:
            raise ValidationFailed(
                _("Thời hạn phải là số ngày dương."), code=ErrorCode.INVALID_LENGTH
            )
        days = length
    return row, days


def describe_rule(
    rule: str, start: dt.date, *, variant: str | None = None, length: int | None = None
) -> str:
    """``deadline(...).describe()`` without counting the due date: the period and the legal
    basis in the active language, for showing again a deadline whose text was stored."""
    row, days = _rule(rule, start, variant, length)
    return _describe(days, row.counting, row.direction, start, row.legal_basis)


# ``_describe`` as written in Vietnamese (the msgids), optionally after "<rule name>: ".
_STORED_RE = re.compile(
    r"(?:(?P<name>.+): )?(?P<n>\d+) ngày (?P<working>làm việc )?(?P<direction>kể từ|trước)"
    r" (?P<start>\d{2}/\d{2}/\d{4}) — (?P<basis>.+)",
    re.DOTALL,
)


def stored_description_text(text: str) -> str:
    """A deadline description stored in Vietnamese — ``Deadline.describe()`` saved under
    ``translation.override("vi")``, optionally after the rule's name and ": " — in the active
    language: the period, the rule's name and the legal basis are translated at display time,
    the dates and number of days kept as stored. Text of another shape (typed by someone, or
    stored in another language before descriptions were kept in Vietnamese) is shown as is."""
    if (
        not text
        or (get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE
    ):
        return text
    match = _STORED_RE.fullmatch(text)
    if match is None:
        return text
    day, month, year = (int(part) for part in match["start"].split("/"))
    try:
        start = dt.date(year, month, day)
    except ValueError:
        return text
    described = _describe(
        int(match["n"]),
        "working" if match["working"] else "calendar",
        "before" if match["direction"] == "trước" else "after",
        start,
        match["basis"],
    )
    return f"{translated(match['name'])}: {described}" if match["name"] else described


def deadline(
    rule: str,
    start: dt.date,
    *,
    variant: str | None = None,
    length: int | None = None,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Compute the due date of ``rule`` counted from ``start`` (or before it, for "before" rules).

    ``variant`` picks a longer period the rule allows (``complex``, ``remote``, ``extended`` …);
    ``length`` overrides the number of days where the law lets the issuing unit set it (the
    answer date of a critique document). Raises ``UnknownRule`` for an unknown code or variant.
    """
    from ykien.core.models import DeadlineRule

    row, days = _rule(rule, start, variant, length)
    cal = calendar or WorkingCalendar()
    if row.direction == DeadlineRule.Direction.BEFORE:
        if row.counting == DeadlineRule.Counting.WORKING:
            due = cal.subtract_working_days(start, days)
        else:
            due = cal.previous_working_day(start - dt.timedelta(days=days))
    elif row.counting == DeadlineRule.Counting.WORKING:
        due = cal.add_working_days(start, days)
    else:
        due = cal.next_working_day(start + dt.timedelta(days=days))
    return Deadline(
        rule=row.code,
        start=start,
        due=due,
        length=days,
        counting=row.counting,
        direction=row.direction,
        variant=variant,
        legal_basis=row.legal_basis,
        name=row.name,
    )


def parse_iso_date(value: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` or raise ``ValidationFailed`` with a translated message."""
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as exc:
        raise ValidationFailed(
            _("Ngày “%(value)s” không đúng định dạng YYYY-MM-DD.") % {"value": value},
            code=ErrorCode.INVALID_DATE,
        ) from exc


# ------------------------------------------------------------------------------------ periods
# Quarters, half-years and years as spans of dates: the one place that does quarter arithmetic
# (the briefing's reporting periods, the supervision and petition statistics, the period
# report). Codes: ``2024-Q1`` (a quarter), ``2024-H1`` (a half-year), ``2024`` (a year).

QUARTER, HALF, YEAR = "quarter", "half", "year"
ROMAN = ("I", "II", "III", "IV")
_PERIOD_CODE = re.compile(r"(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<number>\d))?")


@dataclass(frozen=True, order=True)
class Span:
    """A quarter, a half-year or a year: its first and last days, kind, year and number."""

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
            return period_span(self.kind, self.year, self.number - 1)
        return period_span(self.kind, self.year - 1, per_year)

    def next(self) -> Span:
        """The period just after, of the same kind (Q4/2023 → Q1/2024)."""
        per_year = {QUARTER: 4, HALF: 2, YEAR: 1}[self.kind]
        if self.number < per_year:
            return period_span(self.kind, self.year, self.number + 1)
        return period_span(self.kind, self.year + 1, 1)

    def same_last_year(self) -> Span:
        return period_span(self.kind, self.year - 1, self.number)

    def quarters(self) -> list[Span]:
        """The quarters inside this period (itself for a quarter)."""
        if self.kind == QUARTER:
            return [self]
        first = 1 if self.kind == YEAR or self.number == 1 else 3
        count = 4 if self.kind == YEAR else 2
        return [period_span(QUARTER, self.year, n) for n in range(first, first + count)]

    def overlaps(self, valid_from: dt.date, valid_to: dt.date | None) -> bool:
        return valid_from <= self.end and (valid_to is None or valid_to >= self.start)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def recent(self, count: int) -> list[Span]:
        """The ``count`` periods of this kind ending with this one, oldest first."""
        spans = [self]
        while len(spans) < count:
            spans.append(spans[-1].previous())
        return list(reversed(spans))


def period_span(kind: str, year: int, number: int = 1) -> Span:
    """The quarter ``number`` (1–4), the half-year ``number`` (1–2) or the year of ``year``.
    Raises ``ValidationFailed`` (translated) for anything else."""
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
            code=ErrorCode.INVALID_PERIOD,
            field="period",
        )
    next_month = dt.date(year + end_month // 12, end_month % 12 + 1, 1)
    return Span(start, next_month - dt.timedelta(days=1), kind, year, number)


def quarter_or_year(year: int, quarter: int | None = None) -> Span:
    """The quarter ``quarter`` of ``year``, or the whole year when no quarter is given (the
    filters of the statistics pages, the API and the period report)."""
    return period_span(QUARTER, year, quarter) if quarter else period_span(YEAR, year)


def parse_period(code: str) -> Span:
    """``2024-Q1`` → the first quarter of 2024; ``2024-H2``; ``2024``. Raises
    ``ValidationFailed`` (translated) for anything else."""
    match = _PERIOD_CODE.fullmatch((code or "").strip())
    if match is None or not 2000 <= int(match["year"]) <= 2100:
        raise ValidationFailed(
            _("Mã kỳ báo cáo “%(code)s” không hợp lệ; viết như 2024-Q1, 2024-H1 hoặc 2024.")
            % {"code": code},
            code=ErrorCode.INVALID_PERIOD,
            field="period",
        )
    year = int(match["year"])
    if match["kind"] is None:
        return period_span(YEAR, year)
    kind = QUARTER if match["kind"].upper() == "Q" else HALF
    return period_span(kind, year, int(match["number"]))


def period_containing(day: dt.date, kind: str = QUARTER) -> Span:
    """The quarter (half-year, year) that ``day`` falls in."""
    if kind == QUARTER:
        return period_span(QUARTER, day.year, (day.month - 1) // 3 + 1)
    if kind == HALF:
        return period_span(HALF, day.year, 1 if day.month <= 6 else 2)
    return period_span(YEAR, day.year)
