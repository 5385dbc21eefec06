"""Officer pages: programmes, activities step by step, findings, recommendations, boards,
positions, the period report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core.documents import issuing
from ykien.core.models import Unit
from ykien.core.pickers import record_id
from ykien.core.selectors import today
from ykien.oversight import documents, selectors, services
from ykien.oversight.forms import (
    ActivityCreateForm,
    AgreeForm,
    BoardMemberForm,
    CancelForm,
    CloseActivityForm,
    CloseRecommendationForm,
    DecideForm,
    DocumentForm,
    EscalateForm,
    FindingForm,
    NotifyForm,
    PeriodReportForm,
    PositionForm,
    ProgrammeForm,
    ProgrammeItemEditForm,
    ProgrammeItemForm,
    RecommendationForm,
    ReportForm,
    SessionForm,
    StartForm,
    SubjectReportForm,
)
from ykien.oversight.forms_lists import PositionListForm
from ykien.oversight.lifecycle import (
    ACTIVITY_FINDINGS_OPEN,
    PROGRAMME,
    RECOMMENDATION,
    activity_actions,
    may_answer,
    needs_countersign,
    programme_item_actions,
    recommendation_actions,
)
from ykien.oversight.models import (
    Activity,
    ActivityStatus,
    Programme,
    ProgrammeItem,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.views.common import attempt, current_user, require


def _staff_or_404(request: HttpRequest) -> None:
    user = current_user(request)
    if not (user.is_superuser or selectors.front_units_for(user=user)):
        raise DjangoPermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The supervision desk: programmes, activities, recommendations to follow up."""
    user = current_user(request)
    units = selectors.front_units_for(user=user)
    if not units and not user.is_superuser:
        if selectors.recommendations_for_respondent(user=user).exists():
            return redirect("oversight:respondent_list")
        raise DjangoPermissionDenied
    activities = selectors.activities_in_scope(user=user)
    status = request.GET.get("trang-thai", "")
    if status in ActivityStatus.values:
        activities = activities.filter(status=status)
    page = Paginator(activities.order_by("-planned_on", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    day = today()
    rows = [(a, selectors.activity_next_step(activity=a)) for a in page]
    return render(
        request,
        "oversight/dashboard.html",
        {
            "programmes": selectors.programmes_in_scope(user=user)[:10],
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": ActivityStatus.choices,
            "today": day,
            "units": units,
            "boards": [b for u in units for b in selectors.boards_under(unit=u)][:20],
        },
    )


# --------------------------------------------------------------------------- programmes


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    units = selectors.front_units_for(user=user)
    if not units:
        raise DjangoPermissionDenied
    day = today()
    form = ProgrammeForm(
        request.POST or None,
        units=units,
        initial={"unit": units[0].pk, "year": day.year + 1, "made_on": day},
    )
    if request.method == "POST" and form.is_valid():
        ok, programme = attempt(
            form, lambda: services.programme_create(actor=user, **form.cleaned_data)
        )
        if ok:
            messages.success(request, _("Đã tạo chương trình giám sát."))
            return redirect("oversight:programme_detail", pk=programme.pk)
    return render(request, "oversight/programme_form.html", {"form": form})


def _programme_page(
    request: HttpRequest, programme: Programme, **forms_: forms.Form
) -> HttpResponse:
    context: dict[str, Any] = {
        "programme": programme,
        "items": programme.items.select_related("subject", "lead_unit").prefetch_related(
            "activities", "events"
        ),
        "item_form": forms_.get("item_form") or ProgrammeItemForm(),
        "agree_form": forms_.get("agree_form") or AgreeForm(initial={"agreed_on": today()}),
        "can_manage": request.user.has_perm("oversight.manage_programme", programme),
        "can_agree": PROGRAMME.can(request.user, programme, "agree"),
    }
    return render(request, "oversight/programme_detail.html", context)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("unit"), pk=pk)
    require(request, "oversight.manage_programme", programme)
    return _programme_page(request, programme)


@login_required
@require_POST
def programme_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    user = require(request, "oversight.manage_programme", programme)
    form = ProgrammeItemForm(request.POST)
    if form.is_valid():
        ok, _item = attempt(
            form,
            lambda: services.programme_item_add(
                actor=user, programme=programme, **form.cleaned_data
            ),
        )
        if ok:
            messages.success(request, _("Đã thêm nội dung vào chương trình."))
            return redirect("oversight:programme_detail", pk=pk)
    return _programme_page(request, programme, item_form=form)


@login_required
@require_POST
def programme_agree(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    user = require(request, "oversight.agree_programme", programme)
    form = AgreeForm(request.POST)
    if form.is_valid():
        ok, _p = attempt(
            form,
            lambda: services.programme_agree(actor=user, programme=programme, **form.cleaned_data),
        )
        if ok:
            messages.success(request, _("Chương trình đã được thống nhất và ban hành."))
            return redirect("oversight:programme_detail", pk=pk)
    return _programme_page(request, programme, agree_form=form)


# The item's page holds the edit and the cancel forms, both with a ``reason``: ids kept apart.
CANCEL_IDS = "cancel-%s"


def _item_page(request: HttpRequest, item: ProgrammeItem, **forms_: forms.Form) -> HttpResponse:
    actions = {edge.action for edge in programme_item_actions(request.user, item)}
    initial = {
        "content": item.content,
        "form": item.form,
        "subject": item.subject_id,
        "time_text": item.time_text,
        "planned_quarter": item.planned_quarter,
        "lead_unit": item.lead_unit_id,
        "participants": item.participants,
    }
    context: dict[str, Any] = {
        "item": item,
        "programme": item.programme,
        "events": item.events.select_related("actor"),
        # A form sent back with its errors is shown even when the step is no longer offered.
        "edit_form": forms_.get("edit_form")
        or (ProgrammeItemEditForm(initial=initial) if "edit" in actions else None),
        "cancel_form": forms_.get("cancel_form")
        or (CancelForm(auto_id=CANCEL_IDS) if "cancel" in actions else None),
        "has_activity": item.activities.exists(),
    }
    status = 400 if forms_ else 200
    return render(request, "oversight/programme_item.html", context, status=status)


def _item(pk: int) -> ProgrammeItem:
    return get_object_or_404(
        ProgrammeItem.objects.select_related("programme__unit", "subject", "lead_unit"), pk=pk
    )


@login_required
def programme_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An item of a programme: its history; correct it (``PROGRAMME_ITEM`` edit)."""
    item = _item(pk)
    user = require(request, "oversight.manage_programme", item.programme)
    if request.method != "POST":
        return _item_page(request, item)
    form = ProgrammeItemEditForm(request.POST)
    if form.is_valid():
        ok, _i = attempt(
            form, lambda: services.programme_item_edit(actor=user, item=item, **form.cleaned_data)
        )
        if ok:
            messages.success(request, _("Đã sửa nội dung chương trình."))
            return redirect("oversight:programme_detail", pk=item.programme_id)
    return _item_page(request, item, edit_form=form)


@login_required
@require_POST
def programme_item_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    user = require(request, "oversight.manage_programme", item.programme)
    form = CancelForm(request.POST, auto_id=CANCEL_IDS)
    if form.is_valid():
        ok, _i = attempt(
            form,
            lambda: services.programme_item_cancel(
                actor=user, item=item, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã hủy nội dung chương trình."))
            return redirect("oversight:programme_detail", pk=item.programme_id)
    return _item_page(request, item, cancel_form=form)


# --------------------------------------------------------------------------- activities


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    units = selectors.front_units_for(user=user)
    if not units:
        raise DjangoPermissionDenied
    initial: dict[str, Any] = {"unit": units[0].pk, "planned_on": today()}
    item_id = record_id(request.GET.get("noi-dung"))
    form = ActivityCreateForm(request.POST or None, units=units, initial=initial)
    if item_id is not None and request.method != "POST":
        item = form.fields["programme_item"].queryset.filter(pk=item_id).first()  # type: ignore[attr-defined]
        if item is not None:
            form.initial.update(
                {
                    "programme_item": item.pk,
                    "unit": item.programme.unit_id,
                    "form": item.form,
                    "content": item.content,
                    "title": item.content[:200],
                    "subject": item.subject_id,
                }
            )
    follows_id = record_id(request.GET.get("giam-sat-lai"))
    follows = None
    if follows_id is not None:
        follows = selectors.activities_in_scope(user=user).filter(pk=follows_id).first()
        if follows is not None and request.method != "POST":
            form.initial.update(
                {
                    "unit": follows.unit_id,
                    "subject": follows.subject_id,
                    "title": _("Giám sát lại: %(title)s") % {"title": follows.title},
                    "content": follows.content,
                }
            )
    if request.method == "POST" and form.is_valid():
        ok, activity = attempt(
            form,
            lambda: services.activity_create(actor=user, follows=follows, **form.cleaned_data),
        )
        if ok:
            messages.success(request, _("Đã lập kế hoạch cuộc giám sát."))
            return redirect("oversight:activity_detail", pk=activity.pk)
    return render(request, "oversight/activity_form.html", {"form": form, "follows": follows})


# The form of each step of an activity's lifecycles (its address: the action, "-" for "_"), and of
# the other writes on the activity's page.
STEP_FORMS: dict[str, type[forms.Form]] = {
    "start": StartForm,
    "decide": DecideForm,
    "notify": NotifyForm,
    "subject_report": SubjectReportForm,
    "session": SessionForm,
    "report": ReportForm,
    "close": CloseActivityForm,
    "cancel": CancelForm,
    "finding": FindingForm,
    "document": DocumentForm,
}


def _slug(action: str) -> str:
    return action.replace("_", "-")


def _step_initial(activity: Activity) -> dict[str, dict[str, Any]]:
    day = today()
    return {
        "start": {"on": day},
        "decide": {"decision_date": day},
        "notify": {"notice_sent_on": day, "session_date": activity.session_date},
        "subject_report": {"received_on": day},
        "session": {"held_on": activity.session_date},
        "report": {"report_date": day},
        "close": {"on": day},
    }


def _previous_recs(activity: Activity) -> Any:
    if activity.follows_id is None:
        return None
    return Recommendation.objects.filter(activity_id=activity.follows_id).exclude(
        status=RecommendationStatus.DRAFT
    )


def _activity_page(
    request: HttpRequest,
    activity: Activity,
    *,
    bound: dict[str, forms.Form] | None = None,
    warning: str = "",
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    initial = _step_initial(activity)
    step_forms = [  # the steps the lifecycle of the activity's form offers this user now
        (
            _slug(edge.action),
            str(edge.label),
            bound.get(edge.action) or STEP_FORMS[edge.action](initial=initial.get(edge.action, {})),
        )
        for edge in activity_actions(current_user(request), activity)
    ]
    findings = activity.findings.all()
    rec_form = bound.get("recommendation") or RecommendationForm(
        findings=findings, activity=activity, previous=_previous_recs(activity)
    )
    day = today()
    timeline = selectors.activity_timeline(activity=activity)
    return render(
        request,
        "oversight/activity_detail.html",
        {
            "activity": activity,
            "timeline": [(step, step.state(day)) for step in timeline],
            "step_forms": step_forms,
            "finding_form": bound.get("finding") or FindingForm(),
            "document_form": bound.get("document") or DocumentForm(),
            "rec_form": rec_form,
            "findings": findings,
            "documents": activity.documents.all(),
            "recommendations": selectors.with_answers(
                activity.recommendations.select_related("addressee", "finding")
            ),
            "can_manage": request.user.has_perm("oversight.manage_activity", activity),
            "is_leader": request.user.has_perm("oversight.confirm_short_notice", activity),
            "findings_open": activity.status in ACTIVITY_FINDINGS_OPEN,
            "warning": warning,
            "today": day,
            "followups": activity.followups.all(),
        },
        status=status,
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("unit", "subject", "board", "programme_item", "follows"),
        pk=pk,
    )
    require(request, "oversight.view_activity", activity)
    return _activity_page(request, activity)


def _step_call(
    action: str, user: Any, activity: Activity, data: dict[str, Any], files: Any
) -> Callable[[], Any]:
    calls: dict[str, Callable[[], Any]] = {
        "start": lambda: services.activity_start(actor=user, activity=activity, on=data.get("on")),
        "decide": lambda: services.team_decide(actor=user, activity=activity, **data),
        "notify": lambda: services.team_notify(actor=user, activity=activity, **data),
        "subject_report": lambda: services.subject_report_receive(
            actor=user, activity=activity, **data
        ),
        "session": lambda: services.team_session_record(actor=user, activity=activity, **data),
        "report": lambda: services.activity_report(actor=user, activity=activity, **data),
        "close": lambda: services.activity_close(actor=user, activity=activity, **data),
        "cancel": lambda: services.activity_cancel(actor=user, activity=activity, **data),
        "finding": lambda: services.finding_add(actor=user, activity=activity, **data),
        "document": lambda: services.activity_document_add(
            actor=user, activity=activity, kind=data["kind"], file=data["file"]
        ),
        "recommendation": lambda: services.recommendation_create(
            actor=user, activity=activity, **data
        ),
    }
    return calls[action]


@login_required
@require_POST
def activity_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of an activity (the form of that step); errors re-render the page with the input."""
    activity = get_object_or_404(Activity.objects.select_related("unit", "subject", "board"), pk=pk)
    user = require(request, "oversight.manage_activity", activity)
    action = action.replace("-", "_")
    if action == "recommendation":
        form: forms.Form = RecommendationForm(
            request.POST,
            findings=activity.findings.all(),
            activity=activity,
            previous=_previous_recs(activity),
        )
    elif action in STEP_FORMS:
        form = STEP_FORMS[action](request.POST, request.FILES)
    else:
        raise Http404
    warning = ""
    if form.is_valid():
        ok, result = attempt(
            form, _step_call(action, user, activity, dict(form.cleaned_data), request.FILES)
        )
        if ok:
            messages.success(request, _("Đã cập nhật cuộc giám sát."))
            if action == "recommendation":
                return redirect("oversight:recommendation_detail", pk=result.pk)
            return redirect(reverse("oversight:activity_detail", args=[pk]) + f"#{_slug(action)}")
        if isinstance(result, services.ShortNoticeWarning):
            warning = str(result.message)
    activity.refresh_from_db()
    shown = {edge.action for edge in activity_actions(user, activity)} | {"document"}
    if activity.status in ACTIVITY_FINDINGS_OPEN:
        shown |= {"finding", "recommendation"} if activity.findings.exists() else {"finding"}
    if action not in shown:  # its form is not on the page: say why the step was refused
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return _activity_page(request, activity, bound={action: form}, warning=warning, status=400)


@login_required
def activity_report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("unit", "subject"), pk=pk)
    require(request, "oversight.view_activity", activity)
    spec = documents.activity_report_spec(activity=activity)
    return issuing.respond(spec, fmt=fmt, filename=f"bao-cao-giam-sat-{activity.pk}")


@login_required
def period_report(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    units = selectors.front_units_for(user=user)
    if not units:
        raise DjangoPermissionDenied
    day = today()
    form = PeriodReportForm(
        request.GET or None,
        units=units,
        initial={"unit": units[0].pk, "year": day.year, "fmt": "docx"},
    )
    if request.GET and form.is_valid():
        data = form.cleaned_data
        spec = documents.period_report_spec(
            unit=data["unit"], year=data["year"], quarter=data["quarter"], today=day
        )
        suffix = f"{data['year']}" + (f"-q{data['quarter']}" if data["quarter"] else "")
        return issuing.respond(spec, fmt=data["fmt"], filename=f"bao-cao-giam-sat-{suffix}")
    return render(request, "oversight/period_report.html", {"form": form})


# --------------------------------------------------------------------------- recommendations


def _rec_page(
    request: HttpRequest,
    rec: Recommendation,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    day = today()
    user = current_user(request)
    actions = {edge.action for edge in recommendation_actions(user, rec, day)}
    return render(
        request,
        "oversight/recommendation_detail.html",
        {
            "rec": rec,
            "answers": rec.answers.select_related("respondent", "unit").prefetch_related(
                "documents"
            ),
            "events": rec.events.select_related("actor"),
            "overdue": rec.is_overdue(day),
            "escalation_target": services.escalation_target(rec),
            "escalate_form": bound.get("escalate") or EscalateForm(),
            "close_form": bound.get("close") or CloseRecommendationForm(),
            "actions": actions,  # what the lifecycle lets this user do now
            "can_follow": user.has_perm("oversight.follow_up", rec),
            "can_answer": may_answer(user, rec),
            "needs_countersign": needs_countersign(rec),
            "repeats": rec.repeats.select_related("activity"),
            "today": day,
        },
        status=status,
    )


def _get_rec(pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related(
            "activity",
            "activity__unit",
            "activity__board",
            "addressee",
            "issuer",
            "finding",
            "addressee_position",
            "escalated_to",
            "previous",
            "countersigned_by",
        ),
        pk=pk,
    )


@login_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _get_rec(pk)
    require(request, "oversight.view_recommendation", rec)
    return _rec_page(request, rec)


@login_required
@require_POST
def recommendation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    rec = _get_rec(pk)
    if action not in ("issue", "countersign", "escalate", "close"):
        raise Http404
    # Not allowed at all: 403; allowed but not now (state, countersignature …): 400 with the reason.
    user = require(request, RECOMMENDATION.edge(action).permission, rec)
    form: forms.Form
    call: Callable[[], Any]
    if action == "issue":
        form = forms.Form(request.POST)
        call = lambda: services.recommendation_issue(actor=user, recommendation=rec)  # noqa: E731
    elif action == "countersign":
        form = forms.Form(request.POST)
        call = lambda: services.recommendation_countersign(actor=user, recommendation=rec)  # noqa: E731
    elif action == "escalate":
        form = EscalateForm(request.POST)
        call = lambda: services.recommendation_escalate(  # noqa: E731
            actor=user, recommendation=rec, note=form.cleaned_data["note"]
        )
    else:
        form = CloseRecommendationForm(request.POST)
        call = lambda: services.recommendation_close(  # noqa: E731
            actor=user, recommendation=rec, note=form.cleaned_data["note"]
        )
    if form.is_valid():
        ok, _result = attempt(form, call)
        if ok:
            messages.success(request, _("Đã cập nhật kiến nghị."))
            return redirect("oversight:recommendation_detail", pk=pk)
        for error in form.non_field_errors():
            messages.error(request, str(error))
    rec.refresh_from_db()
    return _rec_page(request, rec, bound={action: form}, status=400)


# --------------------------------------------------------------------------- boards, positions


@login_required
def board_detail(request: HttpRequest, code: str) -> HttpResponse:
    board = get_object_or_404(
        Unit.objects.select_related("parent"),
        code=code,
        kind__in=list(services.BOARD_KINDS),
    )
    probe = Activity(unit=board.parent) if board.parent else None
    user = require(request, "oversight.view_activity", probe)
    form = BoardMemberForm(request.POST or None, initial={"valid_from": today()})
    can_manage = user.has_perm("oversight.manage_activity", probe)
    if request.method == "POST":
        if not can_manage:
            raise DjangoPermissionDenied
        if form.is_valid():
            ok, _m = attempt(
                form,
                lambda: services.board_member_add(actor=user, board=board, **form.cleaned_data),
            )
            if ok:
                messages.success(request, _("Đã thêm thành viên Ban."))
                return redirect("oversight:board_detail", code=code)
    return render(
        request,
        "oversight/board_detail.html",
        {
            "board": board,
            "members": selectors.board_members(board=board, on=today()),
            "activities": Activity.objects.filter(board=board).select_related("subject"),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def positions(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request)
    user = current_user(request)
    form = PositionForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        ok, _p = attempt(
            form,
            lambda: services.position_create(actor=user, **form.cleaned_data),
        )
        if ok:
            messages.success(request, _("Đã thêm chức danh."))
            return redirect("oversight:positions")
    status = 200
    filters = PositionListForm(request.GET)
    page = None
    if filters.is_valid():
        page = lists.page_of(
            filters, selectors.positions_list(terms=filters.terms, ordering=filters.ordering())
        )
    if page is None:
        status = 400
    return render(
        request,
        "oversight/positions.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "columns": lists.sort_columns(
                filters, [("unit", _("Đơn vị")), ("title", _("Chức danh"))]
            ),
            "sorted_by": filters.sorted_by(),
        },
        status=status,
    )


@login_required
def positions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered positions (every page) as CSV or XLSX (formula-safe)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _staff_or_404(request)
    filters = PositionListForm(request.GET)
    if not filters.is_valid():
        return positions(request)
    rows = [
        [p.unit.name, p.title]
        for p in selectors.positions_list(terms=filters.terms, ordering=filters.ordering())
    ]
    return lists.export(
        fmt,
        filename="chuc-danh",
        title=_("Chức danh lãnh đạo"),
        header=[_("Đơn vị"), _("Chức danh")],
        rows=rows,
    )
