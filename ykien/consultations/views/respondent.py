"""The drafting body's page of a draft: the answer to every point (accepted / explained /
rejected, with text) while the lifecycle allows it (``lifecycle.POINT``). The list of drafts
awaiting its answers is in ``views.lists``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ykien.consultations import selectors, services
from ykien.consultations.forms import AnswerForm
from ykien.consultations.lifecycle import POINT, with_actions
from ykien.consultations.models import DocumentStatus, DraftStatus
from ykien.consultations.views.common import get_draft, user
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.pickers import record_id


@login_required
def respondent_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafting body answers every point: accepted / explained / rejected, with text."""
    draft = get_draft(pk, request, "consultations.answer_points")
    doc = selectors.document_get(draft=draft)
    if doc is None or doc.status != DocumentStatus.ISSUED:
        raise Http404
    today = core_selectors.today()
    target = request.POST.get("point") if request.method == "POST" else None
    forms_by_point = {}
    rows = []
    # A point takes an answer while the lifecycle allows it and the answers are not published.
    listed = with_actions(
        POINT, user(request), selectors.points(draft=draft), draft, only=["answer"]
    )
    supports = selectors.points_support(points=listed)
    answering = draft.status == DraftStatus.ISSUED
    for p in listed:
        bound = request.POST if target == str(p.pk) else None
        form = AnswerForm(
            bound, prefix=f"p{p.pk}", initial={"answer": p.answer, "answer_text": p.answer_text}
        )
        forms_by_point[p.pk] = form
        rows.append(
            {
                "point": p,
                "form": form,
                "support": supports[p.pk],
                "answerable": answering and bool(p.actions),
                "overdue": selectors.is_point_overdue(document=doc, point=p, on=today),
            }
        )
    target_id = record_id(target)
    if target_id is not None and target_id in forms_by_point:
        form = forms_by_point[target_id]
        point = selectors.point_get(draft=draft, pk=target_id)
        if point is not None and form.is_valid():
            try:
                services.point_answer(
                    actor=user(request),
                    point=point,
                    answer=form.cleaned_data["answer"],
                    text=form.cleaned_data["answer_text"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, _("Đã ghi nhận trả lời điểm %(n)s.") % {"n": point.position}
                )
                return redirect(request.path + f"#diem-{point.pk}")
    return render(
        request,
        "consultations/respondent_draft.html",
        {"draft": draft, "doc": doc, "rows": rows, "today": today},
    )
