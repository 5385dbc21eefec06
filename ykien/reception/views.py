"""Pages of citizen reception: the public schedule and the registration form; the head's office
(calendar, sessions, reception log); the Front's supervision view."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ykien.core import lists, ratelimit
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.pickers import record_id
from ykien.core.pii import SenderIdentity
from ykien.core.selectors import today
from ykien.reception import exports, selectors, services
from ykien.reception.forms import (
    EntryForm,
    RegistrationForm,
    RevealForm,
    SessionForm,
    SessionListForm,
    TransitionForm,
)
from ykien.reception.lifecycle import session_actions
from ykien.reception.models import Head, ReceptionEntry, Registration, Session, Visit

REGISTER_LIMIT = 5  # registrations per address …
REGISTER_WINDOW = 600  # … per 10 minutes
SCHEDULE_DAYS = 90
MAX_ID = 2**31 - 1


def _int(value: str | None, *, what: str) -> int | None:
    if value in (None, ""):
        return None
    number = record_id(value)
    if number is None or number > MAX_ID:
        raise BadRequest(_("Tham số %(what)s không hợp lệ.") % {"what": what})
    return number


def _month(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    year, _sep, month = value.partition("-")
    try:
        day = dt.date(int(year), int(month), 1)
    except (ValueError, OverflowError):
        raise BadRequest(_("Tháng phải có dạng NNNN-TT, ví dụ 2024-03.")) from None
    if not 2000 <= day.year <= 2100:
        raise BadRequest(_("Tháng phải có dạng NNNN-TT, ví dụ 2024-03."))
    return day


# --- public -------------------------------------------------------------------------------------


def schedule(request: HttpRequest) -> HttpResponse:
    """The heads' reception calendar: the coming sessions, by day, with place and who receives.
    A unit filter that is not one of the list's units is a 400 with the page and the reason, as
    the other public lists answer a bad filter (``core.lists``), never an unfiltered 200."""
    units = list(selectors.schedule_units())
    typed = request.GET.get("don-vi", "")
    unit_id = record_id(typed) if typed else None
    error = ""
    if typed and unit_id not in {u.pk for u in units}:
        unit_id = None
        error = _("Đơn vị không hợp lệ; hãy chọn lại trong danh sách.")
    start = today()
    sessions = (
        selectors.schedule_public(
            start=start,
            end=start + dt.timedelta(days=SCHEDULE_DAYS),
            unit_ids=None if unit_id is None else {unit_id},
        )
        if not error
        else []
    )
    return render(
        request,
        "reception/schedule.html",
        {
            "sessions": sessions,
            "units": units,
            "unit_id": unit_id,
            "error": error,
            "today": start,
        },
        status=400 if error else 200,
    )


def _session_page(
    request: HttpRequest, session: Session, form: RegistrationForm | None, *, status: int = 200
) -> HttpResponse:
    open_for = selectors.session_open_for_registration(pk=session.pk) is not None
    return render(
        request,
        "reception/session_public.html",
        {"session": session, "form": form if open_for else None},
        status=status,
    )


def _registration_form(user: User | None) -> RegistrationForm:
    """The empty registration form: no captcha for a signed-in citizen, their name filled in."""
    if user is None:
        return RegistrationForm()
    return RegistrationForm(signed_in=True, initial={"name": user.full_name})


@require_http_methods(["GET", "POST"])
def session_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A session of the schedule, with the registration form while it is open (a scheduled
    session not yet past): captcha (none for a signed-in citizen, whose registration is linked
    to the account), rate limit; registering twice → a clear message."""
    session = selectors.session_public_get(pk=pk)
    if session is None:
        raise Http404
    user = request.user if isinstance(request.user, User) else None
    if request.method == "GET":
        return _session_page(request, session, _registration_form(user))
    if selectors.session_open_for_registration(pk=pk) is None:
        return _session_page(request, session, None, status=400)
    form = RegistrationForm(request.POST, signed_in=user is not None)
    if not ratelimit.allow(
        request, "reception.register", limit=REGISTER_LIMIT, window=REGISTER_WINDOW
    ):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Bạn đã gửi nhiều đăng ký trong thời gian ngắn. Xin đợi khoảng 10 phút rồi gửi "
                "lại; nội dung bạn viết vẫn được giữ nguyên dưới đây."
            ),
        )
        return _session_page(request, session, form, status=429)
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    data = form.cleaned_data
    identity = SenderIdentity(
        name=data["name"], phone=data["phone"], id_number=data["id_number"], address=data["address"]
    )
    try:
        services.registration_submit(
            session=session,
            identity=identity,
            subject=data["subject"],
            user=user,
            ip=ratelimit.client_ip(request),
        )
    except DomainError as exc:
        form_error(form, exc)
        return _session_page(request, session, form, status=400)
    messages.success(
        request,
        _(
            "Đã nhận đăng ký của bạn cho buổi tiếp ngày %(day)s. Xin mang theo giấy tờ tùy thân "
            "khi đến."
        )
        % {"day": session.day.strftime("%d/%m/%Y")},
    )
    return redirect("reception:session_public", pk=session.pk)


