"""The computed indicators the other apps really provide (``ykien/<app>/indicators.py``), through
the briefing: each becomes an indicator row, is computed for a unit's scope and a period, and
counts nothing where there are no records."""

import datetime as dt

import pytest

from ykien.core.indicators import all_computed
from ykien.reporting import selectors, services
from ykien.reporting.models import Measure, Source

pytestmark = pytest.mark.django_db

# The contract as of this writing: the briefing's computed figures named in the issue.
EXPECTED = {
    "consultations.drafts_received", "consultations.drafts_critiqued", "consultations.comments",
    "consultations.expert_opinions", "petitions.received", "petitions.accepted",
    "petitions.settled_on_time", "petitions.overdue", "oversight.activities",
    "oversight.recommendations", "oversight.recommendations_answered",
    "oversight.recommendations_answered_on_time", "oversight.recommendations_done",
    "oversight.recommendations_overdue",
}  # fmt: skip


def test_every_real_computed_indicator_goes_through_the_briefing(tree):
    provided = all_computed()
    assert set(provided) >= EXPECTED
    rows = services.indicators_sync_computed(actor=None, group="Tự động")
    assert {row.computed_code for row in rows} == set(provided)
    assert all(row.source == Source.COMPUTED and row.measure == Measure.COUNT for row in rows)
    for unit, code in (
        (tree.prov_new, "2025-Q3"),
        (tree.prov_new, "2024-Q1"),
        (tree.prov_a, "2024-H1"),
    ):
        report = selectors.briefing(unit=unit, code=code, today=dt.date(2026, 11, 26))
        assert report.missing_computed == []
        values = {row.indicator.computed_code: row.value for row in report.rows}
        assert values == dict.fromkeys(provided, 0)
