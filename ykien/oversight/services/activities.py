"""Supervision activities: planned, then moved step by step along the lifecycle of their form
(``lifecycle.TEAM_ACTIVITY`` / ``SIMPLE_ACTIVITY``). Each step validates what the officer typed
inside the transition, so a refused step (no permission, wrong state, bad input, a short notice
nobody confirmed) changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change, audit_record
from ykien.core.calendar import deadline
from ykien.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit, UnitKind
from ykien.core.permissions import Actor, allows, person, require
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.lifecycle import activity_edge, activity_refusal
from ykien.oversight.models import (
    Activity,
    ActivityForm,
    ProgrammeItem,
    RecommendationStatus,
)
from ykien.oversight.services._common import (
    BOARD_KINDS,
    check_not_future,
    day_or_today,
    required_text,
)


class ShortNoticeWarning(DomainError):
    """The working session is dated too early for the notice to have reached the subject in
    time; a leader must confirm it (the confirmation is stored and audited)."""

    code = ErrorCode.SHORT_NOTICE

    def __init__(self, message: Any, *, due: dt.date) -> None:
        super().__init__(message, code=self.code, field="session_date")
        self.due = due


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
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
    require(actor, "oversight.manage_activity", Activity(unit=unit))
    if unit.kind != UnitKind.FRONT:
        raise ValidationFailed(
            _("Cuộc giám sát do Ủy ban MTTQ chủ trì."), code=ErrorCode.NOT_FRONT, field="unit"
        )
    if form not in ActivityForm.values:
        raise ValidationFailed(_("Hình thức giám sát không hợp lệ."), field="form")
    if form == ActivityForm.BOARD:
        if board is None or board.kind not in BOARD_KINDS or board.parent_id != unit.pk:
            raise ValidationFailed(
                _(
                    "Chọn Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng thuộc %(unit)s."
                )
                % {"unit": unit.name},
                code=ErrorCode.INVALID_BOARD,
                field="board",
            )
    else:
        board = None
    if form == ActivityForm.JOINT:
        led_by = required_text(led_by, field="led_by", what=_("Cơ quan chủ trì cuộc giám sát"))
    if programme_item is not None and programme_item.programme.unit_id != unit.pk:
        raise ValidationFailed(
            _("Nội dung chương trình thuộc đơn vị khác."), field="programme_item"
        )
    if programme_item is not None and programme_item.is_cancelled:
        raise ValidationFailed(_("Nội dung chương trình này đã bị hủy."), field="programme_item")
    activity = Activity.objects.create(
        unit=unit,
        form=form,
        title=required_text(title, field="title", what=_("Tên cuộc giám sát")),
        content=required_text(content, field="content", what=_("Nội dung giám sát")),
        subject=subject,
        planned_on=day_or_today(planned_on),
        plan=plan.strip(),
        programme_item=programme_item,
        board=board,
        led_by=led_by.strip(),
        follows=follows,
        created_by=person(actor),
    )
    audit_change(actor=actor, action=AuditAction.ACTIVITY_CREATE, obj=activity, unit=unit)
    return activity


def _step(
    *,
    actor: Actor,
    activity: Activity,
    action: str,
    apply: Callable[[Activity], None],
    reason: str = "",
) -> Activity:
    """Take ``action`` on ``activity`` through the lifecycle of its form; ``apply`` validates the
    input and sets the step's fields on the locked row."""
    lifecycle = activity_edge(actor, activity, action)

    def guarded(locked: Activity) -> None:
        refusal = activity_refusal(action, locked)
        if refusal is not None:
            raise refusal
        apply(locked)

    return transition(
        lifecycle, actor=actor, obj=activity, action=action, apply=guarded, reason=reason
    )


def activity_start(*, actor: Actor, activity: Activity, on: dt.date | None = None) -> Activity:
    """Start a document review, a board's supervision or a joint supervision (planned → in progress)."""

    def apply(locked: Activity) -> None:
        locked.started_on = day_or_today(on)

    return _step(actor=actor, activity=activity, action="start", apply=apply)


