"""Reads of the core domain: the unit tree as of a date, successors, roles, the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from ykien.core.models import AuditEvent, Role, RoleGrant, Unit, UnitLevel, UnitSuccession, User


def today() -> dt.date:
    return timezone.localdate()


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)


def unit_get(*, code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


@dataclass(frozen=True)
class MapView:
    """Where a map opens: its centre (WGS84) and Leaflet's zoom level."""

    lat: float
    lng: float
    zoom: int


#: The whole country, for a site whose units have no place yet.
VIETNAM = MapView(16.0, 106.5, 5)


def unit_map_view(*, on: dt.date) -> MapView:
    """Where a map of the site opens: the middle of its province-level units in force on ``on``
    that have a place (``Unit.lat``/``lng``), else the whole country."""
    points = {
        (float(lat), float(lng))
        for lat, lng in Unit.objects.valid_on(on)
        .filter(level=UnitLevel.PROVINCE, lat__isnull=False, lng__isnull=False)
        .values_list("lat", "lng")
        if lat is not None and lng is not None
    }
    if not points:
        return VIETNAM
    lat = sum(p[0] for p in points) / len(points)
    lng = sum(p[1] for p in points) / len(points)
    return MapView(round(lat, 6), round(lng, 6), 9 if len(points) == 1 else 7)


def unit_tree(*, on: dt.date, root: Unit | None = None) -> list[UnitNode]:
    """The units in force on ``on`` as a forest (children sorted by name), under ``root`` if given."""
    qs = Unit.objects.valid_on(on)
    if root is not None:
        qs = qs.subtree_of(root)
    units = list(qs.order_by("depth", "name"))
    nodes = {u.pk: UnitNode(u) for u in units}
    roots: list[UnitNode] = []
    for u in units:
        parent = nodes.get(u.parent_id) if u.parent_id else None
        if parent is None:
            roots.append(nodes[u.pk])
        else:
            parent.children.append(nodes[u.pk])
    return roots


