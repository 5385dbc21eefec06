"""Reads of the expert roster; other apps use these, never the model."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from ykien.core import lists
from ykien.experts.models import Expert


def expert_get(*, expert_id: int) -> Expert | None:
    return Expert.objects.select_related("unit").filter(pk=expert_id).first()


def experts_list(
    *,
    unit_ids: Iterable[int] | None,
    terms: Sequence[str] = (),
    kind: str = "",
    active_only: bool = True,
    active: bool | None = None,
    ordering: Sequence[str] = (),
) -> QuerySet[Expert]:
    """Roster entries of ``unit_ids`` (None: every unit), by name unless ``ordering`` says
    otherwise. ``terms``: folded words that must each begin a word of the name, the
    organisation or the fields (``core.lists.search``); ``active``: only those still on the
    roster (True) or no longer (False)."""
    qs = Expert.objects.select_related("unit")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    if active_only:
        qs = qs.filter(active=True)
    if active is not None:
        qs = qs.filter(active=active)
    if kind:
        qs = qs.filter(kind=kind)
    qs = lists.search(qs, "search_text", terms)
    return qs.order_by(*(ordering or ("full_name", "id")))


def experts_suggest(
    *,
    unit_ids: Iterable[int],
    fields: Iterable[str],
    exclude_ids: Iterable[int] = (),
    limit: int = 10,
) -> list[Expert]:
    """Contactable experts of ``unit_ids`` ranked by how many of ``fields`` they cover, then by
    past participation (answered invitations), then by name."""
    wanted = [f.strip().lower() for f in fields if f.strip()]
    candidates = (
        experts_list(unit_ids=unit_ids)
        .filter(consent_contact=True)
        .exclude(pk__in=list(exclude_ids))
    )
    scored: list[tuple[int, int, str, Expert]] = []
    for expert in candidates:
        own = [f.lower() for f in expert.field_list]
        matches = sum(1 for w in wanted if any(w in f or f in w for f in own))
        if wanted and not matches:
            continue
        scored.append((-matches, -expert.participation_count, expert.full_name, expert))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]


def experts_by_ids(*, ids: Iterable[int]) -> dict[int, Expert]:
    return Expert.objects.in_bulk(list(ids))


def expert_ids_of_user(*, user_id: int) -> list[int]:
    """The roster entries linked to the account ``user_id`` (``Expert.user``): whose invitations
    and opinions are that person's own ("my page")."""
    return list(Expert.objects.filter(user_id=user_id).values_list("pk", flat=True))