def team_decide(
    *,
    actor: Actor,
    activity: Activity,
    decision_number: str,
    decision_date: dt.date,
    team_members: str,
) -> Activity:
    """Record the decision founding the supervision team (planned → decided)."""

    def apply(locked: Activity) -> None:
        if decision_date < locked.planned_on:
            raise ValidationFailed(
                _("Ngày quyết định không thể trước ngày lập kế hoạch (%(day)s).")
                % {"day": locked.planned_on.strftime("%d/%m/%Y")},
                code=ErrorCode.INVALID_DATE,
                field="decision_date",
            )
        locked.decision_number = required_text(
            decision_number, field="decision_number", what=_("Số quyết định")
        )
        locked.decision_date = decision_date
        locked.team_members = required_text(
            team_members, field="team_members", what=_("Thành phần đoàn")
        )
        locked.started_on = decision_date

    return _step(actor=actor, activity=activity, action="decide", apply=apply)


def _check_notice(
    *,
    actor: Actor,
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
    if not allows(actor, "oversight.confirm_short_notice", activity):
        raise PermissionDenied(
            _("Chỉ lãnh đạo mới được xác nhận thời hạn thông báo ngắn hơn quy định."),
            code=ErrorCode.LEADER_REQUIRED,
        )
    if len(reason.strip()) < 5:
        raise ValidationFailed(
            _("Phải nêu lý do xác nhận (ít nhất 5 ký tự)."),
            code=ErrorCode.REASON_REQUIRED,
            field="reason",
        )
    return True


def _confirm_short_notice(*, actor: Actor, activity: Activity, reason: str) -> None:
    activity.short_notice_confirmed_by = person(actor)
    activity.short_notice_confirmed_at = timezone.now()
    activity.short_notice_reason = reason.strip()
    audit_record(
        actor=actor,
        action=AuditAction.ACTIVITY_SHORT_NOTICE,
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


def team_notify(
    *,
    actor: Actor,
    activity: Activity,
    session_date: dt.date,
    notice_sent_on: dt.date | None = None,
    confirm_short_notice: bool = False,
    reason: str = "",
) -> Activity:
    """Record that the plan and the request reached the subject, with the date of the working
    session (decided → notified). The notice must reach the subject at least 15 days before the
    session (``supervision.notice``); otherwise ``ShortNoticeWarning`` unless a leader confirms."""
    sent = day_or_today(notice_sent_on)

    def apply(locked: Activity) -> None:
        check_not_future(sent, field="notice_sent_on", what=_("Ngày gửi thông báo"))
        if locked.decision_date and sent < locked.decision_date:
            raise ValidationFailed(
                _("Ngày gửi thông báo không thể trước ngày quyết định thành lập đoàn."),
                code=ErrorCode.INVALID_DATE,
                field="notice_sent_on",
            )
        if session_date <= sent:
            raise ValidationFailed(
                _("Ngày làm việc phải sau ngày gửi thông báo."),
                code=ErrorCode.INVALID_DATE,
                field="session_date",
            )
        confirmed = _check_notice(
            actor=actor,
            activity=locked,
            session_date=session_date,
            notice_sent_on=sent,
            confirm_short_notice=confirm_short_notice,
            reason=reason,
        )
        locked.session_date = session_date
        locked.notice_sent_on = sent
        if confirmed:
            _confirm_short_notice(actor=actor, activity=locked, reason=reason)

    return _step(actor=actor, activity=activity, action="notify", apply=apply)


def subject_report_receive(
    *, actor: Actor, activity: Activity, received_on: dt.date | None = None
) -> Activity:
    """Record the day the subject's report arrived (due at least 7 days before the session,
    ``supervision.subject_report``; a late report is recorded and shown as late)."""
    day = day_or_today(received_on)

    def apply(locked: Activity) -> None:
        check_not_future(day, field="received_on", what=_("Ngày nhận báo cáo"))
        if locked.notice_sent_on and day < locked.notice_sent_on:
            raise ValidationFailed(
                _("Ngày nhận báo cáo không thể trước ngày gửi thông báo."),
                code=ErrorCode.INVALID_DATE,
                field="received_on",
            )
        locked.subject_report_received_on = day

    return _step(actor=actor, activity=activity, action="subject_report", apply=apply)


def team_session_record(
    *,
    actor: Actor,
    activity: Activity,
    held_on: dt.date,
    minutes: str,
    field_visits: str = "",
    confirm_short_notice: bool = False,
    reason: str = "",
) -> Activity:
    """Record the working session with its minutes and field visits (notified → session held).
    A session held earlier than the notice period allows needs a leader's confirmation."""

    def apply(locked: Activity) -> None:
        check_not_future(held_on, field="held_on", what=_("Ngày làm việc"))
        if locked.notice_sent_on is None:  # always set by team_notify
            raise InvalidTransition(
                _("Chưa gửi thông báo đến đối tượng."), code=ErrorCode.NOT_NOTIFIED
            )
        if held_on <= locked.notice_sent_on:
            raise ValidationFailed(
                _("Ngày làm việc phải sau ngày gửi thông báo."),
                code=ErrorCode.INVALID_DATE,
                field="held_on",
            )
        confirmed = False
        # Only an earlier session than notified can break the notice period (a later one cannot).
        if locked.session_date is None or held_on < locked.session_date:
            confirmed = _check_notice(
                actor=actor,
                activity=locked,
                session_date=held_on,
                notice_sent_on=locked.notice_sent_on,
                confirm_short_notice=confirm_short_notice,
                reason=reason,
            )
        locked.session_held_on = held_on
        locked.minutes = required_text(minutes, field="minutes", what=_("Biên bản làm việc"))
        locked.field_visits = field_visits.strip()
        if confirmed:
            _confirm_short_notice(actor=actor, activity=locked, reason=reason)

    return _step(actor=actor, activity=activity, action="session", apply=apply)


def results_deadline(activity: Activity) -> dt.date | None:
    """The team's report is due 15 days after the working session (``supervision.results``)."""
    held = activity.session_held_on or activity.session_date
    if activity.form != ActivityForm.TEAM or held is None:
        return None
    return deadline("supervision.results", held).due


def activity_report(
    *,
    actor: Actor,
    activity: Activity,
    report_date: dt.date,
    report_number: str,
    summary: str,
) -> Activity:
    """Record the report of the results (→ reported). For a team, due within 15 days after the
    session; a late report is accepted and shown as late."""

    def apply(locked: Activity) -> None:
        check_not_future(report_date, field="report_date", what=_("Ngày báo cáo"))
        start = locked.session_held_on or locked.started_on or locked.planned_on
        if report_date < start:
            raise ValidationFailed(
                _("Ngày báo cáo không thể trước %(day)s.") % {"day": start.strftime("%d/%m/%Y")},
                code=ErrorCode.INVALID_DATE,
                field="report_date",
            )
        if not locked.findings.exists():
            raise ValidationFailed(
                _("Hãy ghi ít nhất một kết quả (phát hiện) trước khi báo cáo."),
                code=ErrorCode.NO_FINDINGS,
            )
        locked.report_date = report_date
        locked.report_number = required_text(
            report_number, field="report_number", what=_("Số báo cáo")
        )
        locked.report_summary = required_text(summary, field="summary", what=_("Tóm tắt kết quả"))

    return _step(actor=actor, activity=activity, action="report", apply=apply)


def activity_close(*, actor: Actor, activity: Activity, on: dt.date | None = None) -> Activity:
    """Close a reported activity; its recommendations keep being followed up."""

    def apply(locked: Activity) -> None:
        if locked.recommendations.filter(status=RecommendationStatus.DRAFT).exists():
            raise ValidationFailed(
                _("Còn kiến nghị dự thảo chưa gửi."), code=ErrorCode.DRAFT_RECOMMENDATIONS
            )
        locked.closed_on = day_or_today(on)

    return _step(actor=actor, activity=activity, action="close", apply=apply)


def activity_cancel(*, actor: Actor, activity: Activity, reason: str) -> Activity:
    """Cancel an activity that has not reached its report, with a reason (kept in the audit)."""
    reason = required_text(reason, field="reason", what=_("Lý do hủy"), min_length=5)
    return _step(
        actor=actor, activity=activity, action="cancel", apply=lambda locked: None, reason=reason
    )
