"""The staff dashboard on the workspace (``/can-bo/``): per area a person works in, what needs them
today, within the week, what is overdue and what is new, each a count that links to the filtered
staff list; the last twelve months as a small chart and its table; and for a leader what awaits
their approval.

``core`` imports no app: each app provides ``dashboard.area(user, today)`` returning an ``Area``,
several (a list: supervision has its recommendations and its Regulation 124 inbox) or ``None``
(the app manifest finds the module). Each area is computed with a fixed number of queries whatever the
number of records (conditional ``Count``, ``values().annotate()`` by month).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from ykien.core import apps_manifest, charts
from ykien.core.models import User

# The four questions of the dashboard, in the order shown.
BUCKETS = ("today", "week", "overdue", "new")
BUCKET_LABELS = {
    "today": pgettext_lazy("bảng điều khiển", "Đến hạn hôm nay"),
    "week": pgettext_lazy("bảng điều khiển", "Đến hạn trong 7 ngày"),
    "overdue": pgettext_lazy("bảng điều khiển", "Quá hạn"),
    "new": pgettext_lazy("bảng điều khiển", "Mới trong 7 ngày qua"),
}
# "this week" is the coming seven days, today included; "new" the last seven, today included.
WEEK_DAYS = 7
MONTHS = 12
# The month axis: a short name per month in the reader's language.
MONTH_SHORT = (
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T1"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T2"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T3"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T4"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T5"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T6"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T7"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T8"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T9"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T10"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T11"),
    pgettext_lazy("tháng, viết tắt trên trục biểu đồ", "T12"),
)
SERIES_CSS = ("bar-received", "bar-on-time", "bar-late")
SERIES_COLOURS = ("#1f5f99", "#2e7d32", "#b3121b")


@dataclass(frozen=True)
class Tile:
    """One count of an area: ``bucket`` is one of ``BUCKETS``; ``url`` the filtered list."""

    bucket: str
    count: int
    url: str

    @property
    def label(self) -> str:
        return str(BUCKET_LABELS[self.bucket])


@dataclass(frozen=True)
class Approval:
    """Something waiting for the reader's approval: a label, how many, where to decide."""

    label: str
    count: int
    url: str


@dataclass
class Area:
    """One area of work of the reader. ``series``: the names of the three monthly figures
    (received, answered on time, late); ``monthly``: month (its first day) → those three."""

    key: str
    title: str
    order: int = 50
    tiles: list[Tile] = field(default_factory=list)
    series: tuple[str, str, str] = ("", "", "")
    monthly: dict[dt.date, tuple[int, int, int]] | None = None
    approvals: list[Approval] = field(default_factory=list)
    # Filled by ``dashboard()``:
    months: list[MonthRow] = field(default_factory=list)
    chart: SafeString | None = None


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    label: str  # the month in full, in the reader's language ("Tháng 3/2026", "March 2026")
    short: str  # on the chart's axis ("T3", "Mar")
    figures: tuple[int, int, int]


