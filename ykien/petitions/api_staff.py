"""The officers' petitions API, at /api/v1/petitions/staff/: the petitions an officer may see
(the filters and sort of the staff list, paginated), one petition, its steps, the steps their
roles allow now (``PETITION.actions``) and taking one of them, through the same services as the
staff pages (``core.lifecycle.transition``: permission, edge, history, audit, event).

Credentials: a personal API key (``Authorization: Bearer yk_…``, made at /tai-khoan/khoa-api/) or
a signed-in browser session (with the ``X-CSRFToken`` header on a POST). Only officers, handlers
and leaders (``petitions.view_petition``) get in (403 otherwise). A petition outside the officer's
scope is a 404, as one that does not exist. No sender data ever: identities are revealed on the
staff page only, with a reason, logged; a denunciation's subject and text only to those who may
handle it, as on the staff page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import Field, StringConstraints

from ykien.api.schemas import (
    MAX_OFFSET,
    MAX_QUERY,
    OFFSET_HELP,
    Body,
    Code,
    Id,
    Text,
    errors,
    limit_help,
)
from ykien.core import apikeys
from ykien.core.errors import DomainError, InvalidTransition, NotFound, PermissionDenied
from ykien.core.lists import search_terms
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.pickers import record_id
from ykien.core.selectors import today, unit_get
from ykien.petitions import lifecycle, selectors, services
from ykien.petitions.lifecycle import PETITION
from ykien.petitions.models import Kind, Petition, PetitionEvent, ServiceCategory, Status

router = Router()

#: The most petitions one page returns (``limit``).
MAX_LIMIT = 200
#: The longest note, reason, conclusion or answer (the staff forms' limit of a content).
MAX_TEXT = 10_000
VIEW = "petitions.view_petition"
SORTS = {
    "number": ("id",),
    "received": ("received_on",),
    "due": ("due_date",),
    "status": ("status",),
    "kind": ("kind",),
    "unit": ("unit__name",),
}
Sort = Literal[
    "number", "-number", "received", "-received", "due", "-due", "status", "-status",
    "kind", "-kind", "unit", "-unit",
]  # fmt: skip
ActionName = Literal[
    "classify", "assign", "accept", "refuse", "transfer", "merge", "extend", "settle", "answer"
]
#: What each action reads from the body, besides ``action`` (``*``: required).
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    "classify": ("kind*", "category", "is_second_complaint", "is_remote"),
    "assign": ("handler*",),
    "accept": (),
    "refuse": ("ground*", "note"),
    "transfer": ("unit*", "note*"),
    "merge": ("into*", "note"),
    "extend": ("reason*",),
    "settle": ("conclusion*",),
    "answer": ("answer*",),
}
KindName = Literal["report", "request", "complaint", "denunciation"]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


# ---------------------------------------------------------------------------- security


class StaffToken(HttpBearer):
    """``Authorization: Bearer <personal API key>``: acts as the key's owner."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        owner = apikeys.personal_key_owner(raw=token)
        if owner is None:
            return None
        return User.objects.filter(pk=owner[0], is_active=True).first()


