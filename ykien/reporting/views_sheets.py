"""Pages that take a sheet at a time: a unit's quarter uploaded as XLSX or CSV (template,
preview of what changes, confirmation), the targets of a unit for a period (leaders), and the
open data of the approved figures (public)."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import Unit, User
from ykien.core.numbers import format_decimal, format_int
from ykien.reporting import exports, permissions, selectors, services, services_sheets, upload
from ykien.reporting.figures import format_figure
from ykien.reporting.forms_sheets import ConfirmForm, TargetsForm, UploadForm
from ykien.reporting.lifecycle import EDITABLE
from ykien.reporting.models import Period, Target

#: The session key of the upload waiting for its confirmation (one per session).
PENDING = "reporting_upload"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _unit_period(code: str, period: str) -> tuple[Unit, Period]:
    unit = get_object_or_404(Unit, code=code)
    try:
        return unit, selectors.period_get(code=period)
    except DomainError as exc:
        raise Http404(str(exc.message)) from exc


def _may_upload(user: User, unit: Unit, period: Period) -> None:
    if not user.has_perm(permissions.ENTER, unit):
        raise DjangoPermissionDenied
    submission = selectors.submission_get(unit=unit, period=period)
    if submission is not None and submission.status not in EDITABLE:
        raise DjangoPermissionDenied(
            _("Số liệu này đã gửi hoặc đã duyệt, không nhập lại từ tệp được.")
        )


@login_required
@require_GET
def upload_template(request: HttpRequest, code: str, period: str, fmt: str) -> HttpResponse:
    """The unit's sheet for the period, as XLSX or CSV: its indicators and the figures saved."""
    unit, the_period = _unit_period(code, period)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    if not _user(request).has_perm(permissions.ENTER, unit):
        raise DjangoPermissionDenied
    saved = selectors.submission_values(
        submission=selectors.submission_get(unit=unit, period=the_period)
    )
    rows = upload.template_rows(
        period=the_period, indicators=services.entry_indicators(unit=unit), saved=saved
    )
    if fmt == "xlsx":
        response = HttpResponse(upload.template_xlsx(rows), content_type=upload.XLSX_TYPE)
    else:
        response = HttpResponse(upload.template_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="so-lieu-{unit.code}-{the_period.code}.{fmt}"'
    )
    return response


def _preview_rows(plan: upload.Plan) -> list[dict[str, Any]]:
    return [
        {
            "row": c.row,
            "indicator": c.indicator,
            "old": format_figure(c.indicator, c.old),
            "new": format_figure(c.indicator, c.new),
            "changed": c.changed,
        }
        for c in plan.changes
    ]


