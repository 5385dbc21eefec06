"""Supervision's area of the staff dashboard (``core.dashboard``): recommendations of the
officer's activities awaiting an answer due today or within seven days, overdue, sent in the last
seven days; per month, recommendations sent, answered on time (first answer by the date set) and
late. Three queries, whatever the number of recommendations."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import WEEK_DAYS, Area, last_months, monthly_figures, tiles
from ykien.core.models import User
from ykien.oversight import selectors
from ykien.oversight.models import Recommendation, RecommendationStatus


def area(user: User, today: dt.date) -> Area | None:
    if not (user.is_superuser or selectors.front_units_for(user=user)):
        return None
    scope = selectors.activities_in_scope(user=user).values("pk")
    base = selectors.with_answers(Recommendation.objects.filter(activity_id__in=scope)).order_by()
    awaiting = Q(status__in=RecommendationStatus.awaiting())
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    counts = base.aggregate(
        today=Count("pk", filter=awaiting & Q(answer_due=today)),
        week=Count("pk", filter=awaiting & Q(answer_due__gte=today, answer_due__lte=week_end)),
        overdue=Count("pk", filter=selectors.overdue_q(today)),
        new=Count("pk", filter=Q(issued_on__gte=since)),
    )
    url = reverse("oversight:recommendation_list")
    params = {
        "today": {"due": "today"},
        "week": {"due": "week"},
        "overdue": {"due": "overdue"},
        "new": {"recent": "1"},
    }
    first = last_months(today)[0]
    return Area(
        key="recommendations",
        title=_("Kiến nghị sau giám sát"),
        order=20,
        tiles=tiles(counts, url, params),
        series=(_("Đã gửi"), _("Được trả lời đúng hạn"), _("Được trả lời trễ hạn")),
        monthly=monthly_figures(
            received=base.filter(issued_on__gte=first),
            received_on="issued_on",
            done=base.filter(first_answered_on__gte=first),  # type: ignore[misc]
            done_on="first_answered_on",
            due="answer_due",
        ),
    )
