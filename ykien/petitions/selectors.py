"""Reads of the petitions domain: by tracking code, an officer's lists, due-soon and overdue
items, merge suggestions, statistics with small counts suppressed, the public (Open311) view."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from ykien.core import tracking
from ykien.core.errors import NotFound
from ykien.core.lists import search
from ykien.core.models import Role, RoleGrant, Unit, UnitKind, User
from ykien.core.selectors import unit_governing_ids, unit_scope_ids, user_scope_unit_ids
from ykien.petitions.codes import ErrorCode, PetitionAction
from ykien.petitions.models import Kind, Petition, PetitionEvent, ServiceCategory, Status

# Public statistics never show a count between 1 and this - 1 (so one person cannot be singled out).
SUPPRESS_BELOW = 5
# How every hidden count is written (page, charts, CSV): one mark whether the count was small or
# hidden too so that a total cannot give a small one away — "<5" would say a hidden 9 is under 5.
SUPPRESSED = pgettext_lazy("số liệu thống kê", "ẩn")
DUE_SOON_DAYS = 5
STAFF_ROLES = (Role.OFFICER, Role.HANDLER, Role.LEADER)
#: The bodies of the Front's system: its committees, the socio-political organisations and the
#: people's boards it organises. A petition transferred to any other body (a People's Committee,
#: a Party committee) is that body's to settle: the Front follows it, it does not act on it.
FRONT_SYSTEM_KINDS = (
    UnitKind.FRONT,
    *UnitKind.mass_organisations(),
    UnitKind.INSPECTION_BOARD,
    UnitKind.INVESTMENT_BOARD,
)


def transferred_outside(scope: set[int] | None = None) -> Q:
    """Petitions transferred to a body outside the Front (``FRONT_SYSTEM_KINDS``) and still there.
    With ``scope`` (the unit ids a list reads), the condition names the few units of the scope
    outside the Front, rather than joining every petition to its unit: a list's count stays an
    index scan (``bench/staff_lists.py``)."""
    transfers = PetitionEvent.objects.filter(
        petition=OuterRef("pk"), action=PetitionAction.TRANSFER
    )
    if scope is None:
        return ~Q(unit__kind__in=FRONT_SYSTEM_KINDS) & Q(Exists(transfers))
    outside = Unit.objects.filter(pk__in=scope).exclude(kind__in=FRONT_SYSTEM_KINDS)
    return Q(unit_id__in=sorted(outside.values_list("pk", flat=True))) & Q(Exists(transfers))


def petition_by_code(*, code: str) -> Petition:
    """The petition with this tracking code (any case or separators); ``NotFound`` for an
    unknown or malformed code alike."""
    normal = tracking.normalise(code)
    petition = None
    if len(normal) == tracking.LENGTH:
        petition = Petition.objects.filter(code=normal).select_related("unit").first()
    if petition is None:
        raise NotFound(_("Không tìm thấy đơn với mã tra cứu này."), code=ErrorCode.NOT_FOUND)
    return petition


def petition_public_steps(*, petition: Petition) -> QuerySet[PetitionEvent]:
    """The steps the sender sees: public text and dates, never internal notes."""
    return petition.events.filter(public=True).order_by("at", "id")


def staff_scope_ids(*, user: User) -> set[int] | None:
    """Unit ids whose petitions ``user`` may see (None = all, for superusers)."""
    if user.is_superuser:
        return None
    return user_scope_unit_ids(user=user, roles=STAFF_ROLES)


def petitions_for_staff(
    *,
    user: User,
    status: str = "",
    kind: str = "",
    unit: Unit | None = None,
    mine: bool = False,
    handler: User | None = None,
    overdue_on: dt.date | None = None,
    due_soon_on: dt.date | None = None,
    due_between: tuple[dt.date, dt.date] | None = None,
    received_from: dt.date | None = None,
    terms: Sequence[str] = (),
    number: int | None = None,
    ordering: Sequence[str] = ("-received_on", "-id"),
    outside: bool = False,
) -> QuerySet[Petition]:
    """The petitions of the officer's scope, filtered, without those transferred to a body
    outside the Front (with ``outside``: only those, see :func:`petitions_transferred_outside`).
    ``terms``: folded words that must each
    begin a word of the subject or content (``core.lists.search``); ``number``: the petition
    of that number (or, with ``terms``, it too). A denunciation's text is searched only where the officer may
    handle it (its text is not shown to the others: a match would give it away)."""
    scope = staff_scope_ids(user=user)
    qs = Petition.objects.select_related("unit", "handler", "category")
    if outside:
        qs = qs.filter(transferred_outside())
        if scope is not None:
            qs = qs.filter(Q(unit_id__in=scope) | Q(Exists(_transfers_from(scope))))
    else:
        qs = qs.exclude(transferred_outside(scope))
        if scope is not None:
            qs = qs.filter(unit_id__in=scope)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_scope_ids(unit=unit))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if mine:
        qs = qs.filter(handler=user)
    if handler is not None:
        qs = qs.filter(handler=handler)
    if overdue_on is not None:
        qs = qs.overdue(overdue_on)
    if due_soon_on is not None:
        qs = qs.due_soon(due_soon_on, DUE_SOON_DAYS)
    if due_between is not None:  # open, the current step due within these dates (both included)
        qs = qs.open().filter(due_date__gte=due_between[0], due_date__lte=due_between[1])
    if received_from is not None:
        qs = qs.filter(received_on__gte=received_from)
    if terms and number is None:
        # On the list itself: PostgreSQL combines the trigram index with the filters' indexes.
        return _matching(qs, user, terms).order_by(*ordering)
    if terms:  # the petition of that number, or those matching
        matches = _matching(Petition.objects.all(), user, terms)
        qs = qs.filter(Q(pk=number) | Q(pk__in=matches.values("pk")))
    elif number is not None:
        qs = qs.filter(pk=number)
    return qs.order_by(*ordering)


def _matching(qs: QuerySet[Petition], user: User, terms: Sequence[str]) -> QuerySet[Petition]:
    """``qs`` searched for ``terms``; a denunciation only where ``user`` may handle it."""
    matches = search(qs, "search_text", terms)
    if not user.is_superuser:
        handles = user_scope_unit_ids(user=user, roles=(Role.HANDLER, Role.LEADER))
        protected = Q(kind=Kind.DENUNCIATION) | Q(submitted_kind=Kind.DENUNCIATION)
        matches = matches.filter(~protected | Q(unit_id__in=handles))
    return matches


def _transfers_from(scope: set[int]) -> QuerySet[PetitionEvent]:
    """Transfer steps of the outer petition sent from a unit of ``scope`` (``from_unit`` is the
    id recorded on the step; older steps have it from migration 0009)."""
    return PetitionEvent.objects.filter(
        petition=OuterRef("pk"),
        action=PetitionAction.TRANSFER,
        params__from_unit__in=sorted(scope),
    )


def petitions_transferred_outside(*, user: User, **filters: Any) -> QuerySet[Petition]:
    """Petitions transferred to a body outside the Front that the officer follows: those now at
    a unit of their scope, and those their units sent out of it. Same filters as
    :func:`petitions_for_staff`."""
    return petitions_for_staff(user=user, outside=True, **filters)


def handlers_in_scope(*, user: User, on: dt.date) -> QuerySet[User]:
    """People holding the handler role at a unit of the officer's scope."""
    grants = RoleGrant.objects.valid_on(on).filter(role=Role.HANDLER)
    scope = staff_scope_ids(user=user)
    if scope is not None:
        grants = grants.filter(unit_id__in=scope)
    return User.objects.filter(pk__in=grants.values("user_id")).order_by("full_name", "username")


