"""Pages of the petitions app: the public form, receipt and status page, statistics; the
officer's lists, intake, handling and the audited reveal of a sender's identity."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from ykien.core import charts, ratelimit
from ykien.core.calendar import quarter_or_year
from ykien.core.errors import DomainError, NotFound
from ykien.core.forms import form_error
from ykien.core.models import Unit, User
from ykien.core.permissions import allows
from ykien.core.pickers import record_id
from ykien.core.pii import confidential
from ykien.core.redact import csv_cell
from ykien.core.selectors import today as local_today
from ykien.petitions import files, forms, lifecycle, receipts, selectors, services
from ykien.petitions.lifecycle import PETITION
from ykien.petitions.models import Attachment, Channel, Kind, Petition, Status
from ykien.petitions.permissions import TrackingCodeHolder

LOOKUP_LIMIT = (20, 3600)  # tracking-code look-ups per address per hour
SUBMIT_LIMIT = (5, 600)  # petitions sent per address per 10 minutes
# posts of the form per address per 10 minutes, sent or sent back with errors (captcha guessing)
TRY_LIMIT = (30, 600)
RATE_LIMIT = (10, 3600)
IDENTITY_FIELDS = ("name", "id_number", "phone", "email", "address")


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "petitions/rate_limited.html", status=429)
    response["Retry-After"] = "3600"
    return response


# --- public ----------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "petitions/home.html",
        {"lookup": forms.LookupForm(), "kinds": [(k, forms.KIND_HELP[k]) for k in Kind]},
    )


#: The session's form tokens of files kept while a form is corrected (``services.pending``):
#: the last few, so that a second tab does not drop the first one's files.
PENDING_SESSION_KEY = "petitions_pending_tokens"
PENDING_TOKENS = 5


def _pending_token(request: HttpRequest) -> str | None:
    """The posted form token, if it is one this session was given."""
    token = str(request.POST.get("upload_token", ""))
    known = request.session.get(PENDING_SESSION_KEY, [])
    return token if token and token in known else None


def _pending_new_token(request: HttpRequest) -> str:
    token = services.pending_token_new()
    known = [*request.session.get(PENDING_SESSION_KEY, []), token]
    request.session[PENDING_SESSION_KEY] = known[-PENDING_TOKENS:]
    return token


def _pending_drop(request: HttpRequest, token: str | None) -> None:
    """Remove the kept files the sender ticked (``pending_remove``: their ids; others ignored)."""
    ids = [n for v in request.POST.getlist("pending_remove") if (n := record_id(v)) is not None]
    if token and ids:
        services.pending_remove(token=token, ids=ids)


def _within_file_limit(form: forms.PublicPetitionForm, *, kept: int) -> bool:
    """False, with the error on the form and the new files dropped, when the files kept from
    before and those just chosen are more than ``files.MAX_FILES``."""
    if "attachments" in form.errors or kept + len(form.uploads) <= files.MAX_FILES:
        return True
    form.add_error(
        "attachments",
        _("Tối đa %(n)s tệp đính kèm; bạn đã có %(k)s tệp ở trên.")
        % {"n": files.MAX_FILES, "k": kept},
    )
    form.uploads = []
    return False


@confidential
@sensitive_post_parameters(*IDENTITY_FIELDS)
@sensitive_variables()
def submit(request: HttpRequest) -> HttpResponse:
    """The public form: captcha, rate limit per address, every typed value kept on error, and
    every file that passed the checks kept too (``services.pending``), listed with a box to
    remove each, and attached when the form is sent."""
    form = forms.PublicPetitionForm(request.POST or None, request.FILES or None)
    status = 200
    token = _pending_token(request) if request.method == "POST" else None
    if request.method == "POST":
        _pending_drop(request, token)
        kept = services.pending_files(token=token) if token else []
        # Only petitions that would be sent count against the limit of sent petitions, so that a
        # citizen correcting mistakes is not locked out; when a limit is reached the page comes
        # back with everything typed and nothing is sent.
        valid = form.is_valid()
        valid = _within_file_limit(form, kept=len(kept)) and valid
        tried = ratelimit.allow(
            request, "petitions.submit_try", limit=TRY_LIMIT[0], window=TRY_LIMIT[1]
        )
        if not tried and form.uploads:  # past the limit of tries nothing more is stored
            form.add_error(
                "attachments", _("Các tệp vừa chọn chưa được giữ lại; xin chọn lại khi gửi lại.")
            )
            form.uploads = []
        if not tried or (
            valid
            and not ratelimit.allow(
                request, "petitions.submit", limit=SUBMIT_LIMIT[0], window=SUBMIT_LIMIT[1]
            )
        ):
            form.add_error(
                None,
                _(
                    "Đã có quá nhiều đơn gửi từ địa chỉ mạng này trong 10 phút. Nội dung bạn nhập "
                    "vẫn còn dưới đây; xin gửi lại sau ít phút."
                ),
            )
            status = 429
            valid = False
        if valid:
            data = form.cleaned_data
            try:
                uploads = (services.pending_take(token=token) if token else []) + form.uploads
                petition = services.petition_submit(
                    actor=request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    content=data["content"],
                    unit=data["unit"],
                    identity=form.identity(),
                    anonymous=bool(data.get("anonymous")),
                    channel=Channel.WEB,
                    category=data.get("category"),
                    place_address=data.get("place_address", ""),
                    lat=data.get("lat"),
                    lng=data.get("lng"),
                    publish=bool(data.get("publish")),
                    uploads=uploads,
                    sender_account=request.user if request.user.is_authenticated else None,
                    ip=ratelimit.client_ip(request),
                )
            except DomainError as exc:
                # nothing was sent: the petition does not count against the limit
                ratelimit.release(request, "petitions.submit", window=SUBMIT_LIMIT[1])
                form_error(form, exc)
            else:
                if token:
                    services.pending_discard(token=token)
                request.session["petitions_sent"] = petition.code
                return redirect("petitions:sent")
        if form.uploads:  # checked files of a form that comes back: kept, never chosen again
            token = token or _pending_new_token(request)
            services.pending_keep(token=token, uploads=form.uploads)
    return render(
        request,
        "petitions/submit.html",
        {
            "form": form,
            "kind_help": [(k.value, k.label, forms.KIND_HELP[k]) for k in Kind],
            "upload_token": token or "",
            "pending": services.pending_files(token=token) if token else [],
            "pending_hours": int(services.PENDING_TTL.total_seconds() // 3600),
        },
        status=status,
    )


@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    """The receipt right after sending: the tracking code is shown once, in this session."""
    code = request.session.get("petitions_sent")
    if not code:
        return redirect("petitions:home")
    petition = get_object_or_404(Petition.objects.select_related("unit"), code=code)
    return render(request, "petitions/sent.html", {"petition": petition})


@never_cache
def receipt_pdf(request: HttpRequest, code: str) -> HttpResponse:
    if not ratelimit.allow(
        request, "petitions.lookup", limit=LOOKUP_LIMIT[0], window=LOOKUP_LIMIT[1]
    ):
        return _too_many(request)
    try:
        petition = selectors.petition_by_code(code=code)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    response = HttpResponse(receipts.receipt_pdf(petition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{petition.display_code}.pdf"'
    return response


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """Status by tracking code: steps, dates and the answer; never internal notes. Unknown and
    malformed codes get the same message; look-ups are rate limited per address."""
    form = forms.LookupForm(request.GET or None)
    petition = None
    if form.is_bound:
        if not ratelimit.allow(
            request, "petitions.lookup", limit=LOOKUP_LIMIT[0], window=LOOKUP_LIMIT[1]
        ):
            return _too_many(request)
        if form.is_valid():
            try:
                petition = selectors.petition_by_code(code=form.cleaned_data["ma"])
            except NotFound as exc:
                form.add_error("ma", str(exc.message))
        else:
            form.errors.clear()
            form.add_error("ma", _("Không tìm thấy đơn với mã tra cứu này."))
    return _status_page(request, form, petition, rate_form=None)


def _status_page(
    request: HttpRequest,
    form: forms.LookupForm,
    petition: Petition | None,
    rate_form: forms.RateForm | None,
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "petition": petition}
    if petition is not None:
        context["steps"] = selectors.petition_public_steps(petition=petition)
        context["merged"] = petition.merged_into
        if petition.status == Status.ANSWERED and petition.rating is None:
            context["rate_form"] = rate_form or forms.RateForm(
                initial={"code": petition.display_code}
            )
    response = render(request, "petitions/status.html", context)
    # The address holds the secret code: never sent to another site, but sent to ours, whose forms
    # on this page need it (with "no-referrer" Chromium sends "Origin: null" and the CSRF check
    # refuses the rating and the language switch).
    response["Referrer-Policy"] = "same-origin"
    return response


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    form = forms.RateForm(request.POST)
    if not ratelimit.allow(request, "petitions.rate", limit=RATE_LIMIT[0], window=RATE_LIMIT[1]):
        return _too_many(request)
    code = request.POST.get("code", "")
    try:
        petition = selectors.petition_by_code(code=code)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    if form.is_valid():
        try:
            services.petition_rate(
                actor=TrackingCodeHolder(petition),
                petition=petition,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                ip=ratelimit.client_ip(request),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
            return redirect(f"{reverse('petitions:lookup')}?ma={petition.display_code}")
    lookup_form = forms.LookupForm(initial={"ma": petition.display_code})
    return _status_page(request, lookup_form, petition, rate_form=form)


def _stats_period(form: forms.StatsForm) -> tuple[dt.date, dt.date, Unit | None, str]:
    today = local_today()
    year, quarter, unit = today.year, None, None
    if form.is_valid():
        year = form.cleaned_data.get("year") or year
        quarter = form.cleaned_data.get("quarter")
        unit = form.cleaned_data.get("unit")
    span = quarter_or_year(year, quarter)
    return span.start, span.end, unit, capfirst(span.title)


def statistics(request: HttpRequest) -> HttpResponse:
    """Public statistics per unit and period, small counts suppressed, with bar charts."""
    form = forms.StatsForm(request.GET or None)
    start, end, unit, label = _stats_period(form)
    rows, total = selectors.petition_statistics(
        start=start, end=end, today=local_today(), root=unit
    )
    monthly = selectors.petition_monthly(start=start, end=end, root=unit)

    def shown(n: int | None) -> str:
        return str(selectors.SUPPRESSED) if n is None else str(n)

    by_unit = charts.grouped_bars(
        title=_("Tiếp nhận và giải quyết đúng hạn theo đơn vị"),
        description=_(
            "Số đơn tiếp nhận và số đơn giải quyết đúng hạn của từng đơn vị (số nhỏ được ẩn); "
            "số liệu đầy đủ ở bảng trên."
        ),
        categories=[str(r.label) for r in rows],
        series=[
            charts.Series(_("Tiếp nhận"), "fill-blue", "#2b6cb0"),
            charts.Series(_("Giải quyết đúng hạn"), "fill-green", "#38a169"),
        ],
        values=[[r.received, r.settled_on_time] for r in rows],
        texts=[[shown(r.received), shown(r.settled_on_time)] for r in rows],
    )
    by_month = charts.grouped_bars(
        title=_("Số đơn tiếp nhận theo tháng"),
        description=_("Số đơn tiếp nhận mỗi tháng (số nhỏ được ẩn); số liệu ở bảng dưới."),
        categories=[m for m, _n in monthly],
        series=[charts.Series(_("Tiếp nhận"), "fill-blue", "#2b6cb0")],
        values=[[n] for _m, n in monthly],
        texts=[[shown(n)] for _m, n in monthly],
    )
    return render(
        request,
        "petitions/statistics.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "label": label,
            "monthly": [{"m": m, "n": n} for m, n in monthly],
            "unit_chart": by_unit.svg(ident="bieu-do-don-vi", scroll=True) if rows else "",
            "month_chart": by_month.svg(ident="bieu-do-thang", scroll=True),
            "suppress_below": selectors.SUPPRESS_BELOW,
            "suppress_max": selectors.SUPPRESS_BELOW - 1,
            "suppressed": selectors.SUPPRESSED,
            "query": request.GET.urlencode(),
        },
    )


def statistics_csv(request: HttpRequest) -> HttpResponse:
    from ykien.petitions.exports import statistics_rows

    form = forms.StatsForm(request.GET or None)
    start, end, unit, _label = _stats_period(form)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-don-thu-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response)
    for row in statistics_rows(start=start, end=end, today=local_today(), root=unit):
        writer.writerow([csv_cell(cell) for cell in row])
    return response


# --- staff -----------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not allows(user, "petitions.view_petition"):
        raise DjangoPermissionDenied
    return user


def _petition_for(user: User, pk: int) -> Petition:
    petition = get_object_or_404(
        Petition.objects.select_related("unit", "handler", "category", "merged_into"), pk=pk
    )
    if not allows(user, "petitions.view_petition", petition):
        raise DjangoPermissionDenied
    return petition


@login_required
def staff_due(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    today = local_today()
    return render(
        request,
        "petitions/staff_due.html",
        {
            "units": selectors.petitions_due_by_unit(user=user, today=today),
            "today": today,
            "days": selectors.DUE_SOON_DAYS,
        },
    )


@confidential
@login_required
@sensitive_post_parameters(*IDENTITY_FIELDS)
@sensitive_variables()
def staff_intake(request: HttpRequest) -> HttpResponse:
    """Record a petition received at a citizen-reception session or by post."""
    user = _staff(request)
    scope = selectors.staff_scope_ids(user=user)
    form = forms.IntakeForm(
        request.POST or None,
        request.FILES or None,
        scope=scope,
        initial={"reception_date": local_today(), "intake_channel": Channel.RECEPTION},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = services.petition_submit(
                actor=user,
                kind=data["kind"],
                subject=data["subject"],
                content=data["content"],
                unit=data["unit"],
                identity=form.identity(),
                anonymous=bool(data.get("anonymous")),
                channel=data["intake_channel"],
                category=data.get("category"),
                place_address=data.get("place_address", ""),
                lat=data.get("lat"),
                lng=data.get("lng"),
                publish=bool(data.get("publish")),
                uploads=form.uploads,
                reception_date=data["reception_date"],
                reception_place=data.get("reception_place", ""),
                reception_note=data.get("reception_note", ""),
                ip=ratelimit.client_ip(request),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận đơn #%(id)s. Mã tra cứu của người gửi: %(code)s")
                % {"id": petition.pk, "code": petition.display_code},
            )
            return redirect("petitions:staff_detail", pk=petition.pk)
    return render(request, "petitions/staff_intake.html", {"form": form})


# What a button does, in the imperative. A step's own label (``codes.PetitionAction``) names what
# was done — "Thụ lý" is "Accepted" in the steps and "Accept" on its button — so English needs a
# second word where Vietnamese uses one.
BUTTONS: dict[str, Any] = {
    "classify": pgettext_lazy("thao tác", "Phân loại"),
    "assign": pgettext_lazy("thao tác", "Giao cán bộ xử lý"),
    "accept": pgettext_lazy("thao tác", "Thụ lý"),
    "refuse": pgettext_lazy("thao tác", "Không thụ lý"),
    "transfer": pgettext_lazy("thao tác", "Chuyển đơn"),
    "merge": pgettext_lazy("thao tác", "Gộp đơn trùng"),
    "extend": pgettext_lazy("thao tác", "Gia hạn"),
    "settle": pgettext_lazy("thao tác", "Giải quyết"),
    "answer": pgettext_lazy("thao tác", "Trả lời người gửi"),
}

ACTION_FORMS: dict[str, Any] = {
    "classify": forms.ClassifyForm,
    "assign": forms.AssignForm,
    "accept": None,
    "refuse": forms.RefuseForm,
    "transfer": forms.TransferForm,
    "merge": forms.MergeForm,
    "extend": forms.ReasonForm,
    "settle": forms.SettleForm,
    "answer": forms.AnswerForm,
}


def _action_form(
    action: str, petition: Petition, data: Any = None, *, user: User | None = None
) -> Any:
    cls = ACTION_FORMS[action]
    if cls is None:
        return None
    if cls is forms.MergeForm:
        return cls(data, user=user, petition=petition, prefix=action)
    if cls is forms.AssignForm:
        return cls(
            data,
            handlers=selectors.handlers_for(petition=petition, on=local_today()),
            prefix=action,
        )
    if cls is forms.RefuseForm:
        return cls(data, kind=petition.kind, prefix=action)
    if cls is forms.ClassifyForm and data is None:
        return cls(
            initial={
                "kind": petition.kind,
                "category": petition.category_id,
                "is_second_complaint": petition.is_second_complaint,
                "is_remote": petition.is_remote,
            },
            prefix=action,
        )
    return cls(data, prefix=action)


def _detail(
    request: HttpRequest, user: User, petition: Petition, bound: dict[str, Any] | None = None
) -> HttpResponse:
    can_handle = allows(user, "petitions.handle_petition", petition)
    actions = [
        (
            edge.action,
            BUTTONS[edge.action],
            (bound or {}).get(edge.action) or _action_form(edge.action, petition, user=user),
        )
        for edge in PETITION.actions(user, petition)
        if edge.action in ACTION_FORMS
    ]
    today = local_today()
    return render(
        request,
        "petitions/staff_detail.html",
        {
            "petition": petition,
            "events": petition.events.select_related("actor", "unit").order_by("at", "id"),
            "attachments": petition.attachments.all(),
            "actions": actions,
            "can_handle": can_handle,
            "show_content": can_handle
            or "denunciation" not in (petition.kind, petition.submitted_kind),
            "can_reveal": allows(user, "petitions.reveal_identity", petition),
            "suggestions": selectors.petition_merge_suggestions(petition=petition)
            if can_handle and petition.is_open
            else [],
            "merged": petition.merged_petitions.all(),
            "today": today,
            "overdue": petition.is_overdue(today),
            "refusal": lifecycle.GROUNDS_BY_CODE.get(petition.refusal_ground),
        },
    )


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    return _detail(request, user, _petition_for(user, pk))


@login_required
@require_POST
def staff_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One handling step; on an error the page is shown again with what was typed."""
    user = _staff(request)
    petition = _petition_for(user, pk)
    if action not in ACTION_FORMS:
        raise Http404
    edge = PETITION.edge(action)
    if not allows(user, edge.permission, petition):
        raise DjangoPermissionDenied
    form = _action_form(action, petition, request.POST, user=user)
    if form is not None and not form.is_valid():
        return _detail(request, user, petition, {action: form})
    d = form.cleaned_data if form is not None else {}
    try:
        if action == "classify":
            services.petition_classify(
                actor=user,
                petition=petition,
                kind=d["kind"],
                category=d.get("category"),
                is_second_complaint=d["is_second_complaint"],
                is_remote=d["is_remote"],
            )
        elif action == "assign":
            handler = get_object_or_404(User, pk=d["handler"])
            services.petition_assign(actor=user, petition=petition, handler=handler)
        elif action == "accept":
            services.petition_accept(actor=user, petition=petition)
        elif action == "refuse":
            services.petition_refuse(
                actor=user, petition=petition, ground=d["ground"], note=d["note"]
            )
        elif action == "transfer":
            services.petition_transfer(
                actor=user, petition=petition, to_unit=d["unit"], note=d["note"]
            )
        elif action == "merge":
            into = d["into"]
            services.petition_merge(actor=user, petition=petition, into=into, note=d["note"])
        elif action == "extend":
            services.petition_extend(actor=user, petition=petition, reason=d["reason"])
        elif action == "settle":
            services.petition_settle(actor=user, petition=petition, conclusion=d["conclusion"])
        elif action == "answer":
            services.petition_answer(actor=user, petition=petition, answer=d["answer"])
    except DomainError as exc:
        if form is None:
            messages.error(request, str(exc.message))
            return redirect("petitions:staff_detail", pk=petition.pk)
        form_error(form, exc)
        petition.refresh_from_db()
        return _detail(request, user, petition, {action: form})
    messages.success(request, _("Đã cập nhật: %(a)s.") % {"a": edge.label})
    return redirect("petitions:staff_detail", pk=petition.pk)


