"""The lifecycles of the supervision app, declared once for ``core.lifecycle``: a supervision
activity (one lifecycle per form), a recommendation, a Regulation 124 feedback and a yearly
programme. Services move them with ``transition``; views ask ``*_actions`` which steps to offer.

**One lifecycle per form.** The form of an activity is fixed when it is planned and decides its
procedure: a supervision team founds a team, notifies the subject, holds a session (NQLT 403/2017,
Điều 7–8); a document review, a board's supervision and a joint supervision start and report.
So each form gets its own declared edges (the three simple forms share one), all named
``oversight.activity`` so that their events and audit actions are the same
(``oversight.activity.report`` whatever the form). The alternative, one edge set whose
permissions check the form, would answer "you may not" where the truth is "this form has no such
step", and would hide the team's procedure inside predicates.

**Guards.** The engine decides from the state and the permission. A few steps also depend on the
record's data (a board's recommendation is countersigned before it is sent; only an overdue
recommendation is escalated; the subject's report is recorded once). Each such condition is
written here once, as a refusal (``*_refusal``): the services raise it, and ``*_actions`` leave
out the steps it refuses, so a page never offers what the service would refuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.core.errors import DomainError, InvalidTransition, ValidationFailed
from ykien.core.lifecycle import Edge, Lifecycle, Step
from ykien.core.permissions import Actor, person, require
from ykien.core.selectors import today as core_today
from ykien.oversight.codes import ErrorCode
from ykien.oversight.models import (
    Activity,
    ActivityForm,
    ActivityStatus,
    AnswerKind,
    ConductFeedback,
    FeedbackStep,
    Programme,
    ProgrammeItem,
    ProgrammeItemEvent,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)
from ykien.oversight.selectors import escalation_target

MANAGE_ACTIVITY = "oversight.manage_activity"


# --------------------------------------------------------------------------- programme

PROGRAMME = Lifecycle(
    name="oversight.programme",
    model=Programme,
    states=Programme.Status,
    related=("unit",),
    edges=(
        Edge(
            "agree",
            {Programme.Status.DRAFT},
            Programme.Status.AGREED,
            "oversight.agree_programme",
            gettext_lazy("Thống nhất và ban hành"),
        ),
    ),
)


def write_programme_item_event(step: Step) -> None:
    """The history of a programme item: one row per edit (the fields it changed, from
    ``data["changes"]``) or cancellation (the reason)."""
    ProgrammeItemEvent.objects.create(
        item=step.obj,
        kind=step.edge.action,
        actor=person(step.actor),
        changes=step.data.get("changes", []),
        note=step.reason,
    )


PI = ProgrammeItem.Status
# An item may be corrected or dropped after it was written, whether the programme is agreed or
# not (a programme is adjusted during the year); a cancelled item stays, shown as cancelled.
PROGRAMME_ITEM = Lifecycle(
    name="oversight.programme_item",
    model=ProgrammeItem,
    states=ProgrammeItem.Status,
    related=("programme__unit",),
    history=write_programme_item_event,
    edges=(
        Edge(
            "edit",
            {PI.ACTIVE},
            None,
            "oversight.manage_programme",
            gettext_lazy("Sửa nội dung chương trình"),
        ),
        Edge(
            "cancel",
            {PI.ACTIVE},
            PI.CANCELLED,
            "oversight.manage_programme",
            gettext_lazy("Hủy nội dung chương trình"),
        ),
    ),
)


def programme_item_refusal(action: str, item: ProgrammeItem) -> DomainError | None:
    """An item whose supervision is under way is not cancelled: cancel the activity first."""
    if action == "cancel" and item.activities.exclude(status=ActivityStatus.CANCELLED).exists():
        return InvalidTransition(
            _("Nội dung này đã có cuộc giám sát chưa hủy; hãy hủy cuộc giám sát trước."),
            code=ErrorCode.ITEM_HAS_ACTIVITY,
        )
    return None


def programme_item_actions(actor: Actor, item: ProgrammeItem) -> list[Edge]:
    """The steps ``actor`` may take on ``item`` now."""
    return [
        edge
        for edge in PROGRAMME_ITEM.actions(actor, item)
        if programme_item_refusal(edge.action, item) is None
    ]


# --------------------------------------------------------------------------- activities

A = ActivityStatus
_CLOSE = Edge(
    "close", {A.REPORTED}, A.CLOSED, MANAGE_ACTIVITY, gettext_lazy("Kết thúc cuộc giám sát")
)

# Supervision team (NQLT 403/2017, Điều 7–8): decision → notice → session → report.
TEAM_ACTIVITY = Lifecycle(
    name="oversight.activity",
    model=Activity,
    states=ActivityStatus,
    related=("unit",),
    edges=(
        Edge(
            "decide",
            {A.PLANNED},
            A.DECIDED,
            MANAGE_ACTIVITY,
            gettext_lazy("Quyết định thành lập đoàn giám sát"),
        ),
        Edge(
            "notify",
            {A.DECIDED},
            A.NOTIFIED,
            MANAGE_ACTIVITY,
            gettext_lazy("Gửi kế hoạch, thông báo đến đối tượng và ấn định ngày làm việc"),
            rule="supervision.notice",
        ),
        Edge(
            "subject_report",
            {A.NOTIFIED},
            None,
            MANAGE_ACTIVITY,
            gettext_lazy("Nhận báo cáo của đối tượng giám sát"),
            rule="supervision.subject_report",
        ),
        Edge(
            "session",
            {A.NOTIFIED},
            A.SESSION_HELD,
            MANAGE_ACTIVITY,
            gettext_lazy("Làm việc với đối tượng (biên bản, khảo sát thực tế)"),
            rule="supervision.results",
        ),
        Edge(
            "report",
            {A.SESSION_HELD},
            A.REPORTED,
            MANAGE_ACTIVITY,
            gettext_lazy("Báo cáo kết quả giám sát"),
        ),
        _CLOSE,
        Edge(
            "cancel",
            {A.PLANNED, A.DECIDED, A.NOTIFIED},
            A.CANCELLED,
            MANAGE_ACTIVITY,
            gettext_lazy("Hủy cuộc giám sát"),
        ),
    ),
)

# Document review, a board's supervision, joining a competent body's supervision.
SIMPLE_ACTIVITY = Lifecycle(
    name="oversight.activity",
    model=Activity,
    states=ActivityStatus,
    related=("unit",),
    edges=(
        Edge(
            "start", {A.PLANNED}, A.IN_PROGRESS, MANAGE_ACTIVITY, gettext_lazy("Bắt đầu giám sát")
        ),
        Edge(
            "report",
            {A.IN_PROGRESS},
            A.REPORTED,
            MANAGE_ACTIVITY,
            gettext_lazy("Báo cáo kết quả giám sát"),
        ),
        _CLOSE,
        Edge(
            "cancel",
            {A.PLANNED, A.IN_PROGRESS},
            A.CANCELLED,
            MANAGE_ACTIVITY,
            gettext_lazy("Hủy cuộc giám sát"),
        ),
    ),
)

ACTIVITY_LIFECYCLES: dict[str, Lifecycle] = {
    ActivityForm.TEAM: TEAM_ACTIVITY,
    ActivityForm.DOCUMENT_REVIEW: SIMPLE_ACTIVITY,
    ActivityForm.BOARD: SIMPLE_ACTIVITY,
    ActivityForm.JOINT: SIMPLE_ACTIVITY,
}

# Statuses in which findings and recommendations may be written.
ACTIVITY_FINDINGS_OPEN = frozenset({A.IN_PROGRESS, A.SESSION_HELD, A.REPORTED})


def activity_lifecycle(activity: Activity) -> Lifecycle:
    return ACTIVITY_LIFECYCLES[activity.form]


def activity_edge(actor: Actor, activity: Activity, action: str) -> Lifecycle:
    """The lifecycle of the activity's form, once it is known to have ``action``. For a step of
    another form: the actor's permission is checked first (as the engine does), then
    ``InvalidTransition`` names the form and the step."""
    lifecycle = activity_lifecycle(activity)
    if any(edge.action == action for edge in lifecycle.edges):
        return lifecycle
    other = next(
        (e for lc in ACTIVITY_LIFECYCLES.values() for e in lc.edges if e.action == action), None
    )
    if other is None:
        return lifecycle  # an unknown action: the engine refuses it
    require(actor, other.permission, activity)
    raise InvalidTransition(
        _("Cuộc giám sát theo hình thức “%(form)s” không có bước “%(step)s”.")
        % {"form": ActivityForm(activity.form).label, "step": other.label},
        code=ErrorCode.STEP_NOT_IN_FORM,
    )


def activity_refusal(action: str, activity: Activity) -> DomainError | None:
    """Why ``action`` cannot be taken on ``activity`` now, beyond its state (or None)."""
    if action == "subject_report" and activity.subject_report_received_on is not None:
        return InvalidTransition(
            _("Đã ghi nhận báo cáo của đối tượng ngày %(day)s.")
            % {"day": activity.subject_report_received_on.strftime("%d/%m/%Y")},
            code=ErrorCode.SUBJECT_REPORT_RECORDED,
        )
    return None


def activity_actions(actor: Actor, activity: Activity) -> list[Edge]:
    """The steps ``actor`` may take on ``activity`` now, in the order of its procedure."""
    return [
        edge
        for edge in activity_lifecycle(activity).actions(actor, activity)
        if activity_refusal(edge.action, activity) is None
    ]


# --------------------------------------------------------------------------- recommendations

R = RecommendationStatus
ANSWERABLE = frozenset({R.ISSUED, R.ESCALATED, R.IN_PROGRESS})
# The edge each kind of answer takes (one edge per kind: each leads to its own status).
ANSWER_ACTIONS = {kind.value: f"answer_{kind.value}" for kind in AnswerKind}
REMIND_EVERY_DAYS = 7  # an overdue recommendation is reminded at most once a week


def write_recommendation_event(step: Step) -> None:
    """The public status history of a recommendation: one row per move of its status, dated by
    the day the service gives (``data["on"]``) and noted with the step's ``reason``."""
    if step.edge.target is None:  # a countersignature or a reminder moves no status
        return
    RecommendationEvent.objects.create(
        recommendation=step.obj,
        on=dt.date.fromisoformat(step.data["on"]),
        actor=person(step.actor),
        from_status=step.before,
        to_status=step.after,
        note=step.reason,
    )