@dataclass
class UnitDue:
    unit: Unit
    overdue: list[Petition] = field(default_factory=list)
    due_soon: list[Petition] = field(default_factory=list)


def petitions_due_by_unit(*, user: User, today: dt.date) -> list[UnitDue]:
    """Per unit of the user's scope: open petitions past their due date, and those due within
    ``DUE_SOON_DAYS`` days."""
    qs = petitions_for_staff(user=user).filter(
        status__in=Status.open_values(), due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
    )
    rows: dict[int, UnitDue] = {}
    for p in qs.order_by("unit__name", "due_date", "pk"):
        row = rows.setdefault(p.unit_id, UnitDue(p.unit))
        (row.overdue if p.is_overdue(today) else row.due_soon).append(p)
    return list(rows.values())


def handlers_for(*, petition: Petition, on: dt.date) -> list[User]:
    """Users holding the handler role at a unit covering the petition's unit."""
    grants = (
        RoleGrant.objects.valid_on(on)
        .filter(role=Role.HANDLER, unit_id__in=unit_governing_ids(unit=petition.unit))
        .select_related("user")
    )
    return sorted({g.user for g in grants}, key=lambda u: (u.full_name, u.username))


@dataclass(frozen=True)
class MergeSuggestion:
    petition: Petition
    similar: bool  # near-duplicate content by ``analysis.duplicates``


