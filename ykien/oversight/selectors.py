"""Reads of the supervision domain: activities and their timeline, recommendations (public and
for officers and respondents), the accountability figures per addressee and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext as _

from ykien.core import lists
from ykien.core.calendar import Deadline, deadline
from ykien.core.models import Role, Unit, UnitKind, User
from ykien.core.selectors import today as _today
from ykien.core.selectors import unit_ancestors, unit_scope_ids, user_scope_unit_ids
from ykien.oversight.models import (
    Activity,
    ActivityForm,
    ActivityStatus,
    Answer,
    AnswerKind,
    BoardMember,
    ConductFeedback,
    OfficialPosition,
    Programme,
    Recommendation,
    RecommendationStatus,
)

STAFF_ROLES = tuple(sorted(Role.staff()))
FRONT_ROLES = (Role.OFFICER.value, Role.LEADER.value)
OPEN_ACTIVITY = (ActivityStatus.CLOSED, ActivityStatus.CANCELLED)


# --------------------------------------------------------------------------- activities


def activities_in_scope(*, user: User) -> QuerySet[Activity]:
    """Activities run by the units where ``user`` is staff (their subtrees and predecessors)."""
    qs = Activity.objects.select_related("unit", "subject", "board")
    if user.is_superuser:
        return qs
    return qs.filter(unit_id__in=user_scope_unit_ids(user=user, roles=STAFF_ROLES))


def programmes_in_scope(*, user: User) -> QuerySet[Programme]:
    qs = Programme.objects.select_related("unit")
    if user.is_superuser:
        return qs
    return qs.filter(unit_id__in=user_scope_unit_ids(user=user, roles=STAFF_ROLES))


def front_units_for(*, user: User) -> list[Unit]:
    """Front committees where ``user`` is officer or leader (to run activities from)."""
    from ykien.core.selectors import user_units

    if user.is_superuser:
        return list(
            Unit.objects.filter(kind="front", valid_to__isnull=True).order_by("depth", "name")[:200]
        )
    return [u for u in user_units(user=user, roles=FRONT_ROLES) if u.kind == "front"]


@dataclass
class Step:
    """One step of an activity's timeline: what, due (with its legal basis), done on."""

    key: str
    label: str
    due: dt.date | None = None
    basis: str = ""
    done_on: dt.date | None = None
    note: str = ""

    def state(self, today: dt.date) -> str:
        if self.done_on is not None:
            if self.due is not None and self.key in LATE_SENSITIVE and self.done_on > self.due:
                return "late"
            return "done"
        if self.due is not None and today > self.due:
            return "overdue"
        return "pending"


LATE_SENSITIVE = frozenset({"notice", "subject_report", "report"})


def _rule(code: str, start: dt.date) -> Deadline:
    return deadline(code, start)


def activity_timeline(*, activity: Activity) -> list[Step]:
    """The steps of the activity with their due dates from ``core.calendar``."""
    steps = [Step("plan", _("Lập kế hoạch"), done_on=activity.planned_on)]
    if activity.form == ActivityForm.TEAM:
        steps.append(
            Step(
                "decision",
                _("Quyết định thành lập đoàn giám sát"),
                done_on=activity.decision_date,
                note=activity.decision_number,
            )
        )
        session = activity.session_date
        for code, label, rule_code, unset, done_on in (
            (
                "notice",
                _("Gửi kế hoạch, thông báo đến đối tượng giám sát"),
                "supervision.notice",
                _("ít nhất 15 ngày trước buổi làm việc — NQLT 403/2017, Điều 7"),
                activity.notice_sent_on,
            ),
            (
                "subject_report",
                _("Đối tượng gửi báo cáo"),
                "supervision.subject_report",
                _("ít nhất 7 ngày trước buổi làm việc — NQLT 403/2017, Điều 7"),
                activity.subject_report_received_on,
            ),
        ):
            # before the session is set, the rule's words stand in for its date
            rule = _rule(rule_code, session) if session else None
            steps.append(
                Step(
                    code,
                    label,
                    due=rule.due if rule else None,
                    basis=rule.describe() if rule else unset,
                    done_on=done_on,
                )
            )
        steps.append(
            Step(
                "session",
                _("Làm việc với đối tượng, khảo sát thực tế"),
                due=session,
                done_on=activity.session_held_on,
            )
        )
        held = activity.session_held_on or session
        results = _rule("supervision.results", held) if held else None
        steps.append(
            Step(
                "report",
                _("Báo cáo kết quả giám sát"),
                due=results.due if results else None,
                basis=results.describe()
                if results
                else _("trong 15 ngày sau buổi làm việc — NQLT 403/2017, Điều 8"),
                done_on=activity.report_date,
                note=activity.report_number,
            )
        )
    else:
        steps.append(Step("start", _("Bắt đầu giám sát"), done_on=activity.started_on))
        steps.append(
            Step(
                "report",
                _("Báo cáo kết quả giám sát"),
                done_on=activity.report_date,
                note=activity.report_number,
            )
        )
    steps.append(Step("close", _("Kết thúc cuộc giám sát"), done_on=activity.closed_on))
    return steps


