"""The computed indicators the other apps really provide (``ykien/<app>/indicators.py``), through
the briefing: each becomes an indicator row with the unit of what it counts, is computed for a
unit's scope and a period, and has no figure (not 0) while its app holds no record of the unit."""

import datetime as dt

import pytest

from ykien.core.indicators import all_computed
from ykien.core.permissions import SYSTEM
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
    rows = services.indicators_sync_computed(actor=SYSTEM, group="Tự động")
    assert {row.computed_code for row in rows} == set(provided)
    assert all(row.source == Source.COMPUTED for row in rows)
    assert {row.computed_code: row.measure for row in rows} == {
        code: Measure.PERCENT if c.measure == "percent" else Measure.COUNT
        for code, c in provided.items()
    }
    for unit, code in (
        (tree.prov_new, "2025-Q3"),
        (tree.prov_new, "2024-Q1"),
        (tree.prov_a, "2024-H1"),
    ):
        report = selectors.briefing(unit=unit, code=code, today=dt.date(2026, 11, 26))
        assert report.missing_computed == []
        values = {row.indicator.computed_code: row.value for row in report.rows}
        assert values == dict.fromkeys(provided)


def test_computed_units_are_what_they_count_and_a_real_zero_is_not_no_data(tree):
    from ykien.consultations.services import draft_register

    rows = {row.computed_code: row for row in services.indicators_sync_computed(actor=SYSTEM)}
    assert rows["consultations.comments"].label == "góp ý"
    assert rows["oversight.activities"].label == "cuộc"
    assert rows["petitions.received"].label == "đơn"
    draft_register(
        actor=SYSTEM,
        unit=tree.district_a,
        drafting_unit=tree.prov_b,
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=dt.date(2024, 2, 10),
    )
    today = dt.date(2026, 11, 26)
    report = selectors.briefing(unit=tree.prov_a, code="2024-Q1", today=today)
    values = {row.indicator.computed_code: row.value for row in report.rows}
    assert values["consultations.drafts_received"] == 1
    assert values["consultations.comments"] == 0  # the app is in use: a real 0
    assert values["petitions.received"] is None  # no petition recorded yet: no data
    assert values["oversight.activities"] is None
    # Before the first draft, the consultations had no record of the unit either.
    before = selectors.briefing(unit=tree.prov_a, code="2023-Q4", today=today)
    assert before.row("consultations.drafts_received").value is None
