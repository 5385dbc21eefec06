"""Open311 GeoReport v2 at ``/open311/v2/`` (JSON and XML): discovery, services, service
definitions, GET and POST requests, errors in the spec's format.

What is public: reports and requests only (never complaints, denunciations or information from an
anonymous denunciation); their description, place and answer only when the sender agreed to
publish. ``GET requests/{id}`` also accepts a tracking code (rate limited), which shows the state
of any kind of petition — without its text. The sender's name, phone and e-mail are encrypted
like every other sender's and never returned.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from ykien.core import apikeys, ratelimit
from ykien.core.errors import DomainError, NotFound
from ykien.core.pickers import record_id
from ykien.core.pii import SenderIdentity, confidential
from ykien.core.selectors import unit_get
from ykien.core.text import strip_forbidden
from ykien.petitions import selectors, services
from ykien.petitions.models import Channel, Kind, Petition, ServiceCategory, Status
from ykien.petitions.validation import check_text

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
JURISDICTION = getattr(settings, "OPEN311_JURISDICTION", "ykien.vn")
KIND_CODES = {
    "phan-anh": Kind.REPORT,
    "kien-nghi": Kind.REQUEST,
    "khieu-nai": Kind.COMPLAINT,
    "to-cao": Kind.DENUNCIATION,
}
CODE_OF_KIND = {v: k for k, v in KIND_CODES.items()}
KIND_DESCRIPTIONS = {
    Kind.REPORT: "Phản ánh một việc, một vấn đề cho cơ quan có trách nhiệm xem xét.",
    Kind.REQUEST: "Kiến nghị sửa đổi chính sách, cách làm.",
    Kind.COMPLAINT: "Khiếu nại quyết định, hành vi hành chính (không công khai; phải có họ tên và địa chỉ).",
    Kind.DENUNCIATION: (
        "Tố cáo hành vi vi phạm pháp luật (không công khai; danh tính người tố cáo được mã hóa). "
        "Tố cáo nặc danh được tiếp nhận như thông tin (Luật Tố cáo 2018, Điều 25)."
    ),
}
MAX_SPAN = dt.timedelta(days=90)
MAX_RESULTS = 1000
POST_LIMIT = (120, 3600)  # per API key
LOOKUP_LIMIT = (20, 3600)
PLURALS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering -------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _writable(value: Any) -> Any:
    """``value`` with every text stripped of the characters XML 1.0 does not allow and UTF-8
    cannot encode (``core.text.FORBIDDEN_RE``): input refuses them, but a row stored before must
    not break the whole feed."""
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, dict):
        return {key: _writable(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_writable(child) for child in value]
    return value


def _element(tag: str, value: Any) -> ET.Element:
    node = ET.Element(tag)
    if isinstance(value, dict):
        for key, child in value.items():
            node.append(_element(key, child))
    elif isinstance(value, list):
        child_tag = PLURALS.get(tag, "item")
        for child in value:
            node.append(_element(child_tag, child))
    else:
        node.text = _text(value)
    return node


def render(fmt: str, root: str, payload: Any, status: int = 200) -> HttpResponse:
    """``payload`` as JSON, or as XML under ``root`` (lists become repeated singular tags)."""
    payload = _writable(payload)
    if fmt == "xml":
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
            _element(root, payload), encoding="utf-8", xml_declaration=False
        )
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, "errors", [{"code": status, "description": description}], status=status)


def _w3(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(17, 0), tzinfo=timezone.get_current_timezone())
    return timezone.localtime(value).isoformat(timespec="seconds")


def _check_jurisdiction(request: HttpRequest) -> None:
    value = (
        request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
    ).strip()
    if value and value != JURISDICTION:
        raise Open311Error(404, f"jurisdiction_id '{value[:40]}' was not found")


def _fmt_of(request: HttpRequest) -> str:
    return "xml" if request.path.endswith(".xml") else "json"


def endpoint(view: Any) -> Any:
    """Turn ``Open311Error`` into the spec's error body, and GET/POST checks."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs.get("fmt", "json")
        try:
            _check_jurisdiction(request)
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- services --------------------------------------------------------------------------------