def schedule_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public schedule as open data (CSV or XLSX): no personal data."""
    unit_id = _int(request.GET.get("don-vi"), what="don-vi")
    start = today()
    sessions = selectors.schedule_public(
        start=start,
        end=start + dt.timedelta(days=SCHEDULE_DAYS),
        unit_ids=None if unit_id is None else {unit_id},
    )
    rows = exports.schedule_rows(sessions)
    header = next(rows)
    return lists.export(
        fmt, filename="lich-tiep-cong-dan", title=_("Lịch tiếp công dân"), header=header, rows=rows
    )


# --- the head's office --------------------------------------------------------------------------


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if not allows(user, permission, obj):
        raise DjangoPermissionDenied(_("Bạn không có quyền xem trang này."))


def _head_choices(heads: Any, *, in_office_from: dt.date | None = None) -> list[tuple[str, str]]:
    """The heads of a picker; a former head (office ended before today) is marked with the day
    the office ended, and left out when ``in_office_from`` asks for heads holding the office on
    that day or later (a new session is never planned in the past)."""
    now = today()
    choices = []
    for h in heads:
        if in_office_from is not None and h.valid_to is not None and h.valid_to < in_office_from:
            continue
        label = f"{h.name} — {h.title}"
        if h.valid_to is not None and h.valid_to < now:
            label = _("%(head)s (giữ chức vụ đến %(day)s)") % {
                "head": label,
                "day": h.valid_to.strftime("%d/%m/%Y"),
            }
        choices.append((str(h.pk), label))
    return choices


def _head(heads: Any, value: str) -> Head:
    number = record_id(value)
    head = heads.filter(pk=number).first() if number is not None else None
    if head is None:
        raise BadRequest(_("Người tiếp không hợp lệ."))
    return head


def _office_headers() -> list[tuple[str, str]]:
    return [
        ("day", _("Ngày")),
        ("head", _("Người tiếp")),
        ("place", _("Địa điểm")),
        ("registrations", _("Đăng ký trước")),
        ("entries", _("Lượt tiếp trong sổ")),
        ("status", _("Trạng thái")),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def office(request: HttpRequest) -> HttpResponse:
    """The calendar the head's office keeps: its heads' sessions on the list layer (search with
    diacritics ignored, filters, sort and pages kept in the URL; bad input a translated 400), and
    a form to add one."""
    user = cast(User, request.user)
    _require(user, "reception.manage")
    heads = selectors.heads_for_office(user=user)
    choices = _head_choices(heads)
    form = SessionForm(request.POST or None, heads=_head_choices(heads, in_office_from=today()))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session = services.session_schedule(
                    actor=user,
                    head=_head(heads, form.cleaned_data["head"]),
                    day=form.cleaned_data["day"],
                    starts_at=form.cleaned_data["starts_at"],
                    place=form.cleaned_data["place"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lên lịch buổi tiếp công dân."))
                return redirect("reception:session", pk=session.pk)
        status = 400
    list_form = SessionListForm(request.GET, heads=choices)
    page = None
    if list_form.is_valid():
        page = lists.page_of(list_form, selectors.sessions_list(heads=heads, **list_form.filters()))
    if page is None:
        status = 400
    return render(
        request,
        "reception/office.html",
        {
            "form": form,
            "list_form": list_form,
            "page": page,
            "columns": lists.sort_columns(list_form, _office_headers()),
            "sorted_by": list_form.sorted_by(),
            "heads": heads,
        },
        status=status,
    )


@login_required
def office_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The office's filtered session list (every page) as CSV or XLSX, formula-safe, with no
    personal data: the heads and deputies are named as office holders (as on the public
    schedule); who registered or was received is never in it, only how many."""
    user = cast(User, request.user)
    _require(user, "reception.manage")
    heads = selectors.heads_for_office(user=user)
    form = SessionListForm(request.GET, heads=_head_choices(heads))
    if not form.is_valid():
        return office(request)
    rows = [
        [
            s.pk,
            s.day.strftime("%d/%m/%Y"),
            s.starts_at.strftime("%H:%M"),
            s.head.name,
            s.head.title,
            s.head.unit.name,
            s.place,
            str(s.get_status_display()),
            s.deputy_name,
            cast(Any, s).n_registrations,
            cast(Any, s).n_entries,
        ]
        for s in selectors.sessions_list(heads=heads, **form.filters()).iterator(2000)
    ]
    header = [
        _("Số"), _("Ngày tiếp"), _("Giờ bắt đầu"), _("Người tiếp"), _("Chức vụ"), _("Đơn vị"),
        _("Địa điểm"), _("Trạng thái"), _("Cấp phó được ủy quyền"), _("Số đăng ký trước"),
        _("Số lượt tiếp trong sổ"),
    ]  # fmt: skip
    return lists.export(
        fmt, filename="buoi-tiep-cong-dan", title=_("Buổi tiếp công dân"), header=header, rows=rows
    )


