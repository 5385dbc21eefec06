"""The petitions' area of the staff dashboard (``core.dashboard``): open petitions of the
officer's scope due today, within seven days, overdue; those received in the last seven days;
per month, petitions received, settled on time and settled late. Four queries, whatever the
number of petitions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import Area, due_counts, last_months, monthly_figures, tiles
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.petitions import selectors
from ykien.petitions.models import Status


def area(user: User, today: dt.date) -> Area | None:
    if not allows(user, "petitions.view_petition"):
        return None
    base = selectors.petitions_for_staff(user=user).order_by()
    open_ = Q(status__in=Status.open_values())
    counts = due_counts(base, today=today, open_q=open_, due="due_date", new_on="received_on")
    url = reverse("petitions:staff_list")
    first = last_months(today)[0]
    return Area(
        key="petitions",
        title=_("Đơn thư"),
        order=10,
        tiles=tiles(counts, url),
        series=(_("Tiếp nhận"), _("Giải quyết đúng hạn"), _("Giải quyết trễ hạn")),
        monthly=monthly_figures(
            received=base.filter(received_on__gte=first).exclude(status=Status.MERGED),
            received_on="received_on",
            done=base.filter(settled_on__gte=first),
            done_on="settled_on",
            due="settle_due",
        ),
    )
