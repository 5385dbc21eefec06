"""The demo's national ballot: open today, with ballots of the demo citizens (all but the first)
and the made-up voters, rolled up; loading it twice changes nothing."""

from __future__ import annotations

import io

import pytest

from ykien.national import demo, selectors
from ykien.national.models import Ballot, NationalMode

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_national_draft_with_results(tree):
    from ykien.core.models import Unit

    # The tree's central committee stands in for the demo's.
    Unit.objects.filter(pk=tree.central.pk).update(code="MTTQ-TW")
    out = io.StringIO()
    demo.load(out)
    mode = NationalMode.objects.get(draft__title=demo.TITLE)
    assert mode.phase == "open"
    assert len(mode.articles) == 12
    assert Ballot.objects.filter(draft_id=mode.draft_id).count() == 6 + demo.EXTRA_BALLOTS
    found = selectors.results(mode=mode)
    assert found.ballots == 6 + demo.EXTRA_BALLOTS
    assert found.national[0].total == 6 + demo.EXTRA_BALLOTS
    assert sum(1 for r in found.province_rows(0) if r["total"]) >= 30
    demo.load(out)
    assert NationalMode.objects.count() == 1
