"""A person's entry in the expert roster, for "my page", the download of their data and the
erasure of their account (``core.mine``). Their opinions on drafts are the consultations app's.

The roster entry is the unit's record, kept with the consent it records (``consent_contact``): it
stays when the account is deleted, only its link to the account goes (the person withdraws from
the roster by asking the unit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ykien.core.mine import MyItem, Section
from ykien.core.models import User
from ykien.experts.models import Expert


def _entries(user: User) -> list[Expert]:
    if not user.is_authenticated:
        return []
    return list(Expert.objects.filter(user=user).select_related("unit").order_by("pk"))


def items(user: User) -> list[MyItem]:
    return [
        MyItem(
            section=Section.EXPERT,
            kind=_("Hồ sơ chuyên gia"),
            title=str(e),
            url="",
            date=e.created_at,
            status=_("Trong danh sách chuyên gia") if e.active else _("Không còn trong danh sách"),
            detail=_("Đơn vị quản lý danh sách: %(unit)s") % {"unit": e.unit.name},
        )
        for e in _entries(user)
    ]


def export(user: User) -> dict[str, Any]:
    return {
        "roster": [
            {
                "unit": e.unit.name,
                "full_name": e.full_name,
                "title": e.title,
                "kind": {"code": e.kind, "label": str(e.get_kind_display())},
                "fields": e.field_list,
                "organisation": e.organisation,
                "community": e.community,
                "community_consent": e.community_consent,
                "email": e.email,
                "phone": e.phone,
                "consent_contact": e.consent_contact,
                "consent_date": e.consent_date,
                "participation_count": e.participation_count,
                "last_participation": e.last_participation,
                "active": e.active,
                "created_at": e.created_at,
            }
            for e in _entries(user)
        ]
    }


def erase(user: User) -> int:
    return Expert.objects.filter(user=user).update(user=None)
