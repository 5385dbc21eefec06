"""Core pages: sign-in with two-factor authentication, the officer workspace, the audit log,
units, the deadline calculator and the health check."""

from __future__ import annotations

import base64
import io
from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ykien.core import error_views, lists, navigation, selectors
from ykien.core.audit import audit_entries
from ykien.core.calendar import WorkingCalendar, deadline, parse_iso_date
from ykien.core.codes import RULE_VARIANTS
from ykien.core.dashboard import dashboard
from ykien.core.errors import DomainError
from ykien.core.feeds import unit_feeds
from ykien.core.forms import AuditFilterForm, DeadlineForm, LoginForm, OTPTokenForm
from ykien.core.locale_middleware import set_language_cookie
from ykien.core.models import DeadlineRule, Unit, User
from ykien.core.services import otp_device_confirm, otp_match
from ykien.core.worklist import work_items


@require_GET
@never_cache
@vary_on_headers("Accept")
def healthz(request: HttpRequest) -> HttpResponse:
    """The health check: 200, or 503 when the database is unreachable.

    Monitors and load balancers (no ``Accept`` header, ``*/*``, JSON, or ``?format=json``) get
    ``{"status": "ok", "database": "ok", "vendor": …}`` or ``{"status": "error", …}``. A person
    (a browser, which asks for HTML first: the footer's "Tình trạng hệ thống" link) gets the same
    answer as a page in the site's layout, without internal details. When the database is down
    that page is rendered without the request's context processors, as the 500 page is."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not healthy"
        if _wants_page(request):
            return _status_page(request, ok=False)
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": exc.__class__.__name__},
            status=503,
        )
    if _wants_page(request):
        return _status_page(request, ok=True)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


def _wants_page(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return False
    return request.get_preferred_type(["application/json", "text/html"]) == "text/html"


def _status_page(request: HttpRequest, *, ok: bool) -> HttpResponse:
    context = {"ok": ok, "checked_at": timezone.now()}
    if ok:
        return render(request, "core/status.html", context)
    # No request context: no context processor (menu, user, messages) may touch the database.
    body = loader.render_to_string("core/status.html", {**context, "bare": True})
    return HttpResponse(body, status=503)


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on every page: our SVG icon (``base.html`` links
    it too, but not every client reads the link)."""
    return redirect(static("core/favicon.svg"))


class LoginView(auth_views.LoginView):
    """Sign-in for everyone. After it: the safe ``next`` if given; otherwise the workspace for
    a user who may see it (a valid role, or a superuser), the portal's home for a citizen (or an
    officer whose roles have all ended), never a page that would answer 403."""

    template_name = "core/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def get_default_redirect_url(self) -> str:
        if self.request.user.has_perm("core.view_workspace"):
            return resolve_url("core:workspace")
        return resolve_url("portal:home")


class LogoutView(auth_views.LogoutView):
    """Signing out is a POST (the header's button); a link opened to this address (allauth's
    pages link to it) gets a page with that button, never a bare 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(request, "core/logout.html")


def _safe_next(request: HttpRequest, default: str = "/can-bo/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    """The language switch: ``language=en&next=/tin-tuc/`` remembers the language (a cookie) and
    goes back to ``next`` (this site only); an unknown language: 400. A visitor who is not signed
    in sends it by GET, so no public page needs a CSRF token (and a cookie) for it: its only
    effect is their own display language. A signed-in person sends it by POST with the token,
    since it changes their profile too (``accounts.middleware``; ADR 0010)."""
    data = request.POST if request.method == "POST" else request.GET
    chosen = data.get("language", "")
    if chosen not in {code for code, _name in settings.LANGUAGES}:
        return error_views.bad_request(request)
    response = redirect(_safe_next(request, default="/"))
    set_language_cookie(response, chosen)
    return response


@login_required
@never_cache
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; a user without a confirmed device is sent to set one up."""
    user = cast(User, request.user)
    if not user_has_device(user, confirmed=True):
        return redirect(f"/tai-khoan/xac-thuc-hai-buoc/thiet-lap/?next={_safe_next(request)}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = otp_match(user=user, token=form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", str(exc.message))
        else:
            otp_login(request, device)
            return redirect(_safe_next(request))
    return render(request, "core/otp_verify.html", {"form": form, "next": _safe_next(request)})