def _issuer(recommendation: Recommendation) -> Any:
    return recommendation.issuer


RECOMMENDATION = Lifecycle(
    name="oversight.recommendation",
    model=Recommendation,
    states=RecommendationStatus,
    edges=(
        Edge(
            "countersign",
            {R.DRAFT},
            None,
            "oversight.countersign",
            gettext_lazy("Ủy ban MTTQ xã xác nhận kiến nghị của Ban"),
        ),
        Edge(
            "issue",
            {R.DRAFT},
            R.ISSUED,
            "oversight.issue_recommendation",
            gettext_lazy("Gửi kiến nghị (ấn định hạn trả lời)"),
            rule="answer.default",
        ),
        *(
            Edge(ANSWER_ACTIONS[kind.value], ANSWERABLE, kind.value, "oversight.answer", kind.label)
            for kind in AnswerKind
        ),
        Edge(
            "escalate",
            {R.ISSUED, R.IN_PROGRESS},
            R.ESCALATED,
            "oversight.follow_up",
            gettext_lazy("Chuyển cấp trên đôn đốc"),
        ),
        Edge(
            "remind",
            ANSWERABLE,
            None,
            "oversight.follow_up",
            gettext_lazy("Nhắc trả lời kiến nghị quá hạn"),
        ),
        Edge(
            "close",
            {R.DONE, R.EXPLAINED, R.REJECTED},
            R.CLOSED,
            "oversight.follow_up",
            gettext_lazy("Kết thúc theo dõi kiến nghị"),
        ),
    ),
    history=write_recommendation_event,
    unit=_issuer,
    related=("activity__unit", "activity__board", "addressee", "issuer", "escalated_to"),
)


