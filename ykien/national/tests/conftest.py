"""Fixtures of the national ballot: a national-level draft of five articles, open from 20 to 30
November 2026 (today is 26 November), and verified people."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ykien.core.models import UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit
from ykien.identity.person import VerifiedPerson
from ykien.national import selectors, services

TODAY = dt.date(2026, 11, 26)
START = dt.date(2026, 11, 20)
END = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def _fresh_results():
    selectors._CACHE.clear()
    selectors._PAGES.clear()
    services._INDEX.clear()
    # No rollup asked by a ballot for stale counts (its own test sets this back).
    services._HEAL["at"] = float("inf")
    yield
    selectors._CACHE.clear()
    selectors._PAGES.clear()


def voter(n: int, province: str = "01", age_band: str = "25-34", sex: str = "female"):
    return VerifiedPerson(
        subject_hash=f"{n:064x}", province_code=province, age_band=age_band, sex=sex
    )


@pytest.fixture
def assembly(tree):
    return make_unit(
        "Ủy ban Dự thảo sửa đổi Hiến pháp",
        level=UnitLevel.CENTRAL,
        kind=UnitKind.STATE,
        code="QH-UBDT",
    )


def make_mode(tree, assembly, *, articles: int = 5, open_now: bool = True, title: str = "Dự thảo"):
    return services.national_draft_create(
        actor=SYSTEM,
        unit=tree.central,
        drafting_unit=assembly,
        title=title,
        text=services.draft_text(title=title, articles=articles),
        received_on=dt.date(2026, 11, 10),
        start=START,
        end=END,
        open_now=open_now,
    )


@pytest.fixture
def mode(tree, assembly):
    return make_mode(tree, assembly)
