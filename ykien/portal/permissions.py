"""Who may do what on the portal (django-rules over "role at a unit").

Officers, leaders and unit administrators write, publish and withdraw the articles of their
units, moderate readers' feedback on them and answer it. Readers need no account. Superusers:
Django's policy (an active superuser holds every permission); jobs and the demo act as
``core.permissions.SYSTEM``."""

from __future__ import annotations

import rules

from ykien.core.models import Role
from ykien.core.permissions import has_role_at

is_unit_editor = has_role_at(Role.OFFICER, Role.LEADER, Role.ADMIN)

rules.add_perm("portal.manage_article", is_unit_editor)
rules.add_perm("portal.moderate_feedback", is_unit_editor)
