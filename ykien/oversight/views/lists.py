"""Supervision staff lists with the list layer (``core.lists``): the Regulation 124 inbox and the
recommendations of the officer's activities — search without diacritics, filters, sort and pages kept in the URL, CSV /
XLSX export of the filtered list — and the bulk reminder to the addressees of the ticked
recommendations, each through the lifecycle's ``remind`` edge on its own, with a report of what
was done and what was refused and why."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core.models import User
from ykien.core.selectors import today
from ykien.oversight import selectors, services
from ykien.oversight.forms_lists import FeedbackInboxForm, RecommendationListForm, RemindForm
from ykien.oversight.lifecycle import RECOMMENDATION
from ykien.oversight.models import Recommendation, RecommendationStatus
from ykien.oversight.views.common import current_user


def _staff(request: HttpRequest) -> User:
    user = current_user(request)
    if not (user.is_superuser or selectors.front_units_for(user=user)):
        raise DjangoPermissionDenied
    return user


def _filters(form: RecommendationListForm | FeedbackInboxForm) -> dict[str, Any]:
    """The selector's arguments of a valid list form: its filters, search and sort."""
    data = form.cleaned_data
    return {
        "today": today(),
        "status": data.get("status") or "",
        "due": data.get("due") or "",
        "recent": bool(data.get("recent")),
        "terms": form.terms,
        "ordering": form.ordering(),
    }


def _recommendations(form: RecommendationListForm, user: User) -> Any:
    return selectors.recommendations_for_staff(user=user, **_filters(form))


def _list_page(
    request: HttpRequest, user: User, *, bulk: RemindForm | None = None, status: int = 200
) -> HttpResponse:
    form = RecommendationListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, _recommendations(form, user))
    if page is None:
        status = 400
    return render(
        request,
        "oversight/recommendation_list.html",
        {
            "form": form,
            "page": page,
            "today": today(),
            "awaiting": RecommendationStatus.awaiting(),
            "columns": lists.sort_columns(
                form,
                [
                    ("number", _("Số")),
                    ("activity", _("Cuộc giám sát")),
                    ("addressee", _("Cơ quan nhận")),
                    ("issued", _("Ngày gửi")),
                    ("due", _("Hạn trả lời")),
                    ("status", _("Trạng thái")),
                ],
            ),
            "sorted_by": form.sorted_by(),
            "bulk": bulk or RemindForm(),
            # Every officer or leader of a front may remind; the lifecycle says, per
            # recommendation, whether they may (``oversight.follow_up``).
            "can_bulk": True,
        },
        status=status,
    )


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, _staff(request))


@login_required
def recommendation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list (every page) as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    user = _staff(request)
    form = RecommendationListForm(request.GET)
    if not form.is_valid():
        return _list_page(request, user)
    qs = _recommendations(form, user)
    header = [_("Số"), _("Cuộc giám sát"), _("Đơn vị kiến nghị"), _("Cơ quan nhận"),
              _("Nội dung kiến nghị"), _("Ngày gửi"), _("Hạn trả lời"), _("Trạng thái"),
              _("Ngày nhắc gần nhất")]  # fmt: skip

    def day(value: object) -> str:
        return value.strftime("%d/%m/%Y") if value else ""  # type: ignore[attr-defined]

    rows = [
        [
            r.code,
            r.activity.title,
            r.issuer.name,
            r.addressee.name,
            r.text,
            day(r.issued_on),
            day(r.answer_due),
            r.get_status_display(),
            day(r.last_reminded_on),
        ]
        for r in qs
    ]
    return lists.export(fmt, filename="kien-nghi", title=_("Kiến nghị"), header=header, rows=rows)


