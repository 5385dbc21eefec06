"""A deadline description stored in Vietnamese is shown in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from ykien.core import deadline_rules
from ykien.core.calendar import deadline, stored_description_text

pytestmark = pytest.mark.django_db

START = dt.date(2026, 11, 26)
CASES = [
    (rule["code"], variant)
    for rule in deadline_rules.SEED_RULES
    for variant in [None, *rule.get("variants", {})]
]


@pytest.mark.parametrize(("code", "variant"), CASES)
def test_every_rule_stored_in_vietnamese_reads_as_described_in_english(code, variant):
    due = deadline(code, START, variant=variant)
    with translation.override("vi"):
        stored = due.describe()
        named = f"{due.name}: {stored}"
    assert stored_description_text(stored) == stored
    with translation.override("en"):
        assert stored_description_text(stored) == due.describe()
        assert stored_description_text(named) == f"{due.name_text}: {due.describe()}"
        assert "ngày" not in stored_description_text(named)


def test_exact_english_of_a_period_before_a_date():
    with translation.override("en"):
        assert stored_description_text("15 ngày trước 08/04/2026 — NQLT 403/2017, Điều 7") == (
            "15 days before 08/04/2026 — Joint Resolution 403/2017, Article 7"
        )


@pytest.mark.parametrize(
    "text",
    ["", "Accept: 10 working days", "Khách gọi lại sau 3 ngày", "10 ngày kể từ 31/02/2026 — x"],
)
def test_other_text_is_shown_as_stored(text):
    with translation.override("en"):
        assert stored_description_text(text) == text
