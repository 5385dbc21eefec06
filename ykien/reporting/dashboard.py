"""The briefing's part of the staff dashboard (``core.dashboard``): for a leader, the units'
figures submitted and awaiting their approval, per period (one query)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.dashboard import Approval, Area
from ykien.core.models import User
from ykien.core.selectors import user_scope_unit_ids
from ykien.reporting import permissions
from ykien.reporting.models import Period, Submission


def area(user: User, today: dt.date) -> Area | None:
    waiting = Q(submissions__status=Submission.Status.SUBMITTED)
    if not user.is_superuser:
        scope = user_scope_unit_ids(user=user, roles=permissions.APPROVE_ROLES, on=today)
        if not scope:
            return None
        waiting &= Q(submissions__unit_id__in=scope)
    periods = (
        Period.objects.annotate(waiting=Count("submissions", filter=waiting))
        .filter(waiting__gt=0)
        .order_by("start", "pk")
    )
    approvals = [
        Approval(
            label=_("Số liệu giao ban %(period)s") % {"period": period.title},
            count=period.waiting,  # type: ignore[attr-defined]
            url=reverse("reporting:period", kwargs={"period": period.code})
            + f"?status={Submission.Status.SUBMITTED}",
        )
        for period in periods
    ]
    if not approvals:
        return None
    return Area(key="reporting", title=_("Giao ban"), order=40, approvals=approvals)
