"""Reads of the accounts app: the communes a citizen may pick, found by their name today or by a
name they had before the 2025 mergers, and a person's profile."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q

from ykien.accounts.models import Profile
from ykien.analysis.text import fold
from ykien.core import selectors as core_selectors
from ykien.core.models import Unit, UnitKind, UnitLevel, UnitSuccession, User

# A commune is a place to a citizen, not a committee: "Ủy ban MTTQ Việt Nam xã Càng Long" is
# shown as "xã Càng Long" (the Front's committee of a commune stands for the commune).
_COMMITTEE_PREFIX = re.compile(r"^Ủy ban (MTTQ|Mặt trận Tổ quốc)( Việt Nam)? ", re.IGNORECASE)


def place_name(unit: Unit) -> str:
    """The name of the place a front committee stands for ("xã Càng Long")."""
    return _COMMITTEE_PREFIX.sub("", unit.name)


@dataclass(frozen=True)
class CommuneChoice:
    unit: Unit
    label: str  # "xã Càng Long"
    province: str  # "tỉnh Vĩnh Long"
    formerly: tuple[str, ...] = ()  # names of former units that became (part of) it


def _current_communes(on: dt.date) -> list[Unit]:
    return list(
        Unit.objects.valid_on(on)
        .filter(level=UnitLevel.COMMUNE, kind=UnitKind.FRONT)
        .order_by("name")
    )


def _province_names(units: list[Unit]) -> dict[int, str]:
    """The province (the ancestor at province level) of each unit, by the unit's id."""
    ancestor_ids = {pk for u in units for pk in u.ancestor_ids}
    provinces = {
        u.pk: place_name(u)
        for u in Unit.objects.filter(pk__in=ancestor_ids, level=UnitLevel.PROVINCE)
    }
    return {
        u.pk: next((provinces[pk] for pk in u.ancestor_ids if pk in provinces), "") for u in units
    }


def commune_choices(*, on: dt.date | None = None) -> list[CommuneChoice]:
    """Every commune in force on ``on`` (today), sorted by province then name."""
    day = on or core_selectors.today()
    communes = _current_communes(day)
    provinces = _province_names(communes)
    choices = [CommuneChoice(u, place_name(u), provinces[u.pk]) for u in communes]
    return sorted(choices, key=lambda c: (fold(c.province), fold(c.label)))


def commune_is_current(*, unit_id: int, on: dt.date | None = None) -> Unit | None:
    """The commune ``unit_id`` when it is one a citizen may pick today, else ``None``."""
    day = on or core_selectors.today()
    return (
        Unit.objects.valid_on(day)
        .filter(pk=unit_id, level=UnitLevel.COMMUNE, kind=UnitKind.FRONT)
        .first()
    )


def commune_search(
    *, query: str, on: dt.date | None = None, limit: int = 50
) -> list[CommuneChoice]:
    """The communes in force today that ``query`` names, with or without diacritics: by their
    name, by their province's name, or by the name of a unit that no longer exists and became
    them — "Trà Vinh" (the former province) finds the communes that took over its districts'
    wards, each saying what it was formerly part of."""
    words = fold(query).split()
    if not words:
        return []
    day = on or core_selectors.today()
    by_id = {c.unit.pk: c for c in commune_choices(on=day)}

    def matches(text: str) -> bool:
        folded = fold(text)
        return all(word in folded for word in words)

    found: dict[int, list[str]] = {
        pk: [] for pk, c in by_id.items() if matches(f"{c.label} {c.province}")
    }
    # Former units (front committees that ended) whose name matches: what they became.
    former = [
        u
        for u in Unit.objects.filter(valid_to__lt=day, kind=UnitKind.FRONT).only(
            "pk", "name", "path", "valid_from", "valid_to", "level"
        )
        if matches(place_name(u))
    ]
    for unit in former:
        for pk in _communes_from(unit, day, set(by_id)):
            found.setdefault(pk, [])
            if place_name(unit) not in found[pk]:
                found[pk].append(place_name(unit))
    results = [
        CommuneChoice(by_id[pk].unit, by_id[pk].label, by_id[pk].province, tuple(names))
        for pk, names in found.items()
    ]
    results.sort(key=lambda c: (fold(c.province), fold(c.label)))
    return results[:limit]


def _communes_from(unit: Unit, day: dt.date, current: set[int]) -> set[int]:
    """The current communes that ``unit`` (no longer in force) became: followed through the
    succession links of it and of every unit under it."""
    subtree = set(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)) | {
        unit.pk
    }
    result: set[int] = set()
    seen = set(subtree)
    frontier = subtree
    while frontier:
        successors = set(
            UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
                "successor_id", flat=True
            )
        )
        result |= successors & current
        frontier = successors - seen
        seen |= successors
    return result


def profile_of(*, user: User) -> Profile | None:
    return Profile.objects.filter(user=user).select_related("commune").first()


def profile_language(*, user: User) -> str:
    """The language the person chose in their profile ("" when none)."""
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def user_by_email(*, email: str) -> User | None:
    """The account that holds ``email`` (a confirmed address first), for the mail's language."""
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .order_by("-verified", "pk")
        .select_related("user")
        .first()
    )
    if address is not None:
        return address.user
    return User.objects.filter(Q(email__iexact=email)).order_by("pk").first()
