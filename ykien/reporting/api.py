"""Read-only public API of the briefing, at /api/v1/reporting/: the indicators, the periods, and a
unit's aggregated figures for a period.

Figures are those of **approved** submissions only (``selectors.Aggregator`` reads nothing else),
rolled up the unit tree and across the 2025 mergers as on the dashboard; indicators the platform
computes from other apps' records are left out (they are not figures a unit sent and a leader
approved — the staff dashboard shows them). Figures are decimal strings (``"1068"``, ``"5.8"``),
``null`` where there is none. No personal data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from pydantic import StringConstraints

from ykien.api.schemas import Code, errors
from ykien.core.calendar import parse_period
from ykien.core.errors import DomainError, NotFound
from ykien.core.selectors import unit_get
from ykien.reporting import selectors
from ykien.reporting.exports import plain
from ykien.reporting.models import Indicator, Source

router = Router()

UnitCode = Annotated[Code, Query(description="Mã đơn vị, ví dụ MTTQ-84")]
PeriodCode = Annotated[
    str,
    StringConstraints(max_length=10),
    Query(description="Mã kỳ: 2024-Q1, 2024-H1 hoặc 2024"),
]


class IndicatorOut(Schema):
    code: str
    name: str
    group: str
    measure: str
    unit_label: str
    aggregation: str
    source: str


class PeriodOut(Schema):
    code: str
    kind: str
    title: str
    start: dt.date
    end: dt.date
    due: dt.date


class BriefingFigureOut(Schema):
    indicator_code: str
    indicator: str
    measure: str
    unit_label: str
    value: str | None
    previous: str | None
    last_year: str | None
    target: str | None


class BriefingFiguresOut(Schema):
    unit_code: str
    unit: str
    period: str
    period_title: str
    start: dt.date
    end: dt.date
    figures: list[BriefingFigureOut]


def _indicator(ind: Indicator) -> dict[str, Any]:
    return {
        "code": ind.code,
        "name": ind.name_text,
        "group": ind.group_text,
        "measure": ind.measure,
        "unit_label": ind.label,
        "aggregation": ind.aggregation,
        "source": ind.source,
    }


def _public_indicators() -> list[Indicator]:
    """The indicators whose figures units send and leaders approve: not the computed ones, nor
    a total of a computed one."""
    return [
        ind
        for ind in selectors.indicators_active()
        if ind.source != Source.COMPUTED
        and all(part.source != Source.COMPUTED for part in ind.parts.all())
    ]


@router.get("/indicators", response={200: list[IndicatorOut]}, summary="Các chỉ tiêu giao ban")
def indicators(request: HttpRequest) -> list[dict[str, Any]]:
    """The active indicators, in report order; names in the reader's language."""
    return [_indicator(ind) for ind in selectors.indicators_active()]


@router.get("/periods", response={200: list[PeriodOut]}, summary="Các kỳ báo cáo đã mở")
def periods(request: HttpRequest) -> list[dict[str, Any]]:
    """The periods opened, the latest first; ``due`` is set by the standing committee."""
    return [
        {
            "code": p.code,
            "kind": p.kind,
            "title": p.title,
            "start": p.start,
            "end": p.end,
            "due": p.due,
        }
        for p in selectors.periods_list()
    ]


@router.get(
    "/figures",
    response={200: BriefingFiguresOut, **errors(400, 404)},
    summary="Số liệu tổng hợp đã duyệt của một đơn vị trong một kỳ",
)
def figures(
    request: HttpRequest,
    unit: UnitCode,
    period: PeriodCode,
) -> dict[str, Any]:
    """A unit's figures for a period (its subtree and the units merged into it), with the
    previous period, the same period last year and the target. 400 ``invalid``: a period code
    that is not one; 400 ``unit_not_in_period``: neither the unit nor a unit merged into it
    existed then; 404 ``not_found``: no such unit."""
    the_unit = unit_get(code=unit)
    if the_unit is None:
        raise HttpError(404, "not_found: " + _("Không có đơn vị mã “%(c)s”.") % {"c": unit})
    try:
        span = parse_period(period)
        selectors.check_reportable(unit=the_unit, span=span)
    except NotFound as exc:
        raise HttpError(404, f"not_found: {exc.message}") from None
    except DomainError as exc:
        raise HttpError(400, f"{exc.code}: {exc.message}") from None
    public = _public_indicators()
    agg = selectors.Aggregator(public)
    targets = selectors.targets_for(unit=the_unit, span=span)

    def value(ind: Indicator, other: Any) -> str | None:
        if not selectors.reportable(unit=the_unit, span=other):
            return None
        return plain(agg.value(ind, other, the_unit))

    previous, last_year = span.previous(), span.same_last_year()
    return {
        "unit_code": the_unit.code,
        "unit": the_unit.name,
        "period": span.code,
        "period_title": span.title,
        "start": span.start,
        "end": span.end,
        "figures": [
            {
                "indicator_code": ind.code,
                "indicator": ind.name_text,
                "measure": ind.measure,
                "unit_label": ind.label,
                "value": plain(agg.value(ind, span, the_unit)),
                "previous": value(ind, previous),
                "last_year": value(ind, last_year),
                "target": plain(targets.get(ind.code)),
            }
            for ind in public
        ],
    }
