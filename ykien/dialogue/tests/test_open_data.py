"""The commitments' open data as people read it: in the CSV the status, "kept" and "overdue" are
labels in the reader's language (Vietnamese by default, English with the language switch), the
code kept only in ``status_code``; the JSON and the API keep the machine values, each status code
with its label beside it (``status_label``) in the reader's language."""

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


def _labelled(world):
    """An overdue open commitment, one kept, and one escalated, as ``(status, status_label)``
    the JSON and the API give them, in Vietnamese and in English."""
    late = commitment_in(world, CommitmentStatus.OPEN)
    kept = s.commitment_create(
        actor=SYSTEM,
        dialogue=late.dialogue,
        text="Lắp đèn đường ấp 2.",
        addressee=world.ubnd_xa,
        due_on=D(2026, 10, 1),
    )
    s.commitment_answer(actor=SYSTEM, commitment=kept, kept=True, text="Đã lắp.", on=D(2026, 9, 30))
    return late, kept


VI = [("kept", "Đã thực hiện"), ("open", "Đang chờ thực hiện")]
EN = [("kept", "Completed"), ("open", "Awaiting")]


def _pairs(items):
    return [(c["status"], c["status_label"]) for c in items]


def test_the_json_gives_each_status_code_with_its_label(world, client):
    _labelled(world)
    data = json.loads(client.get("/doi-thoai/du-lieu/cam-ket.json").content)
    assert _pairs(data["commitments"]) == VI
    assert list(data["commitments"][0])[8:11] == ["status", "status_label", "answered_on"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = json.loads(client.get("/doi-thoai/du-lieu/cam-ket.json").content)
    assert _pairs(data["commitments"]) == EN
    assert [(c["kept"], c["overdue"]) for c in data["commitments"]] == [(True, False), (None, True)]


def test_the_api_gives_each_status_code_with_its_label_in_the_requests_language(world, client):
    late, _kept = _labelled(world)
    response = client.get("/api/v1/dialogue/commitments")
    assert response.status_code == 200
    assert _pairs(response.json()["results"]) == VI
    detail = client.get(f"/api/v1/dialogue/dialogues/{late.dialogue_id}").json()
    assert _pairs(detail["commitments"]) == VI
    # The language is the one chosen with the switch (cookie), never guessed from the browser.
    guessed = client.get("/api/v1/dialogue/commitments", HTTP_ACCEPT_LANGUAGE="en").json()
    assert _pairs(guessed["results"]) == VI
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/api/v1/dialogue/commitments").json()
    assert _pairs(english["results"]) == EN
    detail = client.get(f"/api/v1/dialogue/dialogues/{late.dialogue_id}").json()
    assert _pairs(detail["commitments"]) == EN


def test_the_openapi_schema_lists_the_status_label(client):
    schema = client.get("/api/v1/openapi.json").json()
    commitment = schema["components"]["schemas"]["CommitmentOut"]
    assert commitment["properties"]["status_label"] == {"title": "Status Label", "type": "string"}
    assert "status_label" in commitment["required"]
