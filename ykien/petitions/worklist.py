"""The officer's workspace items: open petitions assigned to the user, and unassigned ones of
units where the user is a handler or leader, with the due date of the open step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse

from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids
from ykien.core.worklist import WorkItem
from ykien.petitions.models import Petition
from ykien.petitions.selectors import transferred_outside

MAX_ITEMS = 50


def provider(user: User, today: dt.date) -> Iterable[WorkItem]:
    scope = user_scope_unit_ids(user=user, roles=[Role.HANDLER, Role.LEADER], on=today)
    cond = Q(handler=user)
    if scope:
        cond |= Q(handler__isnull=True, unit_id__in=scope)
    # A petition sent to a body outside the Front is that body's work, not the officer's.
    qs = (
        Petition.objects.open()
        .filter(cond)
        .exclude(transferred_outside())
        .select_related("unit")
        .order_by("due_date", "pk")
    )
    for p in qs[:MAX_ITEMS]:
        yield WorkItem(
            title=f"{p.get_kind_display()} #{p.pk} — {p.get_status_display()}",
            url=reverse("petitions:staff_detail", args=[p.pk]),
            due=p.due_date,
            unit=p.unit.name,
            kind="petition",
            basis=p.due_basis_text,
        )
