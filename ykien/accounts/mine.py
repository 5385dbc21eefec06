"""The account's profile in "download my data" (``core.mine``): the commune and the language a
person chose. It is no contribution, so "my page" lists nothing of it; the account deletion
erases it with the account (``accounts.services``)."""

from __future__ import annotations

from typing import Any

from ykien.accounts.models import Profile
from ykien.accounts.selectors import place_name


def items(user: Any) -> list[Any]:
    return []


def export(user: Any) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).select_related("commune").first()
    if profile is None:
        return {}
    return {
        "profile": {
            "commune": place_name(profile.commune) if profile.commune else "",
            "language": {
                "code": profile.language,
                "label": str(profile.get_language_display()) if profile.language else "",
            },
        }
    }


def erase(user: Any) -> int:
    return 0  # the profile goes with the account (accounts.services)
