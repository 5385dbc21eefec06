"""The briefing's items on the officer workspace: figures to enter and send, figures to approve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ykien.core.models import User
from ykien.core.selectors import user_scope_unit_ids
from ykien.core.worklist import WorkItem
from ykien.reporting import permissions
from ykien.reporting.models import Period, Submission
from ykien.reporting.selectors import period_status
from ykien.reporting.services import follow_up_after_due

BASIS = gettext_lazy("Hạn do Ban Thường trực quy định")


def provider(user: User, today: dt.date) -> Iterable[WorkItem]:
    if not user.is_authenticated:
        return []
    enter_scope = user_scope_unit_ids(user=user, roles=permissions.ENTER_ROLES, on=today)
    approve_scope = user_scope_unit_ids(user=user, roles=permissions.APPROVE_ROLES, on=today)
    if not enter_scope and not approve_scope:
        return []
    items = []
    open_periods = Period.objects.filter(
        start__lte=today, due__gte=today - follow_up_after_due(on=today)
    )
    for period in open_periods.order_by("start"):
        url = reverse("reporting:period", kwargs={"period": period.code})
        if enter_scope:
            todo = [
                s
                for s in period_status(period=period, scope_ids=enter_scope, today=today)
                if s.status in ("missing", Submission.Status.DRAFT, Submission.Status.RETURNED)
                and s.unit.is_valid_on(today)
            ]
            if todo:
                items.append(
                    WorkItem(
                        title=ngettext(
                            "Nhập và gửi số liệu giao ban %(p)s: %(n)s đơn vị chưa gửi",
                            "Nhập và gửi số liệu giao ban %(p)s: %(n)s đơn vị chưa gửi",
                            len(todo),
                        )
                        % {"p": period.title, "n": len(todo)},
                        url=url,
                        due=period.due,
                        unit=todo[0].unit.name if len(todo) == 1 else _("nhiều đơn vị"),
                        kind="reporting",
                        basis=str(BASIS),
                    )
                )
        if approve_scope:
            waiting = Submission.objects.filter(
                period=period, status=Submission.Status.SUBMITTED, unit_id__in=approve_scope
            ).count()
            if waiting:
                items.append(
                    WorkItem(
                        title=ngettext(
                            "Duyệt số liệu giao ban %(p)s: %(n)s đơn vị chờ duyệt",
                            "Duyệt số liệu giao ban %(p)s: %(n)s đơn vị chờ duyệt",
                            waiting,
                        )
                        % {"p": period.title, "n": waiting},
                        url=f"{url}?status={Submission.Status.SUBMITTED}",
                        due=period.due,
                        unit=_("nhiều đơn vị") if waiting > 1 else "",
                        kind="reporting",
                        basis=str(BASIS),
                    )
                )
    return items