def activity_next_step(*, activity: Activity) -> Step | None:
    if activity.status in OPEN_ACTIVITY:
        return None
    for step in activity_timeline(activity=activity):
        if step.done_on is None and step.key != "close":
            return step
    return None


# --------------------------------------------------------------------------- recommendations


def nearest_front_above(unit: Unit) -> Unit | None:
    """The nearest ancestor of ``unit`` that is a front committee (not ``unit`` itself)."""
    for ancestor in reversed(unit_ancestors(unit=unit)):
        if ancestor.kind == UnitKind.FRONT:
            return ancestor
    return None


def escalation_target(recommendation: Recommendation) -> Unit | None:
    """The front committee one level above the issuing unit (for a board: its commune front)."""
    return nearest_front_above(recommendation.issuer)


def _latest_answer(field_name: str) -> Subquery:
    return Subquery(
        Answer.objects.filter(recommendation=OuterRef("pk"))
        .order_by("-answered_on", "-pk")
        .values(field_name)[:1]
    )


def _first_answer(field_name: str) -> Subquery:
    return Subquery(
        Answer.objects.filter(recommendation=OuterRef("pk"))
        .order_by("answered_on", "pk")
        .values(field_name)[:1]
    )


def with_answers(qs: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """Annotate ``first_answered_on``, ``latest_kind`` and ``latest_planned_date``."""
    return qs.annotate(
        first_answered_on=_first_answer("answered_on"),
        latest_kind=_latest_answer("kind"),
        latest_planned_date=_latest_answer("planned_date"),
    )


def overdue_q(today: dt.date) -> Q:
    return Q(status__in=RecommendationStatus.awaiting(), answer_due__lt=today) | Q(
        status=RecommendationStatus.IN_PROGRESS, latest_planned_date__lt=today
    )


def recommendations_for_staff(
    *,
    user: User,
    today: dt.date,
    status: str = "",
    due: str = "",
    recent: bool = False,
    terms: list[str] | None = None,
    ordering: list[str] | None = None,
) -> QuerySet[Recommendation]:
    """The recommendations of the activities in ``user``'s scope (``activities_in_scope``),
    annotated as ``with_answers``. ``due``: ``overdue`` (``overdue_q``), ``today`` or ``week``
    (awaiting an answer due today, within seven days); ``recent``: sent in the last seven days;
    ``terms``: folded words each beginning a word of the code, the text, the addressee or the
    activity (matched in Python over the scope's few thousand rows: the table keeps no folded
    column)."""
    from ykien.core.dashboard import WEEK_DAYS

    scope = activities_in_scope(user=user).values("pk")
    qs = with_answers(
        Recommendation.objects.filter(activity_id__in=scope).select_related(
            "addressee", "issuer", "activity"
        )
    )
    if status:
        qs = qs.filter(status=status)
    if due == "overdue":
        qs = qs.filter(overdue_q(today))
    elif due in ("today", "week"):
        last = today + dt.timedelta(days=0 if due == "today" else WEEK_DAYS - 1)
        qs = qs.filter(status__in=RecommendationStatus.awaiting(), answer_due__range=(today, last))
    if recent:
        qs = qs.filter(issued_on__gte=today - dt.timedelta(days=WEEK_DAYS - 1))
    if terms:
        qs = _matching_recommendations(qs, terms, party="addressee__name")
    return qs.order_by(*(ordering or ["-pk"]))


def _matching_recommendations(
    qs: QuerySet[Recommendation], terms: list[str], *, party: str = ""
) -> QuerySet[Recommendation]:
    """``qs`` narrowed to the recommendations whose number, text, addressee, issuer or activity
    hold a word beginning with each folded term (``search_text``: an FTS5 index on SQLite, a
    trigram index on PostgreSQL)."""
    return lists.search(qs, "search_text", terms)


def recommendations_public(
    *,
    addressee: Unit | None = None,
    issuer: Unit | None = None,
    status: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    overdue_on: dt.date | None = None,
    query: str = "",
) -> QuerySet[Recommendation]:
    """Public recommendations (issued, marked public), newest first, with answer annotations.

    ``addressee``/``issuer`` include their merged predecessors and subtrees; ``start``..``end``
    filter the day the recommendation was sent; ``overdue_on`` keeps those overdue on that day."""
    qs = with_answers(
        Recommendation.objects.filter(is_public=True)
        .exclude(status=RecommendationStatus.DRAFT)
        .select_related("addressee", "issuer", "activity", "addressee_position", "finding")
    )
    if addressee is not None:
        qs = qs.filter(addressee_id__in=unit_scope_ids(unit=addressee))
    if issuer is not None:
        qs = qs.filter(issuer_id__in=unit_scope_ids(unit=issuer))
    if status:
        qs = qs.filter(status=status)
    qs = lists.in_period(qs, "issued_on", start, end)
    if overdue_on is not None:
        qs = qs.filter(overdue_q(overdue_on))
    if query:
        qs = qs.filter(Q(text__icontains=query) | Q(finding__text__icontains=query))
    return qs.order_by("-issued_on", "-pk")


def recommendation_public_get(*, pk: int) -> Recommendation | None:
    return recommendations_public().filter(pk=pk).first()


def recommendations_for_respondent(
    *,
    user: User,
    today: dt.date | None = None,
    status: str = "",
    due: str = "",
    terms: list[str] | None = None,
    ordering: list[str] | None = None,
) -> QuerySet[Recommendation]:
    """Recommendations sent to the units where ``user`` answers (issued, not drafts), annotated
    as ``with_answers`` and with ``priority`` (0 awaiting an answer, 1 in progress, 2 the
    rest). By default the ones awaiting an answer first, then in progress, each by answer date.
    ``due``: ``overdue`` (``overdue_q``), ``today`` or ``week`` (awaiting an answer due today,
    within seven days); ``terms``: folded words each beginning a word of the code, the text,
    the issuer or the activity."""
    from ykien.core.dashboard import WEEK_DAYS

    ids = user_scope_unit_ids(user=user, roles=[Role.RESPONDENT])
    qs: QuerySet[Recommendation] = with_answers(
        Recommendation.objects.filter(addressee_id__in=ids)
        .exclude(status=RecommendationStatus.DRAFT)
        .select_related("addressee", "issuer", "activity")
    ).annotate(
        priority=Case(
            When(status__in=RecommendationStatus.awaiting(), then=Value(0)),
            When(status=RecommendationStatus.IN_PROGRESS, then=Value(1)),
            default=Value(2),
        )
    )
    if status:
        qs = qs.filter(status=status)
    if due:
        day = today or _today()
        if due == "overdue":
            qs = qs.filter(overdue_q(day))
        else:
            last = day + dt.timedelta(days=0 if due == "today" else WEEK_DAYS - 1)
            qs = qs.filter(
                status__in=RecommendationStatus.awaiting(), answer_due__range=(day, last)
            )
    if terms:
        qs = _matching_recommendations(qs, terms, party="issuer__name")
    return qs.order_by(*(ordering or ["priority", "answer_due", "pk"]))


def recommendations_escalated_to(*, user: User) -> QuerySet[Recommendation]:
    """Recommendations escalated to a front committee where ``user`` is officer or leader."""
    from ykien.core.selectors import user_units

    ids = {u.pk for u in user_units(user=user, roles=FRONT_ROLES)}
    return with_answers(
        Recommendation.objects.filter(escalated_to_id__in=ids).select_related(
            "addressee", "issuer", "activity"
        )
    )


@dataclass
class AddresseeFigures:
    unit: Unit
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0

    @property
    def on_time_percent(self) -> float | None:
        return None if not self.received else 100.0 * self.answered_on_time / self.received


@dataclass
class Accountability:
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    rows: list[AddresseeFigures] = field(default_factory=list)

    @property
    def total(self) -> AddresseeFigures:
        total = AddresseeFigures(unit=Unit(name=_("Tổng cộng")))
        for row in self.rows:
            total.received += row.received
            total.answered += row.answered
            total.answered_on_time += row.answered_on_time
            total.done += row.done
            total.in_progress += row.in_progress
            total.overdue += row.overdue
        return total


def _done_q() -> Q:
    return Q(status=RecommendationStatus.DONE) | Q(
        status=RecommendationStatus.CLOSED, latest_kind=AnswerKind.DONE
    )


def accountability(
    *,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    addressee: Unit | None = None,
    issuer: Unit | None = None,
) -> Accountability:
    """Per addressee: public recommendations received in the period, answered, answered on time
    (first answer by the answer date), done, in progress, and overdue on ``today``."""
    qs = recommendations_public(addressee=addressee, issuer=issuer, start=start, end=end)
    rows = (
        qs.order_by()
        .values("addressee_id")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(first_answered_on__isnull=False)),
            on_time=Count("pk", filter=Q(first_answered_on__lte=F("answer_due"))),
            done=Count("pk", filter=_done_q()),
            in_progress=Count("pk", filter=Q(status=RecommendationStatus.IN_PROGRESS)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
    )
    units = Unit.objects.in_bulk([r["addressee_id"] for r in rows])
    result = Accountability(start=start, end=end, today=today)
    for r in rows:
        result.rows.append(
            AddresseeFigures(
                unit=units[r["addressee_id"]],
                received=r["received"],
                answered=r["answered"],
                answered_on_time=r["on_time"],
                done=r["done"],
                in_progress=r["in_progress"],
                overdue=r["overdue"],
            )
        )
    result.rows.sort(key=lambda row: (-row.received, row.unit.name))
    return result


def addressees_public() -> QuerySet[Unit]:
    ids = (
        Recommendation.objects.filter(is_public=True)
        .exclude(status=RecommendationStatus.DRAFT)
        .values("addressee_id")
    )
    return Unit.objects.filter(pk__in=ids).order_by("name")


def issuers_public() -> QuerySet[Unit]:
    ids = (
        Recommendation.objects.filter(is_public=True)
        .exclude(status=RecommendationStatus.DRAFT)
        .values("issuer_id")
    )
    return Unit.objects.filter(pk__in=ids).order_by("name")


# --------------------------------------------------------------------------- figures


@dataclass
class PeriodFigures:
    activities: int
    by_form: dict[str, int]
    recommendations: int
    answered: int
    answered_on_time: int
    done: int
    overdue: int


def period_figures(
    *, unit_ids: set[int], start: dt.date, end: dt.date, today: dt.date
) -> PeriodFigures:
    """Activities (planned in the period, not cancelled) and recommendations (sent in the period)
    of the given issuing units — the figures of the period report and of the indicators."""
    acts = Activity.objects.filter(
        unit_id__in=unit_ids, planned_on__gte=start, planned_on__lte=end
    ).exclude(status=ActivityStatus.CANCELLED)
    by_form = {
        row["form"]: row["n"] for row in acts.order_by().values("form").annotate(n=Count("pk"))
    }
    recs = with_answers(
        Recommendation.objects.filter(
            activity__unit_id__in=unit_ids, issued_on__gte=start, issued_on__lte=end
        ).exclude(status=RecommendationStatus.DRAFT)
    )
    agg = recs.aggregate(
        n=Count("pk"),
        answered=Count("pk", filter=Q(first_answered_on__isnull=False)),
        on_time=Count("pk", filter=Q(first_answered_on__lte=F("answer_due"))),
        done=Count("pk", filter=_done_q()),
        overdue=Count("pk", filter=overdue_q(today)),
    )
    return PeriodFigures(
        activities=sum(by_form.values()),
        by_form=by_form,
        recommendations=agg["n"],
        answered=agg["answered"],
        answered_on_time=agg["on_time"],
        done=agg["done"],
        overdue=agg["overdue"],
    )


def period_activities(*, unit_ids: set[int], start: dt.date, end: dt.date) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(unit_id__in=unit_ids, planned_on__gte=start, planned_on__lte=end)
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("subject", "unit")
        .order_by("planned_on", "pk")
    )


