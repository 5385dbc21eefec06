"""Supervision's areas of the staff dashboard (``core.dashboard``).

- Recommendations of the officer's activities awaiting an answer due today or within seven days,
  overdue, sent in the last seven days; per month, recommendations sent, answered on time (first
  answer by the date set) and late. Three queries, whatever the number of recommendations.
- The Regulation 124 inbox (``oversight.view_feedback_inbox``): open feedback whose review is
  due today, within seven days, overdue (the stored ``review_due``), received in the last seven
  days; per month, received, reviewed by the due date and after it (the day of the step that
  concluded or dismissed it). For a leader, the open feedback of their fronts not assigned to a
  handler yet: what awaits their decision. Four queries, whatever the number of items."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import (
    Approval,
    Area,
    due_counts,
    last_months,
    monthly_figures,
    tiles,
)
from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids
from ykien.oversight import selectors
from ykien.oversight.models import (
    ConductFeedback,
    FeedbackStep,
    Recommendation,
    RecommendationStatus,
)


def area(user: User, today: dt.date) -> list[Area | None]:
    return [recommendations_area(user, today), feedback_area(user, today)]


def recommendations_area(user: User, today: dt.date) -> Area | None:
    if not (user.is_superuser or selectors.front_units_for(user=user)):
        return None
    scope = selectors.activities_in_scope(user=user).values("pk")
    base = selectors.with_answers(Recommendation.objects.filter(activity_id__in=scope)).order_by()
    awaiting = Q(status__in=RecommendationStatus.awaiting())
    counts = due_counts(
        base,
        today=today,
        open_q=awaiting,
        due="answer_due",
        new_on="issued_on",
        overdue=selectors.overdue_q(today),
    )
    url = reverse("oversight:recommendation_list")
    first = last_months(today)[0]
    return Area(
        key="recommendations",
        title=_("Kiến nghị sau giám sát"),
        order=20,
        tiles=tiles(counts, url),
        series=(_("Đã gửi"), _("Được trả lời đúng hạn"), _("Được trả lời trễ hạn")),
        monthly=monthly_figures(
            received=base.filter(issued_on__gte=first),
            received_on="issued_on",
            done=base.filter(first_answered_on__gte=first),  # type: ignore[misc]
            done_on="first_answered_on",
            due="answer_due",
        ),
    )


def feedback_area(user: User, today: dt.date) -> Area | None:
    if not user.has_perm("oversight.view_feedback_inbox"):
        return None
    base = selectors.feedback_for_front(user=user).select_related(None).order_by()
    open_ = selectors.feedback_open_q()
    counts = due_counts(base, today=today, open_q=open_, due="review_due", new_on="received_on")
    url = reverse("oversight:feedback_inbox")
    first = last_months(today)[0]
    closed_on = Subquery(
        FeedbackStep.objects.filter(
            feedback=OuterRef("pk"),
            status__in=[ConductFeedback.Status.CONCLUDED, ConductFeedback.Status.DISMISSED],
        )
        .order_by("on", "pk")
        .values("on")[:1]
    )
    done = base.annotate(closed_on=closed_on).filter(closed_on__gte=first)
    return Area(
        key="feedback124",
        title=_("Phản ánh theo Quy định 124"),
        order=25,
        tiles=tiles(counts, url),
        series=(_("Tiếp nhận"), _("Xem xét xong đúng hạn"), _("Xem xét xong trễ hạn")),
        monthly=monthly_figures(
            received=base.filter(received_on__gte=first),
            received_on="received_on",
            done=done,
            done_on="closed_on",
            due="review_due",
        ),
        approvals=_feedback_approvals(user, today, url),
    )


def _feedback_approvals(user: User, today: dt.date, url: str) -> list[Approval]:
    """For a leader (who assigns a handler: ``lifecycle.FEEDBACK``'s ``assign``), the open
    feedback of the fronts they lead that no handler was assigned to."""
    waiting_qs = ConductFeedback.objects.filter(selectors.feedback_open_q(), handler__isnull=True)
    if not user.is_superuser:
        scope = user_scope_unit_ids(user=user, roles=[Role.LEADER], on=today)
        if not scope:
            return []
        waiting_qs = waiting_qs.filter(front_id__in=scope)
    waiting = waiting_qs.count()
    if not waiting:
        return []
    return [
        Approval(
            label=_("Phản ánh theo Quy định 124 chưa giao cán bộ xem xét"),
            count=waiting,
            url=f"{url}?unassigned=1",
        )
    ]
