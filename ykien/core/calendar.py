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
        raise ValidationFailed(_("Ngày bắt đầu không hợp lệ."), code="invalid_date")
    row = DeadlineRule.in_force(rule, start)
    if row is None:
        raise UnknownRule(
            _("Không có quy tắc thời hạn “%(code)s”.") % {"code": rule}, code="unknown_rule"
        )
    days = row.length
    if variant:
        if variant not in (row.variants or {}):
            raise UnknownRule(
                _("Quy tắc “%(code)s” không có trường hợp “%(variant)s”.")
                % {"code": rule, "variant": variant},
                code="unknown_variant",
            )
        days = int(row.variants[variant])
    if length is not None:
        if length <= 0:
            raise ValidationFailed(_("Thời hạn phải là số ngày dương."), code="invalid_length")
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
            code="invalid_date",
        ) from exc
