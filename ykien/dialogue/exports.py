"""Open data: the commitments made at public dialogues, without personal data (no asker, no
officer; the head is named as the public office-holder who made the commitment).

The JSON gives the machine values (status code, booleans) and, beside the code, its label in
the reader's language (``status_label``: "Đang chờ thực hiện"; "Awaiting" in English). The CSV is read by people: its
``status`` is the status's label, ``kept`` and ``overdue`` are "có" / "không", in the reader's
language (Vietnamese by default); ``status_code`` keeps the code for machines. A cell a
spreadsheet would run as a formula starts with an apostrophe; the file starts with a byte-order
mark so that spreadsheet programs read UTF-8."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from ykien.core.redact import code_label, csv_cell, yes_no
from ykien.dialogue.models import Commitment, CommitmentStatus

FIELDS = (
    "code",
    "dialogue",
    "held_on",
    "organiser",
    "head",
    "text",
    "addressee",
    "due_on",
    "status",
    "status_code",
    "answered_on",
    "kept",
    "answer",
    "overdue",
    "escalated_to",
    "escalated_on",
)


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def commitment_row(c: Commitment, today: dt.date) -> dict[str, Any]:
    return {
        "code": c.code,
        "dialogue": c.dialogue.topic,
        "held_on": _d(c.dialogue.held_on),
        "organiser": c.dialogue.unit.name,
        "head": f"{c.dialogue.head_title}",
        "text": c.text,
        "addressee": c.addressee.name,
        "due_on": _d(c.due_on),
        "status": c.status,
        "status_label": code_label(CommitmentStatus, c.status),
        "answered_on": _d(c.answered_on),
        "kept": c.kept,
        "answer": c.answer,
        "overdue": c.is_overdue(today),
        "escalated_to": c.escalated_to.name if c.escalated_to else "",
        "escalated_on": _d(c.escalated_on),
    }


def commitments_json(rows: Iterable[Commitment], today: dt.date) -> list[dict[str, Any]]:
    """The commitments as the JSON open data and the API give them: codes and booleans, each
    code with its label in the active language beside it (``status_label``)."""
    return [commitment_row(c, today) for c in rows]


def commitment_csv_row(c: Commitment, today: dt.date) -> dict[str, Any]:
    """``commitment_row`` as people read it: labels for the status and the yes / no columns."""
    row = commitment_row(c, today)
    del row["status_label"]  # the CSV's ``status`` is the label, ``status_code`` the code
    return {
        **row,
        "status": code_label(CommitmentStatus, c.status),
        "status_code": c.status,
        "kept": yes_no(c.kept),
        "overdue": yes_no(row["overdue"]),
    }


def commitments_csv(rows: Iterable[Commitment], today: dt.date) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for c in rows:
        writer.writerow({k: csv_cell(v) for k, v in commitment_csv_row(c, today).items()})
    return "\ufeff" + out.getvalue()