def petition_merge_suggestions(*, petition: Petition, limit: int = 10) -> list[MergeSuggestion]:
    """Other open petitions of the same sender (same keyed hash), the near-duplicates of this
    one's content first (``ykien.analysis.duplicates``, MinHash on folded Vietnamese words)."""
    if not petition.sender_hash:
        return []
    candidates = list(
        Petition.objects.open()
        .filter(sender_hash=petition.sender_hash)
        .exclude(pk=petition.pk)
        .select_related("unit")
        .order_by("-received_on")[:50]
    )
    if not candidates:
        return []
    similar = near_duplicates_of(
        petition.subject + "\n" + petition.content,
        [c.subject + "\n" + c.content for c in candidates],
    )
    ranked = sorted(
        (MergeSuggestion(c, i in similar) for i, c in enumerate(candidates)),
        key=lambda s: (not s.similar, -s.petition.received_on.toordinal()),
    )
    return ranked[:limit]


def near_duplicates_of(text: str, others: list[str], *, threshold: float = 0.5) -> set[int]:
    """Indexes of ``others`` that are near-duplicates of ``text``."""
    from ykien.analysis.duplicates import duplicate_groups

    groups = duplicate_groups([text, *others], threshold=threshold)
    for group in groups:
        if 0 in group.members:
            return {m - 1 for m in group.members if m != 0}
    return set()


# --- statistics -------------------------------------------------------------------------------


@dataclass
class StatRow:
    """Counts for one unit and period. ``None`` in a public cell means "hidden" (``_hidden``)."""

    label: str
    code: str
    received: int | None = 0
    accepted: int | None = 0
    settled_on_time: int | None = 0
    overdue: int | None = 0
    avg_days: float | None = None
    satisfaction: float | None = None
    rated: int | None = 0


COUNT_COLUMNS = ("received", "accepted", "settled_on_time", "overdue", "rated")


def _raw_rows(
    qs: QuerySet[Petition], today: dt.date
) -> tuple[dict[int, StatRow], dict[int, list[int]], dict[int, list[int]]]:
    rows: dict[int, StatRow] = {}
    days: dict[int, list[int]] = defaultdict(list)
    ratings: dict[int, list[int]] = defaultdict(list)
    fields = (
        "unit_id", "unit__name", "unit__code", "status", "accepted_on", "settled_on",
        "settle_due", "due_date", "received_on", "rating",
    )  # fmt: skip
    for v in qs.values(*fields):
        row = rows.setdefault(v["unit_id"], StatRow(v["unit__name"], v["unit__code"]))
        row.received = (row.received or 0) + 1
        if v["accepted_on"]:
            row.accepted = (row.accepted or 0) + 1
        if v["settled_on"]:
            days[v["unit_id"]].append((v["settled_on"] - v["received_on"]).days)
            if v["settle_due"] and v["settled_on"] <= v["settle_due"]:
                row.settled_on_time = (row.settled_on_time or 0) + 1
            elif v["settle_due"]:
                row.overdue = (row.overdue or 0) + 1
        elif v["status"] in Status.open_values() and v["due_date"] and v["due_date"] < today:
            row.overdue = (row.overdue or 0) + 1
        if v["rating"]:
            ratings[v["unit_id"]].append(v["rating"])
            row.rated = (row.rated or 0) + 1
    return rows, days, ratings


