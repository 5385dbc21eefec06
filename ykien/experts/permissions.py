"""Who may read and change the expert roster (django-rules over "role at a unit").

The roster holds contacts (personal data): only officers and leaders of the unit that keeps it
(or of a unit covering it) read or change it. Superusers follow Django's policy (an active
superuser holds every permission), written once in ``core.permissions``.
"""

from __future__ import annotations

import rules

from ykien.core.models import Role
from ykien.core.permissions import has_role_at

is_roster_staff = has_role_at(Role.OFFICER, Role.LEADER)

rules.add_perm("experts.view_roster", is_roster_staff)
rules.add_perm("experts.manage_expert", is_roster_staff)
