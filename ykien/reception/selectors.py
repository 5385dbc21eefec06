"""Every read of citizen reception: the public schedule, the legal minimum that applies to a
head, and the Front's supervision (receptions held against that minimum, per head and month)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ykien.core import lists
from ykien.core import selectors as core_selectors
from ykien.core.calendar import translated
from ykien.core.models import Role, Unit, User
from ykien.core.selectors import today
from ykien.reception.models import (
    FrequencyRule,
    Head,
    Period,
    ReceptionEntry,
    Registration,
    Session,
    SessionStatus,
)

SUPERVISOR_ROLES = (Role.OFFICER, Role.LEADER, Role.ADMIN)
PUBLIC_STATES = (
    SessionStatus.SCHEDULED,
    SessionStatus.HELD,
    SessionStatus.DELEGATED,
    SessionStatus.CANCELLED,
)


def schedule_public(
    *, start: dt.date, end: dt.date, unit_ids: set[int] | None = None
) -> QuerySet[Session]:
    """The sessions shown on the public schedule between ``start`` and ``end``: day, time,
    place, who receives (and the deputy, if delegated). Missed sessions are the Front's
    business, not the schedule's."""
    qs = Session.objects.select_related("head__unit").filter(
        day__gte=start, day__lte=end, status__in=PUBLIC_STATES
    )
    if unit_ids is not None:
        qs = qs.filter(head__unit_id__in=unit_ids)
    return qs.order_by("day", "starts_at", "pk")


def session_public_get(*, pk: int) -> Session | None:
    return (
        Session.objects.select_related("head__unit").filter(pk=pk, status__in=PUBLIC_STATES).first()
    )


def session_open_for_registration(*, pk: int) -> Session | None:
    return (
        Session.objects.select_related("head__unit")
        .filter(pk=pk, status=SessionStatus.SCHEDULED, day__gte=today())
        .first()
    )


def schedule_units() -> QuerySet[Unit]:
    """The units whose heads have a session on the calendar (the schedule's filter)."""
    return Unit.objects.filter(reception_heads__sessions__isnull=False).distinct().order_by("path")