# The session key holding the authenticator key shown on the set-up page until it is confirmed.
OTP_SETUP_KEY = "otp_setup_key"


@login_required
@never_cache
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Show the QR code of a new authenticator key and confirm it with a code.

    A GET writes no device: the key waits in the session, and the device is created by the POST
    that confirms it (an unconfirmed device left by an earlier attempt is used again)."""
    user = cast(User, request.user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        key = request.session.get(OTP_SETUP_KEY) or default_key()
        request.session[OTP_SETUP_KEY] = key
        device = TOTPDevice(user=user, key=key, name=_("Ứng dụng xác thực"), confirmed=False)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.pk is None:
            device.save()
            request.session.pop(OTP_SETUP_KEY, None)
        try:
            otp_device_confirm(actor=user, device=device, token=form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", str(exc.message))
        else:
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect(_safe_next(request))
    qr = segno.make(device.config_url, micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=5, title=_("Mã QR để thêm vào ứng dụng xác thực"))
    # The key is stored as hex; authenticator apps want base32 for manual entry.
    b32 = base64.b32encode(bytes.fromhex(device.key)).decode().rstrip("=")
    return render(
        request,
        "core/otp_setup.html",
        {
            "form": form,
            "qr_svg": buffer.getvalue().decode(),
            "secret": b32,
            "next": _safe_next(request),
        },
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """The dashboard of the areas I work in (``core.dashboard``: counts due today, within the
    week, overdue and new, each linking to its filtered list; the last twelve months; what
    awaits my approval), my tasks with their due dates, my units, links."""
    user = cast(User, request.user)
    if not user.has_perm("core.view_workspace"):
        raise DjangoPermissionDenied
    today = selectors.today()
    units = selectors.user_units(user=user)
    grants = selectors.role_grants_valid(user=user).order_by("unit__depth", "unit__name")
    items = work_items(user=user, today=today)
    areas = dashboard(user=user, today=today)
    return render(
        request,
        "core/workspace.html",
        {
            "units": units,
            "grants": grants,
            "items": items,
            "areas": [area for area in areas if area.tiles or area.chart],
            "approvals": [approval for area in areas for approval in area.approvals],
            "today": today,
            "links": navigation.workspace_links(user),
            "can_audit": user.has_perm("core.view_audit"),
        },
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log of the units the reader leads or administers: search (diacritics ignored),
    filters, sort, pages kept in the URL. Bad input (an unknown action, a record number that is
    not a number, a page past the end) is answered with 400 and the reason; nothing is read."""
    user = cast(User, request.user)
    scope = _audit_scope(user)
    form = AuditFilterForm(request.GET, within=scope)
    page = None
    if form.is_valid():
        page = lists.page_of(form, _audit_events(form, scope), per_page=AUDIT_PAGE)
    entries = audit_entries(list(page.object_list)) if page is not None else []
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page": page,
            "entries": entries,
            "columns": lists.sort_columns(
                form,
                [
                    ("at", _("Thời điểm")),
                    ("actor", _("Người thực hiện")),
                    ("action", _("Hành động")),
                    ("", _("Đối tượng")),
                    ("unit", _("Đơn vị")),
                    ("", _("Thay đổi / lý do")),
                ],
            ),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


AUDIT_PAGE = 50
AUDIT_EXPORT_MAX = 50_000  # events in one export (a narrower filter for more)


def _audit_scope(user: User) -> set[int] | None:
    if not user.has_perm("core.view_audit"):
        raise DjangoPermissionDenied
    if user.is_superuser:
        return None
    return selectors.user_scope_unit_ids(user=user, roles=["leader", "admin"])