@confidential
@login_required
@never_cache
@sensitive_post_parameters("reason")
@sensitive_variables()
def staff_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the sender's identity once, to someone the reveal rule allows, after a reason;
    the read is logged (core.audit.audit_confidential_read)."""
    user = _staff(request)
    petition = _petition_for(user, pk)
    if not allows(user, "petitions.reveal_identity", petition):
        raise DjangoPermissionDenied
    form = forms.ReasonForm(request.POST or None)
    identity = None
    if request.method == "POST" and form.is_valid():
        try:
            identity = services.sender_reveal(
                actor=user,
                petition=petition,
                reason=form.cleaned_data["reason"],
                ip=ratelimit.client_ip(request),
            )
        except DomainError as exc:
            form.add_error("reason", str(exc.message))
    response = render(
        request,
        "petitions/staff_reveal.html",
        {
            "petition": petition,
            "form": form,
            "identity": identity,
            "identity_files": petition.attachments.filter(is_identity=True) if identity else [],
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@confidential
@login_required
@never_cache
@sensitive_post_parameters("reason")
@sensitive_variables()
def staff_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """A file of the petition: identity files only by POST with a reason (reveal rule)."""
    user = _staff(request)
    petition = _petition_for(user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, petition=petition)
    if attachment.is_identity and request.method != "POST":
        return redirect("petitions:staff_reveal", pk=petition.pk)
    try:
        _name, data = services.attachment_read(
            actor=user,
            attachment=attachment,
            reason=request.POST.get("reason", ""),
            ip=ratelimit.client_ip(request),
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            raise DjangoPermissionDenied from exc
        messages.error(request, str(exc.message))
        return redirect("petitions:staff_reveal", pk=petition.pk)
    response = HttpResponse(data, content_type=attachment.content_type)
    # The original name may identify the sender: the download gets a neutral one.
    response["Content-Disposition"] = (
        f'attachment; filename="don-{petition.pk}-tep-{attachment.pk}.{attachment.file_type}"'
    )
    response["Cache-Control"] = "no-store"
    return response
