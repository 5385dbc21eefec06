"""Who may do what with an account.

A citizen deletes their own account. Staff cannot: what an officer, a leader, a respondent or an
administrator did is an official record (their name stays on it); an administrator closes such an
account instead. Declared personal: a superuser gets no shortcut."""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import User
from ykien.core.permissions import personal


@rules.predicate
def is_own_citizen_account(user: User, obj: Any = None) -> bool:
    return bool(
        user.is_authenticated
        and (obj is None or getattr(obj, "pk", None) == user.pk)
        and user.kind == User.Kind.CITIZEN
        and not user.is_staff
        and not user.is_superuser
        and not user.role_grants.exists()
    )


rules.add_perm("accounts.delete_account", is_own_citizen_account)
personal("accounts.delete_account")
