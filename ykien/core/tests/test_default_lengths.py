"""Every default length of time comes from the rule table (``core.deadline_rules``), named with
its basis, never a number written in a service."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps

import ykien
from ykien.core.calendar import parse_period
from ykien.core.deadline_rules import SEED_RULES
from ykien.core.models import DeadlineRule
from ykien.core.tests.factories import rule_version
from ykien.reporting.services import default_due, follow_up_after_due

pytestmark = pytest.mark.django_db

D = dt.date
SEEDS = {rule["code"]: rule for rule in SEED_RULES}


def test_the_briefing_lengths_are_rules_with_their_basis():
    submit, follow_up = SEEDS["reporting.submit"], SEEDS["reporting.follow_up"]
    assert (submit["length"], submit["counting"]) == (5, "working")
    assert (follow_up["length"], follow_up["counting"]) == (92, "calendar")
    assert "Ban Thường trực" in submit["legal_basis"]
    for code in ("reporting.submit", "reporting.follow_up"):
        row = DeadlineRule.in_force(code, D(2026, 4, 1))
        assert row is not None
        assert row.legal_basis == SEEDS[code]["legal_basis"]


def test_figures_are_due_as_the_rule_says_and_follow_a_change_of_the_rule():
    q1 = parse_period("2026-Q1")  # ends Tuesday 31 March 2026
    assert default_due(q1) == D(2026, 4, 7)  # five working days
    assert follow_up_after_due(on=D(2026, 4, 7)) == dt.timedelta(days=92)
    rule_version(
        "reporting.submit",
        "Giao ban: đơn vị gửi số liệu của kỳ báo cáo",
        10,
        D(2026, 1, 1),
        "Quyết định của Ban Thường trực (thử)",
    )
    assert default_due(q1) == D(2026, 4, 14)


def test_the_migration_adds_missing_rules_and_keeps_an_edited_one():
    migration = importlib.import_module("ykien.core.migrations.0004_seed_reporting_rules")
    DeadlineRule.objects.filter(code="reporting.submit").delete()
    DeadlineRule.objects.filter(code="reporting.follow_up").update(length=120)
    migration.forwards(apps, None)
    assert DeadlineRule.in_force("reporting.submit", D(2026, 4, 1)).length == 5
    assert DeadlineRule.in_force("reporting.follow_up", D(2026, 4, 1)).length == 120


# The constants the issue found beside the rule table.
SCATTERED = re.compile(r"\bor 30\b|timedelta\(days=92\)|DEFAULT_ANSWER_DAYS|DUE_WORKING_DAYS")


def test_no_default_length_is_written_beside_the_rule_table():
    root = Path(ykien.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts) or "demo" in path.name:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        found += [f"{path.relative_to(root)}: {m.group(0)}" for m in SCATTERED.finditer(text)]
    assert found == []
