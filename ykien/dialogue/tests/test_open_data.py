"""The commitments' open data as people read it: in the CSV the status, "kept" and "overdue" are
labels in the reader's language (Vietnamese by default, English with the language switch), the
code kept only in ``status_code``; the JSON keeps the machine values."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings

from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.models import CommitmentStatus
from ykien.dialogue.tests.conftest import D, commitment_in

pytestmark = pytest.mark.django_db

HEADER = [
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
]


def _rows(client) -> list[dict[str, str]]:
    response = client.get("/doi-thoai/du-lieu/cam-ket.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert reader.fieldnames == HEADER
    return list(reader)


def _fate(rows):
    return [(r["status"], r["status_code"], r["kept"], r["overdue"]) for r in rows]


def test_the_csv_shows_labels_not_codes(world, client):
    late = commitment_in(world, CommitmentStatus.OPEN)
    kept = s.commitment_create(
        actor=SYSTEM,
        dialogue=late.dialogue,
        text="=Lắp đèn đường ấp 2.",
        addressee=world.ubnd_xa,
        due_on=D(2026, 10, 1),
    )
    s.commitment_answer(actor=SYSTEM, commitment=kept, kept=True, text="Đã lắp.", on=D(2026, 9, 30))
    rows = _rows(client)
    assert _fate(rows) == [
        ("Đã thực hiện", "kept", "có", "không"),
        ("Đang chờ thực hiện", "open", "", "có"),
    ]
    assert rows[0]["text"] == "'=Lắp đèn đường ấp 2."  # never a formula
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _rows(client)
    assert [(r["status"], r["status_code"], r["kept"]) for r in english] == [
        ("Completed", "kept", "yes"),
        ("Awaiting", "open", ""),
    ]
    assert english[1]["overdue"] == "yes"
    data = json.loads(client.get("/doi-thoai/du-lieu/cam-ket.json").content)
    assert [(c["status"], c["kept"], c["overdue"]) for c in data["commitments"]] == [
        ("kept", True, False),
        ("open", None, True),
    ]
