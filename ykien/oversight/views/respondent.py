"""The respondent's pages: recommendations sent to my unit, and the answer form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ykien.core.selectors import today
from ykien.oversight import selectors, services
from ykien.oversight.forms import AnswerForm
from ykien.oversight.lifecycle import may_answer
from ykien.oversight.models import Recommendation, RecommendationStatus
from ykien.oversight.permissions import can_answer
from ykien.oversight.views.common import attempt, current_user


@login_required
def respondent_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    recs = selectors.recommendations_for_respondent(user=user)
    return render(
        request,
        "oversight/respondent_list.html",
        {"recs": recs, "today": today()},
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
