"""Pages of the briefing: periods and submissions, a unit's entry form, the leader's decision,
the dashboard with charts and the report downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core import selectors as core_selectors
from ykien.core.calendar import period_containing
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.lists import fold_for_search
from ykien.core.models import Unit, User
from ykien.core.numbers import in_active_language
from ykien.reporting import permissions, reports, selectors, services
from ykien.reporting.figures import format_change, format_figure, format_ratio
from ykien.reporting.forms import (
    BriefingPickForm,
    BulkApproveForm,
    DecisionForm,
    EntryForm,
    PeriodListForm,
)
from ykien.reporting.lifecycle import EDITABLE, SUBMISSION
from ykien.reporting.models import Submission

Status = Submission.Status


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _period_or_404(code: str) -> Any:
    try:
        return selectors.period_get(code=code)
    except DomainError as exc:
        raise Http404(str(exc.message)) from exc


def _staff_units(user: User) -> list[Unit]:
    return core_selectors.user_units(user=user, roles=permissions.VIEW_ROLES)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The periods, the user's units and a picker for any unit's briefing."""
    user = _user(request)
    units = _staff_units(user)
    if not units and not user.is_superuser:
        raise DjangoPermissionDenied
    all_periods = list(selectors.periods_list())
    today = core_selectors.today()
    current = next(
        (p for p in all_periods if p.start <= today), all_periods[0] if all_periods else None
    )
    form = BriefingPickForm(request.GET or None, offered=units)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        return redirect("reporting:dashboard", code=unit.code, period=form.cleaned_data["period"])
    related = []
    for unit in units:
        predecessors = Unit.objects.filter(
            pk__in=core_selectors.unit_predecessor_ids(unit=unit), level=unit.level, kind=unit.kind
        ).order_by("name")
        related.append(
            (unit, [(p, period_containing(p.valid_to or today).code) for p in predecessors])
        )
    return render(
        request,
        "reporting/index.html",
        {
            "units": related,
            "periods": all_periods,
            "current": current,
            "form": form,
            "today": today,
        },
    )


def _period_scope(user: User) -> set[int] | None:
    """The units whose figures ``user`` reads (None: all, for a superuser)."""
    if user.is_superuser:
        return None
    scope = core_selectors.user_scope_unit_ids(user=user, roles=permissions.VIEW_ROLES)
    if not scope:
        raise DjangoPermissionDenied
    return scope


_STATUS_ORDER = {"missing": 0, Status.DRAFT: 1, Status.RETURNED: 2, Status.SUBMITTED: 3,
                 Status.APPROVED: 4}  # fmt: skip
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def _sort_key(key: str) -> Callable[[selectors.UnitStatus], Any]:
    def sent(s: selectors.UnitStatus) -> dt.datetime:
        return (s.submission.first_submitted_at if s.submission else None) or _NEVER

    def decided(s: selectors.UnitStatus) -> dt.datetime:
        return (s.submission.decided_at if s.submission else None) or _NEVER

    keys: dict[str, Callable[[selectors.UnitStatus], Any]] = {
        "unit": lambda s: (fold_for_search(s.unit.name), s.unit.pk),
        "status": lambda s: (_STATUS_ORDER.get(s.status, 9), fold_for_search(s.unit.name)),
        "sent": lambda s: (sent(s), s.unit.pk),
        "decided": lambda s: (decided(s), s.unit.pk),
    }
    return keys[key]


def _period_rows(
    form: PeriodListForm, statuses: list[selectors.UnitStatus]
) -> list[selectors.UnitStatus]:
    """The units of a valid form's search and filter, in its sort (computed in Python: a
    period lists at most the hundred or so units of a province)."""
    wanted = form.cleaned_data.get("status") or ""
    if wanted == "late":
        statuses = [s for s in statuses if s.late]
    elif wanted:
        statuses = [s for s in statuses if s.status == wanted]
    terms = form.terms
    if terms:
        statuses = [
            s
            for s in statuses
            if all(" " + t in fold_for_search(s.unit.name, s.unit.code) for t in terms)
        ]
    sort = form.sorted_by()
    return sorted(statuses, key=_sort_key(sort.removeprefix("-")), reverse=sort.startswith("-"))


def _period_page(
    request: HttpRequest,
    period: str,
    *,
    bulk: BulkApproveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    the_period = _period_or_404(period)
    scope = _period_scope(user)
    today = core_selectors.today()
    statuses = selectors.period_status(period=the_period, scope_ids=scope, today=today)
    form = PeriodListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, _period_rows(form, statuses))
    if page is None:
        status = 400
    can_approve = user.is_superuser or bool(
        core_selectors.user_scope_unit_ids(user=user, roles=permissions.APPROVE_ROLES)
    )
    return render(
        request,
        "reporting/period.html",
        {
            "period": the_period,
            "form": form,
            "page": page,
            "today": today,
            "total": len(statuses),
            "late": [s for s in statuses if s.late],
            "columns": lists.sort_columns(
                form,
                [
                    ("unit", _("Đơn vị")),
                    ("status", _("Trạng thái")),
                    ("sent", _("Gửi lúc")),
                    ("decided", _("Duyệt / trả lại")),
                ],
            ),
            "sorted_by": form.sorted_by(),
            "can_bulk": can_approve,
            "bulk": bulk or BulkApproveForm(),
        },
        status=status,
    )


