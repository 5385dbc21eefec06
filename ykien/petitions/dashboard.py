"""The petitions' area of the staff dashboard (``core.dashboard``): open petitions of the
officer's scope due today, within seven days, overdue; those received in the last seven days;
per month, petitions received, settled on time and settled late. Four queries, whatever the
number of petitions."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import BUCKETS, WEEK_DAYS, Area, Tile, last_months, month_key
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.petitions import selectors
from ykien.petitions.models import Status


def area(user: User, today: dt.date) -> Area | None:
    if not allows(user, "petitions.view_petition"):
        return None
    base = selectors.petitions_for_staff(user=user).order_by()
    open_ = Q(status__in=Status.open_values())
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    counts = base.aggregate(
        today=Count("pk", filter=open_ & Q(due_date=today)),
        week=Count("pk", filter=open_ & Q(due_date__gte=today, due_date__lte=week_end)),
        overdue=Count("pk", filter=open_ & Q(due_date__lt=today)),
        new=Count("pk", filter=Q(received_on__gte=since)),
    )
    url = reverse("petitions:staff_list")
    params = {
        "today": {"due": "today"},
        "week": {"due": "week"},
        "overdue": {"due": "overdue"},
        "new": {"recent": "1"},
    }
    first = last_months(today)[0]
    monthly: dict[dt.date, list[int]] = {}
    received = (
        base.filter(received_on__gte=first)
        .exclude(status=Status.MERGED)
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in received:
        key = month_key(row["month"])
        if key is not None:
            monthly.setdefault(key, [0, 0, 0])[0] = row["n"]
    settled = (
        base.filter(settled_on__gte=first, settle_due__isnull=False)
        .annotate(month=TruncMonth("settled_on"))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(settled_on__lte=F("settle_due"))),
            late=Count("pk", filter=Q(settled_on__gt=F("settle_due"))),
        )
    )
    for figure_row in settled:
        key = month_key(figure_row["month"])
        if key is not None:
            figures = monthly.setdefault(key, [0, 0, 0])
            figures[1], figures[2] = figure_row["on_time"], figure_row["late"]
    return Area(
        key="petitions",
        title=_("Đơn thư"),
        order=10,
        tiles=[
            Tile(bucket, counts[bucket], f"{url}?{urlencode(params[bucket])}") for bucket in BUCKETS
        ],
        series=(_("Tiếp nhận"), _("Giải quyết đúng hạn"), _("Giải quyết trễ hạn")),
        monthly={k: (v[0], v[1], v[2]) for k, v in monthly.items()},
    )
