"""The reception tasks on the task list (core.worklist): for the head's office, a session whose
day has come and whose outcome is not recorded, and the advance registrations of a session held
that are not yet in the log; for the Front's supervisors, each finished month in which a head of
their units held fewer receptions than the legal minimum (the supervision view's flag), linked
to that view filtered to the head and the month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ykien.core.models import Role, User
from ykien.core.selectors import role_grants_valid
from ykien.core.worklist import WorkItem
from ykien.reception import selectors
from ykien.reception.models import Session, SessionStatus


def _office_items(user: User, today: dt.date) -> Iterable[WorkItem]:
    heads = selectors.heads_for_office(user=user, on=today)
    sessions = Session.objects.filter(head__in=heads).select_related("head", "head__unit")
    for session in sessions.filter(status=SessionStatus.SCHEDULED, day__lte=today).order_by(
        "day", "starts_at", "pk"
    ):
        yield WorkItem(
            title=_("Ghi nhận kết quả buổi tiếp công dân ngày %(day)s (%(head)s)")
            % {"day": session.day.strftime("%d/%m/%Y"), "head": session.head.name},
            url=reverse("reception:session", args=[session.pk]),
            due=session.day,
            unit=session.head.unit.name,
            kind="reception.session",
        )
    waiting = (
        sessions.filter(status__in=[SessionStatus.HELD, SessionStatus.DELEGATED])
        .annotate(unlogged=Count("registrations", filter=Q(registrations__entry__isnull=True)))
        .filter(unlogged__gt=0)
        .order_by("day", "starts_at", "pk")
    )
    for session in waiting:
        yield WorkItem(
            title=ngettext(
                "Ghi sổ %(n)s người đã đăng ký buổi tiếp ngày %(day)s (%(head)s)",
                "Ghi sổ %(n)s người đã đăng ký buổi tiếp ngày %(day)s (%(head)s)",
                session.unlogged,  # type: ignore[attr-defined]
            )
            % {
                "n": session.unlogged,  # type: ignore[attr-defined]
                "day": session.day.strftime("%d/%m/%Y"),
                "head": session.head.name,
            },
            url=reverse("reception:session", args=[session.pk]),
            due=None,
            unit=session.head.unit.name,
            kind="reception.log",
        )


def _supervisor_items(user: User, today: dt.date) -> Iterable[WorkItem]:
    for row in selectors.short_months(user=user, today=today):
        month = f"{row.year:04d}-{row.month:02d}"
        yield WorkItem(
            title=_(
                "Tháng %(month)s, %(head)s trực tiếp tiếp công dân %(held)s buổi, ít hơn mức "
                "tối thiểu %(required)s buổi: xem xét, đôn đốc"
            )
            % {
                "month": row.label,
                "head": row.head.name,
                "held": row.held,
                "required": row.required,
            },
            url=f"{reverse('reception:supervision')}?nguoi={row.head.pk}&tu={month}&den={month}",
            due=None,
            unit=row.head.unit.name,
            kind="reception.short_month",
            basis=row.basis,
        )


def provider(user: User, today: dt.date) -> list[WorkItem]:
    roles = set(role_grants_valid(user=user, on=today).values_list("role", flat=True))
    items: list[WorkItem] = []
    if Role.HEAD_OFFICE.value in roles:
        items.extend(_office_items(user, today))
    if roles & {r.value for r in selectors.SUPERVISOR_ROLES}:
        items.extend(_supervisor_items(user, today))
    return items