@login_required
def period_detail(request: HttpRequest, period: str) -> HttpResponse:
    """Where each unit the user covers stands for the period: search, filter, sort, pages, and
    (for a leader) the submitted figures to approve in bulk."""
    return _period_page(request, period)


@login_required
def period_export(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    """The filtered list of the period (every page) as CSV or XLSX."""
    user = _user(request)
    the_period = _period_or_404(period)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    scope = _period_scope(user)
    form = PeriodListForm(request.GET)
    if not form.is_valid():
        return _period_page(request, period)
    statuses = selectors.period_status(
        period=the_period, scope_ids=scope, today=core_selectors.today()
    )
    header = [_("Mã đơn vị"), _("Đơn vị"), _("Trạng thái"), _("Muộn hạn"), _("Gửi lúc"),
              _("Duyệt / trả lại lúc"), _("Người duyệt")]  # fmt: skip

    def when(value: dt.datetime | None) -> str:
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""

    rows = [
        [
            s.unit.code,
            s.unit.name,
            s.status_label,
            _("Có") if s.late else _("Không"),
            when(s.submission.first_submitted_at if s.submission else None),
            when(s.submission.decided_at if s.submission else None),
            str(s.submission.decided_by or "") if s.submission else "",
        ]
        for s in _period_rows(form, statuses)
    ]
    return lists.export(
        fmt,
        filename=f"giao-ban-{the_period.code}",
        title=str(the_period.title),
        header=header,
        rows=rows,
    )


@login_required
@require_POST
def period_bulk_approve(request: HttpRequest, period: str) -> HttpResponse:
    """Approve the ticked submissions of a period, each through the lifecycle on its own (one
    refused does not stop the others), and report what was approved and what was refused and
    why. A submission of another period or outside the reader's units is reported as not
    found, untouched."""
    user = _user(request)
    the_period = _period_or_404(period)
    scope = _period_scope(user)
    form = BulkApproveForm(request.POST)
    if not form.is_valid():
        return _period_page(request, period, bulk=form, status=400)
    ids: list[int] = form.cleaned_data["ids"]
    found = selectors.period_submissions(period=the_period, scope_ids=scope, ids=ids)
    action = _("Duyệt số liệu giao ban %(period)s") % {"period": the_period.title}

    def label(number: int) -> str:
        submission = found.get(number)
        return submission.unit.name if submission is not None else f"#{number}"

    if not form.cleaned_data["confirm"]:
        back = reverse("reporting:period", args=[the_period.code])
        return lists.bulk_confirm(
            request, action=action, ids=ids, found=found, label=label, back=back
        )

    def approve(submission: Submission) -> str:
        services.submission_transition(actor=user, submission=submission, to=Status.APPROVED)
        return _("Đã duyệt.")

    done, refused = lists.run_bulk(
        ids,
        found,
        approve,
        label=label,
        missing=_("Không tìm thấy số liệu này trong phạm vi của bạn."),
        link=lambda s: reverse("reporting:entry", args=[s.unit.code, the_period.code]),
    )
    return render(
        request,
        "reporting/bulk_result.html",
        {"period": the_period, "action": action, "done": done, "refused": refused},
    )


@login_required
def entry(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """A unit's figures for a period: the form (officer, leader) or the read-only view with the
    approve / return buttons (leader)."""
    user = _user(request)
    unit = get_object_or_404(Unit, code=code)
    the_period = _period_or_404(period)
    if not user.has_perm(permissions.VIEW, unit):
        raise DjangoPermissionDenied
    submission = selectors.submission_get(unit=unit, period=the_period)
    editable = user.has_perm(permissions.ENTER, unit) and (
        submission is None or submission.status in EDITABLE
    )
    lines = selectors.entry_lines(unit=unit, period=the_period)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        lines=lines,
        notes=submission.notes if submission else "",
    )
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                _("Số liệu này không sửa được (đã gửi hoặc đã duyệt, hoặc bạn không có quyền)."),
            )
        elif form.is_valid():
            try:
                saved = services.submission_save(
                    actor=user,
                    unit=unit,
                    period=the_period,
                    values=form.figures(),
                    notes=form.cleaned_data["notes"],
                )
                if "gui" in request.POST:
                    services.submission_transition(
                        actor=user, submission=saved, to=Status.SUBMITTED
                    )
                    messages.success(request, _("Đã gửi số liệu để lãnh đạo duyệt."))
                else:
                    messages.success(request, _("Đã lưu số liệu."))
                return redirect("reporting:entry", code=unit.code, period=the_period.code)
            except DomainError as exc:
                form_error(form, exc, field=exc.field and EntryForm.field_name(exc.field))
    return render(
        request,
        "reporting/entry.html",
        {
            "unit": unit,
            "period": the_period,
            "submission": submission,
            "form": form,
            "rows": _entry_rows(form, lines),
            "editable": editable,
            "can_decide": submission is not None
            and SUBMISSION.can(user, submission, Status.APPROVED.value),
            "decision_form": DecisionForm(),
            "previous": the_period.span.previous(),
            "today": core_selectors.today(),
        },
    )


