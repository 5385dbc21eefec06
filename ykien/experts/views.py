"""The expert roster: officers of a front committee list, add and edit the people they invite."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import Role, User
from ykien.experts import selectors, services
from ykien.experts.forms import ExpertFilterForm, ExpertForm

STAFF_ROLES = [Role.OFFICER, Role.LEADER]


def _units(user: User) -> list:
    return core_selectors.user_units(user=user, roles=STAFF_ROLES)


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not user.has_perm("experts.view_roster"):
        raise DjangoPermissionDenied
    scope = (
        None
        if user.is_superuser
        else core_selectors.user_scope_unit_ids(user=user, roles=STAFF_ROLES)
    )
    form = ExpertFilterForm(request.GET or None)
    query = field = ""
    if form.is_valid():
        query, field = form.cleaned_data["q"], form.cleaned_data["field"]
    experts = selectors.experts_list(unit_ids=scope, query=query, field=field, active_only=False)
    page = Paginator(experts, 30).get_page(request.GET.get("page"))
    return render(request, "experts/list.html", {"form": form, "page": page})


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
