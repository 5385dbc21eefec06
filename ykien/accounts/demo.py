"""Demo data of the accounts app: the demo citizen (core's ``congdan``) gets a confirmed e-mail
address, so that they sign in with it as a citizen who signed up would, and a profile.
Idempotent."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from ykien.accounts import selectors
from ykien.accounts.models import Profile
from ykien.core.models import User

CITIZEN = "congdan"


@transaction.atomic
def load(out: Any) -> None:
    user = User.objects.filter(username=CITIZEN, kind=User.Kind.CITIZEN).first()
    if user is None or not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )
    if not Profile.objects.filter(user=user).exists():
        found = selectors.commune_search(query="Càng Long", limit=1)
        Profile.objects.create(user=user, language="vi", commune=found[0].unit if found else None)
    out.write(f"  Công dân đăng nhập bằng e-mail: {user.email}\n")
