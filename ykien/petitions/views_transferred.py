"""The officer's list of petitions transferred to a body outside the Front (a People's
Committee, a Party committee): the Front cannot act on them, so they are left out of the
handling lists (``selectors.petitions_for_staff``) and followed here until the other body
answers. Same search, filters, sort and pages as the staff list (``core.lists``)."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ykien.core import lists
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.selectors import today as local_today
from ykien.petitions import selectors
from ykien.petitions.codes import PetitionAction
from ykien.petitions.forms_staff import StaffListForm
from ykien.petitions.models import PetitionEvent

HEADERS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # lazy labels
    ("number", _("Số")),
    ("kind", _("Loại")),
    ("", _("Tiêu đề")),
    ("", _("Chuyển từ")),
    ("unit", _("Cơ quan đang giải quyết")),
    ("", _("Ngày chuyển")),
    ("status", _("Trạng thái")),
    ("due", _("Hạn")),
)


@login_required
def staff_transferred(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not allows(user, "petitions.view_petition"):
        raise DjangoPermissionDenied
    form = StaffListForm(request.GET, user=user)
    page = None
    if form.is_valid():
        transfers = PetitionEvent.objects.filter(action=PetitionAction.TRANSFER).order_by(
            "-at", "-id"
        )
        qs = selectors.petitions_transferred_outside(user=user, **form.filters()).prefetch_related(
            Prefetch("events", queryset=transfers, to_attr="transfers")
        )
        page = lists.page_of(form, qs)
    rows = []
    if page is not None:
        for p in page:
            last = p.transfers[0] if p.transfers else None  # type: ignore[attr-defined]
            rows.append(
                {
                    "petition": p,
                    "from": (last.params or {}).get("from", "") if last else "",
                    "on": last.on if last else None,
                    "can_view": allows(user, "petitions.view_petition", p),
                }
            )
    return render(
        request,
        "petitions/staff_transferred.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": local_today(),
            "columns": lists.sort_columns(form, HEADERS),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )
