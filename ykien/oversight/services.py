"""Writes of the supervision domain. Every service checks the actor's permission, validates its
input, changes state in one transaction through the transition maps of ``lifecycle`` and writes
an audit event; side effects (search index, mail) run on commit."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.debug import sensitive_variables

from ykien.core import search
from ykien.core.audit import audit_confidential_read, audit_record, snapshot
from ykien.core.calendar import deadline
from ykien.core.errors import (
    DomainError,
    InvalidTransition,
    PermissionDenied,
    ValidationFailed,
)
from ykien.core.models import Role, Unit, UnitKind, User
from ykien.core.selectors import role_holder_emails, unit_ancestors, user_has_role_at
from ykien.core.selectors import today as core_today
from ykien.core.text import clean_text
from ykien.oversight.lifecycle import (
    ACTIVITY_FINDINGS_OPEN,
    activity_can_move,
    feedback_can_move,
    recommendation_can_move,
)
from ykien.oversight.models import (
    Activity,
    ActivityDocument,
    ActivityForm,
    ActivityStatus,
    Answer,
    AnswerDocument,
    AnswerKind,
    BoardMember,
    ConductFeedback,
    Finding,
    OfficialPosition,
    Programme,
    ProgrammeItem,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)
from ykien.oversight.permissions import can_answer, can_reveal_feedback_sender
from ykien.oversight.uploads import check_upload
from ykien.petitions import services as petition_services
from ykien.petitions import validation as petition_validation
from ykien.petitions.crypto import SenderIdentity

BOARD_KINDS = frozenset({UnitKind.INSPECTION_BOARD.value, UnitKind.INVESTMENT_BOARD.value})
MAX_ANSWER_DAYS = 365


class ShortNoticeWarning(DomainError):
    """The working session is dated too early for the notice to have reached the subject in
    time; a leader must confirm it (the confirmation is stored and audited)."""

    code = "short_notice"

    def __init__(self, message: Any, *, due: dt.date) -> None:
        super().__init__(message, code=self.code, field="session_date")
        self.due = due


def _require(user: User | None, perm: str, obj: Any) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")


def _day(value: dt.date | None) -> dt.date:
    return value if value is not None else core_today()


def _not_future(day: dt.date, *, field: str, what: str) -> None:
    if day > core_today():
        raise ValidationFailed(
            _("%(what)s không thể là ngày trong tương lai (%(day)s).")
            % {"what": what, "day": day.strftime("%d/%m/%Y")},
            code="future_date",
            field=field,
        )


def _text(value: str, *, field: str, what: str, min_length: int = 1) -> str:
    return clean_text(value, field=field, label=what, required=True, min_length=min_length)


def nearest_front_above(unit: Unit) -> Unit | None:
    """The nearest ancestor of ``unit`` that is a front committee (not ``unit`` itself)."""
    for ancestor in reversed(unit_ancestors(unit=unit)):
        if ancestor.kind == UnitKind.FRONT:
            return ancestor
    return None


# --------------------------------------------------------------------------- programme


@transaction.atomic
def programme_create(
    *, actor: User, unit: Unit, year: int, title: str, made_on: dt.date | None = None
) -> Programme:
    """Start a yearly programme of ``unit`` (a front committee) for ``year``, made in the fourth
    quarter of the year before. Raises ``ValidationFailed`` for a second programme of the same
    year or a year that is not the coming one or the current one."""
    probe = Programme(unit=unit)
    _require(actor, "oversight.manage_programme", probe)
    made_on = _day(made_on)
    if unit.kind != UnitKind.FRONT:
        raise ValidationFailed(
            _("Chương trình giám sát do Ủy ban MTTQ xây dựng."), code="not_front", field="unit"
        )
    if year not in (made_on.year, made_on.year + 1):
        raise ValidationFailed(
            _("Chương trình xây dựng ngày %(day)s chỉ có thể cho năm %(this)s hoặc %(next)s.")
            % {
                "day": made_on.strftime("%d/%m/%Y"),
                "this": made_on.year,
                "next": made_on.year + 1,
            },
            code="invalid_year",
            field="year",
        )
    if Programme.objects.filter(unit=unit, year=year).exists():
        raise ValidationFailed(
            _("%(unit)s đã có chương trình giám sát năm %(year)s.")
            % {"unit": unit.name, "year": year},
            code="duplicate",
            field="year",
        )
    programme = Programme.objects.create(
        unit=unit,
        year=year,
        title=_text(title, field="title", what=_("Tên chương trình")),
        made_on=made_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="oversight.programme.create",
        obj=programme,
        unit=unit,
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def programme_item_add(
    *,
    actor: User,
    programme: Programme,
    content: str,
    form: str,
    subject: Unit,
    time_text: str,
    lead_unit: Unit,
    participants: str = "",
    planned_quarter: int | None = None,
) -> ProgrammeItem:
    """Add an item to a draft programme."""
    _require(actor, "oversight.manage_programme", programme)
    if programme.status != Programme.Status.DRAFT:
        raise InvalidTransition(
            _("Chương trình đã thống nhất, không thể sửa."), code="programme_agreed"
        )
    if form not in ActivityForm.values:
        raise ValidationFailed(_("Hình thức giám sát không hợp lệ."), code="invalid", field="form")
    if planned_quarter is not None and planned_quarter not in (1, 2, 3, 4):
        raise ValidationFailed(_("Quý phải từ 1 đến 4."), code="invalid", field="planned_quarter")
    item = ProgrammeItem.objects.create(
        programme=programme,
        order=programme.items.count() + 1,
        content=_text(content, field="content", what=_("Nội dung giám sát")),
        form=form,
        subject=subject,
        time_text=_text(time_text, field="time_text", what=_("Thời gian")),
        planned_quarter=planned_quarter,
        lead_unit=lead_unit,
        participants=participants.strip(),
    )
    audit_record(
        actor=actor,
        action="oversight.programme.item_add",
        obj=item,
        unit=programme.unit,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def programme_agree(
    *, actor: User, programme: Programme, agreed_with: str, agreed_on: dt.date | None = None
) -> Programme:
    """Record that the programme was agreed with the authorities and issue it (draft → agreed)."""
    _require(actor, "oversight.agree_programme", programme)
    programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    if programme.status != Programme.Status.DRAFT:
        raise InvalidTransition(_("Chương trình đã được thống nhất."), code="programme_agreed")
    if not programme.items.exists():
        raise ValidationFailed(_("Chương trình chưa có nội dung nào."), code="empty")
    agreed_on = _day(agreed_on)
    if agreed_on < programme.made_on:
        raise ValidationFailed(
            _("Ngày thống nhất không thể trước ngày xây dựng chương trình."),
            code="invalid_date",
            field="agreed_on",
        )
    before = snapshot(programme)
    programme.agreed_with = _text(agreed_with, field="agreed_with", what=_("Cơ quan thống nhất"))
    programme.agreed_on = agreed_on
    programme.status = Programme.Status.AGREED
    programme.save(update_fields=["agreed_with", "agreed_on", "status"])
    audit_record(
        actor=actor,
        action="oversight.programme.agree",
        obj=programme,
        unit=programme.unit,
        before=before,
        after=snapshot(programme),
    )
    return programme


# --------------------------------------------------------------------------- activities


def _move(activity: Activity, target: str) -> None:
    if not activity_can_move(activity.form, activity.status, target):
        raise InvalidTransition(
            _("Không thể chuyển cuộc giám sát từ “%(from)s” sang “%(to)s”.")
            % {
                "from": ActivityStatus(activity.status).label,
                "to": ActivityStatus(target).label,
            },
            code="invalid_transition",
        )
    activity.status = target


def _lock(activity: Activity) -> Activity:
    return (
        Activity.objects.select_for_update(of=("self",))
        .select_related("unit", "board")
        .get(pk=activity.pk)
    )


@transaction.atomic
def activity_create(
    *,
    actor: User,
    unit: Unit,
    form: str,
    title: str,
    content: str,
    subject: Unit,
    planned_on: dt.date | None = None,
    plan: str = "",
    programme_item: ProgrammeItem | None = None,
    board: Unit | None = None,
    led_by: str = "",
    follows: Activity | None = None,
) -> Activity:
    """Plan a supervision activity run by ``unit`` (a front committee).

    A board activity names its board (a people's inspection or community investment supervision
    board under ``unit``); joining a supervision names the competent body that leads it; a second
    supervision of the same matter names the activity it ``follows``."""
    probe = Activity(unit=unit)
    _require(actor, "oversight.manage_activity", probe)
    if unit.kind != UnitKind.FRONT:
        raise ValidationFailed(
            _("Cuộc giám sát do Ủy ban MTTQ chủ trì."), code="not_front", field="unit"
        )
    if form not in ActivityForm.values:
        raise ValidationFailed(_("Hình thức giám sát không hợp lệ."), code="invalid", field="form")
    if form == ActivityForm.BOARD:
        if board is None or board.kind not in BOARD_KINDS or board.parent_id != unit.pk:
            raise ValidationFailed(
                _(
                    "Chọn Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng thuộc %(unit)s."
                )
                % {"unit": unit.name},
                code="invalid_board",
                field="board",
            )
    else:
        board = None
    if form == ActivityForm.JOINT:
        led_by = _text(led_by, field="led_by", what=_("Cơ quan chủ trì cuộc giám sát"))
    if programme_item is not None and programme_item.programme.unit_id != unit.pk:
        raise ValidationFailed(
            _("Nội dung chương trình thuộc đơn vị khác."), code="invalid", field="programme_item"
        )
    activity = Activity.objects.create(
        unit=unit,
        form=form,
        title=_text(title, field="title", what=_("Tên cuộc giám sát")),
        content=_text(content, field="content", what=_("Nội dung giám sát")),
        subject=subject,
        planned_on=_day(planned_on),
        plan=plan.strip(),
        programme_item=programme_item,
        board=board,
        led_by=led_by.strip(),
        follows=follows,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="oversight.activity.create",
        obj=activity,
        unit=unit,
        after=snapshot(activity),
    )
    return activity


def _activity_save(
    *, actor: User, activity: Activity, before: dict[str, Any] | None, action: str, reason: str = ""
) -> Activity:
    activity.save()
    audit_record(
        actor=actor,
        action=action,
        obj=activity,
        unit=activity.unit,
        before=before,
        after=snapshot(activity),
        reason=reason,
    )
    return activity


@transaction.atomic
def activity_start(*, actor: User, activity: Activity, on: dt.date | None = None) -> Activity:
    """Start a document review, a board's supervision or a joint supervision (planned → in progress)."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.IN_PROGRESS)
    activity.started_on = _day(on)
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.start"
    )


@transaction.atomic
def team_decide(
    *,
    actor: User,
    activity: Activity,
    decision_number: str,
    decision_date: dt.date,
    team_members: str,
) -> Activity:
    """Record the decision founding the supervision team (planned → decided)."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.DECIDED)
    if decision_date < activity.planned_on:
        raise ValidationFailed(
            _("Ngày quyết định không thể trước ngày lập kế hoạch (%(day)s).")
            % {"day": activity.planned_on.strftime("%d/%m/%Y")},
            code="invalid_date",
            field="decision_date",
        )
    activity.decision_number = _text(
        decision_number, field="decision_number", what=_("Số quyết định")
    )
    activity.decision_date = decision_date
    activity.team_members = _text(team_members, field="team_members", what=_("Thành phần đoàn"))
    activity.started_on = decision_date
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.decide"
    )


def _check_notice(
    *,
    actor: User,
    activity: Activity,
    session_date: dt.date,
    notice_sent_on: dt.date,
    confirm_short_notice: bool,
    reason: str,
) -> bool:
    """True when the notice was late and a leader confirmed; raises ``ShortNoticeWarning`` when it
    was late and nobody (or not a leader) confirmed."""
    due = deadline("supervision.notice", session_date)
    if notice_sent_on <= due.due:
        return False
    message = _(
        "Ngày làm việc %(session)s quá sớm: thông báo gửi ngày %(sent)s, trong khi phải gửi "
        "chậm nhất ngày %(due)s (%(basis)s). Lãnh đạo phải xác nhận để tiếp tục."
    ) % {
        "session": session_date.strftime("%d/%m/%Y"),
        "sent": notice_sent_on.strftime("%d/%m/%Y"),
        "due": due.due.strftime("%d/%m/%Y"),
        "basis": due.basis_text,
    }
    if not confirm_short_notice:
        raise ShortNoticeWarning(message, due=due.due)
    if not actor.has_perm("oversight.confirm_short_notice", activity):
        raise PermissionDenied(
            _("Chỉ lãnh đạo mới được xác nhận thời hạn thông báo ngắn hơn quy định."),
            code="leader_required",
        )
    if len(reason.strip()) < 5:
        raise ValidationFailed(
            _("Phải nêu lý do xác nhận (ít nhất 5 ký tự)."), code="reason_required", field="reason"
        )
    return True


def _confirm_short_notice(*, actor: User, activity: Activity, reason: str) -> None:
    activity.short_notice_confirmed_by = actor
    activity.short_notice_confirmed_at = timezone.now()
    activity.short_notice_reason = reason.strip()
    audit_record(
        actor=actor,
        action="oversight.activity.short_notice_confirmed",
        obj=activity,
        unit=activity.unit,
        after={
            "session_date": activity.session_date.isoformat() if activity.session_date else None,
            "notice_sent_on": activity.notice_sent_on.isoformat()
            if activity.notice_sent_on
            else None,
        },
        reason=reason.strip(),
    )


@transaction.atomic
def team_notify(
    *,
    actor: User,
    activity: Activity,
    session_date: dt.date,
    notice_sent_on: dt.date | None = None,
    confirm_short_notice: bool = False,
    reason: str = "",
) -> Activity:
    """Record that the plan and the request reached the subject, with the date of the working
    session (decided → notified). The notice must reach the subject at least 15 days before the
    session (``supervision.notice``); otherwise ``ShortNoticeWarning`` unless a leader confirms."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.NOTIFIED)
    sent = _day(notice_sent_on)
    _not_future(sent, field="notice_sent_on", what=_("Ngày gửi thông báo"))
    if activity.decision_date and sent < activity.decision_date:
        raise ValidationFailed(
            _("Ngày gửi thông báo không thể trước ngày quyết định thành lập đoàn."),
            code="invalid_date",
            field="notice_sent_on",
        )
    if session_date <= sent:
        raise ValidationFailed(
            _("Ngày làm việc phải sau ngày gửi thông báo."),
            code="invalid_date",
            field="session_date",
        )
    confirmed = _check_notice(
        actor=actor,
        activity=activity,
        session_date=session_date,
        notice_sent_on=sent,
        confirm_short_notice=confirm_short_notice,
        reason=reason,
    )
    activity.session_date = session_date
    activity.notice_sent_on = sent
    if confirmed:
        _confirm_short_notice(actor=actor, activity=activity, reason=reason)
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.notify"
    )


@transaction.atomic
def subject_report_receive(
    *, actor: User, activity: Activity, received_on: dt.date | None = None
) -> Activity:
    """Record the day the subject's report arrived (due at least 7 days before the session,
    ``supervision.subject_report``; a late report is recorded and shown as late)."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    if activity.form != ActivityForm.TEAM or activity.status != ActivityStatus.NOTIFIED:
        raise InvalidTransition(
            _("Chỉ ghi nhận báo cáo của đối tượng sau khi đã thông báo và trước buổi làm việc."),
            code="invalid_transition",
        )
    before = snapshot(activity)
    day = _day(received_on)
    _not_future(day, field="received_on", what=_("Ngày nhận báo cáo"))
    if activity.notice_sent_on and day < activity.notice_sent_on:
        raise ValidationFailed(
            _("Ngày nhận báo cáo không thể trước ngày gửi thông báo."),
            code="invalid_date",
            field="received_on",
        )
    activity.subject_report_received_on = day
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.subject_report"
    )


@transaction.atomic
def team_session_record(
    *,
    actor: User,
    activity: Activity,
    held_on: dt.date,
    minutes: str,
    field_visits: str = "",
    confirm_short_notice: bool = False,
    reason: str = "",
) -> Activity:
    """Record the working session with its minutes and field visits (notified → session held).
    A session held earlier than the notice period allows needs a leader's confirmation."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.SESSION_HELD)
    _not_future(held_on, field="held_on", what=_("Ngày làm việc"))
    if activity.notice_sent_on is None:  # always set by team_notify
        raise InvalidTransition(_("Chưa gửi thông báo đến đối tượng."), code="not_notified")
    if held_on <= activity.notice_sent_on:
        raise ValidationFailed(
            _("Ngày làm việc phải sau ngày gửi thông báo."), code="invalid_date", field="held_on"
        )
    confirmed = False
    # Only an earlier session than notified can break the notice period (a later one cannot).
    if activity.session_date is None or held_on < activity.session_date:
        confirmed = _check_notice(
            actor=actor,
            activity=activity,
            session_date=held_on,
            notice_sent_on=activity.notice_sent_on,
            confirm_short_notice=confirm_short_notice,
            reason=reason,
        )
    activity.session_held_on = held_on
    activity.minutes = _text(minutes, field="minutes", what=_("Biên bản làm việc"))
    activity.field_visits = field_visits.strip()
    if confirmed:
        _confirm_short_notice(actor=actor, activity=activity, reason=reason)
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.session"
    )


def results_deadline(activity: Activity) -> dt.date | None:
    """The team's report is due 15 days after the working session (``supervision.results``)."""
    held = activity.session_held_on or activity.session_date
    if activity.form != ActivityForm.TEAM or held is None:
        return None
    return deadline("supervision.results", held).due


@transaction.atomic
def activity_report(
    *,
    actor: User,
    activity: Activity,
    report_date: dt.date,
    report_number: str,
    summary: str,
) -> Activity:
    """Record the report of the results (→ reported). For a team, due within 15 days after the
    session; a late report is accepted and shown as late."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.REPORTED)
    _not_future(report_date, field="report_date", what=_("Ngày báo cáo"))
    start = activity.session_held_on or activity.started_on or activity.planned_on
    if report_date < start:
        raise ValidationFailed(
            _("Ngày báo cáo không thể trước %(day)s.") % {"day": start.strftime("%d/%m/%Y")},
            code="invalid_date",
            field="report_date",
        )
    if not activity.findings.exists():
        raise ValidationFailed(
            _("Hãy ghi ít nhất một kết quả (phát hiện) trước khi báo cáo."),
            code="no_findings",
        )
    activity.report_date = report_date
    activity.report_number = _text(report_number, field="report_number", what=_("Số báo cáo"))
    activity.report_summary = _text(summary, field="summary", what=_("Tóm tắt kết quả"))
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.report"
    )


@transaction.atomic
def activity_close(*, actor: User, activity: Activity, on: dt.date | None = None) -> Activity:
    """Close a reported activity; its recommendations keep being followed up."""
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.CLOSED)
    if activity.recommendations.filter(status=RecommendationStatus.DRAFT).exists():
        raise ValidationFailed(_("Còn kiến nghị dự thảo chưa gửi."), code="draft_recommendations")
    activity.closed_on = _day(on)
    return _activity_save(
        actor=actor, activity=activity, before=before, action="oversight.activity.close"
    )


@transaction.atomic
def activity_cancel(*, actor: User, activity: Activity, reason: str) -> Activity:
    _require(actor, "oversight.manage_activity", activity)
    activity = _lock(activity)
    before = snapshot(activity)
    _move(activity, ActivityStatus.CANCELLED)
    reason = _text(reason, field="reason", what=_("Lý do hủy"), min_length=5)
    return _activity_save(
        actor=actor,
        activity=activity,
        before=before,
        action="oversight.activity.cancel",
        reason=reason,
    )


@transaction.atomic
def activity_document_add(
    *, actor: User, activity: Activity, kind: str, file: UploadedFile
) -> ActivityDocument:
    """Attach a document (plan, decision, minutes, report …); size and content are checked."""
    _require(actor, "oversight.manage_activity", activity)
    if kind not in ActivityDocument.Kind.values:
        raise ValidationFailed(_("Loại tài liệu không hợp lệ."), code="invalid", field="kind")
    content_type = check_upload(file)
    doc = ActivityDocument(
        activity=activity,
        kind=kind,
        name=(file.name or "tai-lieu")[:255],
        size=file.size or 0,
        content_type=content_type,
        uploaded_by=actor,
    )
    doc.file.save(file.name or "tai-lieu", file, save=False)
    doc.save()
    audit_record(
        actor=actor,
        action="oversight.activity.document_add",
        obj=doc,
        unit=activity.unit,
        after={"activity": activity.pk, "kind": kind, "name": doc.name, "size": doc.size},
    )
    return doc


@transaction.atomic
def finding_add(*, actor: User, activity: Activity, text: str) -> Finding:
    """Write down a finding of the supervision (after the session, or during a review)."""
    _require(actor, "oversight.manage_activity", activity)
    activity = Activity.objects.get(pk=activity.pk)
    if activity.status not in ACTIVITY_FINDINGS_OPEN:
        raise InvalidTransition(
            _("Chỉ ghi kết quả khi đang giám sát hoặc sau buổi làm việc."), code="findings_closed"
        )
    finding = Finding.objects.create(
        activity=activity,
        order=activity.findings.count() + 1,
        text=_text(text, field="text", what=_("Nội dung phát hiện")),
    )
    audit_record(
        actor=actor,
        action="oversight.finding.add",
        obj=finding,
        unit=activity.unit,
        after=snapshot(finding),
    )
    return finding


# --------------------------------------------------------------------------- boards


@transaction.atomic
def board_member_add(
    *,
    actor: User,
    board: Unit,
    full_name: str,
    position: str = BoardMember.Position.MEMBER,
    note: str = "",
    valid_from: dt.date | None = None,
) -> BoardMember:
    """Add a member to a board; officers of the commune front committee over it manage it."""
    if board.kind not in BOARD_KINDS:
        raise ValidationFailed(_("Đơn vị không phải là một Ban."), code="not_board")
    if board.parent is None or not actor.has_perm(
        "oversight.manage_activity", Activity(unit=board.parent)
    ):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")
    if position not in BoardMember.Position.values:
        raise ValidationFailed(_("Chức danh không hợp lệ."), code="invalid", field="position")
    member = BoardMember.objects.create(
        board=board,
        full_name=_text(full_name, field="full_name", what=_("Họ và tên")),
        position=position,
        note=note.strip(),
        valid_from=_day(valid_from),
    )
    audit_record(
        actor=actor,
        action="oversight.board.member_add",
        obj=member,
        unit=board,
        after=snapshot(member),
    )
    return member


# --------------------------------------------------------------------------- recommendations


def _rec_lock(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("activity", "activity__unit", "activity__board", "addressee", "issuer")
        .get(pk=recommendation.pk)
    )


def _rec_move(
    *,
    actor: User | None,
    recommendation: Recommendation,
    target: str,
    on: dt.date,
    note: str = "",
    action: str,
    before: dict[str, Any] | None,
) -> Recommendation:
    current = recommendation.status
    if not recommendation_can_move(current, target):
        raise InvalidTransition(
            _("Không thể chuyển kiến nghị từ “%(from)s” sang “%(to)s”.")
            % {
                "from": RecommendationStatus(current).label,
                "to": RecommendationStatus(target).label,
            },
            code="invalid_transition",
        )
    recommendation.status = target
    recommendation.save()
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        on=on,
        actor=actor,
        from_status=current,
        to_status=target,
        note=note,
    )
    audit_record(
        actor=actor,
        action=action,
        obj=recommendation,
        unit=recommendation.issuer,
        before=before,
        after=snapshot(recommendation),
        reason=note,
    )
    if recommendation.is_public and target != RecommendationStatus.DRAFT:
        key = recommendation.code
        transaction.on_commit(lambda: search.notify_changed("recommendation", key))
    return recommendation


@transaction.atomic
def recommendation_create(
    *,
    actor: User,
    activity: Activity,
    finding: Finding,
    addressee: Unit,
    text: str,
    answer_days: int | None = None,
    addressee_position: OfficialPosition | None = None,
    is_public: bool = True,
    previous: Recommendation | None = None,
    created_on: dt.date | None = None,
) -> Recommendation:
    """Draft a recommendation resting on ``finding`` to ``addressee`` (optionally naming an
    official's position there). ``answer_days`` sets the answer date counted from the day it is
    sent (no statutory period; default from the rule ``answer.default``). ``previous`` links a
    second supervision of the same matter."""
    _require(actor, "oversight.manage_activity", activity)
    activity = Activity.objects.select_related("unit", "board").get(pk=activity.pk)
    if activity.status not in ACTIVITY_FINDINGS_OPEN:
        raise InvalidTransition(
            _("Chỉ kiến nghị khi đang giám sát hoặc sau buổi làm việc."), code="findings_closed"
        )
    if finding.activity_id != activity.pk:
        raise ValidationFailed(
            _("Phát hiện được chọn không thuộc cuộc giám sát này."), code="invalid", field="finding"
        )
    if addressee_position is not None and addressee_position.unit_id != addressee.pk:
        raise ValidationFailed(
            _("Chức danh được chọn không thuộc cơ quan nhận kiến nghị."),
            code="invalid",
            field="addressee_position",
        )
    if answer_days is not None and not (1 <= answer_days <= MAX_ANSWER_DAYS):
        raise ValidationFailed(
            _("Số ngày trả lời phải từ 1 đến %(max)s.") % {"max": MAX_ANSWER_DAYS},
            code="invalid",
            field="answer_days",
        )
    if previous is not None and previous.addressee_id != addressee.pk:
        raise ValidationFailed(
            _("Giám sát lại phải kiến nghị cùng cơ quan với kiến nghị lần trước."),
            code="invalid",
            field="addressee",
        )
    rec = Recommendation.objects.create(
        activity=activity,
        finding=finding,
        issuer=activity.issuer,
        addressee=addressee,
        addressee_position=addressee_position,
        text=_text(text, field="text", what=_("Nội dung kiến nghị")),
        answer_days=answer_days or 0,
        is_public=is_public,
        previous=previous,
        created_by=actor,
    )
    RecommendationEvent.objects.create(
        recommendation=rec,
        on=_day(created_on),
        actor=actor,
        from_status="",
        to_status=RecommendationStatus.DRAFT,
    )
    audit_record(
        actor=actor,
        action="oversight.recommendation.create",
        obj=rec,
        unit=rec.issuer,
        after=snapshot(rec),
    )
    return rec


@transaction.atomic
def recommendation_countersign(*, actor: User, recommendation: Recommendation) -> Recommendation:
    """The commune front committee countersigns a board's recommendation before it is sent."""
    _require(actor, "oversight.countersign", recommendation)
    rec = _rec_lock(recommendation)
    if rec.activity.form != ActivityForm.BOARD:
        raise ValidationFailed(
            _("Chỉ kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư cần xác nhận."),
            code="not_board",
        )
    if rec.status != RecommendationStatus.DRAFT or rec.countersigned_by_id:
        raise InvalidTransition(_("Kiến nghị đã được xác nhận."), code="already_countersigned")
    before = snapshot(rec)
    rec.countersigned_by = actor
    rec.countersigned_at = timezone.now()
    rec.save(update_fields=["countersigned_by", "countersigned_at"])
    audit_record(
        actor=actor,
        action="oversight.recommendation.countersign",
        obj=rec,
        unit=rec.activity.unit,
        before=before,
        after=snapshot(rec),
    )
    return rec


@transaction.atomic
def recommendation_issue(
    *, actor: User, recommendation: Recommendation, on: dt.date | None = None
) -> Recommendation:
    """Send a draft recommendation (draft → issued) and fix its answer date through the rule
    ``answer.default`` (the issuing unit's number of days when it set one). A board's
    recommendation must first be countersigned by the commune front committee."""
    _require(actor, "oversight.manage_activity", recommendation.activity)
    rec = _rec_lock(recommendation)
    before = snapshot(rec)
    if rec.activity.form == ActivityForm.BOARD and not rec.countersigned_by_id:
        raise ValidationFailed(
            _("Kiến nghị của Ban phải được Ban Thường trực Ủy ban MTTQ xã xác nhận trước khi gửi."),
            code="countersign_required",
        )
    day = _day(on)
    _not_future(day, field="issued_on", what=_("Ngày gửi"))
    drafted = rec.events.filter(to_status=RecommendationStatus.DRAFT).values_list("on", flat=True)
    if drafted and day < drafted[0]:
        raise ValidationFailed(
            _("Ngày gửi không thể trước ngày soạn kiến nghị (%(day)s).")
            % {"day": drafted[0].strftime("%d/%m/%Y")},
            code="invalid_date",
            field="issued_on",
        )
    due = deadline("answer.default", day, length=rec.answer_days or None)
    rec.issued_on = day
    rec.answer_due = due.due
    rec.answer_days = due.length
    with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
        note = _("Hạn trả lời %(due)s — %(basis)s") % {
            "due": due.due.strftime("%d/%m/%Y"),
            "basis": due.describe(),
        }
    return _rec_move(
        actor=actor,
        recommendation=rec,
        target=RecommendationStatus.ISSUED,
        on=day,
        note=note,
        action="oversight.recommendation.issue",
        before=before,
    )


@transaction.atomic
def recommendation_answer(
    *,
    actor: User,
    recommendation: Recommendation,
    kind: str,
    text: str,
    answered_on: dt.date | None = None,
    plan: str = "",
    planned_date: dt.date | None = None,
    document_number: str = "",
    files: Sequence[UploadedFile] = (),
) -> Answer:
    """The addressee's respondent answers: accepted and done / in progress with a plan and a date /
    explained / rejected, with documents. Refused for a respondent of another unit, for a
    recommendation not awaiting an answer, for files over the limit (nothing is saved)."""
    if not can_answer(actor, recommendation):
        raise PermissionDenied(
            _(
                "Bạn chỉ được trả lời kiến nghị gửi đến cơ quan của mình (%(unit)s không thuộc quyền trả lời của bạn)."
            )
            % {"unit": recommendation.addressee.name},
            code="not_addressee",
        )
    rec = _rec_lock(recommendation)
    before = snapshot(rec)
    if kind not in AnswerKind.values:
        raise ValidationFailed(_("Chọn kết quả trả lời."), code="invalid", field="kind")
    if not recommendation_can_move(rec.status, kind):
        raise InvalidTransition(
            _("Kiến nghị ở trạng thái “%(status)s” không nhận trả lời.")
            % {"status": RecommendationStatus(rec.status).label},
            code="invalid_transition",
        )
    day = _day(answered_on)
    _not_future(day, field="answered_on", what=_("Ngày trả lời"))
    if rec.issued_on is None or rec.answer_due is None:  # an issued one always has both
        raise InvalidTransition(_("Kiến nghị chưa được gửi."), code="not_issued")
    if day < rec.issued_on:
        raise ValidationFailed(
            _("Ngày trả lời không thể trước ngày nhận kiến nghị (%(day)s).")
            % {"day": rec.issued_on.strftime("%d/%m/%Y")},
            code="invalid_date",
            field="answered_on",
        )
    text = _text(text, field="text", what=_("Nội dung trả lời"), min_length=10)
    if kind == AnswerKind.IN_PROGRESS:
        plan = _text(plan, field="plan", what=_("Kế hoạch thực hiện"))
        if planned_date is None or planned_date <= day:
            raise ValidationFailed(
                _("Thời hạn hoàn thành phải sau ngày trả lời."),
                code="invalid_date",
                field="planned_date",
            )
    else:
        plan, planned_date = plan.strip(), None
    content_types = [check_upload(f) for f in files]  # all checked before anything is written
    answer = Answer.objects.create(
        recommendation=rec,
        kind=kind,
        text=text,
        plan=plan,
        planned_date=planned_date,
        answered_on=day,
        document_number=document_number.strip(),
        unit=rec.addressee,
        respondent=actor,
        on_time=day <= rec.answer_due,
    )
    for f, content_type in zip(files, content_types, strict=True):
        doc = AnswerDocument(
            answer=answer,
            name=(f.name or "van-ban")[:255],
            size=f.size or 0,
            content_type=content_type,
        )
        doc.file.save(f.name or "van-ban", f, save=False)
        doc.save()
    _rec_move(
        actor=actor,
        recommendation=rec,
        target=kind,
        on=day,
        note=text[:500],
        action="oversight.recommendation.answer",
        before=before,
    )
    return answer


def escalation_target(recommendation: Recommendation) -> Unit | None:
    """The front committee one level above the issuing unit (for a board: its commune front)."""
    return nearest_front_above(recommendation.issuer)


@transaction.atomic
def recommendation_escalate(
    *, actor: User, recommendation: Recommendation, on: dt.date | None = None, note: str = ""
) -> Recommendation:
    """Refer an unanswered (or overdue in-progress) recommendation to the front committee one
    level up, which then urges the addressee (→ escalated)."""
    _require(actor, "oversight.follow_up", recommendation)
    rec = _rec_lock(recommendation)
    before = snapshot(rec)
    day = _day(on)
    if not rec.is_overdue(day):
        raise InvalidTransition(
            _("Chỉ chuyển cấp trên khi kiến nghị đã quá hạn mà chưa được trả lời, thực hiện."),
            code="not_overdue",
        )
    target = escalation_target(rec)
    if target is None:
        raise ValidationFailed(_("Không có Ủy ban MTTQ cấp trên để chuyển."), code="no_superior")
    rec.escalated_to = target
    rec.escalated_on = day
    with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
        text = _("Chuyển %(unit)s đôn đốc.") % {"unit": target.name}
    if note.strip():
        text = f"{text} {note.strip()}"
    return _rec_move(
        actor=actor,
        recommendation=rec,
        target=RecommendationStatus.ESCALATED,
        on=day,
        note=text,
        action="oversight.recommendation.escalate",
        before=before,
    )


@transaction.atomic
def recommendation_close(
    *, actor: User, recommendation: Recommendation, note: str, on: dt.date | None = None
) -> Recommendation:
    """End the follow-up of an answered recommendation (done / explained / rejected → closed).
    A recommendation without an answer cannot be closed."""
    _require(actor, "oversight.follow_up", recommendation)
    rec = _rec_lock(recommendation)
    before = snapshot(rec)
    if rec.status in RecommendationStatus.awaiting() or not rec.answers.exists():
        raise InvalidTransition(
            _("Không thể kết thúc theo dõi kiến nghị chưa được trả lời."), code="no_answer"
        )
    if rec.status == RecommendationStatus.IN_PROGRESS:
        raise InvalidTransition(
            _("Kiến nghị đang được thực hiện theo kế hoạch; chờ báo cáo kết quả rồi mới kết thúc."),
            code="in_progress",
        )
    day = _day(on)
    rec.closed_on = day
    return _rec_move(
        actor=actor,
        recommendation=rec,
        target=RecommendationStatus.CLOSED,
        on=day,
        note=_text(note, field="note", what=_("Đánh giá kết quả")),
        action="oversight.recommendation.close",
        before=before,
    )


def _respondent_emails(unit: Unit, on: dt.date) -> list[str]:
    return role_holder_emails(units=[unit], roles=[Role.RESPONDENT], on=on)


@transaction.atomic
def recommendations_remind_overdue(*, today: dt.date | None = None, notify: bool = True) -> int:
    """Flag and remind every overdue recommendation not reminded in the last 7 days: mail the
    respondents of the addressee (on commit, unless ``notify`` is false) and record the
    reminder. Returns how many."""
    day = _day(today)
    count = 0
    candidates = (
        Recommendation.objects.select_for_update(of=("self",))
        .filter(
            status__in=[*RecommendationStatus.awaiting(), RecommendationStatus.IN_PROGRESS],
        )
        .select_related("addressee", "issuer")
    )
    for rec in candidates:
        if not rec.is_overdue(day):
            continue
        if rec.last_reminded_on and (day - rec.last_reminded_on).days < 7:
            continue
        rec.last_reminded_on = day
        rec.save(update_fields=["last_reminded_on"])
        audit_record(
            actor=None,
            action="oversight.recommendation.remind",
            obj=rec,
            unit=rec.issuer,
            after={"last_reminded_on": day.isoformat()},
        )
        emails = _respondent_emails(rec.addressee, day) if notify else []
        if emails:
            subject = _("Nhắc trả lời kiến nghị %(code)s quá hạn") % {"code": rec.code}
            body = _(
                "%(issuer)s đề nghị %(addressee)s trả lời kiến nghị %(code)s (hạn %(due)s):\n\n%(text)s\n\n"
                "Trả lời tại %(url)s"
            ) % {
                "issuer": rec.issuer.name,
                "addressee": rec.addressee.name,
                "code": rec.code,
                "due": rec.answer_due.strftime("%d/%m/%Y") if rec.answer_due else "",
                "text": rec.text,
                "url": f"{settings.SITE_URL.rstrip('/')}/can-bo/giam-sat/kien-nghi/{rec.pk}/tra-loi/",
            }
            transaction.on_commit(
                functools.partial(send_mail, subject, body, None, emails, fail_silently=True)
            )
        count += 1
    return count


# --------------------------------------------------------------------------- Regulation 124


def competent_front(position: OfficialPosition) -> Unit | None:
    """The front committee that receives feedback on the holder of ``position``: the nearest front
    committee above the position's unit (for a position in a front committee itself, the one a
    level up, so that no committee handles feedback on its own leaders)."""
    unit = position.unit
    return nearest_front_above(unit)


def new_tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "PA124-" + "".join(secrets.choice(alphabet) for _i in range(8))


FEEDBACK_SNAPSHOT_EXCLUDE = ("sender_ciphertext", "sender_hash", "content", "conclusion")


@sensitive_variables("identity")
@transaction.atomic
def feedback_submit(
    *,
    position: OfficialPosition,
    content: str,
    identity: SenderIdentity,
    on: dt.date | None = None,
    ip: str | None = None,
) -> ConductFeedback:
    """Receive a citizen's feedback on the ethics and lifestyle of the holder of ``position``
    (Quy định 124-QĐ/TW): route it to the competent front committee and store the sender's
    identity encrypted through the petitions app, protected as a denouncer's. Returns the
    feedback with its tracking code. Raises ``ValidationFailed`` (nothing stored)."""
    if not position.active:
        raise ValidationFailed(
            _("Chức danh này không còn sử dụng."), code="inactive", field="position"
        )
    content = _text(content, field="content", what=_("Nội dung phản ánh"), min_length=20)
    # The same checks as a named denouncer's (name, address, a way to reach them).
    try:
        identity = petition_validation.check_sender(
            kind="denunciation", channel="web", anonymous=False, identity=identity
        )
    except ValidationFailed as exc:
        raise ValidationFailed(
            exc.message,
            code="sender_required",
            field={"name": "full_name"}.get(exc.field or "", exc.field),
        ) from exc
    front = competent_front(position)
    if front is None:
        raise ValidationFailed(
            _("Không xác định được Ủy ban MTTQ có thẩm quyền tiếp nhận."), code="no_front"
        )
    ciphertext, sender_hash = petition_services.confidential_sender_store(identity=identity)
    code = new_tracking_code()
    while ConductFeedback.objects.filter(tracking_code=code).exists():
        code = new_tracking_code()
    feedback = ConductFeedback.objects.create(
        position=position,
        front=front,
        content=content,
        received_on=_day(on),
        sender_ciphertext=ciphertext,
        sender_hash=sender_hash,
        tracking_code=code,
    )
    audit_record(
        actor=None,
        action="oversight.feedback.submit",
        obj=feedback,
        unit=front,
        after=snapshot(feedback, exclude=(*FEEDBACK_SNAPSHOT_EXCLUDE, "tracking_code")),
        ip=ip,
    )
    return feedback


@transaction.atomic
def feedback_assign(*, actor: User, feedback: ConductFeedback, handler: User) -> ConductFeedback:
    """A leader of the front committee assigns the feedback to a handler there (the handler and
    the leaders over the handler are then the only ones who may see the sender)."""
    _require(actor, "oversight.assign_feedback", feedback)
    if not user_has_role_at(user=handler, unit=feedback.front, roles=[Role.HANDLER]):
        raise ValidationFailed(
            _("Người được giao phải là cán bộ xử lý đơn thư của %(unit)s.")
            % {"unit": feedback.front.name},
            code="not_handler",
            field="handler",
        )
    feedback = ConductFeedback.objects.select_for_update(of=("self",)).get(pk=feedback.pk)
    before = snapshot(feedback, exclude=FEEDBACK_SNAPSHOT_EXCLUDE)
    feedback.handler = handler
    feedback.save(update_fields=["handler"])
    audit_record(
        actor=actor,
        action="oversight.feedback.assign",
        obj=feedback,
        unit=feedback.front,
        before=before,
        after=snapshot(feedback, exclude=FEEDBACK_SNAPSHOT_EXCLUDE),
    )
    return feedback


@transaction.atomic
def feedback_set_status(
    *, actor: User, feedback: ConductFeedback, status: str, conclusion: str = ""
) -> ConductFeedback:
    """Move a feedback through received → reviewing → concluded / dismissed."""
    _require(actor, "oversight.handle_feedback", feedback)
    if status not in ConductFeedback.Status.values:
        raise ValidationFailed(_("Trạng thái không hợp lệ."), code="invalid", field="status")
    feedback = ConductFeedback.objects.select_for_update(of=("self",)).get(pk=feedback.pk)
    if not feedback_can_move(feedback.status, status):
        raise InvalidTransition(
            _("Không thể chuyển phản ánh từ “%(from)s” sang “%(to)s”.")
            % {
                "from": ConductFeedback.Status(feedback.status).label,
                "to": ConductFeedback.Status(status).label,
            },
            code="invalid_transition",
            field="status",
        )
    before = snapshot(feedback, exclude=FEEDBACK_SNAPSHOT_EXCLUDE)
    if status in (ConductFeedback.Status.CONCLUDED, ConductFeedback.Status.DISMISSED):
        feedback.conclusion = _text(conclusion, field="conclusion", what=_("Kết quả xem xét"))
    feedback.status = status
    feedback.save(update_fields=["status", "conclusion"])
    audit_record(
        actor=actor,
        action="oversight.feedback.status",
        obj=feedback,
        unit=feedback.front,
        before=before,
        after=snapshot(feedback, exclude=FEEDBACK_SNAPSHOT_EXCLUDE),
    )
    return feedback


@transaction.atomic
def feedback_sender_reveal(
    *, actor: User, feedback: ConductFeedback, reason: str, ip: str | None = None
) -> SenderIdentity:
    """Decrypt the sender for the assigned handler or a leader over that handler (the petitions
    app's reveal rule for a denouncer), with a reason; the read is logged."""
    if not can_reveal_feedback_sender(actor, feedback):
        raise PermissionDenied(
            _(
                "Chỉ cán bộ được giao xem xét và lãnh đạo trực tiếp của cán bộ đó được xem thông tin người phản ánh."
            ),
            code="forbidden",
        )
    audit_confidential_read(
        actor=actor,
        obj=feedback,
        fields=["name", "id_number", "phone", "email", "address"],
        reason=reason,
        unit=feedback.front,
        ip=ip,
    )
    return petition_services.confidential_sender_read(ciphertext=feedback.sender_ciphertext)


def feedback_rotate_keys() -> int:
    """Re-encrypt every stored sender with the primary key (through the petitions app's
    services) and recompute the sender hashes; run with ``ykien petitions rotate-keys``."""
    count = 0
    for pk in (
        ConductFeedback.objects.exclude(sender_ciphertext="")
        .values_list("pk", flat=True)
        .iterator()
    ):
        with transaction.atomic():
            feedback = ConductFeedback.objects.select_for_update(of=("self",)).get(pk=pk)
            identity = petition_services.confidential_sender_read(
                ciphertext=feedback.sender_ciphertext
            )
            ciphertext, sender_hash = petition_services.confidential_sender_store(identity=identity)
            feedback.sender_ciphertext, feedback.sender_hash = ciphertext, sender_hash
            feedback.save(update_fields=["sender_ciphertext", "sender_hash"])
            del identity
        count += 1
    audit_record(actor=None, action="oversight.feedback.rotate_keys", after={"feedback": count})
    return count


@transaction.atomic
def position_create(*, actor: User, unit: Unit, title: str) -> OfficialPosition:
    """Add an official's position in a unit (used by recommendations and Regulation 124)."""
    if not (actor.is_superuser or actor.has_perm("oversight.manage_activity", Activity(unit=unit))):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")
    title = _text(title, field="title", what=_("Chức danh"))
    position, created = OfficialPosition.objects.get_or_create(unit=unit, title=title)
    if created:
        audit_record(
            actor=actor,
            action="oversight.position.create",
            obj=position,
            unit=unit,
            after=snapshot(position),
        )
    return position
