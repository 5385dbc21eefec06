"""The respondent's pages: recommendations sent to my unit, and the answer form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ykien.core import lists
from ykien.core.models import User
from ykien.core.selectors import today
from ykien.oversight import selectors, services
from ykien.oversight.forms import AnswerForm
from ykien.oversight.forms_lists import RespondentRecommendationListForm
from ykien.oversight.lifecycle import may_answer
from ykien.oversight.models import Recommendation, RecommendationStatus
from ykien.oversight.permissions import can_answer
from ykien.oversight.views.common import attempt, current_user


def _respondent_recs(form: RespondentRecommendationListForm, user: User) -> Any:
    data = form.cleaned_data
    return selectors.recommendations_for_respondent(
        user=user,
        today=today(),
        status=data.get("status") or "",
        due=data.get("due") or "",
        terms=form.terms,
        ordering=form.ordering(),
    )


@login_required
def respondent_list(request: HttpRequest) -> HttpResponse:
    """The recommendations sent to the respondent's units (``core.lists``): search without
    diacritics (number, text, issuer, activity), status, answer due, sort, pages kept in the
    URL, export of the filtered list; bad input is a translated 400."""
    user = current_user(request)
    form = RespondentRecommendationListForm(request.GET)
    page = lists.page_of(form, _respondent_recs(form, user)) if form.is_valid() else None
    return render(
        request,
        "oversight/respondent_list.html",
        {
            "form": form,
            "page": page,
            "today": today(),
            "columns": lists.sort_columns(
                form,
                [
                    ("number", _("Số")),
                    ("", _("Nội dung")),
                    ("issuer", _("Đơn vị kiến nghị")),
                    ("due", _("Hạn")),
                    ("status", _("Trạng thái")),
                    ("", _("Thao tác")),
                ],
            ),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


@login_required
def respondent_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered recommendations (every page) as CSV or XLSX (formula-safe)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    user = current_user(request)
    form = RespondentRecommendationListForm(request.GET)
    if not form.is_valid():
        return respondent_list(request)

    def day(value: Any) -> str:
        return value.strftime("%d/%m/%Y") if value else ""

    header = [_("Số"), _("Nội dung kiến nghị"), _("Cơ quan nhận"), _("Đơn vị kiến nghị"),
              _("Cuộc giám sát"), _("Ngày gửi"), _("Hạn trả lời"), _("Trạng thái")]  # fmt: skip
    rows = [
        [
            r.code,
            r.text,
            r.addressee.name,
            r.issuer.name,
            r.activity.title,
            day(r.issued_on),
            day(r.answer_due),
            r.get_status_display(),
        ]
        for r in _respondent_recs(form, user)
    ]
    return lists.export(
        fmt,
        filename="kien-nghi-can-tra-loi",
        title=_("Kiến nghị cần trả lời"),
        header=header,
        rows=rows,
    )


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a recommendation sent to the respondent's unit (refused for another unit)."""
    rec = get_object_or_404(
        Recommendation.objects.select_related(
            "addressee", "issuer", "activity", "finding", "addressee_position"
        ).exclude(status=RecommendationStatus.DRAFT),
        pk=pk,
    )
    user = current_user(request)
    if not can_answer(user, rec):
        raise DjangoPermissionDenied
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _answer = attempt(
            form,
            lambda: services.recommendation_answer(
                actor=user,
                recommendation=rec,
                kind=data["kind"],
                text=data["text"],
                answered_on=data["answered_on"],
                plan=data["plan"],
                planned_date=data["planned_date"],
                document_number=data["document_number"],
                files=data["documents"],
            ),
        )
        if ok:
            messages.success(request, _("Đã gửi trả lời kiến nghị %(code)s.") % {"code": rec.code})
            return redirect("oversight:respondent_list")
    day = today()
    return render(
        request,
        "oversight/answer_form.html",
        {
            "rec": rec,
            "form": form,
            "answers": rec.answers.prefetch_related("documents"),
            "events": rec.events.all(),
            "overdue": rec.is_overdue(day),
            "open": may_answer(user, rec),  # the lifecycle takes an answer now
            "today": day,
        },
        status=400 if request.method == "POST" else 200,
    )