def _service_list() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {
            "service_code": code,
            "service_name": str(kind.label),
            "description": KIND_DESCRIPTIONS[kind],
            "metadata": True,
            "type": "realtime",
            "keywords": str(kind.label).lower(),
            "group": "loại đơn",
        }
        for code, kind in KIND_CODES.items()
    ]
    for category in selectors.active_categories():
        items.append(
            {
                "service_code": category.code,
                "service_name": category.name,
                "description": category.description,
                "metadata": True,
                "type": "realtime",
                "keywords": category.keywords,
                "group": category.group or "lĩnh vực",
            }
        )
    return items


def _lookup_service(code: str) -> tuple[str, ServiceCategory | None]:
    if code in KIND_CODES:
        return KIND_CODES[code], None
    category = selectors.active_categories().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"service_code '{code[:40]}' was not found")
    return Kind.REPORT, category


def _attributes(kind: str) -> list[dict[str, Any]]:
    attrs: list[dict[str, Any]] = [
        {
            "variable": True,
            "code": "subject",
            "datatype": "string",
            "required": False,
            "datatype_description": "Tiêu đề ngắn; để trống thì lấy từ đầu phần mô tả.",
            "order": 1,
            "description": "Tiêu đề",
        },
        {
            "variable": True,
            "code": "unit_code",
            "datatype": "string",
            "required": False,
            "datatype_description": "Mã đơn vị, ví dụ MTTQ-86; đơn vị đã sáp nhập được thay bằng đơn vị kế thừa.",
            "order": 2,
            "description": "Đơn vị nhận đơn",
        },
    ]
    if kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        attrs += [
            {
                "variable": True,
                "code": "sender_address",
                "datatype": "string",
                "required": kind == Kind.COMPLAINT,
                "datatype_description": "Địa chỉ của người gửi (Luật Khiếu nại 2011, Điều 8; Luật Tố cáo 2018, Điều 23).",
                "order": 3,
                "description": "Địa chỉ người gửi",
            },
            {
                "variable": True,
                "code": "id_number",
                "datatype": "string",
                "required": False,
                "datatype_description": "Số định danh cá nhân (CCCD) 12 chữ số.",
                "order": 4,
                "description": "Số định danh cá nhân",
            },
        ]
    return attrs


