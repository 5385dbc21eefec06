"""Reads of the briefing: what a unit reports, where submissions stand, and the aggregation of
figures up the unit tree, across the 2025 mergers, with comparisons and targets.

Aggregation (see docs/domains/reporting.md):

* a unit's figures for a period are those of the *approved* submissions of every unit in its
  scope (``core.selectors.unit_scope_ids``: its subtree and the subtrees of the units merged
  into it), so the new Vĩnh Long's figures for a quarter of 2024 are those of Trà Vinh, Bến Tre
  and the former Vĩnh Long and their districts;
* each indicator rolls up by its rule: ``sum``; ``avg`` weighted by its base indicator (a plain
  mean without one); ``max``; ``latest`` (the most recently approved figure);
* a half-year or a year that a unit did not report on its own takes that unit's quarters by the
  same rule over time (``latest``: the last quarter's figure);
* computed indicators ask the app that provides them for the scope and the period's dates —
  "no data" (None), not 0, while the app held no record of the scope yet; totals add up their
  parts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.calendar import QUARTER, Span, parse_period
from ykien.core.errors import NotFound, ValidationFailed
from ykien.core.indicators import ComputedIndicator, all_computed
from ykien.core.models import Unit, UnitSuccession
from ykien.core.selectors import (
    unit_children,
    unit_predecessor_ids,
    unit_scope_ids,
    unit_successors,
)
from ykien.reporting.codes import ErrorCode
from ykien.reporting.models import Aggregation, Indicator, Period, Source, Submission, Target, Value

Status = Submission.Status
Stamped = tuple[Decimal, dt.datetime | dt.date]
MAX_CHILDREN_COMPUTED = 30  # a figure and when it was approved / its quarter
RECORDS_FROM = dt.date(1900, 1, 1)  # before any record the platform holds


# ----------------------------------------------------------------------------- lookups


def period_get(*, code: str) -> Period:
    """The period ``code``; ``NotFound`` (translated) when it has not been opened."""
    span = parse_period(code)
    period = Period.objects.filter(code=span.code).first()
    if period is None:
        raise NotFound(
            _("Kỳ báo cáo %(period)s chưa được mở.") % {"period": span.title},
            code=ErrorCode.PERIOD_NOT_OPEN,
            field="period",
        )
    return period


def periods_list(*, kinds: Iterable[str] | None = None) -> QuerySet[Period]:
    qs = Period.objects.all()
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.order_by("-start", "end")


def indicators_active() -> list[Indicator]:
    return list(
        Indicator.objects.filter(active=True)
        .select_related("weight")
        .prefetch_related("parts")
        .order_by("order", "code")
    )


def submission_get(*, unit: Unit, period: Period) -> Submission | None:
    return (
        Submission.objects.filter(unit=unit, period=period)
        .select_related("submitted_by", "decided_by")
        .first()
    )


def submission_values(*, submission: Submission | None) -> dict[str, Decimal]:
    if submission is None:
        return {}
    return dict(submission.values.values_list("indicator__code", "value"))


def targets_for(*, unit: Unit, span: Span) -> dict[str, Decimal]:
    return dict(
        Target.objects.filter(unit=unit, period__code=span.code).values_list(
            "indicator__code", "value"
        )
    )


def _applicability() -> tuple[Q | None, bool]:
    """A filter of the units that report at least one entered indicator (None: none do) and
    whether some indicator applies to every unit."""
    condition = Q()
    everyone = False
    found = False
    for applies_to in Indicator.objects.filter(active=True, source=Source.ENTERED).values_list(
        "applies_to", flat=True
    ):
        found = True
        if not applies_to:
            everyone = True
        for pair in applies_to:
            kind, _sep, level = pair.partition("/")
            condition |= Q(kind=kind, level=level)
    return (condition if found else None), everyone


def expected_units(*, period: Period, scope_ids: set[int] | None = None) -> list[Unit]:
    """The units that must submit figures for ``period``: in force during it (at least one
    day) and reporting at least one active entered indicator; within ``scope_ids`` if given."""
    condition, everyone = _applicability()
    if condition is None:
        return []
    qs = Unit.objects.filter(valid_from__lte=period.end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )
    if not everyone:
        qs = qs.filter(condition)
    if scope_ids is not None:
        qs = qs.filter(pk__in=scope_ids)
    return list(qs.order_by("path"))


@dataclass
class UnitStatus:
    unit: Unit
    submission: Submission | None
    due: dt.date
    today: dt.date

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else "missing"

    @property
    def status_label(self) -> str:
        if self.submission is None:
            return _("Chưa nhập")
        return str(self.submission.get_status_display())

    @property
    def sent(self) -> bool:
        return self.submission is not None and self.submission.first_submitted_at is not None

    @property
    def late(self) -> bool:
        """Submitted after the due date, or not yet submitted and the due date has passed."""
        sent = self.submission.first_submitted_at if self.submission else None
        if sent is not None:
            return timezone.localtime(sent).date() > self.due
        return self.today > self.due


def period_status(
    *, period: Period, scope_ids: set[int] | None, today: dt.date
) -> list[UnitStatus]:
    """Each expected unit in scope with its submission (or none) and whether it is late."""
    units = expected_units(period=period, scope_ids=scope_ids)
    subs = {
        s.unit_id: s
        for s in Submission.objects.filter(period=period, unit__in=units).select_related(
            "submitted_by", "decided_by"
        )
    }
    return [UnitStatus(u, subs.get(u.pk), period.due, today) for u in units]


def period_submissions(
    *, period: Period, scope_ids: set[int] | None, ids: list[int]
) -> dict[int, Submission]:
    """The submissions of ``period`` numbered ``ids`` whose unit is in ``scope_ids`` (None: any),
    by number."""
    qs = Submission.objects.filter(period=period, pk__in=ids).select_related("unit", "period")
    if scope_ids is not None:
        qs = qs.filter(unit_id__in=scope_ids)
    return {s.pk: s for s in qs}


# ------------------------------------------------------------------------- aggregation


def _combine(
    indicator: Indicator,
    figures: dict[int, Stamped],
    weights: dict[int, Stamped] | None,
) -> Decimal | None:
    """Combine the figures (by unit or by quarter) of one indicator by its rule."""
    if not figures:
        return None
    values = [figure for figure, _stamp in figures.values()]
    rule = indicator.aggregation
    if rule == Aggregation.SUM:
        return sum(values, Decimal(0))
    if rule == Aggregation.MAX:
        return max(values)
    if rule == Aggregation.LATEST:
        return max(figures.values(), key=lambda item: (_as_datetime(item[1]), item[0]))[0]
    # Weighted average by the base indicator; a plain mean without one.
    if indicator.weight_id is None or weights is None:
        return sum(values, Decimal(0)) / len(values)
    pairs = [(figure, weights[key][0]) for key, (figure, _s) in figures.items() if key in weights]
    total = sum((w for _f, w in pairs), Decimal(0))
    if not pairs or total == 0:
        return None
    return sum((f * w for f, w in pairs), Decimal(0)) / total


def _app_of(computed_code: str) -> str:
    """``petitions`` for ``petitions.received``."""
    return computed_code.partition(".")[0]


def _as_datetime(stamp: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(stamp, dt.datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    return dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)


class Aggregator:
    """Figures of indicators for units and periods, with the database read once per period."""

    def __init__(self, indicators: list[Indicator] | None = None) -> None:
        self.indicators = indicators if indicators is not None else indicators_active()
        self.by_id = {ind.pk: ind for ind in self.indicators}
        self.computed: dict[str, ComputedIndicator] = all_computed()
        # Each providing app's first indicator counts its records (core.indicators).
        self._counters: dict[str, ComputedIndicator] = {}
        for code, provided in self.computed.items():
            self._counters.setdefault(_app_of(code), provided)
        self._in_use: dict[tuple[str, int, dt.date], bool] = {}
        self._own: dict[str, dict[int, dict[int, Stamped]]] = {}
        self._scopes: dict[int, frozenset[int]] = {}
        self._cache: dict[tuple[int, str, int], Decimal | None] = {}

    # -- per unit, before rolling up

    def _approved(self, code: str) -> dict[int, dict[int, Stamped]]:
        """unit id → indicator id → (figure, approval time) for the approved submissions."""
        if code not in self._own:
            rows = Value.objects.filter(
                submission__period__code=code, submission__status=Status.APPROVED
            ).values_list("submission__unit_id", "indicator_id", "value", "submission__decided_at")
            table: dict[int, dict[int, Stamped]] = defaultdict(dict)
            for unit_id, indicator_id, value, decided_at in rows:
                table[unit_id][indicator_id] = (value, decided_at or dt.date.min)
            self._own[code] = dict(table)
        return self._own[code]

    def own_figures(self, span: Span) -> dict[int, dict[int, Stamped]]:
        """Each unit's own figures for ``span``: its approved submission for the span, or for a
        half-year or a year it did not report on its own, its quarters combined over time."""
        key = f"own:{span.code}"
        if key in self._own:
            return self._own[key]
        table = {unit: dict(figures) for unit, figures in self._approved(span.code).items()}
        if span.kind != QUARTER:
            quarters = [(q, self._approved(q.code)) for q in span.quarters()]
            units = {unit for _q, rows in quarters for unit in rows} - set(table)
            for unit in units:
                derived: dict[int, Stamped] = {}
                for indicator in self.indicators:
                    series = {
                        q.number: (rows[unit][indicator.pk][0], q.end)
                        for q, rows in quarters
                        if indicator.pk in rows.get(unit, {})
                    }
                    weights = None
                    if indicator.weight_id is not None:
                        weights = {
                            q.number: (rows[unit][indicator.weight_id][0], q.end)
                            for q, rows in quarters
                            if indicator.weight_id in rows.get(unit, {})
                        }
                    combined = _combine(indicator, series, weights)
                    if combined is not None:
                        derived[indicator.pk] = (combined, max(s for _v, s in series.values()))
                table[unit] = derived
        self._own[key] = table
        return table

    # -- scopes

    def scope(self, unit: Unit) -> frozenset[int]:
        if unit.pk not in self._scopes:
            self._scopes[unit.pk] = frozenset(unit_scope_ids(unit=unit))
        return self._scopes[unit.pk]

    # -- rolled up

    def value(self, indicator: Indicator, span: Span, unit: Unit) -> Decimal | None:
        key = (indicator.pk, span.code, unit.pk)
        if key not in self._cache:
            self._cache[key] = self._value(indicator, span, unit)
        return self._cache[key]

    def records_kept(self, computed_code: str, unit: Unit, end: dt.date) -> bool:
        """Did the app providing ``computed_code`` hold any record of ``unit``'s scope by
        ``end``? If not, its figures are "no data" (None), not a real 0: the unit did not use
        that part of the platform yet (Trà Vinh's petitions in 2024)."""
        app = _app_of(computed_code)
        key = (app, unit.pk, end)
        if key not in self._in_use:
            counter = self._counters.get(app)
            self._in_use[key] = counter is not None and bool(
                counter.compute(set(self.scope(unit)), RECORDS_FROM, end)
            )
        return self._in_use[key]

    def _value(self, indicator: Indicator, span: Span, unit: Unit) -> Decimal | None:
        scope = self.scope(unit)
        if indicator.source == Source.COMPUTED:
            computed = self.computed.get(indicator.computed_code)
            if computed is None or not self.records_kept(indicator.computed_code, unit, span.end):
                return None
            return Decimal(computed.compute(set(scope), span.start, span.end))
        if indicator.source == Source.TOTAL:
            parts = [self.value(part, span, unit) for part in indicator.parts.all()]
            present = [p for p in parts if p is not None]
            return sum(present, Decimal(0)) if present else None
        own = self.own_figures(span)
        figures = {
            unit_id: own[unit_id][indicator.pk]
            for unit_id in scope
            if unit_id in own and indicator.pk in own[unit_id]
        }
        weights = None
        if indicator.weight_id is not None:
            weights = {
                unit_id: own[unit_id][indicator.weight_id]
                for unit_id in figures
                if indicator.weight_id in own[unit_id]
            }
        return _combine(indicator, figures, weights)

    def values(self, span: Span, unit: Unit, *, computed: bool = True) -> dict[int, Decimal | None]:
        """Every indicator's figure (without the computed ones when ``computed`` is false)."""
        return {
            ind.pk: self.value(ind, span, unit)
            for ind in self.indicators
            if computed or ind.source != Source.COMPUTED
        }


# ----------------------------------------------------------------------------- briefing


@dataclass
class Row:
    indicator: Indicator
    value: Decimal | None
    previous: Decimal | None
    last_year: Decimal | None
    target: Decimal | None

    @staticmethod
    def _diff(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else a - b

    @staticmethod
    def _ratio(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None or b == 0 else a / b

    @property
    def change(self) -> Decimal | None:
        return self._diff(self.value, self.previous)

    @property
    def change_ratio(self) -> Decimal | None:
        change = self.change
        return self._ratio(change, self.previous)

    @property
    def year_change(self) -> Decimal | None:
        return self._diff(self.value, self.last_year)

    @property
    def year_change_ratio(self) -> Decimal | None:
        return self._ratio(self.year_change, self.last_year)

    @property
    def target_share(self) -> Decimal | None:
        return self._ratio(self.value, self.target)


@dataclass
class ChildFigures:
    unit: Unit
    values: dict[int, Decimal | None]


@dataclass
class Briefing:
    unit: Unit
    span: Span
    previous: Span
    last_year: Span
    period: Period | None
    rows: list[Row]
    children: list[ChildFigures]
    children_are_predecessors: bool
    trend: list[Span]
    trend_values: dict[int, list[Decimal | None]]
    notes: list[str] = field(default_factory=list)
    status: list[UnitStatus] = field(default_factory=list)
    missing_computed: list[Indicator] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[Row]]]:
        grouped: dict[str, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.indicator.group_text or _("Chỉ tiêu khác"), []).append(row)
        return list(grouped.items())

    def row(self, code: str) -> Row:
        for row in self.rows:
            if row.indicator.code == code:
                return row
        raise KeyError(code)

    @property
    def late_units(self) -> list[UnitStatus]:
        return [s for s in self.status if s.late]


def _direct_predecessors(unit: Unit) -> list[Unit]:
    ids = UnitSuccession.objects.filter(successor=unit).values_list("predecessor_id", flat=True)
    return list(Unit.objects.filter(pk__in=list(ids)).order_by("name"))


def _exists_in(unit: Unit, span: Span) -> bool:
    return span.overlaps(unit.valid_from, unit.valid_to)


def reportable(*, unit: Unit, span: Span) -> bool:
    """Did ``unit`` — or a unit merged into it — exist during ``span``?"""
    if _exists_in(unit, span):
        return True
    predecessors = Unit.objects.filter(pk__in=unit_predecessor_ids(unit=unit))
    return any(_exists_in(p, span) for p in predecessors)


def check_reportable(*, unit: Unit, span: Span) -> None:
    """``ValidationFailed`` (translated) when neither ``unit`` nor its predecessors existed
    during ``span``; the message names what the unit became."""
    if reportable(unit=unit, span=span):
        return
    if unit.valid_to is not None and unit.valid_to < span.start:
        successors = unit_successors(unit=unit, on=span.end)
        names = ", ".join(s.name for s in successors) or "—"
        raise ValidationFailed(
            _("“%(unit)s” không còn tồn tại trong %(period)s (đã sáp nhập vào: %(names)s).")
            % {"unit": unit.name, "period": span.title, "names": names},
            code=ErrorCode.UNIT_NOT_IN_PERIOD,
            field="unit",
        )
    raise ValidationFailed(
        _("“%(unit)s” chưa được thành lập trong %(period)s.")
        % {"unit": unit.name, "period": span.title},
        code=ErrorCode.UNIT_NOT_IN_PERIOD,
        field="unit",
    )


def _has_figures(values: dict[int, Decimal | None]) -> bool:
    return any(v not in (None, Decimal(0)) for v in values.values())


def briefing(
    *,
    unit: Unit,
    code: str,
    today: dt.date,
    trend_length: int = 6,
    aggregator: Aggregator | None = None,
) -> Briefing:
    """The briefing of ``unit`` for the period ``code``: each indicator's figure, its change from
    the previous period and from the same period last year, the share of its target; the figures
    of each child unit (or, for a period before the unit existed, of each unit merged into it);
    the trend over the last ``trend_length`` periods; the state of the submissions.

    Raises ``ValidationFailed`` for a bad period code or a unit that did not exist then."""
    span = parse_period(code)
    check_reportable(unit=unit, span=span)
    agg = aggregator or Aggregator()
    previous, last_year = span.previous(), span.same_last_year()
    targets = targets_for(unit=unit, span=span)
    notes: list[str] = []

    def figure(ind: Indicator, other: Span) -> Decimal | None:
        return agg.value(ind, other, unit) if reportable(unit=unit, span=other) else None

    rows = [
        Row(
            indicator=ind,
            value=agg.value(ind, span, unit),
            previous=figure(ind, previous),
            last_year=figure(ind, last_year),
            target=targets.get(ind.code),
        )
        for ind in agg.indicators
    ]

    # Periods before the unit existed are the figures of the units merged into it.
    predecessors = _direct_predecessors(unit)
    for other in (span, previous, last_year):
        if not _exists_in(unit, other) and reportable(unit=unit, span=other):
            names = ", ".join(p.name for p in predecessors if _exists_in(p, other))
            notes.append(
                _("Số liệu %(period)s là của các đơn vị đã hợp nhất vào đơn vị này: %(names)s.")
                % {"period": other.title, "names": names or "—"}
            )
    split = _split_predecessors(agg.scope(unit), unit)
    if split and any(not _exists_in(unit, s) for s in (span, previous, last_year)):
        names = ", ".join(u.name for u in split[:5])
        if len(split) > 5:
            names += _(" và %(n)s đơn vị khác") % {"n": len(split) - 5}
        notes.append(
            _(
                "%(names)s được chia cho nhiều đơn vị mới; số liệu trước khi sắp xếp của các đơn vị "
                "này được tính toàn bộ cho mỗi đơn vị mới nhận, chỉ dùng để tham khảo."
            )
            % {"names": names}
        )

    # Figures by child unit.
    as_predecessors = not _exists_in(unit, span)
    candidates = (
        [p for p in predecessors if _exists_in(p, span)]
        if as_predecessors
        else list(unit_children(unit=unit, on=min(span.end, unit.valid_to or span.end)))
    )
    # Computed figures cost a query or more per child and indicator: for a large tree (a province
    # of 124 communes) the breakdown by unit keeps to the entered figures.
    per_child_computed = len(candidates) <= MAX_CHILDREN_COMPUTED
    children = []
    for child in candidates:
        values = agg.values(span, child, computed=per_child_computed)
        if _has_figures(values):
            children.append(ChildFigures(child, values))

    trend = span.recent(trend_length)
    trend_values: dict[int, list[Decimal | None]] = {ind.pk: [] for ind in agg.indicators}
    for other in trend:
        ok = reportable(unit=unit, span=other)
        for ind in agg.indicators:
            trend_values[ind.pk].append(agg.value(ind, other, unit) if ok else None)

    period = Period.objects.filter(code=span.code).first()
    status = (
        period_status(period=period, scope_ids=set(agg.scope(unit)), today=today)
        if period is not None
        else []
    )
    missing = [
        ind
        for ind in agg.indicators
        if ind.source == Source.COMPUTED and ind.computed_code not in agg.computed
    ]
    return Briefing(
        unit=unit,
        span=span,
        previous=previous,
        last_year=last_year,
        period=period,
        rows=rows,
        children=children,
        children_are_predecessors=as_predecessors,
        trend=trend,
        trend_values=trend_values,
        notes=notes,
        status=status,
        missing_computed=missing,
    )


def _split_predecessors(scope: frozenset[int], unit: Unit) -> list[Unit]:
    """Units in the scope that went to several successors, some of them outside the scope: their
    figures before the merger are counted in full for each successor (no way to divide them)."""
    links = UnitSuccession.objects.filter(predecessor_id__in=scope).values_list(
        "predecessor_id", "successor_id"
    )
    successors: dict[int, set[int]] = defaultdict(set)
    for predecessor, successor in links:
        successors[predecessor].add(successor)
    split_ids = [p for p, s in successors.items() if len(s) > 1 and not s <= scope]
    return list(Unit.objects.filter(pk__in=split_ids).order_by("name"))


# ----------------------------------------------------------------------- entry form


@dataclass
class EntryLine:
    indicator: Indicator
    value: Decimal | None
    previous: Decimal | None
    target: Decimal | None


def entry_lines(*, unit: Unit, period: Period) -> list[EntryLine]:
    """The lines of ``unit``'s entry form for ``period``: each entered indicator with the value
    saved, the unit's figure of the previous period (submitted or approved) and the target."""
    from ykien.reporting.services import entry_indicators

    submission = submission_get(unit=unit, period=period)
    current = submission_values(submission=submission)
    previous_span = period.span.previous()
    previous_sub = Submission.objects.filter(
        unit=unit,
        period__code=previous_span.code,
        status__in=[Status.SUBMITTED, Status.APPROVED],
    ).first()
    previous = submission_values(submission=previous_sub)
    targets = targets_for(unit=unit, span=period.span)
    return [
        EntryLine(
            indicator=ind,
            value=current.get(ind.code),
            previous=previous.get(ind.code),
            target=targets.get(ind.code),
        )
        for ind in entry_indicators(unit=unit)
    ]
