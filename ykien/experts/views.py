"""The expert roster: officers of a front committee list, add and edit the people they invite."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ykien.core import lists
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import Role, User
from ykien.experts import selectors, services
from ykien.experts.forms import ExpertForm, ExpertListForm

STAFF_ROLES = [Role.OFFICER, Role.LEADER]


def _units(user: User) -> list:
    return core_selectors.user_units(user=user, roles=STAFF_ROLES)


def _roster_reader(request: HttpRequest) -> tuple[User, list[int] | None]:
    """The signed-in reader of the roster and the units whose entries they read (None: all)."""
    user = cast(User, request.user)
    if not user.has_perm("experts.view_roster"):
        raise DjangoPermissionDenied
    if user.is_superuser:
        return user, None
    return user, list(core_selectors.user_scope_unit_ids(user=user, roles=STAFF_ROLES))


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    """The roster: search (diacritics ignored), filters, sort and pages kept in the URL; bad
    input is a translated 400 (``core.lists``)."""
    _user, scope = _roster_reader(request)
    form = ExpertListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.experts_list(unit_ids=scope, **form.filters()))
    headers = [
        ("name", _("Họ và tên")), ("kind", _("Thành phần")), ("", _("Lĩnh vực")),
        ("organisation", _("Cơ quan")), ("", _("Cộng đồng")), ("", _("Liên hệ")),
        ("participations", _("Đã tham gia")),
    ]  # fmt: skip
    return render(
        request,
        "experts/list.html",
        {
            "form": form,
            "page": page,
            "columns": lists.sort_columns(form, headers),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


@login_required
def expert_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered roster (every page) as CSV or XLSX: no contact details, the community only
    where its holder agreed to share it."""
    _user, scope = _roster_reader(request)
    form = ExpertListForm(request.GET)
    if not form.is_valid():
        return expert_list(request)
    rows = [
        [
            e.pk,
            f"{e.title} {e.full_name}".strip(),
            str(e.get_kind_display()),
            e.fields,
            e.organisation,
            e.community if e.community_consent else "",
            e.participation_count,
            e.last_participation.strftime("%d/%m/%Y") if e.last_participation else "",
            _("Còn") if e.active else _("Đã ngừng"),
        ]
        for e in selectors.experts_list(unit_ids=scope, **form.filters()).iterator(2000)
    ]
    header = [
        _("Số"), _("Họ và tên"), _("Thành phần"), _("Lĩnh vực"), _("Cơ quan"), _("Cộng đồng"),
        _("Đã tham gia"), _("Lần tham gia gần nhất"), _("Còn trong danh sách"),
    ]  # fmt: skip
    return lists.export(fmt, filename="chuyen-gia", title=_("Chuyên gia"), header=header, rows=rows)


@login_required
def expert_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = cast(User, request.user)
    units = _units(user)
    expert = None
    if pk is not None:
        expert = selectors.expert_get(expert_id=pk)
        if expert is None:
            raise Http404
        if not user.has_perm("experts.manage_expert", expert.unit):
            raise DjangoPermissionDenied
        if expert.unit not in units:
            units = [*units, expert.unit]
    elif not units and not user.is_superuser:
        raise DjangoPermissionDenied
    form = ExpertForm(request.POST or None, instance=expert, units=units)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            if expert is None:
                expert = services.expert_create(
                    actor=user, unit=form.cleaned_data["unit"], data=data
                )
                messages.success(request, _("Đã thêm chuyên gia vào danh sách."))
            else:
                services.expert_update(actor=user, expert=expert, data=data)
                messages.success(request, _("Đã cập nhật thông tin chuyên gia."))
        except DomainError as exc:
            form_error(form, exc)
        else:
            return redirect("experts:list")
    return render(request, "experts/edit.html", {"form": form, "expert": expert})
