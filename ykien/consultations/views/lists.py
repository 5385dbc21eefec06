"""The consultations' lists of drafts: the drafts received by an officer's units, and the drafts
whose critique document awaits the drafting body's answers. Each with search (diacritics
ignored), filters, sort and pages kept in the URL, and export of the filtered list (CSV, XLSX);
bad input is a translated 400 (``core.lists``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.consultations import selectors
from ykien.consultations.forms_lists import DraftListForm, RespondentListForm
from ykien.consultations.models import Draft
from ykien.consultations.views.common import user
from ykien.core import lists
from ykien.core import selectors as core_selectors
from ykien.core.models import Role, User


def _date(day: Any) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass(frozen=True)
class DraftList:
    """One list of drafts: its form, its rows, its page and its export."""

    form: type[DraftListForm]
    rows: Callable[..., QuerySet[Draft]]
    template: str
    headers: tuple[tuple[str, Any], ...]
    filename: str
    export_header: tuple[Any, ...]
    export_row: Callable[[Draft], list[Any]]

    def page(self, request: HttpRequest, me: User) -> HttpResponse:
        form = self.form(request.GET)
        page = (
            lists.page_of(form, self.rows(user=me, **form.filters())) if form.is_valid() else None
        )
        return render(
            request,
            self.template,
            {
                "form": form,
                "page": page,
                "columns": lists.sort_columns(form, self.headers),
                "sorted_by": form.sorted_by(),
                "today": core_selectors.today(),
            },
            status=200 if page is not None else 400,
        )

    def export(self, request: HttpRequest, me: User, fmt: str) -> HttpResponse:
        form = self.form(request.GET)
        if not form.is_valid():
            return self.page(request, me)
        rows = self.rows(user=me, **form.filters()).iterator(chunk_size=2000)
        return lists.export(
            fmt,
            filename=self.filename,
            title=_("Dự thảo"),
            header=[str(h) for h in self.export_header],
            rows=[self.export_row(d) for d in rows],
        )


STAFF = DraftList(
    form=DraftListForm,
    rows=selectors.drafts_for_staff,
    template="consultations/staff_list.html",
    headers=(
        ("title", gettext_lazy("Dự thảo")), ("", gettext_lazy("Cơ quan soạn thảo")),
        ("received", gettext_lazy("Ngày nhận")), ("deadline", gettext_lazy("Hạn góp ý")),
        ("status", gettext_lazy("Trạng thái")),
    ),
    filename="du-thao",
    export_header=(
        gettext_lazy("Số"), gettext_lazy("Tên dự thảo"), gettext_lazy("Loại văn bản"),
        gettext_lazy("Đơn vị tiếp nhận"), gettext_lazy("Cơ quan soạn thảo"),
        gettext_lazy("Ngày nhận"), gettext_lazy("Hạn góp ý"), gettext_lazy("Trạng thái"),
    ),
    export_row=lambda d: [
        d.pk, d.title, str(d.get_kind_display()), d.unit.name, d.drafting_unit.name,
        _date(d.received_on), _date(d.comment_end), str(d.get_status_display()),
    ],
)  # fmt: skip

RESPONDENT = DraftList(
    form=RespondentListForm,
    rows=selectors.drafts_for_respondent,
    template="consultations/respondent_list.html",
    headers=(
        ("title", gettext_lazy("Dự thảo")), ("", gettext_lazy("Văn bản phản biện")),
        ("due", gettext_lazy("Hạn trả lời")), ("pending", gettext_lazy("Chưa trả lời")),
    ),
    filename="van-ban-phan-bien-can-tra-loi",
    export_header=(
        gettext_lazy("Số"), gettext_lazy("Tên dự thảo"), gettext_lazy("Đơn vị phản biện"),
        gettext_lazy("Văn bản phản biện"), gettext_lazy("Ngày ban hành"),
        gettext_lazy("Hạn trả lời"), gettext_lazy("Chưa trả lời"), gettext_lazy("Trạng thái"),
    ),
    export_row=lambda d: [
        d.pk, d.title, d.unit.name, d.document.number_symbol, _date(d.document.issue_date),
        _date(d.document.answer_due), d.pending, str(d.get_status_display()),  # type: ignore[attr-defined]
    ],
)  # fmt: skip


def _officer(request: HttpRequest) -> User:
    me = user(request)
    if me.is_superuser or core_selectors.user_units(user=me, roles=[Role.OFFICER, Role.LEADER]):
        return me
    raise DjangoPermissionDenied


def _respondent(request: HttpRequest) -> User:
    me = user(request)
    if core_selectors.role_grants_valid(user=me, roles=[Role.RESPONDENT]).exists():
        return me
    raise DjangoPermissionDenied


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return STAFF.page(request, _officer(request))


@login_required
def staff_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered drafts (every page) as CSV or XLSX."""
    return STAFF.export(request, _officer(request), fmt)


@login_required
def respondent_list(request: HttpRequest) -> HttpResponse:
    return RESPONDENT.page(request, _respondent(request))


@login_required
def respondent_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered drafts awaiting answers (every page) as CSV or XLSX."""
    return RESPONDENT.export(request, _respondent(request), fmt)