def _audit_events(form: AuditFilterForm, scope: set[int] | None) -> Any:
    data = form.cleaned_data
    if data.get("unit"):
        wanted = selectors.unit_scope_ids(unit=data["unit"])
        scope = wanted if scope is None else scope & wanted
    return selectors.audit_events(
        unit_ids=scope,
        actor=data.get("person") or None,
        object_type=data.get("object_type") or "",
        object_id=data.get("object_id") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        kind=data.get("kind") or "",
        action=data.get("action") or "",
        terms=form.terms,
        ordering=form.ordering(),
    )


@login_required
def audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered log (every page, at most ``AUDIT_EXPORT_MAX`` events) as CSV or XLSX, as
    people read it: labels, never codes."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    user = cast(User, request.user)
    scope = _audit_scope(user)
    form = AuditFilterForm(request.GET, within=scope)
    if not form.is_valid():
        return audit_log(request)
    events = list(_audit_events(form, scope)[:AUDIT_EXPORT_MAX])
    header = [_("Thời điểm"), _("Người thực hiện"), _("Hành động"), _("Loại đối tượng"),
              _("Đối tượng"), _("Đơn vị"), _("Thay đổi"), _("Lý do")]  # fmt: skip
    rows = []
    for entry in audit_entries(events):
        e = entry.event
        changes = "; ".join(
            f"{c.label}: {c.before} → {c.after}"
            if c.before is not None
            else f"{c.label}: {c.after}"
            for c in entry.changes
        )
        rows.append(
            [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                str(e.actor or ""),
                entry.action,
                entry.object_label,
                entry.object_name,
                e.unit.name if e.unit else "",
                changes,
                e.reason,
            ]
        )
    return lists.export(fmt, filename="nhat-ky", title=_("Nhật ký"), header=header, rows=rows)


def unit_list(request: HttpRequest) -> HttpResponse:
    """The unit tree as of a date (public: units are public information)."""
    day = selectors.today()
    raw = request.GET.get("ngay")
    if raw:
        try:
            day = parse_iso_date(raw)
        except DomainError as exc:
            messages.error(request, str(exc.message))
    roots = selectors.unit_tree(on=day)
    return render(request, "core/unit_list.html", {"roots": roots, "day": day})


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    today = selectors.today()
    return render(
        request,
        "core/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit=unit),
            "children": selectors.unit_children(unit=unit),
            "successors": []
            if unit.is_valid_on(today)
            else selectors.unit_successors(unit=unit, on=today),
            "predecessors": Unit.objects.filter(
                pk__in=selectors.unit_predecessor_ids(unit=unit)
            ).order_by("name"),
            "today": today,
            "feeds": unit_feeds(code=unit.code),
        },
    )


def deadline_calculator(request: HttpRequest) -> HttpResponse:
    """Public: compute a legal deadline and see the rule table."""
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_valid():
        try:
            result = deadline(
                form.cleaned_data["rule"],
                form.cleaned_data["start"],
                variant=form.cleaned_data.get("variant") or None,
            )
        except DomainError as exc:
            message = str(exc.message)
            if exc.code == "unknown_variant":  # named, not coded, for the reader
                rule = DeadlineRule.objects.filter(code=form.cleaned_data["rule"]).first()
                message = _("Quy tắc “%(rule)s” không có trường hợp “%(variant)s”.") % {
                    "rule": rule.name_text if rule else form.cleaned_data["rule"],
                    "variant": RULE_VARIANTS.get(form.cleaned_data["variant"], ""),
                }
            form.add_error(None, message)
    cal = WorkingCalendar()
    holidays = []
    if result:
        day = min(result.start, result.due)
        end = max(result.start, result.due)
        while day <= end:
            name = cal.holiday_name(day)
            if name:
                holidays.append((day, name))
            day = day.fromordinal(day.toordinal() + 1)
    rules_qs = DeadlineRule.objects.all().order_by("code", "valid_from")
    # Each case of a rule by its label, never its code.
    rule_rows = [
        (r, [(RULE_VARIANTS.get(k, k), v) for k, v in (r.variants or {}).items()]) for r in rules_qs
    ]
    return render(
        request,
        "core/deadline.html",
        {
            "form": form,
            "result": result,
            "rules": rules_qs,
            "rule_rows": rule_rows,
            "holidays": holidays,
        },
    )