# --------------------------------------------------------------------------- boards, positions


def board_members(*, board: Unit, on: dt.date) -> QuerySet[BoardMember]:
    return BoardMember.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), board=board, valid_from__lte=on
    ).order_by(
        Case(
            When(position=BoardMember.Position.HEAD, then=Value(0)),
            When(position=BoardMember.Position.DEPUTY, then=Value(1)),
            default=Value(2),
        ),
        "full_name",
    )


def boards_under(*, unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(
        parent=unit, kind__in=["inspection_board", "investment_board"]
    ).order_by("name")


def positions_active() -> QuerySet[OfficialPosition]:
    return (
        OfficialPosition.objects.filter(active=True)
        .select_related("unit")
        .order_by("unit__name", "title")
    )


def positions_list(
    *, terms: list[str] | None = None, ordering: list[str] | None = None
) -> QuerySet[OfficialPosition]:
    """The positions in use, in ``ordering``; ``terms``: folded words each beginning a word of
    the title or the unit's name (matched in Python: a province keeps a few hundred positions,
    the whole country some thousands)."""
    from ykien.core.lists import fold_for_search

    qs = positions_active()
    if terms:
        wanted = [
            pk
            for pk, title, unit in qs.values_list("pk", "title", "unit__name").order_by()
            if all(" " + t in fold_for_search(title, unit) for t in terms)
        ]
        qs = qs.filter(pk__in=wanted)
    return qs.order_by(*(ordering or ["unit__name", "title", "pk"]))


def feedback_for_front(*, user: User) -> QuerySet[ConductFeedback]:
    """The Regulation 124 feedback ``user`` may open: routed to a front committee in the scope
    of their officer, handler or leader roles (the same rule as ``oversight.view_feedback``)."""
    from ykien.oversight.permissions import feedback_scope_unit_ids

    qs = ConductFeedback.objects.select_related("position", "position__unit", "front", "handler")
    ids = feedback_scope_unit_ids(user)
    return qs if ids is None else qs.filter(front_id__in=ids)


@dataclass(frozen=True)
class InboxRow:
    """A row of the Regulation 124 inbox: the feedback, its review due date (open items only)
    and whether that date has passed."""

    feedback: ConductFeedback
    due: dt.date | None
    overdue: bool


def inbox_rows(feedback: Iterable[ConductFeedback], *, today: dt.date) -> list[InboxRow]:
    """The inbox's rows of ``feedback`` (a page of :func:`feedback_inbox`)."""
    rows = []
    for f in feedback:
        day = f.review_due if f.is_open else None
        rows.append(InboxRow(f, day, day is not None and day < today))
    return rows


def feedback_inbox(
    *,
    user: User,
    today: dt.date,
    status: str = "",
    due: str = "",
    recent: bool = False,
    unassigned: bool = False,
    terms: list[str] | None = None,
    ordering: list[str] | None = None,
) -> QuerySet[ConductFeedback]:
    """The feedback ``user`` may open (``feedback_for_front``), in ``ordering``. ``due``: open
    items whose review is ``overdue``, due ``today`` or within seven days (``week``), by the
    stored ``review_due``; ``recent``: received in the last seven days; ``unassigned``: open
    items no handler was assigned to; ``terms``: folded words each beginning a word of the
    tracking code, the position or its unit (``search_text``; never the content)."""
    from ykien.core.dashboard import WEEK_DAYS

    qs = feedback_for_front(user=user)
    if status:
        qs = qs.filter(status=status)
    if due == "overdue":
        qs = qs.filter(feedback_open_q(), review_due__lt=today)
    elif due in ("today", "week"):
        last = today + dt.timedelta(days=0 if due == "today" else WEEK_DAYS - 1)
        qs = qs.filter(feedback_open_q(), review_due__range=(today, last))
    if recent:
        qs = qs.filter(received_on__gte=today - dt.timedelta(days=WEEK_DAYS - 1))
    if unassigned:
        qs = qs.filter(feedback_open_q(), handler__isnull=True)
    qs = lists.search(qs, "search_text", terms or [])
    return qs.order_by(*(ordering or ["-received_on", "-pk"]))


def feedback_deadline(*, feedback: ConductFeedback) -> Deadline:
    """The date by which the front committee should have reviewed ``feedback`` (rule
    ``conduct_feedback.review`` from the day it was received)."""
    return deadline("conduct_feedback.review", feedback.received_on)


def feedback_open_q() -> Q:
    return Q(status__in=[ConductFeedback.Status.RECEIVED, ConductFeedback.Status.REVIEWING])


# --------------------------------------------------------------------------- map

#: Activities whose results are public: the report of results is out (NQLT 403/2017, Điều 8).
REPORTED_ACTIVITY = (ActivityStatus.REPORTED, ActivityStatus.CLOSED)


@dataclass
class UnitOnMap:
    """What the public map shows of one unit: supervision activities with results it ran (a
    board's are the board's), public recommendations it issued and received, and of those
    received the ones overdue."""

    unit: Unit
    activities: int = 0
    issued: int = 0
    received: int = 0
    overdue: int = 0


def units_on_map(
    *,
    today: dt.date,
    within: Unit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[UnitOnMap]:
    """Per unit with at least one of them: activities with results reported from ``start`` to
    ``end``, public recommendations issued and received in that time (``recommendations_public``),
    and the received ones overdue on ``today``; ``within`` keeps the units of its subtree and of
    the units merged into it. By unit name; placed or not (``Unit.lat``/``lng``)."""
    rows: dict[int, UnitOnMap] = {}

    def row(unit_id: int) -> UnitOnMap:
        return rows.setdefault(unit_id, UnitOnMap(Unit(pk=unit_id)))

    acts = Activity.objects.filter(status__in=REPORTED_ACTIVITY)
    acts = lists.in_period(acts, "report_date", start, end)
    for unit_id, board_id, form in acts.values_list("unit_id", "board_id", "form"):
        row(board_id if form == ActivityForm.BOARD and board_id else unit_id).activities += 1
    recs = recommendations_public(start=start, end=end).order_by()
    for issuer_id, n in recs.values_list("issuer_id").annotate(n=Count("pk")):
        row(issuer_id).issued = n
    received = recs.values_list("addressee_id").annotate(
        n=Count("pk"), late=Count("pk", filter=overdue_q(today))
    )
    for addressee_id, n, late in received:
        row(addressee_id).received = n
        row(addressee_id).overdue = late
    ids = set(rows)
    if within is not None:
        ids &= unit_scope_ids(unit=within)
    units = Unit.objects.in_bulk(ids)
    result = []
    for unit_id in ids:
        rows[unit_id].unit = units[unit_id]
        result.append(rows[unit_id])
    return sorted(result, key=lambda r: (r.unit.name, r.unit.pk))


# --------------------------------------------------------------------------- Regulation 124 look-up

FEEDBACK_CODE_PREFIX = "PA124"  # ``services.feedback.TRACKING_PREFIX`` without its dash


@dataclass(frozen=True)
class FeedbackStatusView:
    """What the sender sees by the tracking code: the position and unit the feedback is about,
    the front committee, the dated steps and the outcome (a status). Never the sender, the
    handler, the content or the conclusion the officers wrote."""

    code: str
    position: str
    position_unit: str
    front: str
    received_on: dt.date
    status: str
    status_label: str
    steps: list[tuple[dt.date, str]]
    is_open: bool


def feedback_by_code(*, code: str) -> FeedbackStatusView:
    """The public status of the feedback with this tracking code (any case, with or without the
    ``PA124`` prefix and dashes). ``NotFound``, with the same message, whatever is wrong."""
    from ykien.core import tracking
    from ykien.core.codes import ErrorCode as CoreErrorCode
    from ykien.core.errors import NotFound

    normal = tracking.normalise(code)
    if normal.startswith(FEEDBACK_CODE_PREFIX):
        normal = normal[len(FEEDBACK_CODE_PREFIX) :]
    feedback = None
    if len(normal) == 8:
        feedback = (
            ConductFeedback.objects.filter(tracking_code=f"{FEEDBACK_CODE_PREFIX}-{normal}")
            .select_related("position__unit", "front")
            .prefetch_related("steps")
            .first()
        )
    if feedback is None:
        raise NotFound(
            _("Không tìm thấy phản ánh với mã tra cứu này."), code=CoreErrorCode.NOT_FOUND
        )
    labels = dict(ConductFeedback.Status.choices)
    steps = [(feedback.received_on, str(labels[ConductFeedback.Status.RECEIVED]))]
    steps += [(s.on, str(labels.get(s.status, ""))) for s in feedback.steps.all()]
    return FeedbackStatusView(
        code=feedback.tracking_code,
        position=feedback.position.title,
        position_unit=feedback.position.unit.name,
        front=feedback.front.name,
        received_on=feedback.received_on,
        status=feedback.status,
        status_label=str(labels.get(feedback.status, "")),
        steps=steps,
        is_open=feedback.is_open,
    )