@login_required
@require_POST
def recommendation_remind(request: HttpRequest) -> HttpResponse:
    """Remind the addressees of the ticked recommendations, after a confirmation: each through
    the lifecycle's ``remind`` edge (overdue, not reminded in the last seven days; the
    respondents are mailed on commit). One refused does not stop the others; a recommendation
    outside the officer's activities is reported as not found, untouched."""
    user = _staff(request)
    form = RemindForm(request.POST)
    if not form.is_valid():
        return _list_page(request, user, bulk=form, status=400)
    ids: list[int] = form.cleaned_data["ids"]
    scope = selectors.activities_in_scope(user=user).values("pk")
    found = {
        r.pk: r
        for r in Recommendation.objects.filter(pk__in=ids, activity_id__in=scope).select_related(
            "addressee"
        )
    }
    action = str(RECOMMENDATION.edge("remind").label)

    def label(number: int) -> str:
        rec = found.get(number)
        return f"{rec.code} — {rec.addressee.name}" if rec is not None else f"#{number}"

    if not form.cleaned_data["confirm"]:
        back = reverse("oversight:recommendation_list")
        return lists.bulk_confirm(
            request, action=action, ids=ids, found=found, label=label, back=back
        )

    def remind(rec: Recommendation) -> str:
        services.recommendation_remind(actor=user, recommendation=rec)
        return _("Đã nhắc %(addressee)s.") % {"addressee": rec.addressee.name}

    done, refused = lists.run_bulk(
        ids,
        found,
        remind,
        label=label,
        missing=_("Không tìm thấy kiến nghị này trong phạm vi của bạn."),
        link=lambda rec: reverse("oversight:recommendation_detail", args=[rec.pk]),
    )
    return render(
        request,
        "oversight/remind_result.html",
        {"done": done, "refused": refused, "action": action},
    )


# --------------------------------------------------------------------------- Regulation 124 inbox


def _inbox_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not user.has_perm("oversight.view_feedback_inbox"):
        raise DjangoPermissionDenied
    return user


def _inbox(form: FeedbackInboxForm, user: User) -> Any:
    return selectors.feedback_inbox(
        user=user, unassigned=bool(form.cleaned_data.get("unassigned")), **_filters(form)
    )


@login_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    """The feedback the reader may open, with its review due date: search (code, position, its
    unit; never the content), filters, sort and pages kept in the URL; bad input is a 400. The
    page's keys are read first, then its rows (``core.lists.page_of``)."""
    user = _inbox_user(request)
    form = FeedbackInboxForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, _inbox(form, user))
        if page is not None:
            page.object_list = selectors.inbox_rows(page.object_list, today=today())
    return render(
        request,
        "oversight/feedback_inbox.html",
        {
            "form": form,
            "page": page,
            "columns": lists.sort_columns(
                form,
                [
                    ("", _("Mã")),
                    ("position", _("Chức danh")),
                    ("received", _("Ngày nhận")),
                    ("status", _("Trạng thái")),
                    ("due", _("Hạn xem xét")),
                    ("", _("Cán bộ được giao")),
                ],
            ),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


@login_required
def feedback_inbox_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered inbox (every page) as CSV or XLSX: the record's number, never its tracking
    code (which lets its holder follow the feedback), the content or the sender."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    user = _inbox_user(request)
    form = FeedbackInboxForm(request.GET)
    if not form.is_valid():
        return feedback_inbox(request)
    header = [_("Số"), _("Chức danh"), _("Cơ quan, đơn vị"), _("Ủy ban MTTQ tiếp nhận"),
              _("Ngày nhận"), _("Trạng thái"), _("Hạn xem xét"), _("Cán bộ được giao")]  # fmt: skip
    rows = [
        [
            r.feedback.pk,
            r.feedback.position.title,
            r.feedback.position.unit.name,
            r.feedback.front.name,
            r.feedback.received_on.strftime("%d/%m/%Y"),
            r.feedback.get_status_display(),
            r.due.strftime("%d/%m/%Y") if r.due else "",
            str(r.feedback.handler or ""),
        ]
        for r in selectors.inbox_rows(_inbox(form, user).iterator(chunk_size=2000), today=today())
    ]
    return lists.export(
        fmt,
        filename="phan-anh-124",
        title=_("Phản ánh theo Quy định 124"),
        header=header,
        rows=rows,
    )