def _hidden(counts: list[int | None]) -> list[int | None]:
    """``counts`` with those of 1 to ``SUPPRESS_BELOW`` - 1 hidden (None); when that hid exactly
    one, the smallest other non-zero count is hidden too, so that the total (shown, or worked
    out from another table) cannot give the small one away."""
    shown = [None if c is not None and 0 < c < SUPPRESS_BELOW else c for c in counts]
    if shown.count(None) - counts.count(None) == 1:
        others = [i for i, c in enumerate(shown) if c]
        if others:
            shown[min(others, key=lambda i: shown[i] or 0)] = None
    return shown


def _suppress(rows: list[StatRow]) -> None:
    """Hide small counts (``_hidden``) in each column of ``rows``."""
    for column in COUNT_COLUMNS:
        for row, count in zip(rows, _hidden([getattr(r, column) for r in rows]), strict=True):
            setattr(row, column, count)


def petition_statistics(
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    root: Unit | None = None,
) -> tuple[list[StatRow], StatRow]:
    """Per responsible unit, petitions received from ``start`` to ``end``: received, accepted,
    settled on time, overdue (open past due, or settled late), average days from receipt to
    settlement, satisfaction (1–5). Counts of 1 to ``SUPPRESS_BELOW`` - 1 are hidden (with a
    second count where needed: ``_hidden``) and averages shown only over at least
    ``SUPPRESS_BELOW`` petitions. Returns the unit rows and the total."""
    qs = Petition.objects.filter(received_on__gte=start, received_on__lte=end).exclude(
        status=Status.MERGED
    )
    if root is not None:
        qs = qs.filter(unit_id__in=unit_scope_ids(unit=root))
    rows, days, ratings = _raw_rows(qs, today)
    total = StatRow(_("Tổng cộng"), "")
    all_days: list[int] = []
    all_ratings: list[int] = []
    for unit_id, row in rows.items():
        for column in COUNT_COLUMNS:
            setattr(total, column, (getattr(total, column) or 0) + (getattr(row, column) or 0))
        all_days += days[unit_id]
        all_ratings += ratings[unit_id]
        if len(days[unit_id]) >= SUPPRESS_BELOW:
            row.avg_days = round(sum(days[unit_id]) / len(days[unit_id]), 1)
        if len(ratings[unit_id]) >= SUPPRESS_BELOW:
            row.satisfaction = round(sum(ratings[unit_id]) / len(ratings[unit_id]), 2)
    if len(all_days) >= SUPPRESS_BELOW:
        total.avg_days = round(sum(all_days) / len(all_days), 1)
    if len(all_ratings) >= SUPPRESS_BELOW:
        total.satisfaction = round(sum(all_ratings) / len(all_ratings), 2)
    ordered = sorted(rows.values(), key=lambda r: r.label)
    _suppress(ordered)
    _suppress([total])
    return ordered, total


def petition_monthly(
    *, start: dt.date, end: dt.date, root: Unit | None = None
) -> list[tuple[str, int | None]]:
    """Petitions received per month from ``start`` to ``end``, small counts hidden (``_hidden``:
    the months add up to the total of ``petition_statistics``)."""
    qs = Petition.objects.filter(received_on__gte=start, received_on__lte=end).exclude(
        status=Status.MERGED
    )
    if root is not None:
        qs = qs.filter(unit_id__in=unit_scope_ids(unit=root))
    counts: dict[str, int] = defaultdict(int)
    for day in qs.values_list("received_on", flat=True):
        counts[f"{day:%m/%Y}"] += 1
    months: list[str] = []
    month = start.replace(day=1)
    while month <= end:
        months.append(f"{month:%m/%Y}")
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return list(zip(months, _hidden([counts.get(m, 0) for m in months]), strict=True))


