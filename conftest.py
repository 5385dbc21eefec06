"""Shared fixtures: a small unit tree with a merger, built through the core services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ykien.core import services
from ykien.core.models import Unit, UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit

REFORM = dt.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 at production strength costs ~1 s per user on this machine; tests don't need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _reseed_after_flush(request):
    """The rows the migrations seed (the legal deadline rules) are emptied by the flush that ends
    every transactional test; a transactional test that runs after another gets them back."""
    if _transactional(request):
        request.getfixturevalue("transactional_db")
        from ykien.core.deadline_rules import SEED_RULES
        from ykien.core.models import DeadlineRule

        for rule in SEED_RULES:
            fields = {"direction": "after", "variants": {}, **rule}
            code = fields.pop("code")
            DeadlineRule.objects.update_or_create(
                code=code, valid_from="2000-01-01", defaults=fields
            )


@dataclass
class Tree:
    central: Unit
    prov_a: Unit  # merged into prov_new on 1 July 2025
    district_a: Unit
    prov_b: Unit  # another province, not merged
    commune_b: Unit
    prov_new: Unit
    commune_new: Unit
    agency_new: Unit


@pytest.fixture
def no_otp():
    """Staff pages without the second factor (the sign-in itself is tested in core)."""
    from unittest import mock

    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        yield


@pytest.fixture
def tree(db) -> Tree:
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level=UnitLevel.CENTRAL, code="TW")
    end = REFORM - dt.timedelta(days=1)
    prov_a = make_unit("Ủy ban MTTQ tỉnh Trà Vinh", parent=central, code="A", valid_to=end)
    district_a = make_unit(
        "Ủy ban MTTQ huyện Càng Long",
        parent=prov_a,
        level=UnitLevel.DISTRICT,
        code="A1",
        valid_to=end,
    )
    prov_b = make_unit("Ủy ban MTTQ tỉnh Cà Mau", parent=central, code="B")
    commune_b = make_unit(
        "Ủy ban MTTQ xã Tân Thành", parent=prov_b, level=UnitLevel.COMMUNE, code="B1"
    )
    prov_new = make_unit("Ủy ban MTTQ tỉnh Vĩnh Long", parent=central, code="N", valid_from=REFORM)
    commune_new = make_unit(
        "Ủy ban MTTQ xã Càng Long",
        parent=prov_new,
        level=UnitLevel.COMMUNE,
        code="N1",
        valid_from=REFORM,
    )
    agency_new = make_unit(
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        parent=prov_new,
        kind=UnitKind.STATE,
        code="N-UBND",
        valid_from=REFORM,
    )
    services.unit_merge(actor=SYSTEM, predecessors=[prov_a], successor=prov_new, effective=REFORM)
    services.unit_merge(
        actor=SYSTEM, predecessors=[district_a], successor=commune_new, effective=REFORM
    )
    return Tree(central, prov_a, district_a, prov_b, commune_b, prov_new, commune_new, agency_new)
