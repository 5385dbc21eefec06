"""Public API of the accountability board (open data, no personal data), at /api/v1/oversight/."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from pydantic import Field

from ykien.api.schemas import MAX_OFFSET, OFFSET_HELP, Code, PointOut, errors, limit_help, point
from ykien.core.calendar import quarter_or_year
from ykien.core.selectors import today, unit_get
from ykien.oversight import exports, selectors
from ykien.oversight.models import RecommendationStatus

router = Router()

#: The most recommendations one page returns (``limit``).
MAX_LIMIT = 500
#: A unit's code (``addressee``, ``issuer``).
Addressee = Annotated[Code | None, Query(None, description="Mã đơn vị nhận kiến nghị")]
Issuer = Annotated[Code | None, Query(None, description="Mã đơn vị kiến nghị")]


class HistoryOut(Schema):
    on: str
    from_: str = Field(alias="from")
    to: str
    note: str


class RecommendationOut(Schema):
    """A public recommendation (``exports.recommendation_row``); dates ``YYYY-MM-DD`` or ``""``."""

    code: str
    issuer: str
    issuer_code: str
    addressee: str
    addressee_code: str
    addressee_position: str
    activity: str
    activity_form: str
    finding: str
    text: str
    issued_on: str
    answer_due: str
    status: str
    status_label: str
    overdue: bool
    first_answered_on: str
    answered_on_time: bool
    latest_answer: str
    latest_answer_text: str
    planned_date: str
    escalated_to: str
    escalated_on: str
    previous: str
    history: list[HistoryOut]


class RecommendationsOut(Schema):
    count: int
    results: list[RecommendationOut]


class FigureOut(Schema):
    addressee: str
    addressee_code: str
    received: int
    answered: int
    answered_on_time: int
    done: int
    in_progress: int
    overdue: int


class FiguresOut(Schema):
    start: dt.date | None
    end: dt.date | None
    addressees: list[FigureOut]


def _year() -> Any:
    return Query(None, ge=1, le=9999, description="Năm (lọc theo ngày kiến nghị)")


def _quarter() -> Any:
    return Query(None, ge=1, le=4, description="Quý 1–4 của năm (cần year)")


def _period(year: int | None, quarter: int | None) -> tuple[dt.date | None, dt.date | None]:
    if not year:
        return None, None
    span = quarter_or_year(year, quarter)
    return span.start, span.end


def _unit(code: str | None) -> Any:
    if not code:
        return None
    unit = unit_get(code=code)
    if unit is None:
        raise HttpError(404, "not_found: " + _("Không có đơn vị mã “%(c)s”.") % {"c": code})
    return unit


@router.get(
    "/recommendations",
    response={200: RecommendationsOut, **errors(400, 404)},
    by_alias=True,
    summary="Kiến nghị công khai",
)
def recommendations(
    request: HttpRequest,
    addressee: Addressee = None,
    issuer: Issuer = None,
    status: RecommendationStatus | None = None,
    year: int | None = _year(),
    quarter: int | None = _quarter(),
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description=limit_help(MAX_LIMIT)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """Public recommendations with answers and history; ``addressee``/``issuer`` are unit codes."""
    start, end = _period(year, quarter)
    qs = selectors.recommendations_public(
        addressee=_unit(addressee), issuer=_unit(issuer), status=status or "", start=start, end=end
    ).select_related("escalated_to", "previous")
    day = today()
    return {
        "count": qs.count(),
        "results": exports.recommendations_json(qs[offset : offset + limit], today=day),
    }


@router.get(
    "/figures",
    response={200: FiguresOut, **errors(400, 404)},
    summary="Số liệu trách nhiệm giải trình theo cơ quan",
)
def figures(
    request: HttpRequest,
    year: int | None = _year(),
    quarter: int | None = _quarter(),
    addressee: Addressee = None,
    issuer: Issuer = None,
) -> dict[str, Any]:
    start, end = _period(year, quarter)
    acc = selectors.accountability(
        today=today(), start=start, end=end, addressee=_unit(addressee), issuer=_unit(issuer)
    )
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "addressees": exports.figures_rows(acc),
    }


# ----------------------------------------------------------------------------- map


class UnitProperties(Schema):
    """One unit on the supervision map; ``issuer_url`` and ``addressee_url`` lead to the board
    filtered by the unit ("" when it issued or received none)."""

    name: str
    code: str
    level: str
    level_label: str
    activities: int
    recommendations_issued: int
    recommendations_received: int
    overdue: int
    issuer_url: str
    addressee_url: str


class UnitFeature(Schema):
    """A unit; ``geometry`` is null for a unit without a place (RFC 7946, 3.2)."""

    type: Literal["Feature"]
    id: int
    geometry: PointOut | None
    properties: UnitProperties


class UnitCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[UnitFeature]


def unit_feature(row: selectors.UnitOnMap) -> dict[str, Any]:
    board = reverse("oversight:board")
    unit = row.unit
    return {
        "type": "Feature",
        "id": unit.pk,
        "geometry": point(unit.lat, unit.lng),
        "properties": {
            "name": unit.name,
            "code": unit.code,
            "level": unit.level,
            "level_label": str(unit.get_level_display()),
            "activities": row.activities,
            "recommendations_issued": row.issued,
            "recommendations_received": row.received,
            "overdue": row.overdue,
            "issuer_url": f"{board}?{urlencode({'issuer': unit.pk})}" if row.issued else "",
            "addressee_url": f"{board}?{urlencode({'addressee': unit.pk})}" if row.received else "",
        },
    }


@router.get(
    "/map.geojson",
    response={200: UnitCollection, **errors(400, 404)},
    url_name="oversight_map_geojson",
    summary="Giám sát và kiến nghị theo đơn vị trên bản đồ (GeoJSON)",
)
def map_geojson(
    request: HttpRequest,
    unit: Annotated[Code | None, Query(None, description="Mã đơn vị (gồm cấp dưới)")] = None,
    year: int | None = Query(None, ge=1, le=9999, description="Năm (ngày báo cáo, ngày kiến nghị)"),
) -> dict[str, Any]:
    """Units with supervision activities whose results are reported, or with public
    recommendations issued or received, as a GeoJSON FeatureCollection: coordinates
    ``[longitude, latitude]``; a unit without a place has a null geometry."""
    start, end = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (None, None)
    rows = selectors.units_on_map(today=today(), within=_unit(unit), start=start, end=end)
    return {"type": "FeatureCollection", "features": [unit_feature(r) for r in rows]}