def rule_for(*, office: str, level: str, on: dt.date) -> FrequencyRule | None:
    """The minimum-frequency rule in force on ``on`` for a head of ``office`` at ``level``."""
    return (
        FrequencyRule.objects.filter(office=office, level=level, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def delegation_ban_on(*, session: Session) -> str:
    """The text (translated) that forbids the head of ``session`` to delegate it to a deputy on
    its day, or "" when the rule then in force allows it."""
    rule = rule_for(office=session.head.office, level=session.head.unit.level, on=session.day)
    return translated(rule.delegation_ban) if rule is not None and rule.delegation_ban else ""


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def required_in_month(rule: FrequencyRule, year: int, month: int) -> int:
    """Reception days a rule asks for in a month: its count for a monthly rule; for a weekly
    rule, its count for every week whose Monday falls in the month (each week counted once)."""
    if rule.period == Period.MONTH:
        return rule.count
    first, last = month_bounds(year, month)
    mondays = sum(
        1 for d in range(first.day, last.day + 1) if dt.date(year, month, d).weekday() == 0
    )
    return rule.count * mondays


@dataclass(frozen=True)
class MonthRow:
    """One head in one month, as the Front's supervision sees it."""

    head: Head
    year: int
    month: int
    rule: FrequencyRule | None
    required: int | None
    held: int
    delegated: int
    missed: int
    cancelled: int
    scheduled: int
    finished: bool  # the month is over

    @property
    def short(self) -> bool:
        """Fewer receptions by the head in person than the legal minimum, in a finished month."""
        return self.finished and self.required is not None and self.held < self.required

    @property
    def delegation_banned(self) -> bool:
        """The rule of the month no longer lets the head delegate the reception to a deputy."""
        return self.rule is not None and bool(self.rule.delegation_ban)

    @property
    def delegated_unlawfully(self) -> int:
        """Sessions delegated to a deputy although the rule of the month forbids it."""
        return self.delegated if self.delegation_banned else 0

    @property
    def not_held(self) -> int:
        """Sessions counted as not held: missed, and delegated where delegation is forbidden."""
        return self.missed + self.delegated_unlawfully

    @property
    def flagged(self) -> bool:
        """The supervision flags the month: short of the minimum, or a forbidden delegation."""
        return self.short or self.delegated_unlawfully > 0

    @property
    def ban_basis(self) -> str:
        """The text that forbids delegation, translated for the reader ("" when allowed)."""
        return translated(self.rule.delegation_ban) if self.delegation_banned else ""  # type: ignore[union-attr]

    @property
    def basis(self) -> str:
        """The rule's legal basis, translated for the reader."""
        return "" if self.rule is None else translated(self.rule.legal_basis)

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def head_months(*, head: Head, start: dt.date, end: dt.date) -> list[MonthRow]:
    """The months of ``start``..``end`` in which ``head`` held the office, each with the
    receptions held (by the head in person), delegated, missed, cancelled, still scheduled, and
    the legal minimum in force on the month's first day of office (``None``: no rule)."""
    now = today()
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for day, status in Session.objects.filter(
        head=head, day__gte=dt.date(start.year, start.month, 1), day__lte=end
    ).values_list("day", "status"):
        bucket = counts.setdefault((day.year, day.month), {})
        bucket[status] = bucket.get(status, 0) + 1
    rows = []
    for year, month in _months(start, end):
        first, last = month_bounds(year, month)
        if head.valid_from > last or (head.valid_to is not None and head.valid_to < first):
            continue
        since = max(first, head.valid_from)
        rule = rule_for(office=head.office, level=head.unit.level, on=since)
        c = counts.get((year, month), {})
        rows.append(
            MonthRow(
                head=head,
                year=year,
                month=month,
                rule=rule,
                required=None if rule is None else required_in_month(rule, year, month),
                held=c.get(SessionStatus.HELD, 0),
                delegated=c.get(SessionStatus.DELEGATED, 0),
                missed=c.get(SessionStatus.MISSED, 0),
                cancelled=c.get(SessionStatus.CANCELLED, 0),
                scheduled=c.get(SessionStatus.SCHEDULED, 0),
                finished=last < now,
            )
        )
    return rows


def heads_for_supervisor(*, user: User, on: dt.date | None = None) -> QuerySet[Head]:
    """The heads whose units a Front supervisor covers (their subtree and merged predecessors)."""
    qs = Head.objects.select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    ids = core_selectors.user_scope_unit_ids(user=user, roles=SUPERVISOR_ROLES, on=on)
    return qs.filter(unit_id__in=ids)


def supervision_start(today: dt.date) -> dt.date:
    """The first month the supervision view and the task list look at by default: the first of
    the month five months before ``today``'s (six months with the current one)."""
    return (today.replace(day=1) - dt.timedelta(days=150)).replace(day=1)


def short_months(*, user: User, today: dt.date) -> list[MonthRow]:
    """The finished months from ``supervision_start`` to last month in which a head within the
    Front ``user`` supervises (officer, leader or administrator at a unit covering the head's
    unit; none for a superuser without such a role) held fewer receptions in person than the
    legal minimum: the supervision's flag, for the task list. Ordered by month, then head."""
    ids = core_selectors.user_scope_unit_ids(user=user, roles=SUPERVISOR_ROLES, on=today)
    if not ids:
        return []
    start = supervision_start(today)
    end = today.replace(day=1) - dt.timedelta(days=1)
    heads = Head.objects.select_related("unit").filter(unit_id__in=ids, valid_from__lte=end)
    rows = [row for head in heads for row in head_months(head=head, start=start, end=end)]
    return sorted(
        (r for r in rows if r.short), key=lambda r: (r.year, r.month, r.head.name, r.head.pk)
    )


def heads_for_office(*, user: User, on: dt.date | None = None) -> QuerySet[Head]:
    """The heads whose calendar and log the user's office keeps."""
    qs = Head.objects.select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    ids = core_selectors.user_scope_unit_ids(user=user, roles=[Role.HEAD_OFFICE], on=on)
    return qs.filter(unit_id__in=ids)


def sessions_list(
    *,
    heads: QuerySet[Head],
    terms: Sequence[str] = (),
    head_id: int | None = None,
    status: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    ordering: Sequence[str] = ("-day", "-starts_at", "-pk"),
) -> QuerySet[Session]:
    """The office's list: the sessions of ``heads`` searched (folded words), filtered by head,
    status and day, with the number of registrations and of log lines, in ``ordering``."""
    qs = Session.objects.select_related("head__unit").filter(head__in=heads)
    if head_id is not None:
        qs = qs.filter(head_id=head_id)
    if status:
        qs = qs.filter(status=status)
    qs = lists.in_period(qs, "day", start, end)
    qs = lists.search(qs, "search_text", terms)
    qs = qs.annotate(
        n_registrations=Count("registrations", distinct=True),
        n_entries=Count("entries", distinct=True),
    )
    return qs.order_by(*ordering)


def session_entries(*, session: Session) -> QuerySet[ReceptionEntry]:
    """The log lines of a session (no personal data read: the identities stay encrypted)."""
    return session.entries.order_by("recorded_at", "pk")


def session_registrations(*, session: Session) -> QuerySet[Registration]:
    return session.registrations.order_by("created_at", "pk")


def held_against_minimum(*, unit_ids: set[int], start: dt.date, end: dt.date) -> tuple[int, int]:
    """(receptions held by heads in person, capped at each month's minimum; the sum of the
    minimums) over the finished-or-not months of ``start``..``end``, for the heads of
    ``unit_ids`` — the briefing's indicator."""
    held = required = 0
    for head in Head.objects.select_related("unit").filter(unit_id__in=unit_ids):
        for row in head_months(head=head, start=start, end=end):
            if row.required:
                held += min(row.held, row.required)
                required += row.required
    return held, required