@login_required
def upload_figures(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Upload a sheet: GET the form; POST a file → the preview of what changes (kept in the
    session, nothing saved) or every refused cell (400)."""
    user = _user(request)
    unit, the_period = _unit_period(code, period)
    _may_upload(user, unit, the_period)
    context: dict[str, Any] = {"unit": unit, "period": the_period}
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        request.session.pop(PENDING, None)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                upload.check_size(uploaded.size or 0)  # before reading it
                data = uploaded.read()
                plan = upload.read_plan(
                    data=data,
                    unit=unit,
                    period=the_period,
                    indicators=services.entry_indicators(unit=unit),
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                if plan.ok:
                    token = secrets.token_urlsafe(16)
                    request.session[PENDING] = {
                        "token": token,
                        "unit": unit.code,
                        "period": the_period.code,
                        "values": plan.values(),
                        "base": plan.base(),
                    }
                    context.update(
                        preview=_preview_rows(plan),
                        changed=sum(1 for c in plan.changes if c.changed),
                        confirm=ConfirmForm(initial={"token": token}),
                    )
                else:
                    context["errors"] = plan.errors
        if "preview" not in context:
            status = 400
    context["form"] = form
    return render(request, "reporting/upload.html", context, status=status)


@login_required
@require_POST
def upload_confirm(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Save the previewed upload (kept in the session; the hidden token only says which one)
    through the entry form's service."""
    user = _user(request)
    unit, the_period = _unit_period(code, period)
    _may_upload(user, unit, the_period)
    form = ConfirmForm(request.POST)
    pending = request.session.get(PENDING) or {}
    if (
        not form.is_valid()
        or not secrets.compare_digest(str(pending.get("token", "")), form.cleaned_data["token"])
        or pending.get("unit") != unit.code
        or pending.get("period") != the_period.code
    ):
        messages.error(request, _("Không còn bản xem trước này; hãy tải tệp lên lại."))
        return redirect("reporting:upload", code=unit.code, period=the_period.code)
    request.session.pop(PENDING, None)
    try:
        services_sheets.submission_save_uploaded(
            actor=user,
            unit=unit,
            period=the_period,
            values=pending["values"],
            base=pending["base"],
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("reporting:upload", code=unit.code, period=the_period.code)
    messages.success(
        request,
        _("Đã lưu %(n)s số liệu từ tệp. Kiểm tra rồi gửi lãnh đạo duyệt.")
        % {"n": len(pending["values"])},
    )
    return redirect("reporting:entry", code=unit.code, period=the_period.code)


# ----------------------------------------------------------------------------- targets


@login_required
def targets(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The targets of a unit for a period: a leader covering the unit edits them; every change
    is audited and kept in the targets' history, shown below."""
    user = _user(request)
    unit, the_period = _unit_period(code, period)
    if not user.has_perm(permissions.APPROVE, unit):
        raise DjangoPermissionDenied
    indicators = selectors.indicators_active()
    current = {
        t.indicator.code: t.value
        for t in Target.objects.filter(unit=unit, period=the_period).select_related("indicator")
    }
    initial = {ind.code: _initial_value(current.get(ind.code)) for ind in indicators}
    form = TargetsForm(
        request.POST if request.method == "POST" else None,
        indicators=indicators,
        initial_values=initial,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services_sheets.targets_set(
                    actor=user,
                    unit=unit,
                    period=the_period,
                    values=form.values(),
                    indicators=indicators,
                )
            except DomainError as exc:
                form_error(form, exc, field=exc.field and TargetsForm.field_name(exc.field))
            else:
                messages.success(request, _("Đã lưu chỉ tiêu giao."))
                return redirect("reporting:targets", code=unit.code, period=the_period.code)
        status = 400
    history = [
        {
            "when": h.history_date,
            "indicator": h.indicator.name_text,
            "value": format_figure(h.indicator, h.value) if h.history_type != "-" else "—",
            "kind": {"+": _("Giao mới"), "~": _("Sửa"), "-": _("Xóa")}.get(h.history_type, ""),
            "who": (h.history_user.full_name or h.history_user.username)
            if h.history_user
            else _("Hệ thống"),
        }
        for h in Target.history.filter(unit=unit, period=the_period)
        .select_related("indicator", "history_user")
        .order_by("-history_date")[:50]
    ]
    return render(
        request,
        "reporting/targets.html",
        {
            "unit": unit,
            "period": the_period,
            "form": form,
            "rows": form.rows(),
            "history": history,
        },
        status=status,
    )


def _initial_value(value: Decimal | None) -> str:
    """A saved target as the form shows it (1.068; 5,8)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return format_int(value)
    return format_decimal(value, 4, trim=True)


# ----------------------------------------------------------------------------- open data


@require_GET
def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Public: every approved figure the units entered (``?ky=2024-Q1`` for one period), as CSV
    or JSON. No personal data: units, periods, indicators, figures, the day approved."""
    if fmt not in ("csv", "json"):
        raise Http404
    wanted = request.GET.get("ky", "").strip()
    period = None
    if wanted:
        try:
            period = selectors.period_get(code=wanted[:20])
        except DomainError as exc:
            return HttpResponse(
                str(exc.message), status=400, content_type="text/plain; charset=utf-8"
            )
    rows = exports.figure_rows(period=period)
    if fmt == "json":
        payload = {"generated_on": core_selectors.today().isoformat(), "figures": rows}
        return HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response = HttpResponse(exports.figures_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="so-lieu-giao-ban.csv"'
    return response
