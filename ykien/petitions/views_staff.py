"""The officer's petition list: search, filters, sort and pages kept in the URL, export of the
filtered list (CSV, XLSX; no sender, no text), and bulk actions on the ticked petitions, each
petition through its own service call (its own transaction), with a report of what was done and
what was refused and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core.errors import DomainError
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.selectors import today as local_today
from ykien.petitions import selectors, services
from ykien.petitions.exports import staff_rows
from ykien.petitions.forms_staff import ACTIONS, BulkForm, StaffListForm
from ykien.petitions.models import Petition


def _staff(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not allows(user, "petitions.view_petition"):
        raise DjangoPermissionDenied
    return user


def _columns(form: StaffListForm) -> list[dict[str, Any]]:
    """The table's headers: label, the ``sort`` its link asks for, ``aria-sort`` when sorted."""
    links = form.sort_links() if form.is_valid() else {}
    current = form.sorted_by()
    headers = [
        ("number", _("Số")), ("kind", _("Loại")), ("", _("Tiêu đề")), ("unit", _("Đơn vị")),
        ("status", _("Trạng thái")), ("received", _("Tiếp nhận")), ("due", _("Hạn")),
        ("", _("Cán bộ xử lý")),
    ]  # fmt: skip
    out = []
    for key, label in headers:
        aria = ""
        if key and current == key:
            aria = "ascending"
        elif key and current == "-" + key:
            aria = "descending"
        out.append({"label": label, "sort": links.get(key, ""), "aria": aria})
    return out


def _list_page(
    request: HttpRequest, user: User, *, bulk: BulkForm | None = None, status: int = 200
) -> HttpResponse:
    form = StaffListForm(request.GET, user=user)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.petitions_for_staff(user=user, **form.filters()))
    if page is None:
        status = 400
    return render(
        request,
        "petitions/staff_list.html",
        {
            "form": form,
            "page": page,
            "today": local_today(),
            "columns": _columns(form),
            "sorted_by": form.sorted_by(),
            "bulk": bulk or BulkForm(user=user),
            "picked": bulk.picked() if bulk is not None else [],
            "can_bulk": allows(user, "petitions.handle_petition"),
        },
        status=status,
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, _staff(request))


@login_required
def staff_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered list (every page) as CSV or XLSX: no sender data, no text."""
    user = _staff(request)
    form = StaffListForm(request.GET, user=user)
    if not form.is_valid():
        return _list_page(request, user)
    rows = staff_rows(
        selectors.petitions_for_staff(user=user, **form.filters()), today=local_today()
    )
    header = next(rows)
    return lists.export(fmt, filename="don-thu", title=_("Đơn thư"), header=header, rows=list(rows))


@dataclass(frozen=True)
class Outcome:
    number: int
    petition: Petition | None
    message: str


def _one(action: str, user: User, petition: Petition, d: dict[str, Any]) -> str:
    """Run the action on one petition; the translated line of the report."""
    if action == "assign":
        services.petition_assign(actor=user, petition=petition, handler=d["handler"])
        name = d["handler"].full_name or d["handler"].username
        return _("Đã giao cho %(name)s.") % {"name": name}
    if action == "transfer":
        services.petition_transfer(actor=user, petition=petition, to_unit=d["unit"], note=d["note"])
        return _("Đã chuyển đến %(unit)s.") % {"unit": d["unit"].name}
    n = services.petition_remind(actor=user, petition=petition)
    return _("Đã gửi %(n)s thư nhắc.") % {"n": n}


@login_required
@require_POST
def staff_bulk(request: HttpRequest) -> HttpResponse:
    """One action on the ticked petitions. A transfer (it cannot be undone) is first shown for
    confirmation. Each petition goes through its service on its own: one refused does not stop
    the others. A petition outside the officer's scope is reported as not found, untouched."""
    user = _staff(request)
    form = BulkForm(request.POST, user=user)
    if not form.is_valid():
        return _list_page(request, user, bulk=form, status=400)
    d = form.cleaned_data
    ids: list[int] = d["ids"]
    found = {p.pk: p for p in selectors.petitions_for_staff(user=user).filter(pk__in=ids)}
    action = d["action"]
    if action == "transfer" and not d.get("confirm"):
        return render(
            request,
            "petitions/staff_bulk_confirm.html",
            {
                "form": form,
                "action": ACTIONS[action],
                "unit": d["unit"].name,
                "petitions": [found[i] for i in ids if i in found],
                "missing": [i for i in ids if i not in found],
            },
        )
    done: list[Outcome] = []
    refused: list[Outcome] = []
    for number in ids:
        petition = found.get(number)
        if petition is None:
            refused.append(
                Outcome(number, None, _("Không tìm thấy đơn này trong phạm vi của bạn."))
            )
            continue
        try:
            done.append(Outcome(number, petition, _one(action, user, petition, d)))
        except DomainError as exc:
            refused.append(Outcome(number, petition, str(exc.message)))
    return render(
        request,
        "petitions/staff_bulk_result.html",
        {"action": ACTIONS[action], "done": done, "refused": refused},
    )
