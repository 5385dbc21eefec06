"""API of the petitions app, at /api/v1/petitions/: the published reports as GeoJSON, the
data behind their public map; and the officers' work under ``/staff/`` (``api_staff``).

The published reports: only reports and requests whose sender agreed to publish them
(``selectors.published_petitions``); no personal data (no sender, contact, attachment or internal
note; e-mail addresses and phone numbers typed in the subject are redacted)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

from ykien.api.schemas import MAX_OFFSET, OFFSET_HELP, Code, PointOut, errors, limit_help, point
from ykien.core.redact import redact
from ykien.core.selectors import unit_get
from ykien.petitions import selectors
from ykien.petitions.api_staff import router as staff_router
from ykien.petitions.models import Petition

router = Router()
router.add_router("/staff/", staff_router)

#: The most features one answer holds (``limit``).
MAX_FEATURES = 1000
PublishedKind = Literal["report", "request"]
PublishedStatus = Literal["received", "accepted", "refused", "settled", "answered"]


class PublishedProperties(Schema):
    """What the map shows of a published report: labels in the reader's language."""

    subject: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    category: str
    unit: str
    unit_code: str
    received_on: str
    url: str


class PublishedFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: PointOut
    properties: PublishedProperties


class PublishedCollection(Schema):
    """A GeoJSON FeatureCollection (RFC 7946); ``count`` (a foreign member) is the number of
    published reports with a place that match, of which ``features`` holds one page."""

    type: Literal["FeatureCollection"]
    count: int
    features: list[PublishedFeature]


def feature(petition: Petition) -> dict[str, Any]:
    """A published report as a GeoJSON feature (its place must be known)."""
    return {
        "type": "Feature",
        "id": petition.pk,
        "geometry": point(petition.lat, petition.lng),
        "properties": {
            "subject": redact(petition.subject),
            "kind": petition.kind,
            "kind_label": str(petition.get_kind_display()),
            "status": petition.status,
            "status_label": str(petition.get_status_display()),
            "category": petition.category.name if petition.category else "",
            "unit": petition.unit.name,
            "unit_code": petition.unit.code,
            "received_on": petition.received_on.isoformat(),
            "url": reverse("petitions:published_detail", args=[petition.pk]),
        },
    }


@router.get(
    "/published.geojson",
    response={200: PublishedCollection, **errors(400, 404)},
    url_name="petitions_published_geojson",
    summary="Phản ánh, kiến nghị công khai trên bản đồ (GeoJSON)",
)
def published_geojson(
    request: HttpRequest,
    unit: Annotated[Code | None, Query(None, description="Mã đơn vị xử lý")] = None,
    kind: Annotated[
        PublishedKind | None, Query(None, description="Loại: phản ánh, kiến nghị")
    ] = None,
    status: Annotated[PublishedStatus | None, Query(None, description="Trạng thái")] = None,
    limit: int = Query(MAX_FEATURES, ge=1, le=MAX_FEATURES, description=limit_help(MAX_FEATURES)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """Published reports and requests that have a place, newest first, as a GeoJSON
    FeatureCollection: coordinates ``[longitude, latitude]``; ``unit`` (a unit code) keeps its
    subtree and the units merged into it."""
    where = None
    if unit:
        where = unit_get(code=unit)
        if where is None:
            raise HttpError(404, "not_found: " + _("Không có đơn vị mã “%(c)s”.") % {"c": unit})
    qs = selectors.published_petitions(
        unit=where, kind=kind or "", status=status or "", placed=True
    )
    return {
        "type": "FeatureCollection",
        "count": qs.count(),
        "features": [feature(p) for p in qs[offset : offset + limit]],
    }