def last_months(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the ``count`` months ending with ``today``'s, oldest first. ``today``
    is the date in Vietnam (``core.selectors.today``)."""
    year, month = today.year, today.month
    firsts = []
    for _i in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def month_key(value: dt.date | dt.datetime | None) -> dt.date | None:
    """A ``TruncMonth`` value (a date, or a datetime on some backends) as the month's first day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.replace(day=1)


#: Each count's filter on its staff list: every list names them the same way.
LIST_FILTERS = {
    "today": {"due": "today"},
    "week": {"due": "week"},
    "overdue": {"due": "overdue"},
    "new": {"recent": "1"},
}


def tiles(
    counts: dict[str, int], url: str, params: dict[str, dict[str, str]] = LIST_FILTERS
) -> list[Tile]:
    """The four counts of an area, each linking to ``url`` filtered by its ``params``."""
    return [Tile(b, counts[b], f"{url}?{urlencode(params[b])}") for b in BUCKETS]


def due_counts(
    qs: QuerySet[Any],
    *,
    today: dt.date,
    open_q: Q,
    due: str,
    new_on: str,
    overdue: Q | None = None,
) -> dict[str, int]:
    """The four counts in one query: the records open (``open_q``) whose ``due`` day is today,
    within the week (today included) or past (or ``overdue``, where the list defines it so),
    and those whose ``new_on`` day falls in the last seven days (today included)."""
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    return qs.aggregate(
        today=Count("pk", filter=open_q & Q(**{due: today})),
        week=Count("pk", filter=open_q & Q(**{f"{due}__gte": today, f"{due}__lte": week_end})),
        overdue=Count(
            "pk", filter=overdue if overdue is not None else open_q & Q(**{f"{due}__lt": today})
        ),
        new=Count("pk", filter=Q(**{f"{new_on}__gte": since})),
    )


def monthly_figures(
    *, received: QuerySet[Any], received_on: str, done: QuerySet[Any], done_on: str, due: str
) -> dict[dt.date, tuple[int, int, int]]:
    """Per month: the records ``received`` (by the day in ``received_on``), and those ``done``
    (by ``done_on``) on or before their ``due`` day and after it — the area's chart, two
    queries. The querysets come already limited to the months shown."""
    monthly: dict[dt.date, list[int]] = {}
    for row in (
        received.annotate(month=TruncMonth(received_on)).values("month").annotate(n=Count("pk"))
    ):
        key = month_key(row["month"])
        if key is not None:
            monthly.setdefault(key, [0, 0, 0])[0] = row["n"]
    finished = (
        done.filter(**{f"{due}__isnull": False})
        .annotate(month=TruncMonth(done_on))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(**{f"{done_on}__lte": F(due)})),
            late=Count("pk", filter=Q(**{f"{done_on}__gt": F(due)})),
        )
    )
    for row in finished:
        key = month_key(row["month"])
        if key is not None:
            figures = monthly.setdefault(key, [0, 0, 0])
            figures[1], figures[2] = row["on_time"], row["late"]
    return {k: (v[0], v[1], v[2]) for k, v in monthly.items()}


def _rows(area: Area, today: dt.date) -> list[MonthRow]:
    monthly = area.monthly or {}
    return [
        MonthRow(
            month=first,
            # Django's month name: "Tháng 11" in Vietnamese, "November" in English.
            label=pgettext("tháng và năm", "%(month)s/%(year)s")
            % {"month": date_format(first, "F"), "year": first.year},
            short=str(MONTH_SHORT[first.month - 1]),
            figures=monthly.get(first, (0, 0, 0)),
        )
        for first in last_months(today)
    ]


def _chart(area: Area, rows: Sequence[MonthRow]) -> SafeString:
    title = _("%(area)s: 12 tháng qua") % {"area": area.title}
    series = [
        charts.Series(label, css, colour)
        for label, css, colour in zip(area.series, SERIES_CSS, SERIES_COLOURS, strict=True)
    ]
    description = "; ".join(
        f"{row.label}: "
        + ", ".join(f"{s} {n}" for s, n in zip(area.series, row.figures, strict=True))
        for row in rows
    )
    chart = charts.month_bars(
        title=title,
        description=description,
        labels=[row.short for row in rows],
        full_labels=[row.label for row in rows],
        series=series,
        values=[row.figures for row in rows],
    )
    return chart.svg(ident=f"chart-{area.key}", scroll=True)


def dashboard(*, user: User, today: dt.date) -> list[Area]:
    """Every area ``user`` works in, in order, with its month rows and chart."""
    areas: list[Area] = []
    for _label, module in apps_manifest.modules("dashboard"):
        found = module.area(user, today)
        for area in found if isinstance(found, list) else [found]:
            if area is None:
                continue
            if area.monthly is not None:
                area.months = _rows(area, today)
                area.chart = _chart(area, area.months)
            areas.append(area)
    return sorted(areas, key=lambda a: (a.order, a.key))