def _managed_session(request: HttpRequest, pk: int) -> Session:
    session = Session.objects.select_related("head__unit").filter(pk=pk).first()
    if session is None:
        raise Http404
    _require(request.user, "reception.manage", session)
    return session


@login_required
def session(request: HttpRequest, pk: int) -> HttpResponse:
    current = _managed_session(request, pk)
    return render(
        request,
        "reception/session.html",
        {
            "session": current,
            "actions": session_actions(request.user, current),
            "entries": selectors.session_entries(session=current),
            "registrations": selectors.session_registrations(session=current),
            "transition_form": TransitionForm(),
            "not_yet": current.day > today(),
            "delegation_ban": selectors.delegation_ban_on(session=current),
        },
    )


@login_required
@require_POST
def session_transition(request: HttpRequest, pk: int) -> HttpResponse:
    current = _managed_session(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        raise BadRequest(_("Thao tác không hợp lệ."))
    try:
        services.session_transition(
            actor=request.user,
            session=current,
            to=form.cleaned_data["action"],
            deputy_name=form.cleaned_data["deputy_name"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return render(
            request,
            "reception/session.html",
            {
                "session": current,
                "actions": session_actions(request.user, current),
                "entries": selectors.session_entries(session=current),
                "registrations": selectors.session_registrations(session=current),
                "transition_form": form,
                "transition_error": str(exc.message),
                "not_yet": current.day > today(),
                "delegation_ban": selectors.delegation_ban_on(session=current),
            },
            status=400,
        )
    messages.success(request, _("Đã cập nhật buổi tiếp."))
    return redirect("reception:session", pk=current.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest) -> HttpResponse:
    """Write a line of the reception log (a walk-in, or a registered citizen). A day with no
    session of that head on the calendar is refused on the form; nothing is stored."""
    user = cast(User, request.user)
    _require(user, "reception.manage")
    heads = selectors.heads_for_office(user=user)
    initial: dict[str, Any] = {}
    registration: Registration | None = None
    session_id = _int(request.GET.get("buoi"), what="buoi")
    if session_id is not None:
        chosen = _managed_session(request, session_id)
        initial = {"head": str(chosen.head_id), "day": chosen.day, "visit": Visit.WALK_IN}
    registration_id = _int(request.GET.get("dang-ky"), what="dang-ky")
    if registration_id is not None:
        registration = (
            Registration.objects.select_related("session__head__unit")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None:
            raise Http404
        _require(user, "reception.manage", registration.session)
        initial.update(
            head=str(registration.session.head_id),
            day=registration.session.day,
            visit=Visit.REGISTERED,
        )
    else:
        initial.setdefault("visit", Visit.WALK_IN)
    form = EntryForm(request.POST or None, heads=_head_choices(heads), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            drafts = []
            if data["petition_kind"]:
                drafts.append(
                    services.PetitionDraft(
                        kind=data["petition_kind"],
                        subject=data["petition_subject"],
                        content=data["content"],
                    )
                )
            try:
                entry = services.entry_record(
                    actor=user,
                    head=_head(heads, data["head"]),
                    day=data["day"],
                    visit=data["visit"],
                    identity=SenderIdentity(
                        name=data["name"],
                        phone=data["phone"],
                        id_number=data["id_number"],
                        address=data["address"],
                    ),
                    content=data["content"],
                    conclusion=data["conclusion"],
                    group_size=data["group_size"],
                    representatives=form.representative_names(),
                    registration=registration,
                    petitions=drafts,
                    ip=ratelimit.client_ip(request),
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi sổ tiếp công dân."))
                return redirect("reception:session", pk=entry.session_id)
        status = 400
    return render(request, "reception/entry_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def entry_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The identity of a person in the log, for the head's office, with a reason (logged)."""
    entry = ReceptionEntry.objects.select_related("session__head__unit").filter(pk=pk).first()
    if entry is None:
        raise Http404
    _require(request.user, "reception.read_identity", entry)
    form = RevealForm(request.POST or None)
    revealed = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                revealed = services.entry_reveal(
                    actor=request.user,
                    entry=entry,
                    reason=form.cleaned_data["reason"],
                    ip=ratelimit.client_ip(request),
                )
            except DomainError as exc:
                form_error(form, exc)
                status = 400
        else:
            status = 400
    response = render(
        request,
        "reception/entry_reveal.html",
        {"entry": entry, "form": form, "revealed": revealed},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


# --- the Front's supervision --------------------------------------------------------------------


def _bases(
    rows: list[selectors.MonthRow],
) -> tuple[list[dict[str, Any]], list[tuple[selectors.MonthRow, int | None]]]:
    """The rules of a head's months, each legal basis once (numbered in order of first use, with
    the first and last month it applies to), and each month with the number of its rule
    (``None``: no rule): the table cites the number, not the whole basis on every row."""
    bases: list[dict[str, Any]] = []
    number: dict[int, int] = {}
    lines: list[tuple[selectors.MonthRow, int | None]] = []
    for row in rows:
        if row.rule is None:
            lines.append((row, None))
            continue
        if row.rule.pk not in number:
            number[row.rule.pk] = len(bases) + 1
            bases.append({"n": len(bases) + 1, "basis": row.basis, "first": row.label})
        n = number[row.rule.pk]
        bases[n - 1]["last"] = row.label
        lines.append((row, n))
    return bases, lines


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    """Per head and month: receptions held in person against the legal minimum, delegated,
    missed; a finished month short of the minimum is flagged, and so is a session delegated to a
    deputy where the rule of the month forbids it (counted as not held, with the reason)."""
    user = cast(User, request.user)
    _require(user, "reception.supervise")
    now = today()
    default_start = selectors.supervision_start(now)
    typed = {"tu": request.GET.get("tu", ""), "den": request.GET.get("den", "")}
    error = ""
    try:
        start = _month(typed["tu"], default_start)
        end_month = _month(typed["den"], now.replace(day=1))
        # One head (the task list links to a flagged month of one head).
        head_id = _int(request.GET.get("nguoi"), what="nguoi")
    except BadRequest as exc:
        error = str(exc)
    else:
        if end_month < start:
            error = _("Tháng bắt đầu phải trước tháng kết thúc.")
        elif (end_month.year - start.year) * 12 + end_month.month - start.month > 36:
            error = _("Khoảng thời gian phải từ 1 đến 36 tháng, tháng đầu trước tháng cuối.")
    if error:
        # The same page, the months as typed and the reason; no table (nothing to show).
        return render(
            request,
            "reception/supervision.html",
            {"groups": [], "typed": typed, "error": error},
            status=400,
        )
    end = selectors.month_bounds(end_month.year, end_month.month)[1]
    heads = selectors.heads_for_supervisor(user=user).filter(valid_from__lte=end)
    if head_id is not None:
        heads = heads.filter(pk=head_id)
    groups = []
    for head in heads:
        rows = selectors.head_months(head=head, start=start, end=end)
        if rows:
            bases, lines = _bases(rows)
            groups.append(
                {
                    "head": head,
                    "rows": rows,
                    "bases": bases,
                    "lines": lines,
                    "short": sum(r.short for r in rows),
                    "unlawful": sum(r.delegated_unlawfully for r in rows),
                }
            )
    return render(
        request,
        "reception/supervision.html",
        {
            "groups": groups,
            "typed": {"tu": start.strftime("%Y-%m"), "den": end_month.strftime("%Y-%m")},
            "head_id": head_id,
        },
    )
