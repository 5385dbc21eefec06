"""The petitions' area of the staff dashboard (``core.dashboard``): open petitions of the
officer's scope due today, within seven days, overdue; those received in the last seven days;
per month, petitions received, settled on time and settled late. Four queries, whatever the
number of petitions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import WEEK_DAYS, Area, last_months, monthly_figures, tiles
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
    return Area(
        key="petitions",
        title=_("Đơn thư"),
        order=10,
        tiles=tiles(counts, url, params),
        series=(_("Tiếp nhận"), _("Giải quyết đúng hạn"), _("Giải quyết trễ hạn")),
        monthly=monthly_figures(
            received=base.filter(received_on__gte=first).exclude(status=Status.MERGED),
            received_on="received_on",
            done=base.filter(settled_on__gte=first),
            done_on="settled_on",
            due="settle_due",
        ),
    )
