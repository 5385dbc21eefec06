"""Open data of a draft: its visible comments with personal data removed.

Left out: the author (account, name, e-mail), the participant key, the address, reports and
moderation. Kept: the comment's number, the node it is on, the stance, the texts as written
but for the personal data typed in them (phone numbers, e-mail addresses, ID numbers: replaced by
a label, ``core.redact``), the date and time, and the kind of author (anonymous citizen,
signed-in citizen, officer, expert). Dates and times are Vietnam's (Asia/Ho_Chi_Minh, UTC+07:00):
``created`` is the day in Vietnam, ``created_at`` the moment with its offset, so a comment sent
at 03:44 on the 7th is dated the 7th (stored in UTC, it was the 6th at 20:44). In the CSV, a cell
that a spreadsheet would read as a formula starts with an apostrophe.

The JSON gives the codes of the stance and of the kind of author (``agree``, ``citizen``); the
CSV, read by people, gives their labels in the reader's language (Vietnamese by default:
``Đồng ý``, ``Công dân có tài khoản``) and keeps the codes in ``stance_code`` and
``author_kind_code`` for machines.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from zoneinfo import ZoneInfo

from ykien.consultations.models import AuthorKind, Comment, CommentStatus, Draft, Stance
from ykien.core.redact import code_label, csv_cell, redact

FORMATS = ("csv", "json")
#: The time zone of every date and time in the exports (the law's days are Vietnam's).
TIME_ZONE = "Asia/Ho_Chi_Minh"
_VN = ZoneInfo(TIME_ZONE)

COMMENT_FIELDS = [
    "id",
    "version",
    "node",
    "stance",
    "proposed_wording",
    "reasons",
    "author_kind",
    "created",
    "created_at",
]
#: The CSV's columns: the JSON's, with the labels people read and the codes beside them.
CSV_FIELDS = [
    "id",
    "version",
    "node",
    "stance",
    "stance_code",
    "proposed_wording",
    "reasons",
    "author_kind",
    "author_kind_code",
    "created",
    "created_at",
]


def draft_meta(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.pk,
        "title": draft.title,
        "unit": draft.unit.name,
        "drafting_unit": draft.drafting_unit.name,
        "kind": draft.kind,
        "status": draft.status,
        "comment_start": draft.comment_start.isoformat() if draft.comment_start else None,
        "comment_end": draft.comment_end.isoformat() if draft.comment_end else None,
        "closed_early": (
            {"date": draft.closed_early_on.isoformat(), "reason": draft.closed_early_reason}
            if draft.closed_early_on
            else None
        ),
        "time_zone": TIME_ZONE,
    }


def comment_rows(*, draft: Draft) -> list[dict[str, Any]]:
    qs = (
        Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE)
        .order_by("created_at", "id")
        .values_list(
            "id",
            "version__number",
            "node__label",
            "stance",
            "proposed_wording",
            "reasons",
            "author_kind",
            "created_at",
        )
    )
    return [
        {
            "id": pk,
            "version": version,
            "node": node or "",
            "stance": stance,
            "proposed_wording": redact(wording),
            "reasons": redact(reasons),
            "author_kind": kind,
            "created": local.date().isoformat(),
            "created_at": local.isoformat(timespec="seconds"),
        }
        for pk, version, node, stance, wording, reasons, kind, created in qs.iterator()
        for local in [created.astimezone(_VN)]
    ]


def comments_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV (with a byte-order mark, so that Excel reads UTF-8): the stance and the
    kind of author as labels in the active language, their codes in ``*_code``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for row in rows:
        labelled = {
            **row,
            "stance": code_label(Stance, row["stance"]),
            "stance_code": row["stance"],
            "author_kind": code_label(AuthorKind, row["author_kind"]),
            "author_kind_code": row["author_kind"],
        }
        writer.writerow({key: csv_cell(value) for key, value in labelled.items()})
    return "\ufeff" + buffer.getvalue()