@endpoint
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = settings.SITE_URL.rstrip("/") + "/open311/v2"
    changeset = "2026-11-01T00:00:00+07:00"
    payload = {
        "changeset": changeset,
        "contact": _("Liên hệ Ủy ban MTTQ Việt Nam tỉnh qua trang Phản ánh, kiến nghị."),
        "key_service": _("Quản trị viên cấp khóa API bằng lệnh: ykien apikey create TÊN"),
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": base,
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", payload)


@endpoint
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return render(fmt, "services", _service_list())


@endpoint
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    kind, _category = _lookup_service(code)
    return render(
        fmt, "service_definition", {"service_code": code, "attributes": _attributes(kind)}
    )


# --- requests --------------------------------------------------------------------------------


def _public_status(p: Petition) -> str:
    return "open" if p.is_open else "closed"


def _requested(p: Petition) -> dt.datetime:
    """When the petition was made: the moment it was entered, or for one recorded later (a
    reception session, a letter) the morning of the day it was received."""
    if timezone.localdate(p.created_at) == p.received_on:
        return p.created_at
    return dt.datetime.combine(p.received_on, dt.time(8, 0), tzinfo=timezone.get_current_timezone())


def _request_dict(p: Petition, *, full: bool) -> dict[str, Any]:
    """A petition as an Open311 request. ``full=False`` (a complaint or denunciation followed
    by its tracking code): state and dates only."""
    show = full and p.publish
    notes = str(p.get_status_display())
    if p.status == Status.ANSWERED and show:
        notes = p.answer
    elif p.status == Status.MERGED:
        notes = _("Trùng với đơn khác của cùng người gửi, đã gộp.")
    return {
        "service_request_id": str(p.pk) if full else p.display_code,
        "status": _public_status(p),
        "status_notes": notes,
        "service_name": p.category.name if p.category else str(p.get_kind_display()),
        "service_code": p.category.code if p.category else CODE_OF_KIND[Kind(p.kind)],
        "description": p.content if show else None,
        "agency_responsible": p.unit.name,
        "service_notice": p.due_basis_text or None,
        "requested_datetime": _w3(_requested(p)),
        "updated_datetime": _w3(p.updated_at),
        "expected_datetime": _w3(p.due_date),
        "address": p.place_address if show and p.place_address else None,
        "address_id": None,
        "zipcode": None,
        "lat": float(p.lat) if show and p.lat is not None else None,
        "long": float(p.lng) if show and p.lng is not None else None,
        "media_url": None,
    }


LATITUDE, LONGITUDE = "lat", "long"
_BOUNDS = {LATITUDE: Decimal(90), LONGITUDE: Decimal(180)}


def _coordinate(raw: str, name: str) -> Decimal:
    """``lat`` or ``long`` as a Decimal of six places (about 0.1 m), within ±90 or ±180.
    Raises ``Open311Error`` 400, with a translated description, for anything else: text, NaN,
    infinities, ``1e999``, a point off the globe."""
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    bound = _BOUNDS[name]
    if value is None or not value.is_finite() or not -bound <= value <= bound:
        message = (
            _("Vĩ độ (lat) phải là một số từ -90 đến 90, ví dụ 10.2537; đã nhận “%(value)s”.")
            if name == LATITUDE
            else _(
                "Kinh độ (long) phải là một số từ -180 đến 180, ví dụ 105.9722; đã nhận "
                "“%(value)s”."
            )
        )
        raise Open311Error(400, message % {"value": raw[:40]})
    return value.quantize(Decimal("0.000001"))


def _parse_when(name: str, raw: str) -> dt.datetime:
    value = parse_datetime(raw.strip())
    if value is None:
        raise Open311Error(400, f"{name} must use the w3 format, e.g. 2026-01-01T00:00:00Z")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _get_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = selectors.public_petitions()
    ids = (request.GET.get("service_request_id") or "").strip()
    if ids:
        wanted = [i.strip() for i in ids.split(",") if i.strip()]
        numbers = [n for n in (record_id(i) for i in wanted) if n is not None]
        if len(numbers) != len(wanted):
            raise Open311Error(400, "service_request_id must be a comma-separated list of numbers")
        qs = qs.filter(pk__in=numbers[:MAX_RESULTS])
    else:
        codes = [c.strip() for c in (request.GET.get("service_code") or "").split(",") if c.strip()]
        if codes:
            kinds = [KIND_CODES[c] for c in codes if c in KIND_CODES]
            cats = [c for c in codes if c not in KIND_CODES]
            from django.db.models import Q

            qs = qs.filter(Q(kind__in=kinds, category__isnull=True) | Q(category__code__in=cats))
        now = timezone.now()
        raw_start, raw_end = request.GET.get("start_date"), request.GET.get("end_date")
        end = _parse_when("end_date", raw_end) if raw_end else now
        start = _parse_when("start_date", raw_start) if raw_start else end - MAX_SPAN
        if raw_start and not raw_end:
            end = start + MAX_SPAN
        if end < start:
            raise Open311Error(400, "end_date is before start_date")
        if end - start > MAX_SPAN:
            raise Open311Error(400, "the date range may not span more than 90 days")
        qs = qs.filter(
            received_on__gte=timezone.localtime(start).date(),
            received_on__lte=timezone.localtime(end).date(),
        )
        statuses = {s.strip() for s in (request.GET.get("status") or "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open or closed")
        if statuses == {"open"}:
            qs = qs.filter(status__in=Status.open_values())
        elif statuses == {"closed"}:
            qs = qs.exclude(status__in=Status.open_values())
    items = [_request_dict(p, full=True) for p in qs.order_by("-received_on", "-pk")[:MAX_RESULTS]]
    return render(fmt, "service_requests", items)


@sensitive_variables()
def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    client = apikeys.application_key(raw=request.POST.get("api_key", ""))
    if client is None or client.unit is None:  # an application key always has its unit
        raise Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
    if not ratelimit.hit("open311.post", str(client.pk), limit=POST_LIMIT[0], window=POST_LIMIT[1]):
        raise Open311Error(429, "Too many requests for this api_key; try again later.")
    post = request.POST
    code = (post.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided")
    kind, category = _lookup_service(code)
    lat_raw, lng_raw = (post.get("lat") or "").strip(), (post.get("long") or "").strip()
    address = (post.get("address_string") or "").strip()
    address_id = (post.get("address_id") or "").strip()
    if not ((lat_raw and lng_raw) or address or address_id):
        raise Open311Error(
            400, "a location (lat & long, address_string or address_id) was not provided"
        )
    lat = lng = None
    if lat_raw and lng_raw:
        lat = _coordinate(lat_raw, LATITUDE)
        lng = _coordinate(lng_raw, LONGITUDE)
    description = (post.get("description") or "").strip()
    if not description:
        raise Open311Error(400, "description was not provided")
    if len(description) > 4000:
        raise Open311Error(400, "description is limited to 4,000 characters")
    try:
        check_text(description, field="description", label="description", max_length=4000)
    except DomainError as exc:
        raise Open311Error(400, str(exc.message)) from exc
    attrs: dict[str, str] = {
        k[len("attribute[") : -1]: str(v)
        for k, v in post.items()
        if k.startswith("attribute[") and k.endswith("]")
    }
    unit = client.unit
    if category is not None and category.default_unit is not None:
        unit = category.default_unit
    if attrs.get("unit_code"):
        found = unit_get(code=attrs["unit_code"].strip())
        if found is None:
            raise Open311Error(
                400, f"attribute[unit_code] '{attrs['unit_code'][:40]}' is not a unit"
            )
        unit = found
    name = " ".join(
        p
        for p in [(post.get("last_name") or "").strip(), (post.get("first_name") or "").strip()]
        if p
    )
    identity = SenderIdentity(
        name=name,
        id_number=attrs.get("id_number", ""),
        phone=post.get("phone", ""),
        email=post.get("email", ""),
        address=attrs.get("sender_address", ""),
    )
    subject = (attrs.get("subject") or "").strip() or description.splitlines()[0][:80]
    try:
        petition = services.petition_submit(
            actor=request.user,
            kind=kind,
            subject=subject,
            content=description,
            unit=unit,
            identity=identity,
            anonymous=not name,
            channel=Channel.OPEN311,
            category=category,
            place_address=address or address_id,
            lat=lat,
            lng=lng,
            publish=kind in (Kind.REPORT, Kind.REQUEST),
            api_client=client,
            ip=ratelimit.client_ip(request),
        )
    except DomainError as exc:
        field = f" ({exc.field})" if exc.field else ""
        raise Open311Error(400, f"{exc.message}{field}") from exc
    lookup = settings.SITE_URL.rstrip("/") + reverse("petitions:lookup")
    notice = _("Mã tra cứu: %(code)s (tra cứu tại %(url)s). %(basis)s") % {
        "code": petition.display_code,
        "url": lookup,
        "basis": petition.due_basis_text,
    }
    return render(
        fmt,
        "service_requests",
        [{"service_request_id": str(petition.pk), "service_notice": notice, "account_id": None}],
        status=201,
    )


@csrf_exempt
@confidential
@sensitive_post_parameters(
    "api_key",
    "first_name",
    "last_name",
    "phone",
    "email",
    "attribute[id_number]",
    "attribute[sender_address]",
)
@endpoint
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, "only GET and POST are supported")
    return _get_requests(request, fmt)


@endpoint
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if request_id.isascii() and request_id.isdigit():
        number = record_id(request_id)
        petition = (
            selectors.public_petitions().filter(pk=number).first() if number is not None else None
        )
        if petition is None:
            raise Open311Error(404, f"service_request_id '{request_id}' was not found")
        return render(fmt, "service_requests", [_request_dict(petition, full=True)])
    if not ratelimit.allow(
        request, "petitions.lookup", limit=LOOKUP_LIMIT[0], window=LOOKUP_LIMIT[1]
    ):
        raise Open311Error(429, "Too many look-ups; try again later.")
    try:
        petition = selectors.petition_by_code(code=request_id)
    except NotFound as exc:
        raise Open311Error(404, f"service_request_id '{request_id[:20]}' was not found") from exc
    public = selectors.public_petitions().filter(pk=petition.pk).exists()
    return render(fmt, "service_requests", [_request_dict(petition, full=public)])


def not_found(request: HttpRequest) -> HttpResponse:
    return error(_fmt_of(request), 404, "no such resource; see /open311/v2/discovery.json")
