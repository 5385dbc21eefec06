"""Who may do what in citizen reception (django-rules over "role at a unit").

| permission | who |
|---|---|
| ``reception.manage`` (obj: a head, a session or a unit) | the head's office (``head_office``) at a unit covering the head's unit: keeps the calendar, moves the sessions, records the log |
| ``reception.read_identity`` (obj: a log line or a registration) | the head's office only, personal (a superuser gets no shortcut); every read is logged |
| ``reception.supervise`` (obj: a head or a unit) | the Front's officers, leaders and unit administrators at a unit covering the head's unit |

Registration for a session is public (captcha and rate limit in the view). Jobs and the demo
act as ``core.permissions.SYSTEM``.
"""

from __future__ import annotations

import rules

from ykien.core.models import Role
from ykien.core.permissions import has_role_at, personal

is_head_office = has_role_at(Role.HEAD_OFFICE)
is_front_supervisor = has_role_at(Role.OFFICER, Role.LEADER, Role.ADMIN)

rules.add_perm("reception.manage", is_head_office)
rules.add_perm("reception.read_identity", is_head_office)
rules.add_perm("reception.supervise", is_front_supervisor)
personal("reception.read_identity")
