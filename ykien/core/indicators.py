"""Indicators computed from the platform's own records (the briefing's "computed" source).

An app provides ``ykien/<app>/indicators.py`` with ``INDICATORS: list[ComputedIndicator]``; the
reporting app discovers them with ``all_computed()``. ``compute(unit_ids, start, end)`` returns the
value for the records of those units (already expanded to the subtree and the merged
predecessors by the caller) dated within ``start``..``end`` inclusive.

An app lists first the indicator that counts its records (``petitions.received``,
``oversight.activities``): the briefing asks it whether the app held any record of a unit by the
end of a period, and shows the app's figures as "no data" rather than 0 when it did not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ykien.core import apps_manifest


@dataclass(frozen=True)
class ComputedIndicator:
    code: str  # e.g. "petitions.received"
    name: str  # Vietnamese, shown in reports
    measure: str  # "count", "percent", "days" …
    compute: Callable[[set[int], dt.date, dt.date], Decimal | int]
    aggregation: str = "sum"  # how it rolls up: sum, avg, latest, max


def all_computed() -> dict[str, ComputedIndicator]:
    found: dict[str, ComputedIndicator] = {}
    for _label, indicators in apps_manifest.provided("indicators", "INDICATORS"):
        for indicator in indicators:
            found[indicator.code] = indicator
    return found
