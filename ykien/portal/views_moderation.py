"""The moderation list of readers' feedback: search (diacritics ignored), filters, sort and
pages kept in the URL, export of the filtered list (CSV, XLSX; never the sender's name), and
bulk moderation of the ticked feedback: shown for confirmation first, then each one through its
own service call (``lifecycle.FEEDBACK``), with a report of what was done, what was refused and
why."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core.models import User
from ykien.portal import selectors, services
from ykien.portal.forms_lists import FeedbackBulkForm, FeedbackListForm
from ykien.portal.lifecycle import FEEDBACK
from ykien.portal.models import Feedback


def _moderator(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.has_perm("portal.moderate_feedback"):
        raise DjangoPermissionDenied
    return user


def _page(
    request: HttpRequest, user: User, *, bulk: FeedbackBulkForm | None = None, status: int = 200
) -> HttpResponse:
    form = FeedbackListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.feedback_for_moderation(user=user, **form.filters()))
    if page is None:
        status = 400
    else:
        for feedback in page:  # the buttons: what the lifecycle lets this moderator do now
            feedback.allowed = {edge.action for edge in FEEDBACK.actions(user, feedback)}  # type: ignore[attr-defined]
    headers = [
        ("number", _("Số")), ("created", _("Ngày gửi")), ("status", _("Trạng thái")),
        ("article", _("Tin bài")),
    ]  # fmt: skip
    return render(
        request,
        "portal/moderation.html",
        {
            "form": form,
            "page": page,
            "sorts": lists.sort_columns(form, headers),
            "sorted_by": form.sorted_by(),
            "bulk": bulk or FeedbackBulkForm(),
        },
        status=status,
    )


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    return _page(request, _moderator(request))


@login_required
def moderation_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered feedback (every page) as CSV or XLSX, without the sender's name."""
    user = _moderator(request)
    form = FeedbackListForm(request.GET)
    if not form.is_valid():
        return _page(request, user)
    rows = [
        [
            f.pk,
            f.article.title,
            f.title,
            f.content,
            str(f.get_status_display()),
            localtime(f.created_at).strftime("%d/%m/%Y %H:%M"),
            f.moderation_note,
            f.reply,
        ]
        for f in selectors.feedback_for_moderation(user=user, **form.filters()).iterator(
            chunk_size=1000
        )
    ]
    header = [
        _("Số"), _("Tin bài"), _("Tiêu đề"), _("Nội dung"), _("Trạng thái"), _("Ngày gửi"),
        _("Lý do không đăng"), _("Trả lời của đơn vị"),
    ]  # fmt: skip
    return lists.export(
        fmt, filename="y-kien-ban-doc", title=_("Ý kiến bạn đọc"), header=header, rows=rows
    )


@login_required
@require_POST
def moderation_bulk(request: HttpRequest) -> HttpResponse:
    """Publish or do not publish the ticked feedback: confirmed first, then each one through
    ``services.feedback_moderate`` on its own (one refused does not stop the others). Feedback
    outside the moderator's units is reported as not found, untouched."""
    user = _moderator(request)
    form = FeedbackBulkForm(request.POST)
    if not form.is_valid():
        return _page(request, user, bulk=form, status=400)
    d = form.cleaned_data
    ids: list[int] = d["ids"]
    found: dict[int, Feedback] = {
        f.pk: f for f in selectors.feedback_for_moderation(user=user, status="").filter(pk__in=ids)
    }
    if not d.get("confirm"):
        return render(
            request,
            "portal/moderation_bulk_confirm.html",
            {
                "form": form,
                "action": form.action_label,
                "rows": [found[i] for i in ids if i in found],
                "missing": [i for i in ids if i not in found],
            },
        )

    def act(feedback: Feedback) -> str:
        services.feedback_moderate(actor=user, feedback=feedback, to=d["action"], note=d["note"])
        return form.done_message

    done, refused = lists.run_bulk(
        ids,
        found,
        act,
        label=lambda n: _("Ý kiến #%(n)s") % {"n": n},
        missing=_("Không tìm thấy ý kiến này trong phạm vi của bạn."),
    )
    return render(
        request,
        "portal/moderation_bulk_result.html",
        {"action": form.action_label, "done": done, "refused": refused},
    )
