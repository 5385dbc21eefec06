"""Who may do what with the briefing figures (django-rules over "role at a unit").

* enter and submit a unit's figures: an officer or a leader whose role covers the unit;
* approve or return them: a leader whose role covers the unit;
* read the figures, the dashboard and the briefing report: staff (officer, handler, leader,
  unit administrator) whose role covers the unit, and superusers.

The functions take the day on which the role must hold (``on``), so that figures of an earlier
period can be recorded as of the day they were entered (the demo's 2024 figures).
"""

from __future__ import annotations

import datetime as dt

import rules

from ykien.core.models import Role, Unit, User
from ykien.core.permissions import has_role_at
from ykien.core.selectors import user_has_role_at

ENTER_ROLES = (Role.OFFICER.value, Role.LEADER.value)
APPROVE_ROLES = (Role.LEADER.value,)
VIEW_ROLES = tuple(sorted(Role.staff()))


def can_enter(user: User, unit: Unit, *, on: dt.date | None = None) -> bool:
    return user_has_role_at(user=user, unit=unit, roles=ENTER_ROLES, on=on)


def can_approve(user: User, unit: Unit, *, on: dt.date | None = None) -> bool:
    return user_has_role_at(user=user, unit=unit, roles=APPROVE_ROLES, on=on)


def can_view(user: User, unit: Unit, *, on: dt.date | None = None) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return user_has_role_at(user=user, unit=unit, roles=VIEW_ROLES, on=on)


rules.add_perm("reporting.view_briefing", rules.is_superuser | has_role_at(*VIEW_ROLES))
rules.add_perm("reporting.enter_figures", has_role_at(*ENTER_ROLES))
rules.add_perm("reporting.approve_figures", has_role_at(*APPROVE_ROLES))
