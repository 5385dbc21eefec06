"""Public pages: the dialogues, one dialogue's announcement with the question form (captcha and
rate limit for a visitor), its questions and answers, its commitments and their fate, the minutes
(Decree 30 DOCX/PDF), open data, and the block on the accountability board."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core import lists
from ykien.core.documents import issuing
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.ratelimit import allow, client_ip, release
from ykien.core.selectors import today
from ykien.dialogue import documents, exports, selectors, services
from ykien.dialogue.forms import PublicCommitmentListForm, PublicDialogueListForm, QuestionForm
from ykien.dialogue.models import Dialogue, DialogueStatus

QUESTION_LIMIT = 5  # questions a visitor's address may send in an hour
PAGE_SIZE = 20  # rows of a public list


def _dialogue_headers() -> list[tuple[str, str]]:
    return [
        ("day", _("Ngày")),
        ("topic", _("Chủ đề")),
        ("", _("Người đứng đầu")),
        ("unit", _("Đơn vị tổ chức")),
        ("status", _("Trạng thái")),
    ]


def dialogue_list(request: HttpRequest) -> HttpResponse:
    """The public dialogues: search (diacritics ignored), status, place, period, sort and pages,
    all in the URL (``core.lists``); a bad value is a translated 400 with the form, never a
    500."""
    form = PublicDialogueListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(
            form, selectors.dialogues_public_list(**form.filters()), per_page=PAGE_SIZE
        )
    return render(
        request,
        "dialogue/list.html",
        {
            "form": form,
            "page": page,
            "columns": lists.sort_columns(form, _dialogue_headers()),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


def _commitment_headers() -> list[tuple[str, str]]:
    return [
        ("", _("Số")),
        ("", _("Nội dung cam kết")),
        ("addressee", _("Cơ quan thực hiện")),
        ("day", _("Ngày đối thoại")),
        ("due", _("Hạn")),
        ("status", _("Trạng thái")),
    ]


def commitment_list(request: HttpRequest) -> HttpResponse:
    """The commitments heads made at public dialogues and their fate: search (diacritics
    ignored), status, overdue only, place, due date, sort and pages, all in the URL
    (``core.lists``); a bad value is a translated 400 with the form, never a 500."""
    form = PublicCommitmentListForm(request.GET)
    day = today()
    page = None
    if form.is_valid():
        page = lists.page_of(
            form,
            selectors.commitments_public_list(today=day, **form.filters()),
            per_page=PAGE_SIZE,
        )
    return render(
        request,
        "dialogue/commitments.html",
        {
            "form": form,
            "page": page,
            "overdue_ids": {c.pk for c in page or () if c.is_overdue(day)},
            "columns": lists.sort_columns(form, _commitment_headers()),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


def _detail(
    request: HttpRequest,
    dialogue: Dialogue,
    form: QuestionForm | None,
    *,
    status: int = 200,
    sent: bool = False,
) -> HttpResponse:
    day = today()
    commitments = list(dialogue.commitments.select_related("addressee"))
    return render(
        request,
        "dialogue/detail.html",
        {
            "dialogue": dialogue,
            "form": form,
            "questions": selectors.questions_public(dialogue=dialogue),
            "commitments": commitments,
            "overdue_ids": {c.pk for c in commitments if c.is_overdue(day)},
            "has_minutes": dialogue.status in (DialogueStatus.MINUTES, DialogueStatus.CLOSED),
            "sent": sent,
        },
        status=status,
    )


def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The announcement and, while the dialogue takes questions, the form to send one."""
    dialogue = selectors.dialogue_public_get(pk=pk)
    if dialogue is None:
        raise Http404
    signed_in = request.user.is_authenticated
    form = QuestionForm(signed_in=signed_in) if dialogue.status == DialogueStatus.OPEN else None
    return _detail(request, dialogue, form, sent=request.GET.get("gui") == "1")


def question_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: a question sent ahead. Refused with the page and its errors (400, 429), never a 500."""
    dialogue = selectors.dialogue_public_get(pk=pk)
    if dialogue is None:
        raise Http404
    signed_in = request.user.is_authenticated
    if request.method == "GET" and request.GET.get("gui") == "1":
        # The confirmation, after the redirect (a refresh sends nothing again).
        return render(request, "dialogue/question_sent.html", {"dialogue": dialogue})
    if request.method != "POST" or dialogue.status != DialogueStatus.OPEN:
        return _detail(request, dialogue, None, status=405 if request.method != "POST" else 400)
    form = QuestionForm(request.POST, signed_in=signed_in)
    # The limit counts accepted questions only (five an hour, docs/domains/dialogue.md): the hit
    # is taken first, so that concurrent submissions cannot pass it together, and given back
    # when the question is refused (form or service) or over the limit.
    if not allow(request, "dialogue.question", limit=QUESTION_LIMIT, window=3600):
        release(request, "dialogue.question", window=3600)
        form.add_error(None, _("Bạn đã gửi quá nhiều câu hỏi trong một giờ. Vui lòng thử lại sau."))
        return _detail(request, dialogue, form, status=429)
    if form.is_valid():
        try:
            services.question_submit(
                dialogue=dialogue,
                text=form.cleaned_data["text"],
                asker=request.user,
                email=form.cleaned_data.get("email") or "",
                ip=client_ip(request),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            return redirect(f"{reverse('dialogue:ask', args=[dialogue.pk])}?gui=1")
    release(request, "dialogue.question", window=3600)
    return _detail(request, dialogue, form, status=400)


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_public_get(pk=pk)
    if commitment is None:
        raise Http404
    return render(
        request,
        "dialogue/commitment.html",
        {
            "commitment": commitment,
            "events": commitment.events.all(),
            "overdue": commitment.is_overdue(today()),
        },
    )


def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The minutes of the dialogue (Decree 30/2020 layout), once issued."""
    dialogue = selectors.dialogue_public_get(pk=pk)
    if dialogue is None or dialogue.status not in (DialogueStatus.MINUTES, DialogueStatus.CLOSED):
        raise Http404
    return issuing.respond(
        documents.minutes_spec(dialogue=dialogue), fmt=fmt, filename=f"bien-ban-{dialogue.code}"
    )


def export_commitments(request: HttpRequest, fmt: str) -> HttpResponse:
    """Open data: the commitments of public dialogues (no personal data)."""
    rows = selectors.commitments_public()
    day = today()
    if fmt == "json":
        return JsonResponse(
            {"generated_on": day.isoformat(), "commitments": exports.commitments_json(rows, day)},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    if fmt == "csv":
        response = HttpResponse(
            exports.commitments_csv(rows, day), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="cam-ket-doi-thoai.csv"'
        return response
    raise Http404


def board_section_context(request: HttpRequest) -> dict[str, Any]:
    """The accountability board's block: the commitments heads made at direct dialogues, beside
    the recommendations, with their due date and fate."""
    day = today()
    commitments = list(selectors.commitments_public()[:50])
    return {
        "commitments": commitments,
        "overdue_ids": {c.pk for c in commitments if c.is_overdue(day)},
        "today": day,
    }
