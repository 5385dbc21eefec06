"""Supervision's area of the staff dashboard (``core.dashboard``): recommendations of the
officer's activities awaiting an answer due today or within seven days, overdue, sent in the last
seven days; per month, recommendations sent, answered on time (first answer by the date set) and
late. Three queries, whatever the number of recommendations."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import BUCKETS, WEEK_DAYS, Area, Tile, last_months, month_key
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
        "today": {"han": "hom-nay"},
        "week": {"han": "7-ngay"},
        "overdue": {"qua-han": "1"},
        "new": {"moi": "1"},
    }
    first = last_months(today)[0]
    monthly: dict[dt.date, list[int]] = {}
    issued = (
        base.filter(issued_on__gte=first)
        .annotate(month=TruncMonth("issued_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in issued:
        key = month_key(row["month"])
        if key is not None:
            monthly.setdefault(key, [0, 0, 0])[0] = row["n"]
    answered = (
        base.filter(first_answered_on__gte=first, answer_due__isnull=False)  # type: ignore[misc]
        .annotate(month=TruncMonth("first_answered_on"))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(first_answered_on__lte=F("answer_due"))),
            late=Count("pk", filter=Q(first_answered_on__gt=F("answer_due"))),
        )
    )
    for figure_row in answered:
        key = month_key(figure_row["month"])
        if key is not None:
            figures = monthly.setdefault(key, [0, 0, 0])
            figures[1], figures[2] = figure_row["on_time"], figure_row["late"]
    return Area(
        key="recommendations",
        title=_("Kiến nghị sau giám sát"),
        order=20,
        tiles=[
            Tile(bucket, counts[bucket], f"{url}?{urlencode(params[bucket])}") for bucket in BUCKETS
        ],
        series=(_("Đã gửi"), _("Được trả lời đúng hạn"), _("Được trả lời trễ hạn")),
        monthly={k: (v[0], v[1], v[2]) for k, v in monthly.items()},
    )
