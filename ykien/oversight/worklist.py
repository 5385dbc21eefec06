"""The supervision tasks on the officer's and the respondent's task list (core.worklist)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.models import Role, User
from ykien.core.selectors import role_grants_valid, user_scope_unit_ids
from ykien.core.worklist import WorkItem
from ykien.oversight import selectors
from ykien.oversight.lifecycle import needs_countersign
from ykien.oversight.models import (
    ConductFeedback,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.permissions import FEEDBACK_ROLES

FRONT_ROLES = (Role.OFFICER.value, Role.LEADER.value)


def _front_items(user: User, today: dt.date) -> Iterable[WorkItem]:
    scope = user_scope_unit_ids(user=user, roles=FRONT_ROLES)
    acts = selectors.activities_in_scope(user=user).filter(unit_id__in=scope)
    for activity in acts.exclude(status__in=selectors.OPEN_ACTIVITY):
        step = selectors.activity_next_step(activity=activity)
        if step is None:
            continue
        yield WorkItem(
            title=f"{step.label}: {activity.title}",
            url=reverse("oversight:activity_detail", args=[activity.pk]),
            due=step.due,
            unit=activity.unit.name,
            kind="oversight.activity",
            basis=step.basis,
        )
    recs = selectors.with_answers(
        Recommendation.objects.filter(activity__unit_id__in=scope).select_related(
            "activity", "activity__unit", "addressee"
        )
    )
    for rec in recs.filter(status=RecommendationStatus.DRAFT):
        title = (
            _("Xác nhận kiến nghị của Ban") if needs_countersign(rec) else _("Gửi kiến nghị")
        ) + f" {rec.code} → {rec.addressee.name}"
        yield WorkItem(
            title=title,
            url=reverse("oversight:recommendation_detail", args=[rec.pk]),
            due=None,
            unit=rec.activity.unit.name,
            kind="oversight.recommendation",
        )
    for rec in recs.filter(selectors.overdue_q(today)).exclude(
        status=RecommendationStatus.ESCALATED
    ):
        yield WorkItem(
            title=_("Đôn đốc kiến nghị quá hạn %(code)s (%(unit)s)")
            % {"code": rec.code, "unit": rec.addressee.name},
            url=reverse("oversight:recommendation_detail", args=[rec.pk]),
            due=rec.answer_due,
            unit=rec.activity.unit.name,
            kind="oversight.recommendation",
            basis=_("Hạn trả lời do đơn vị ấn định; có thể chuyển Ủy ban MTTQ cấp trên đôn đốc."),
        )
    for rec in recs.filter(
        status__in=[
            RecommendationStatus.DONE,
            RecommendationStatus.EXPLAINED,
            RecommendationStatus.REJECTED,
        ]
    ):
        yield WorkItem(
            title=_("Đánh giá trả lời kiến nghị %(code)s") % {"code": rec.code},
            url=reverse("oversight:recommendation_detail", args=[rec.pk]),
            due=None,
            unit=rec.activity.unit.name,
            kind="oversight.recommendation",
        )
    for rec in selectors.recommendations_escalated_to(user=user).filter(
        status=RecommendationStatus.ESCALATED
    ):
        yield WorkItem(
            title=_("Kiến nghị được chuyển đến để đôn đốc: %(code)s (%(unit)s)")
            % {"code": rec.code, "unit": rec.addressee.name},
            url=reverse("oversight:recommendation_detail", args=[rec.pk]),
            due=rec.answer_due,
            unit=rec.escalated_to.name if rec.escalated_to else "",
            kind="oversight.escalated",
        )


def _respondent_items(user: User, today: dt.date) -> Iterable[WorkItem]:
    recs = selectors.recommendations_for_respondent(user=user).filter(
        Q(status__in=RecommendationStatus.awaiting()) | Q(status=RecommendationStatus.IN_PROGRESS)
    )
    for rec in recs:
        if rec.status == RecommendationStatus.IN_PROGRESS:
            title = _("Báo cáo kết quả thực hiện kiến nghị %(code)s") % {"code": rec.code}
            due = rec.latest_planned_date  # type: ignore[attr-defined]
        else:
            title = _("Trả lời kiến nghị %(code)s của %(issuer)s") % {
                "code": rec.code,
                "issuer": rec.issuer.name,
            }
            due = rec.answer_due
        yield WorkItem(
            title=title,
            url=reverse("oversight:answer", args=[rec.pk]),
            due=due,
            unit=rec.addressee.name,
            kind="oversight.answer",
            basis=_("Hạn trả lời do đơn vị kiến nghị ấn định (không có thời hạn luật định)."),
        )


def _feedback_items(user: User, leader: bool) -> Iterable[WorkItem]:
    """Regulation 124 feedback still open: the ones assigned to ``user``, and for a leader the
    ones in their scope nobody has been given yet."""
    cond = Q(handler=user)
    if leader:
        scope = user_scope_unit_ids(user=user, roles=[Role.LEADER.value])
        cond |= Q(handler__isnull=True, front_id__in=scope)
    rows = (
        ConductFeedback.objects.filter(selectors.feedback_open_q())
        .filter(cond)
        .select_related("position", "position__unit", "front")
        .order_by("received_on", "pk")
    )
    for feedback in rows:
        due = selectors.feedback_deadline(feedback=feedback)
        values = {"code": feedback.tracking_code, "position": feedback.position.title}
        yield WorkItem(
            title=(
                _("Xem xét phản ánh %(code)s về %(position)s")
                if feedback.handler_id == user.pk
                else _("Giao cán bộ xem xét phản ánh %(code)s về %(position)s")
            )
            % values,
            url=reverse("oversight:feedback_detail", args=[feedback.pk]),
            due=due.due,
            unit=feedback.front.name,
            kind="oversight.feedback",
            basis=f"{due.name_text}: {due.describe()}",
        )


def provider(user: User, today: dt.date) -> list[WorkItem]:
    roles = set(role_grants_valid(user=user, on=today).values_list("role", flat=True))
    items: list[WorkItem] = []
    if roles & set(FEEDBACK_ROLES):
        items.extend(_feedback_items(user, leader=Role.LEADER.value in roles))
    if roles & set(FRONT_ROLES):
        items.extend(_front_items(user, today))
    if Role.RESPONDENT.value in roles:
        items.extend(_respondent_items(user, today))
    return items
