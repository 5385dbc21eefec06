"""The rule table is stored in Vietnamese and translated when shown; periods take plural forms."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import translation

from ykien.core import deadline_rules
from ykien.core.calendar import deadline, describe_rule, translated
from ykien.core.errors import UnknownRule
from ykien.core.models import DeadlineRule

pytestmark = pytest.mark.django_db

START = dt.date(2026, 11, 26)


def test_vietnamese_descriptions_are_unchanged():
    assert deadline("denunciation.accept", dt.date(2027, 2, 1)).describe() == (
        "7 ngày làm việc kể từ 01/02/2027 — Luật Tố cáo 2018, Điều 24"
    )
    assert deadline("supervision.notice", dt.date(2026, 4, 8)).describe() == (
        "15 ngày trước 08/04/2026 — NQLT 403/2017, Điều 7"
    )
    assert deadline("answer.default", START, length=45).describe() == (
        "45 ngày kể từ 26/11/2026 — Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; "
        "đơn vị ban hành ấn định (mặc định của nền tảng: 30 ngày)"
    )


def test_describe_rule_matches_deadline_without_counting_the_due_date():
    for code, variant in [
        ("complaint.settle.first", "remote_complex"),
        ("supervision.subject_report", None),
        ("reception.answer", None),
    ]:
        assert describe_rule(code, START, variant=variant) == (
            deadline(code, START, variant=variant).describe()
        )
    with pytest.raises(UnknownRule):
        describe_rule("no.such.rule", START)


def test_rule_texts_are_translated_at_display_time_and_stored_as_typed():
    # "Luật" has a catalogue entry ("Law"); the row keeps the Vietnamese text.
    DeadlineRule.objects.create(
        code="test.rule",
        name="Chuyên gia",
        length=1,
        counting="calendar",
        legal_basis="Luật",
        valid_from=dt.date(2026, 1, 1),
    )
    due = deadline("test.rule", START)
    rule = DeadlineRule.objects.get(code="test.rule")
    with translation.override("en"):
        assert (due.basis_text, due.name_text) == ("Law", "Expert")
        assert (rule.legal_basis_text, rule.name_text) == ("Law", "Expert")
        assert due.describe().endswith(" — Law")
    with translation.override("vi"):
        assert due.describe() == "1 ngày kể từ 26/11/2026 — Luật"
        assert (rule.legal_basis_text, rule.name_text) == ("Luật", "Chuyên gia")
    assert (rule.legal_basis, rule.name) == ("Luật", "Chuyên gia")
    # A basis without a catalogue entry stays as typed; an empty one is empty (not the header).
    with translation.override("en"):
        assert translated("Nghị quyết 99/2030/NQ-HĐND, Điều 1") == (
            "Nghị quyết 99/2030/NQ-HĐND, Điều 1"
        )
        assert translated("") == ""


def test_every_seed_name_and_basis_is_marked_for_the_catalogue():
    source = Path(deadline_rules.__file__).read_text(encoding="utf-8")
    marked = re.findall(r'"(?:name|legal_basis)": gettext_noop\(', source)
    assert len(marked) == 2 * len(deadline_rules.SEED_RULES)
    assert deadline_rules.gettext_noop("Luật") == "Luật"
