"""Open data of the briefing (CSV and JSON): every figure a unit entered whose submission was
approved, one row per unit, period and indicator. No personal data: no officer who entered or
approved it, no notes, no leader's comment — units, periods, indicators, figures, the day
approved. Figures still waiting, returned or in draft are never exported. The JSON gives the
measure's code (``people``); the CSV, read by people, its label in the reader's language
(``người``) and the code in ``measure_code``."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ykien.core.redact import code_label, csv_cell
from ykien.reporting.models import Measure, Period, Source, Submission, Value

FIELDS = [
    "period",
    "period_title",
    "period_start",
    "period_end",
    "unit_code",
    "unit",
    "indicator_code",
    "indicator",
    "group",
    "measure",
    "unit_label",
    "value",
    "approved_on",
]


def plain(value: Decimal | None) -> str | None:
    """A figure as plain decimal text (``1068``, ``5.8``), never in exponent form."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def figure_rows(*, period: Period | None = None) -> list[dict[str, Any]]:
    """The approved figures (of one ``period`` if given), ordered by period, unit, indicator."""
    qs = Value.objects.filter(
        submission__status=Submission.Status.APPROVED,
        indicator__source=Source.ENTERED,
    ).select_related("submission__unit", "submission__period", "indicator")
    if period is not None:
        qs = qs.filter(submission__period=period)
    qs = qs.order_by(
        "submission__period__start",
        "submission__period__end",
        "submission__unit__path",
        "indicator__order",
        "indicator__code",
    )
    rows = []
    for v in qs:
        sub, ind = v.submission, v.indicator
        rows.append(
            {
                "period": sub.period.code,
                "period_title": sub.period.title,
                "period_start": sub.period.start.isoformat(),
                "period_end": sub.period.end.isoformat(),
                "unit_code": sub.unit.code,
                "unit": sub.unit.name,
                "indicator_code": ind.code,
                "indicator": ind.name,
                "group": ind.group,
                "measure": ind.measure,
                "unit_label": ind.unit_label,
                "value": plain(v.value),
                "approved_on": timezone.localtime(sub.decided_at).date().isoformat()
                if sub.decided_at
                else "",
            }
        )
    return rows


#: The CSV's columns: the JSON's, with the measure's code beside its label.
CSV_FIELDS = [
    *FIELDS[: FIELDS.index("measure") + 1],
    "measure_code",
    *FIELDS[FIELDS.index("measure") + 1 :],
]


def figures_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for row in rows:
        labelled = {
            **row,
            "measure": code_label(Measure, row["measure"]),
            "measure_code": row["measure"],
        }
        writer.writerow({key: csv_cell(value) for key, value in labelled.items()})
    return "\ufeff" + buffer.getvalue()  # BOM so that spreadsheet programs read UTF-8
