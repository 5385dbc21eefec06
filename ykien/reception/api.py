"""Public, read-only API of the reception schedule (open data, no personal data), at
/api/v1/reception/."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

from ykien.api.schemas import MAX_OFFSET, OFFSET_HELP, Code, errors, limit_help
from ykien.core.selectors import today, unit_get
from ykien.reception import exports, selectors

router = Router()

MAX_LIMIT = 500
MAX_SPAN = 366
DAY = r"^\d{4}-\d{2}-\d{2}$"
Start = Annotated[
    str | None, Query(None, pattern=DAY, description="Từ ngày, NNNN-TT-NN (mặc định: hôm nay)")
]
End = Annotated[
    str | None, Query(None, pattern=DAY, description="Đến ngày, NNNN-TT-NN (mặc định: 90 ngày sau)")
]
UnitCode = Annotated[Code | None, Query(None, description="Mã đơn vị của người tiếp")]


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HttpError(400, "invalid: " + _("Ngày không hợp lệ: %(d)s.") % {"d": value}) from None


class SessionOut(Schema):
    """A session of a head's reception calendar (``exports.session_json``)."""

    id: int
    day: str
    starts_at: str
    place: str
    head: str
    title: str
    office: str
    office_label: str
    unit: str
    unit_code: str
    status: str
    status_label: str
    deputy: str


class SessionsOut(Schema):
    count: int
    results: list[SessionOut]


@router.get(
    "/sessions",
    response={200: SessionsOut, **errors(400, 404)},
    summary="Lịch tiếp công dân của người đứng đầu",
)
def sessions(
    request: HttpRequest,
    start: Start = None,
    end: End = None,
    unit: UnitCode = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description=limit_help(MAX_LIMIT)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """The sessions of the public schedule between ``start`` and ``end`` (at most a year)."""
    first = _day(start) or today()
    last = _day(end) or first + dt.timedelta(days=90)
    if last < first or (last - first).days > MAX_SPAN:
        raise HttpError(
            400,
            "invalid: " + _("Khoảng thời gian phải từ 0 đến 366 ngày, ngày đầu trước ngày cuối."),
        )
    unit_ids = None
    if unit:
        found = unit_get(code=unit)
        if found is None:
            raise HttpError(404, "not_found: " + _("Không có đơn vị mã “%(c)s”.") % {"c": unit})
        unit_ids = {found.pk}
    qs = selectors.schedule_public(start=first, end=last, unit_ids=unit_ids)
    return {
        "count": qs.count(),
        "results": [exports.session_json(s) for s in qs[offset : offset + limit]],
    }
