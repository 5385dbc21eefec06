"""Who may do what with the briefing figures (django-rules over "role at a unit").

* ``reporting.enter_figures``: enter and submit a unit's figures: an officer or a leader whose
  role covers the unit;
* ``reporting.approve_figures``: approve or return them, assign targets, import figures approved
  outside the platform: a leader whose role covers the unit;
* ``reporting.view_briefing``: read the figures, the dashboard and the briefing report: staff
  (officer, handler, leader, unit administrator) whose role covers the unit;
* ``reporting.configure``: periods and indicators: nobody by role; the platform itself
  (``core.permissions.SYSTEM``: the demo, ``ykien report``) and superusers (Django's policy:
  an active superuser holds every permission).

A role must hold on the day the act is recorded: figures of an earlier period are entered "as of"
the day they were (the demo's 2024 figures, by officers whose role ended at the 2025 merger).
Services say which day with ``acting_on(day)``; without it, today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import rules

from ykien.core.models import Role, Unit, User
from ykien.core.selectors import holds_role, user_has_role_at

ENTER_ROLES = (Role.OFFICER.value, Role.LEADER.value)
APPROVE_ROLES = (Role.LEADER.value,)
VIEW_ROLES = tuple(sorted(Role.staff()))

ENTER = "reporting.enter_figures"
APPROVE = "reporting.approve_figures"
VIEW = "reporting.view_briefing"
CONFIGURE = "reporting.configure"

_acting_on: ContextVar[dt.date | None] = ContextVar("reporting_acting_on", default=None)


@contextmanager
def acting_on(day: dt.date | None) -> Iterator[None]:
    """Within the block, the roles of the briefing's permissions must hold on ``day``."""
    token = _acting_on.set(day)
    try:
        yield
    finally:
        _acting_on.reset(token)


def role_at(*roles: str) -> Any:
    """True when the user holds one of ``roles`` at a unit covering the object's unit (a ``Unit``
    or anything with a ``unit``) on the day of ``acting_on`` (today by default); with no
    object, at any unit."""

    @rules.predicate(name=f"reporting_role_at({','.join(roles)})")
    def predicate(user: User, obj: Any = None) -> bool:
        day = _acting_on.get()
        if obj is None:
            return bool(holds_role(user=user, roles=roles, on=day))
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
        if unit is None:
            return False
        return user_has_role_at(user=user, unit=unit, roles=roles, on=day)

    return predicate


rules.add_perm(VIEW, role_at(*VIEW_ROLES))
rules.add_perm(ENTER, role_at(*ENTER_ROLES))
rules.add_perm(APPROVE, role_at(*APPROVE_ROLES))
rules.add_perm(CONFIGURE, rules.always_deny)