class StaffSession(APIKeyCookie):
    """A signed-in browser session; a POST needs its CSRF token (403 otherwise)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie this credential is not in use: 401 like a missing token.
        if not request.COOKIES.get(self.param_name):
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if key and user is not None and user.is_authenticated else None


AUTH = [StaffToken(), StaffSession()]


def _officer(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    if not allows(user, VIEW):
        raise HttpError(
            403, "forbidden: " + _("Chỉ cán bộ tiếp nhận, xử lý đơn thư được dùng API này.")
        )
    return user


def _petition(user: User, petition_id: int) -> Petition:
    petition = (
        Petition.objects.select_related("unit", "handler", "category", "merged_into")
        .filter(pk=petition_id)
        .first()
    )
    if petition is None or not allows(user, VIEW, petition):
        raise HttpError(404, "not_found: " + _("Không tìm thấy đơn này trong phạm vi của bạn."))
    return petition


#: The status of a service's refusal, by its kind (any other ``DomainError``: 400).
FAIL_STATUS = ((NotFound, 404), (PermissionDenied, 403), (InvalidTransition, 409))


def _fail(exc: DomainError) -> HttpError:
    status = next((code for kind, code in FAIL_STATUS if isinstance(exc, kind)), 400)
    return HttpError(status, f"{exc.code}: {exc.message}")


# ----------------------------------------------------------------------------- schemas


class UnitOut(Schema):
    code: str
    name: str


class PersonOut(Schema):
    id: int
    name: str


class PetitionOut(Schema):
    """A petition as the staff list shows it: never its sender; ``subject`` is null for a
    denunciation (see one petition for who may read it)."""

    id: int
    kind: str
    kind_label: str
    submitted_kind: str
    as_information: bool
    status: str
    status_label: str
    subject: str | None
    category: str
    unit: UnitOut
    channel: str
    channel_label: str
    received_on: dt.date
    due_date: dt.date | None
    due_basis: str
    overdue: bool
    #: At a body outside the Front (a People's Committee …): that body settles it.
    outside_front: bool
    handler: PersonOut | None
    url: str


class PetitionsOut(Schema):
    count: int
    results: list[PetitionOut]


class ActionOut(Schema):
    """A step the officer may take now: ``fields`` it reads from the body (``*``: required)."""

    action: str
    label: str
    fields: list[str]


class PetitionDetailOut(PetitionOut):
    """One petition; ``content`` (and a denunciation's ``subject``) null for those who may not
    handle a denunciation."""

    content: str | None
    place_address: str
    is_second_complaint: bool
    is_remote: bool
    accepted_on: dt.date | None
    settled_on: dt.date | None
    answered_on: dt.date | None
    accept_due: dt.date | None
    settle_due: dt.date | None
    notify_due: dt.date | None
    extensions: int
    refusal_ground: str
    refusal_ground_label: str
    conclusion: str
    answer: str
    rating: int | None
    merged_into: int | None
    attachments: int
    actions: list[ActionOut]


class StepOut(Schema):
    """A step of the petition's history: ``text`` is what the sender sees ("" for an internal
    step), ``note`` the officers' internal note."""

    on: dt.date
    at: dt.datetime
    action: str
    action_label: str
    status: str
    status_label: str
    unit: str
    actor: str
    public: bool
    text: str
    note: str
    due: dt.date | None
    basis: str


class TransitionIn(Body):
    """A step to take: ``action`` and the fields it reads (``GET …/actions`` lists them)."""

    action: ActionName
    kind: KindName | None = None
    category: Id | None = None
    is_second_complaint: bool = False
    is_remote: bool = False
    handler: Id | None = None
    ground: Annotated[str, StringConstraints(max_length=40)] = ""
    unit: Code | None = Field(None, description="Mã đơn vị nhận đơn chuyển")
    into: Id | None = Field(None, description="Số đơn được gộp vào")
    note: LongText = ""
    reason: LongText = ""
    conclusion: LongText = ""
    answer: LongText = ""


# ----------------------------------------------------------------------------- rows


def _protected(petition: Petition) -> bool:
    return Kind.DENUNCIATION in (petition.kind, petition.submitted_kind)


def _row(petition: Petition, *, day: dt.date, subject: bool) -> dict[str, Any]:
    handler = petition.handler
    return {
        "id": petition.pk,
        "kind": petition.kind,
        "kind_label": str(petition.get_kind_display()),
        "submitted_kind": petition.submitted_kind,
        "as_information": petition.as_information,
        "status": petition.status,
        "status_label": str(petition.get_status_display()),
        "subject": petition.subject if subject else None,
        "category": petition.category.name if petition.category else "",
        "unit": {"code": petition.unit.code, "name": petition.unit.name},
        "channel": petition.channel,
        "channel_label": str(petition.get_channel_display()),
        "received_on": petition.received_on,
        "due_date": petition.due_date,
        "due_basis": petition.due_basis_text,
        "overdue": petition.is_overdue(day),
        "outside_front": petition.unit.kind not in selectors.FRONT_SYSTEM_KINDS,
        "handler": {"id": handler.pk, "name": handler.full_name or handler.username}
        if handler
        else None,
        "url": reverse("petitions:staff_detail", args=[petition.pk]),
    }


def _button(action: str) -> str:
    """The action's label as on its button (imperative: "Thụ lý" is "Accept")."""
    from ykien.petitions.views import BUTTONS

    return str(BUTTONS[action])


def _actions(user: User, petition: Petition) -> list[dict[str, Any]]:
    return [
        {
            "action": e.action,
            "label": _button(e.action),
            "fields": list(ACTION_FIELDS[e.action]),
        }
        for e in PETITION.actions(user, petition)
        if e.action in ACTION_FIELDS
    ]


