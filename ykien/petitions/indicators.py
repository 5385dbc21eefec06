"""Indicators the briefing computes from petitions (see ``core.indicators``)."""

from __future__ import annotations

import datetime as dt

from ykien.core.indicators import ComputedIndicator
from ykien.core.selectors import today
from ykien.petitions.models import Petition, Status


def _received(unit_ids: set[int], start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    return Petition.objects.filter(
        unit_id__in=unit_ids, received_on__gte=start, received_on__lte=end
    ).exclude(status=Status.MERGED)


def received(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return _received(unit_ids, start, end).count()


def accepted(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return Petition.objects.filter(
        unit_id__in=unit_ids, accepted_on__gte=start, accepted_on__lte=end
    ).count()


def settled_on_time(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    count = 0
    rows = Petition.objects.filter(
        unit_id__in=unit_ids, settled_on__gte=start, settled_on__lte=end
    ).values_list("settled_on", "settle_due")
    for settled, due in rows:
        if settled is not None and due is not None and settled <= due:
            count += 1
    return count


def overdue(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    """Open petitions whose current step was due within the period and is past due at its end
    (or today, if earlier)."""
    cutoff = min(end, today())
    return (
        Petition.objects.open()
        .filter(unit_id__in=unit_ids, due_date__gte=start, due_date__lt=cutoff)
        .count()
    )


INDICATORS = [
    ComputedIndicator("petitions.received", "Số đơn thư tiếp nhận", "count", received),
    ComputedIndicator("petitions.accepted", "Số đơn thư đã thụ lý", "count", accepted),
    ComputedIndicator(
        "petitions.settled_on_time", "Số đơn thư giải quyết đúng hạn", "count", settled_on_time
    ),
    ComputedIndicator("petitions.overdue", "Số đơn thư quá hạn", "count", overdue),
]
