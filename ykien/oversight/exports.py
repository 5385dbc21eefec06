"""Open data of the accountability board (CSV and JSON): public recommendations with their
answers and status history, and the figures per addressee. No personal data: no names of
officers or respondents, no user accounts, no files — units, positions, dates, texts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from ykien.core.redact import csv_cell
from ykien.oversight.models import Recommendation
from ykien.oversight.selectors import Accountability

RECOMMENDATION_FIELDS = [
    "code",
    "issuer",
    "issuer_code",
    "addressee",
    "addressee_code",
    "addressee_position",
    "activity",
    "activity_form",
    "finding",
    "text",
    "issued_on",
    "answer_due",
    "status",
    "status_label",
    "overdue",
    "first_answered_on",
    "answered_on_time",
    "latest_answer",
    "latest_answer_text",
    "planned_date",
    "escalated_to",
    "escalated_on",
    "previous",
]


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def recommendation_row(rec: Recommendation, *, today: dt.date) -> dict[str, Any]:
    latest = rec.latest_answer()
    first = getattr(rec, "first_answered_on", None)
    return {
        "code": rec.code,
        "issuer": rec.issuer.name,
        "issuer_code": rec.issuer.code,
        "addressee": rec.addressee.name,
        "addressee_code": rec.addressee.code,
        "addressee_position": rec.addressee_position.title if rec.addressee_position else "",
        "activity": rec.activity.title,
        "activity_form": rec.activity.form,
        "finding": rec.finding.text,
        "text": rec.text,
        "issued_on": _d(rec.issued_on),
        "answer_due": _d(rec.answer_due),
        "status": rec.status,
        "status_label": str(rec.get_status_display()),
        "overdue": rec.is_overdue(today),
        "first_answered_on": _d(first),
        "answered_on_time": bool(first and rec.answer_due and first <= rec.answer_due),
        "latest_answer": latest.kind if latest else "",
        "latest_answer_text": latest.text if latest else "",
        "planned_date": _d(latest.planned_date) if latest else "",
        "escalated_to": rec.escalated_to.name if rec.escalated_to else "",
        "escalated_on": _d(rec.escalated_on),
        "previous": rec.previous.code if rec.previous else "",
    }


def recommendation_history(rec: Recommendation) -> list[dict[str, Any]]:
    return [
        {"on": _d(e.on), "from": e.from_status, "to": e.to_status, "note": e.note}
        for e in rec.events.all()
    ]


def recommendations_json(recs: Iterable[Recommendation], *, today: dt.date) -> list[dict[str, Any]]:
    return [
        {**recommendation_row(r, today=today), "history": recommendation_history(r)} for r in recs
    ]


def recommendations_csv(recs: Iterable[Recommendation], *, today: dt.date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECOMMENDATION_FIELDS)
    writer.writeheader()
    for rec in recs:
        row = recommendation_row(rec, today=today)
        row["overdue"] = "1" if row["overdue"] else "0"
        row["answered_on_time"] = "1" if row["answered_on_time"] else "0"
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM so that spreadsheet programs read UTF-8


FIGURE_FIELDS = [
    "addressee",
    "addressee_code",
    "received",
    "answered",
    "answered_on_time",
    "done",
    "in_progress",
    "overdue",
]


def figures_rows(acc: Accountability) -> list[dict[str, Any]]:
    return [
        {
            "addressee": r.unit.name,
            "addressee_code": r.unit.code,
            "received": r.received,
            "answered": r.answered,
            "answered_on_time": r.answered_on_time,
            "done": r.done,
            "in_progress": r.in_progress,
            "overdue": r.overdue,
        }
        for r in acc.rows
    ]


def figures_csv(acc: Accountability) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIGURE_FIELDS)
    writer.writeheader()
    for row in figures_rows(acc):
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()
