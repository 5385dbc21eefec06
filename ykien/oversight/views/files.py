"""Files: supervision documents (staff of the running unit) and answer documents (public with a
public recommendation; otherwise staff, the escalation front and the addressee's respondents)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ykien.oversight.models import ActivityDocument, AnswerDocument, RecommendationStatus
from ykien.oversight.views.common import require


def _serve(file_field, name: str, content_type: str) -> FileResponse:  # type: ignore[no-untyped-def]
    try:
        handle = file_field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def activity_document(request: HttpRequest, pk: int) -> FileResponse:
    doc = get_object_or_404(ActivityDocument.objects.select_related("activity__unit"), pk=pk)
    require(request, "oversight.view_activity", doc.activity)
    return _serve(doc.file, doc.name, doc.content_type)


def answer_document(request: HttpRequest, pk: int) -> FileResponse:
    doc = get_object_or_404(
        AnswerDocument.objects.select_related("answer__recommendation__activity__unit"), pk=pk
    )
    rec = doc.answer.recommendation
    if not (rec.is_public and rec.status != RecommendationStatus.DRAFT):
        require(request, "oversight.view_recommendation", rec)
    return _serve(doc.file, doc.name, doc.content_type)