def needs_countersign(recommendation: Recommendation) -> bool:
    """A board's recommendation is countersigned by the commune front before it is sent."""
    return (
        recommendation.activity.form == ActivityForm.BOARD
        and not recommendation.countersigned_by_id
    )


def recommendation_refusal(
    action: str, recommendation: Recommendation, day: dt.date
) -> DomainError | None:
    """Why ``action`` cannot be taken on ``recommendation`` on ``day``, beyond what its status
    and the actor's permission decide (or None)."""
    rec = recommendation
    if action == "countersign":
        if rec.activity.form != ActivityForm.BOARD:
            return ValidationFailed(
                _("Chỉ kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư cần xác nhận."),
                code=ErrorCode.NOT_BOARD,
            )
        if rec.countersigned_by_id:
            return InvalidTransition(
                _("Kiến nghị đã được xác nhận."), code=ErrorCode.ALREADY_COUNTERSIGNED
            )
    elif action == "issue" and needs_countersign(rec):
        return ValidationFailed(
            _("Kiến nghị của Ban phải được Ban Thường trực Ủy ban MTTQ xã xác nhận trước khi gửi."),
            code=ErrorCode.COUNTERSIGN_REQUIRED,
        )
    elif action == "escalate":
        if not rec.is_overdue(day):
            return InvalidTransition(
                _("Chỉ chuyển cấp trên khi kiến nghị đã quá hạn mà chưa được trả lời, thực hiện."),
                code=ErrorCode.NOT_OVERDUE,
            )
        if escalation_target(rec) is None:
            return ValidationFailed(
                _("Không có Ủy ban MTTQ cấp trên để chuyển."), code=ErrorCode.NO_SUPERIOR
            )
    elif action == "remind":
        if not rec.is_overdue(day):
            return InvalidTransition(
                _("Kiến nghị chưa quá hạn trả lời, thực hiện."), code=ErrorCode.NOT_OVERDUE
            )
        if rec.last_reminded_on and (day - rec.last_reminded_on).days < REMIND_EVERY_DAYS:
            return InvalidTransition(
                _("Kiến nghị đã được nhắc ngày %(day)s.")
                % {"day": rec.last_reminded_on.strftime("%d/%m/%Y")},
                code=ErrorCode.REMINDED_RECENTLY,
            )
    elif action == "close":
        if rec.status in R.awaiting() or rec.status == R.DRAFT or not rec.answers.exists():
            return InvalidTransition(
                _("Không thể kết thúc theo dõi kiến nghị chưa được trả lời."),
                code=ErrorCode.NO_ANSWER,
            )
        if rec.status == R.IN_PROGRESS:
            return InvalidTransition(
                _(
                    "Kiến nghị đang được thực hiện theo kế hoạch; chờ báo cáo kết quả rồi mới kết thúc."
                ),
                code=ErrorCode.IN_PROGRESS,
            )
    return None