def _entry_rows(form: EntryForm, lines: list[selectors.EntryLine]) -> list[dict[str, Any]]:
    return [
        {
            "line": line,
            "field": field,
            "value": format_figure(line.indicator, line.value),
            "previous": format_figure(line.indicator, line.previous),
            "target": format_figure(line.indicator, line.target),
        }
        for line, field in form.rows()
    ]


@login_required
@require_POST
def decide(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The leader approves or returns (with a comment) a submitted unit's figures."""
    user = _user(request)
    unit = get_object_or_404(Unit, code=code)
    the_period = _period_or_404(period)
    submission = selectors.submission_get(unit=unit, period=the_period)
    if submission is None:
        raise Http404
    form = DecisionForm(request.POST)
    target = Status.APPROVED if request.POST.get("quyet-dinh") == "duyet" else Status.RETURNED
    if form.is_valid():
        try:
            services.submission_transition(
                actor=user, submission=submission, to=target, comment=form.cleaned_data["comment"]
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("Đã duyệt số liệu.") if target == Status.APPROVED else _("Đã trả lại số liệu."),
            )
    return redirect("reporting:entry", code=unit.code, period=the_period.code)


def _briefing_or_error(request: HttpRequest, code: str, period: str) -> selectors.Briefing:
    user = _user(request)
    unit = get_object_or_404(Unit, code=code)
    if not user.has_perm(permissions.VIEW, unit):
        raise DjangoPermissionDenied
    try:
        return selectors.briefing(unit=unit, code=period, today=core_selectors.today())
    except DomainError as exc:
        raise Http404(str(exc.message)) from exc


@login_required
def dashboard(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The briefing of a unit for a period: the figures compared, charts, submissions."""
    user = _user(request)
    unit = get_object_or_404(Unit, code=code)
    if not user.has_perm(permissions.VIEW, unit):
        raise DjangoPermissionDenied
    try:
        report = selectors.briefing(unit=unit, code=period, today=core_selectors.today())
    except DomainError as exc:
        return render(
            request,
            "reporting/dashboard_error.html",
            {"unit": unit, "message": exc.message, "periods": selectors.periods_list()},
            status=404,
        )
    # The page writes numbers the reader's way (1,068 in English); the DOCX stays Vietnamese.
    with in_active_language():
        rows = [
            {
                "row": row,
                "value": format_figure(row.indicator, row.value),
                "previous": format_figure(row.indicator, row.previous),
                "change": format_change(row.indicator, row.change),
                "last_year": format_figure(row.indicator, row.last_year),
                "year_change": format_change(row.indicator, row.year_change),
                "target": format_figure(row.indicator, row.target),
                "share": format_ratio(row.target_share),
            }
            for row in report.rows
        ]
        choices = reports.chart_indicators(report)
        wanted = request.GET.get("chi-tieu", "")
        chosen = next((i for i in choices if i.code == wanted), choices[0] if choices else None)
        bars = trend = None
        if chosen is not None:
            chart = reports.child_chart(report, chosen)
            bars = {
                "indicator": chosen,
                "svg": chart.svg(ident="bieu-do-don-vi"),
                "table": sorted(
                    (
                        (c.unit, format_figure(chosen, c.values.get(chosen.pk)))
                        for c in report.children
                    ),
                    key=lambda item: item[0].name,
                ),
            }
        trend_choices = reports.trend_indicators(report)
        trend_wanted = request.GET.get("xu-huong", "")
        trend_indicator = next(
            (i for i in trend_choices if i.code == trend_wanted),
            trend_choices[0] if trend_choices else None,
        )
        if trend_indicator is not None:
            chart = reports.trend_chart(report, trend_indicator)
            values = report.trend_values[trend_indicator.pk]
            trend = {
                "indicator": trend_indicator,
                "svg": chart.svg(ident="bieu-do-xu-huong"),
                "table": [
                    (span, format_figure(trend_indicator, value))
                    for span, value in zip(report.trend, values, strict=True)
                ],
            }
    return render(
        request,
        "reporting/dashboard.html",
        {
            "report": report,
            "rows": rows,
            "bars": bars,
            "bar_choices": choices,
            "trend": trend,
            "trend_choices": trend_choices,
            "periods": selectors.periods_list(),
            "formats": reports.FORMATS,
            "can_set_targets": user.has_perm(permissions.APPROVE, unit),
        },
    )


@login_required
def download(request: HttpRequest, code: str, period: str, fmt: str) -> HttpResponse:
    """The briefing report as DOCX, PDF or XLSX."""
    if fmt not in reports.FORMATS:
        raise Http404
    report = _briefing_or_error(request, code, period)
    content = reports.render(report, fmt, date=core_selectors.today())
    response = HttpResponse(content, content_type=reports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(report, fmt)}"'
    return response