def unit_children(*, unit: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.filter(parent=unit)
    if on is not None:
        qs = qs.valid_on(on)
    return qs.order_by("name")


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """Ancestors from the root down to the parent."""
    ids = unit.ancestor_ids[:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def unit_successors(*, unit: Unit, on: dt.date | None = None) -> list[Unit]:
    """What ``unit`` became: its successors, followed through later mergers, in force on ``on``.

    A unit still in force on ``on`` is its own answer.
    """
    day = on or today()
    if unit.is_valid_on(day):
        return [unit]
    result: list[Unit] = []
    seen: set[int] = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        links = list(
            UnitSuccession.objects.filter(predecessor_id__in=frontier).select_related("successor")
        )
        frontier = []
        for link in links:
            succ = link.successor
            if succ.pk in seen:
                continue
            seen.add(succ.pk)
            if succ.is_valid_on(day):
                result.append(succ)
            else:
                frontier.append(succ.pk)
    return sorted(result, key=lambda u: u.name)


def unit_predecessor_ids(*, unit: Unit) -> set[int]:
    """Every unit that was merged, directly or through earlier mergers, into ``unit``."""
    found: set[int] = set()
    frontier = [unit.pk]
    while frontier:
        ids = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = list(ids - found - {unit.pk})
        found |= ids
    found.discard(unit.pk)
    return found


def _subtree_ids(units: Iterable[Unit]) -> set[int]:
    cond = Q()
    for u in units:
        cond |= Q(path__startswith=u.path)
    if not cond:
        return set()
    return set(Unit.objects.filter(cond).values_list("pk", flat=True))


def unit_scope_ids(*, unit: Unit, include_predecessors: bool = True) -> set[int]:
    """Ids of ``unit``'s subtree and, through succession links, the subtrees of every unit that
    merged into any of them: the records an officer of ``unit`` is responsible for."""
    ids = _subtree_ids([unit])
    frontier = set(ids)
    while include_predecessors and frontier:
        pred_ids = (
            set(
                UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            - ids
        )
        new_ids = _subtree_ids(Unit.objects.filter(pk__in=pred_ids).only("id", "path")) - ids
        ids |= new_ids
        frontier = new_ids
    return ids


def unit_governing_ids(*, unit: Unit) -> set[int]:
    """Units whose subtree covers ``unit``: its ancestors and itself, and likewise for every unit
    it became (so a role at a successor reaches the records of a merged unit)."""
    ids = set(unit.ancestor_ids)
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        succ = list(Unit.objects.filter(succeeds__predecessor_id__in=frontier).only("id", "path"))
        frontier = []
        for s in succ:
            if s.pk in seen:
                continue
            seen.add(s.pk)
            ids |= set(s.ancestor_ids)
            frontier.append(s.pk)
    return ids


# A person's grants and the units a unit's role reaches, read once per user object (a request's
# user lives for that request) and read again after any grant or the unit tree changes in this
# process (``forget_grants``, called on every save or delete of a grant, a unit or a merger).
_VERSION = [0]
MEMO = "_ykien_grants_memo"


def forget_grants(*args: object, **kwargs: object) -> None:
    _VERSION[0] += 1


def _memo(user: User) -> dict[str, dict]:
    memo = getattr(user, MEMO, None)
    if memo is None or memo["v"] != _VERSION[0]:
        memo = {"v": _VERSION[0], "grants": {}, "governing": {}, "scope": {}}
        setattr(user, MEMO, memo)
    return memo


def _grants_on(user: User, on: dt.date) -> list[RoleGrant]:
    """The person's grants valid on ``on`` (with their units), read once per user object."""
    grants = _memo(user)["grants"]
    if on not in grants:
        grants[on] = list(RoleGrant.objects.filter(user=user).valid_on(on).select_related("unit"))
    return grants[on]


def _governing(user: User, unit: Unit) -> set[int]:
    governing = _memo(user)["governing"]
    if unit.pk not in governing:
        governing[unit.pk] = unit_governing_ids(unit=unit)
    return governing[unit.pk]


def prime_governing(*, user: User, units: Iterable[Unit]) -> None:
    """Work out for many units at once what ``user_has_role_at`` reads for each (the units
    whose subtree covers it, ``unit_governing_ids``): one query for the whole succession graph
    instead of one or more per unit, so a form or list that checks a permission per unit costs
    no query per unit. Kept in the user's memo like the rest."""
    governing = _memo(user)["governing"]
    wanted = [unit for unit in units if unit.pk not in governing]
    if not wanted:
        return
    became: dict[int, list[tuple[int, str]]] = {}
    for predecessor, successor, path in UnitSuccession.objects.values_list(
        "predecessor_id", "successor_id", "successor__path"
    ):
        became.setdefault(predecessor, []).append((successor, path))
    for unit in wanted:
        ids = set(unit.ancestor_ids)
        frontier, seen = [unit.pk], {unit.pk}
        while frontier:
            later = []
            for pk in frontier:
                for successor, path in became.get(pk, ()):
                    if successor not in seen:
                        seen.add(successor)
                        ids |= set(Unit(pk=successor, path=path).ancestor_ids)
                        later.append(successor)
            frontier = later
        governing[unit.pk] = ids


def holds_role(*, user: User, roles: Iterable[str], on: dt.date | None = None) -> bool:
    """Does ``user`` hold one of ``roles`` anywhere on ``on``?"""
    if not user.is_authenticated:
        return False
    wanted = {str(r) for r in roles}
    return any(g.role in wanted for g in _grants_on(user, on or today()))


def role_grants_valid(
    *, user: User, on: dt.date | None = None, roles: Iterable[str] | None = None
) -> QuerySet[RoleGrant]:
    qs = RoleGrant.objects.filter(user=user).valid_on(on or today()).select_related("unit")
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    return qs


def user_has_role_at(
    *, user: User, unit: Unit, roles: Iterable[str], on: dt.date | None = None
) -> bool:
    """Does ``user`` hold one of ``roles`` at ``unit`` or at a unit whose subtree covers it, on ``on``?"""
    if not user.is_authenticated or not user.is_active:
        return False
    wanted = {str(r) for r in roles}
    grants = [g for g in _grants_on(user, on or today()) if g.role in wanted]
    return bool(grants) and any(g.unit_id in _governing(user, unit) for g in grants)


def role_holder_emails(*, units: Iterable[Unit], roles: Iterable[str], on: dt.date) -> list[str]:
    """The e-mail addresses (sorted, each once) of the active users holding one of ``roles`` at
    one of ``units`` (the unit itself, not its subtree) on ``on``: who to mail about a unit's
    business (for instance the respondents of an addressee or a drafting body)."""
    emails = (
        RoleGrant.objects.valid_on(on)
        .filter(role__in=list(roles), unit__in=list(units), user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def user_units(
    *, user: User, roles: Iterable[str] | None = None, on: dt.date | None = None
) -> list[Unit]:
    """The units where ``user`` holds a role (not their subtrees), ordered by level."""
    seen: dict[int, Unit] = {}
    wanted = None if roles is None else {str(r) for r in roles}
    grants = _grants_on(user, on or today()) if user.is_authenticated else []
    for grant in grants:
        if wanted is None or grant.role in wanted:
            seen.setdefault(grant.unit_id, grant.unit)
    return sorted(seen.values(), key=lambda u: (u.depth, u.name))


def user_scope_unit_ids(
    *, user: User, roles: Iterable[str] | None = None, on: dt.date | None = None
) -> set[int]:
    """The units whose records ``user``'s ``roles`` reach on ``on``: the subtrees of the units
    where they hold them, with the units merged into those. Worked out once per user object
    (a request asks several times: the list, its filters, its counts) and again after any
    grant or unit change (``forget_grants``); a copy, the caller may change it."""
    day = on or today()
    key = (None if roles is None else frozenset(str(r) for r in roles), day)
    scopes = _memo(user)["scope"]
    if key not in scopes:
        ids: set[int] = set()
        for unit in user_units(user=user, roles=roles, on=day):
            ids |= unit_scope_ids(unit=unit)
        scopes[key] = ids
    return set(scopes[key])


def user_needs_otp(*, user: User, on: dt.date | None = None) -> bool:
    """Staff holding a role that can read confidential personal data must use TOTP."""
    return holds_role(user=user, roles=Role.confidential(), on=on)


def audit_events(
    *,
    unit_ids: set[int] | None = None,
    actor: User | None = None,
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str = "",
    action: str = "",
    terms: Sequence[str] = (),
    ordering: Sequence[str] = ("-at", "-id"),
) -> QuerySet[AuditEvent]:
    """The audit events of ``unit_ids`` (None: all), filtered; ``terms``: folded words each
    beginning a word of the record's name, the reason or the person's name
    (``core.lists.search``)."""
    from ykien.core.lists import search

    qs = AuditEvent.objects.select_related("actor", "unit")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if actor is not None:
        qs = qs.filter(actor=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if action:
        from ykien.core.audit import actions_labelled_as

        qs = qs.filter(action__in=actions_labelled_as(action))
    qs = search(qs, "search_text", terms)
    return qs.order_by(*ordering)