def recommendation_actions(
    actor: Actor, recommendation: Recommendation, day: dt.date | None = None
) -> list[Edge]:
    """The steps ``actor`` may take on ``recommendation`` now (the reminder is the job's)."""
    day = day or core_today()
    return [
        edge
        for edge in RECOMMENDATION.actions(actor, recommendation)
        if edge.action != "remind"
        and recommendation_refusal(edge.action, recommendation, day) is None
    ]


def may_answer(actor: Actor, recommendation: Recommendation) -> bool:
    """Whether ``actor`` may answer ``recommendation`` now (any kind of answer)."""
    return any(
        RECOMMENDATION.can(actor, recommendation, action) for action in ANSWER_ACTIONS.values()
    )


# --------------------------------------------------------------------------- Regulation 124

FS = ConductFeedback.Status
# Never copied into the audit log: the sender (encrypted), the texts of the feedback.
# ``search_text`` holds the tracking code, which lets its holder follow the feedback.
FEEDBACK_SNAPSHOT_EXCLUDE = (
    "sender_ciphertext",
    "sender_hash",
    "content",
    "conclusion",
    "search_text",
)


# received → reviewing → concluded / dismissed (never backwards); a leader (re)assigns the handler
# at any time.
def write_feedback_step(step: Step) -> None:
    """The steps the sender sees by the tracking code: each move of the status, dated; an
    assignment (who handles it) is not one of them."""
    if step.edge.target is None:
        return
    FeedbackStep.objects.create(feedback=step.obj, on=core_today(), status=step.after)


FEEDBACK = Lifecycle(
    name="oversight.feedback",
    model=ConductFeedback,
    states=ConductFeedback.Status,
    related=("front",),
    history=write_feedback_step,
    edges=(
        Edge(
            "assign",
            set(FS.values),
            None,
            "oversight.assign_feedback",
            gettext_lazy("Giao cán bộ xem xét phản ánh"),
        ),
        Edge(
            "review",
            {FS.RECEIVED},
            FS.REVIEWING,
            "oversight.handle_feedback",
            gettext_lazy("Xem xét, xác minh phản ánh"),
        ),
        Edge(
            "conclude",
            {FS.REVIEWING},
            FS.CONCLUDED,
            "oversight.handle_feedback",
            gettext_lazy("Tổng hợp, báo cáo cấp có thẩm quyền"),
        ),
        Edge(
            "dismiss",
            {FS.REVIEWING},
            FS.DISMISSED,
            "oversight.handle_feedback",
            gettext_lazy("Kết luận không đủ căn cứ xem xét"),
        ),
    ),
    audit_exclude=FEEDBACK_SNAPSHOT_EXCLUDE,
)

# The status each step leads to → the step (the status form names the status).
FEEDBACK_ACTION_BY_TARGET = {edge.target: edge.action for edge in FEEDBACK.edges if edge.target}


def feedback_moves(actor: Actor, feedback: ConductFeedback) -> list[Edge]:
    """The status changes ``actor`` may make on ``feedback`` now."""
    return [edge for edge in FEEDBACK.actions(actor, feedback) if edge.target is not None]


LIFECYCLES = (PROGRAMME, PROGRAMME_ITEM, TEAM_ACTIVITY, SIMPLE_ACTIVITY, RECOMMENDATION, FEEDBACK)