# --- Open311 (public) -------------------------------------------------------------------------


def public_petitions() -> QuerySet[Petition]:
    """Petitions visible through Open311: reports and requests (never complaints, denunciations
    or information from anonymous denunciations)."""
    return (
        Petition.objects.filter(kind__in=[Kind.REPORT, Kind.REQUEST], as_information=False)
        .exclude(submitted_kind=Kind.DENUNCIATION)
        .select_related("unit", "category")
    )


def active_categories() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.filter(active=True).order_by("order", "name")


# --- published reports (public list, page and map) ---------------------------------------------

#: The kinds whose content a sender may agree to publish: reports and requests (phản ánh, kiến
#: nghị). A complaint concerns the complainant's own rights and a denunciation must never reveal
#: anything of its denouncer (Luật Tố cáo 2018, Điều 8, 47): neither is ever published.
PUBLISHED_KINDS = (Kind.REPORT, Kind.REQUEST)
#: The statuses a published report can be in (one merged into another is shown as that one).
PUBLISHED_STATUSES = tuple(s for s in Status if s != Status.MERGED)


def published_petitions(
    *, unit: Unit | None = None, kind: str = "", status: str = "", placed: bool = False
) -> QuerySet[Petition]:
    """Reports and requests whose sender agreed to publish them (``publish``), sent and still
    classified as such — never a complaint, a denunciation, information from an anonymous
    denunciation, or a petition merged into another — newest first. ``unit`` keeps those of its
    subtree and of the units merged into it; ``kind`` and ``status`` filter by code; ``placed``
    keeps those with a point on the map."""
    qs = (
        Petition.objects.filter(
            publish=True,
            kind__in=PUBLISHED_KINDS,
            submitted_kind__in=PUBLISHED_KINDS,
            as_information=False,
        )
        .exclude(status=Status.MERGED)
        .select_related("unit", "category")
    )
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_scope_ids(unit=unit))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if placed:
        qs = qs.filter(lat__isnull=False, lng__isnull=False)
    return qs.order_by("-received_on", "-id")


def published_petition_get(*, pk: int) -> Petition:
    """One published report (``published_petitions``); ``NotFound`` for any other petition."""
    petition = published_petitions().filter(pk=pk).first()
    if petition is None:
        raise NotFound(
            _("Không có phản ánh, kiến nghị công khai số này."), code=ErrorCode.NOT_FOUND
        )
    return petition


def published_units() -> QuerySet[Unit]:
    """The units that have published reports, by name (the filter of the public list)."""
    return Unit.objects.filter(pk__in=published_petitions().order_by().values("unit_id")).order_by(
        "name"
    )


@dataclass
class PublishedCount:
    unit: Unit
    reports: int = 0
    requests: int = 0

    @property
    def total(self) -> int:
        return self.reports + self.requests


def published_counts(
    *, unit: Unit | None = None, kind: str = "", status: str = ""
) -> list[PublishedCount]:
    """Per unit, the published reports and requests matching the filters
    (``published_petitions``), by unit name."""
    qs = published_petitions(unit=unit, kind=kind, status=status).order_by()
    rows: dict[int, PublishedCount] = {}
    counts = qs.values("unit_id", "kind").annotate(n=Count("pk"))
    units = Unit.objects.in_bulk({c["unit_id"] for c in counts})
    for c in counts:
        row = rows.setdefault(c["unit_id"], PublishedCount(units[c["unit_id"]]))
        if c["kind"] == Kind.REPORT:
            row.reports += c["n"]
        else:
            row.requests += c["n"]
    return sorted(rows.values(), key=lambda r: r.unit.name)
