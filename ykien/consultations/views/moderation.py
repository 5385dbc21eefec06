"""The moderation page of a draft: its comments with search (diacritics ignored), filters, sort
and pages kept in the URL, export of the filtered list (CSV, XLSX; no author), its statements,
and bulk moderation of the ticked comments or statements: shown for confirmation first, then
each row through its own service call (``lifecycle.COMMENT`` / ``STATEMENT``), with a report of
what was done and what was refused and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.consultations import selectors, services
from ykien.consultations.forms_lists import (
    BulkModerateForm,
    CommentBulkForm,
    CommentListForm,
    StatementBulkForm,
)
from ykien.consultations.lifecycle import COMMENT, STATEMENT, with_actions
from ykien.consultations.models import Comment, Draft, Statement
from ykien.consultations.views.common import get_draft, user
from ykien.core import lists
from ykien.core.redact import redact

MANAGE = "consultations.manage_draft"


def _page(
    request: HttpRequest,
    draft: Draft,
    *,
    bulk: BulkModerateForm | None = None,
    sbulk: BulkModerateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    me = user(request)
    form = CommentListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.comments_for_moderation(draft=draft, **form.filters()))
    if page is None:
        status = 400
    else:
        # The buttons of each comment: the moves the lifecycle allows now.
        page.object_list = with_actions(
            COMMENT, me, page.object_list, draft, only=services.moderation.MODERATE_ACTIONS.values()
        )
    statements = selectors.statements(draft=draft, status="")
    with_actions(STATEMENT, me, [row.statement for row in statements], draft)
    headers = [
        ("number", _("Số")), ("stance", _("Ý kiến")), ("status", _("Trạng thái")),
        ("reports", _("Báo cáo")), ("created", _("Ngày gửi")),
    ]  # fmt: skip
    return render(
        request,
        "consultations/moderation.html",
        {
            "draft": draft,
            "form": form,
            "page": page,
            "sorts": lists.sort_columns(form, headers),
            "sorted_by": form.sorted_by(),
            "counts": selectors.moderation_counts(draft=draft),
            "statements": statements,
            "bulk": bulk or CommentBulkForm(),
            "sbulk": sbulk or StatementBulkForm(),
        },
        status=status,
    )


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_draft(pk, request, MANAGE))


def _export_rows(draft: Draft, form: CommentListForm) -> list[list[Any]]:
    """One row per comment of the filtered list; its texts with personal data replaced
    (``core.redact``), no author."""
    qs = selectors.comments_for_moderation(draft=draft, **form.filters())
    return [
        [
            c.pk,
            c.node.label_text if c.node else _("Toàn bộ dự thảo"),
            str(c.get_stance_display()),
            redact(c.proposed_wording),
            redact(c.reasons),
            str(c.get_status_display()),
            c.report_count,
            c.moderation_reason,
            localtime(c.created_at).strftime("%d/%m/%Y %H:%M"),
        ]
        for c in qs.iterator(chunk_size=2000)
    ]


@login_required
def moderation_export(request: HttpRequest, pk: int, fmt: str = "csv") -> HttpResponse:
    """The filtered comments (every page) as CSV or XLSX."""
    draft = get_draft(pk, request, MANAGE)
    form = CommentListForm(request.GET)
    if not form.is_valid():
        return _page(request, draft)
    header = [
        _("Số"), _("Vị trí"), _("Ý kiến"), _("Đề xuất cách viết"), _("Lý do"),
        _("Trạng thái"), _("Số lần báo cáo"), _("Lý do xử lý"), _("Ngày gửi"),
    ]  # fmt: skip
    return lists.export(
        fmt,
        filename=f"gop-y-du-thao-{draft.pk}",
        title=_("Góp ý"),
        header=header,
        rows=_export_rows(draft, form),
    )


def _bulk(
    request: HttpRequest,
    draft: Draft,
    form: BulkModerateForm,
    found: dict[int, Any],
    act: Callable[[Any], str],
    *,
    kind: str,
) -> HttpResponse:
    """Confirmation first, then each ticked row through ``act`` on its own."""
    d = form.cleaned_data
    ids: list[int] = d["ids"]
    label = (
        (lambda n: _("Góp ý #%(n)s") % {"n": n})
        if kind == "comment"
        else (lambda n: _("Nhận định #%(n)s") % {"n": n})
    )
    back = reverse("consultations:moderation", args=[draft.pk])
    if kind == "statement":
        back += "#nhan-dinh"
    missing = (
        _("Không tìm thấy góp ý này trong dự thảo.")
        if kind == "comment"
        else _("Không tìm thấy nhận định này trong dự thảo.")
    )
    if not d.get("confirm"):
        return render(
            request,
            "consultations/moderation_bulk_confirm.html",
            {
                "draft": draft,
                "form": form,
                "action": form.action_label,
                "kind": kind,
                "rows": [found[i] for i in ids if i in found],
                "missing": [i for i in ids if i not in found],
                "back": back,
            },
        )
    done, refused = lists.run_bulk(ids, found, act, label=label, missing=missing)
    return render(
        request,
        "consultations/moderation_bulk_result.html",
        {"draft": draft, "action": form.action_label, "done": done, "refused": refused,
         "back": back},
    )  # fmt: skip


@login_required
@require_POST
def comments_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or hide the ticked comments of this draft (a comment of another draft is
    reported as not found, untouched)."""
    draft = get_draft(pk, request, MANAGE)
    form = CommentBulkForm(request.POST)
    if not form.is_valid():
        return _page(request, draft, bulk=form, status=400)
    me = user(request)
    found: dict[int, Comment] = {
        c.pk: c
        for c in selectors.comments_for_moderation(draft=draft).filter(
            pk__in=form.cleaned_data["ids"]
        )
    }
    to, reason = form.target, form.cleaned_data["reason"]

    def act(comment: Comment) -> str:
        services.comment_moderate(actor=me, comment=comment, to=to, reason=reason)
        return form.done_message

    return _bulk(request, draft, form, found, act, kind="comment")


@login_required
@require_POST
def statements_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Put to the vote or withdraw the ticked statements of this draft."""
    draft = get_draft(pk, request, MANAGE)
    form = StatementBulkForm(request.POST)
    if not form.is_valid():
        return _page(request, draft, sbulk=form, status=400)
    me = user(request)
    found: dict[int, Statement] = {
        s.pk: s for s in Statement.objects.filter(draft=draft, pk__in=form.cleaned_data["ids"])
    }
    to, reason = form.target, form.cleaned_data["reason"]

    def act(statement: Statement) -> str:
        services.statement_moderate(actor=me, statement=statement, to=to, reason=reason)
        return form.done_message

    return _bulk(request, draft, form, found, act, kind="statement")