def _detail(user: User, petition: Petition) -> dict[str, Any]:
    can_handle = allows(user, "petitions.handle_petition", petition)
    shown = can_handle or not _protected(petition)
    ground = lifecycle.GROUNDS_BY_CODE.get(petition.refusal_ground)
    return {
        **_row(petition, day=today(), subject=shown),
        "content": petition.content if shown else None,
        "place_address": petition.place_address,
        "is_second_complaint": petition.is_second_complaint,
        "is_remote": petition.is_remote,
        "accepted_on": petition.accepted_on,
        "settled_on": petition.settled_on,
        "answered_on": petition.answered_on,
        "accept_due": petition.accept_due,
        "settle_due": petition.settle_due,
        "notify_due": petition.notify_due,
        "extensions": petition.extensions,
        "refusal_ground": petition.refusal_ground,
        "refusal_ground_label": str(ground.label) if ground else "",
        "conclusion": petition.conclusion,
        "answer": petition.answer,
        "rating": petition.rating,
        "merged_into": petition.merged_into_id,
        "attachments": petition.attachments.count(),
        "actions": _actions(user, petition),
    }


# ----------------------------------------------------------------------------- reading


@router.get(
    "/petitions",
    auth=AUTH,
    response={200: PetitionsOut, **errors(400, 401, 403, 404)},
    summary="Đơn thư trong phạm vi của cán bộ",
)
def petition_list(
    request: HttpRequest,
    q: Annotated[
        Text,
        Query(
            "", max_length=MAX_QUERY, description="Tìm trong tiêu đề, nội dung; #123: đơn số 123"
        ),
    ] = "",
    kind: Kind | None = None,
    status: Status | None = None,
    unit: Annotated[Code | None, Query(None, description="Mã đơn vị (cả cấp dưới)")] = None,
    handler: Annotated[Id | None, Query(None, description="Mã số cán bộ xử lý")] = None,
    mine: bool = False,
    due: Annotated[
        Literal["overdue", "soon"] | None, Query(None, description="Quá hạn, sắp đến hạn")
    ] = None,
    transferred: Annotated[
        bool,
        Query(
            False, description="Chỉ đơn đã chuyển đến cơ quan ngoài Mặt trận (đang chờ cơ quan đó)"
        ),
    ] = False,
    sort: Sort = "-received",
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=limit_help(MAX_LIMIT)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """The staff list: petitions of the officer's units, without those transferred to a body
    outside the Front (``transferred=true``: only those). ``q``: every word must begin a word
    of the subject or text, diacritics ignored."""
    user = _officer(request)
    where = None
    if unit:
        where = unit_get(code=unit)
        if where is None:
            raise HttpError(404, "not_found: " + _("Không có đơn vị mã “%(c)s”.") % {"c": unit})
    day = today()
    person = None
    if handler is not None:  # as the staff list: a handler of the officer's units
        person = selectors.handlers_in_scope(user=user, on=day).filter(pk=handler).first()
        if person is None:
            raise HttpError(
                404,
                "not_found: "
                + _("Không có cán bộ xử lý số %(n)s trong phạm vi của bạn.") % {"n": handler},
            )
    text = q.strip()
    number = record_id(text.removeprefix("#"), digits=9)
    descending = sort.startswith("-")
    sign = "-" if descending else ""
    ordering = [sign + f for f in SORTS[sort.removeprefix("-")]] + [sign + "pk"]
    qs = selectors.petitions_for_staff(
        user=user,
        status=status or "",
        kind=kind or "",
        unit=where,
        handler=person,
        mine=mine,
        overdue_on=day if due == "overdue" else None,
        due_soon_on=day if due == "soon" else None,
        terms=[] if text.startswith("#") else search_terms(text),
        number=number,
        ordering=ordering,
        outside=transferred,
    )
    return {
        "count": qs.count(),
        "results": [
            _row(p, day=day, subject=not _protected(p)) for p in qs[offset : offset + limit]
        ],
    }


@router.get(
    "/petitions/{petition_id}",
    auth=AUTH,
    response={200: PetitionDetailOut, **errors(400, 401, 403, 404)},
    summary="Một đơn thư",
)
def petition_detail(request: HttpRequest, petition_id: Id) -> dict[str, Any]:
    user = _officer(request)
    return _detail(user, _petition(user, petition_id))


@router.get(
    "/petitions/{petition_id}/steps",
    auth=AUTH,
    response={200: list[StepOut], **errors(400, 401, 403, 404)},
    summary="Các bước xử lý của một đơn",
)
def petition_steps(request: HttpRequest, petition_id: Id) -> list[dict[str, Any]]:
    user = _officer(request)
    petition = _petition(user, petition_id)
    events = PetitionEvent.objects.filter(petition=petition).select_related("actor", "unit")
    return [
        {
            "on": e.on,
            "at": e.at,
            "action": e.action,
            "action_label": str(e.get_action_display()),
            "status": e.status,
            "status_label": str(e.get_status_display()),
            "unit": e.unit.name if e.unit else "",
            "actor": (e.actor.full_name or e.actor.username) if e.actor else "",
            "public": e.public,
            "text": e.text if e.public else "",
            "note": e.note_text,
            "due": e.due,
            "basis": e.basis_text,
        }
        for e in events.order_by("at", "id")
    ]


@router.get(
    "/petitions/{petition_id}/actions",
    auth=AUTH,
    response={200: list[ActionOut], **errors(400, 401, 403, 404)},
    summary="Các bước cán bộ được làm với đơn lúc này",
)
def petition_actions(request: HttpRequest, petition_id: Id) -> list[dict[str, Any]]:
    """``PETITION.actions``: the steps the officer's roles allow from the petition's state."""
    user = _officer(request)
    return _actions(user, _petition(user, petition_id))


# ----------------------------------------------------------------------------- writing


def _required(payload: TransitionIn, name: str) -> Any:
    value = getattr(payload, name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise HttpError(400, "required: " + _("Thiếu trường “%(field)s”.") % {"field": name})
    return value


def _take(user: User, petition: Petition, payload: TransitionIn) -> None:
    """Call the service of ``payload.action``; a ``DomainError`` goes up."""
    action = payload.action
    if action == "classify":
        category = None
        if payload.category is not None:
            category = ServiceCategory.objects.filter(pk=payload.category, active=True).first()
            if category is None:
                raise HttpError(
                    400, "invalid: " + _("Không có lĩnh vực số %(n)s.") % {"n": payload.category}
                )
        services.petition_classify(
            actor=user,
            petition=petition,
            kind=_required(payload, "kind"),
            category=category,
            is_second_complaint=payload.is_second_complaint,
            is_remote=payload.is_remote,
        )
    elif action == "assign":
        person = User.objects.filter(pk=_required(payload, "handler"), is_active=True).first()
        if person is None:
            raise HttpError(
                400, "invalid: " + _("Không có cán bộ số %(n)s.") % {"n": payload.handler}
            )
        services.petition_assign(actor=user, petition=petition, handler=person)
    elif action == "accept":
        services.petition_accept(actor=user, petition=petition)
    elif action == "refuse":
        services.petition_refuse(
            actor=user, petition=petition, ground=_required(payload, "ground"), note=payload.note
        )
    elif action == "transfer":
        code = _required(payload, "unit")
        note = _required(payload, "note")
        to_unit = unit_get(code=code)
        if to_unit is None:
            raise HttpError(400, "invalid: " + _("Không có đơn vị mã “%(c)s”.") % {"c": code})
        services.petition_transfer(actor=user, petition=petition, to_unit=to_unit, note=note)
    elif action == "merge":
        number = _required(payload, "into")
        into = Petition.objects.select_related("unit").filter(pk=number).first()
        if into is None or not allows(user, VIEW, into):
            raise HttpError(
                400,
                "invalid: "
                + _("Không tìm thấy đơn số %(n)s trong phạm vi của bạn.") % {"n": number},
            )
        services.petition_merge(actor=user, petition=petition, into=into, note=payload.note)
    elif action == "extend":
        services.petition_extend(actor=user, petition=petition, reason=_required(payload, "reason"))
    elif action == "settle":
        services.petition_settle(
            actor=user, petition=petition, conclusion=_required(payload, "conclusion")
        )
    else:
        services.petition_answer(actor=user, petition=petition, answer=_required(payload, "answer"))


@router.post(
    "/petitions/{petition_id}/transitions",
    auth=AUTH,
    response={200: PetitionDetailOut, **errors(400, 401, 403, 404, 409)},
    summary="Thực hiện một bước xử lý đơn",
)
def petition_transition(
    request: HttpRequest, petition_id: Id, payload: TransitionIn
) -> dict[str, Any]:
    """Takes ``action`` through the lifecycle's service, as the staff page does: 403 when the
    officer's roles do not allow it, 409 when the petition's state does not, 400 when a field
    is missing or refused (nothing is then changed). Answers with the petition as it now is."""
    user = _officer(request)
    petition = _petition(user, petition_id)
    edge = PETITION.edge(payload.action)
    if not allows(user, edge.permission, petition):
        raise HttpError(403, "forbidden: " + _("Bạn không có quyền thực hiện thao tác này."))
    if str(petition.status) not in edge.sources:
        raise HttpError(
            409,
            "invalid_transition: "
            + _("Không thể thực hiện “%(action)s” khi đang ở trạng thái “%(state)s”.")
            % {"action": _button(payload.action), "state": petition.get_status_display()},
        )
    try:
        _take(user, petition, payload)
    except DomainError as exc:
        raise _fail(exc) from exc
    return _detail(user, _petition(user, petition_id))
