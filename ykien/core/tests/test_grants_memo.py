"""A person's grants are read once per user object (a request), and again as soon as a grant or
the unit tree changes: a check never answers from grants that no longer hold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ykien.core import services
from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import holds_role, user_has_role_at, user_units
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_grants_are_read_once_then_again_after_a_change(tree):
    user = UserFactory(username="mot.lan")
    assert not holds_role(user=user, roles=[Role.OFFICER])
    given = grant(user, tree.prov_new, Role.OFFICER)  # same user object: read again
    assert holds_role(user=user, roles=[Role.OFFICER])
    assert user_has_role_at(user=user, unit=tree.commune_new, roles=[Role.OFFICER])
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(5):
            assert user_has_role_at(user=user, unit=tree.commune_new, roles=[Role.OFFICER])
            assert user_units(user=user) == [tree.prov_new]
    assert len(ctx.captured_queries) == 0
    services.role_revoke(actor=SYSTEM, grant=given, on=dt.date(2020, 1, 1))
    assert not user_has_role_at(user=user, unit=tree.commune_new, roles=[Role.OFFICER])
    assert not holds_role(user=user, roles=[Role.OFFICER])


def test_a_merger_is_seen_by_a_user_object_that_already_checked(tree):
    """A role at the successor reaches the records of a unit merged into it, from the moment
    of the merger, even for a user object that checked before."""
    user = UserFactory(username="sap.nhap")
    grant(user, tree.prov_b, Role.OFFICER)
    assert not user_has_role_at(user=user, unit=tree.prov_new, roles=[Role.OFFICER])
    services.unit_merge(
        actor=SYSTEM,
        predecessors=[tree.prov_new],
        successor=tree.prov_b,
        effective=dt.date(2026, 1, 1),
    )
    assert user_has_role_at(user=user, unit=tree.prov_new, roles=[Role.OFFICER])


def test_priming_many_units_gives_what_each_check_would_read(tree):
    """``prime_governing`` works out every unit's governing units from one read of the
    succession graph: the same sets as ``unit_governing_ids`` one unit at a time (merged units
    included), and the checks that follow read nothing."""
    from ykien.core.models import Unit
    from ykien.core.selectors import MEMO, prime_governing, unit_governing_ids

    user = UserFactory(username="nhieu.don.vi")
    grant(user, tree.prov_new, Role.OFFICER)
    units = list(Unit.objects.all())
    assert any(u.succeeded_by.exists() for u in units)  # the tree has mergers
    with CaptureQueriesContext(connection) as ctx:
        prime_governing(user=user, units=units)
    assert len(ctx.captured_queries) == 1
    primed = getattr(user, MEMO)["governing"]
    assert primed == {u.pk: unit_governing_ids(unit=u) for u in units}
    holds_role(user=user, roles=[Role.OFFICER])  # the grants read once
    with CaptureQueriesContext(connection) as ctx:
        allowed = {u.pk for u in units if user_has_role_at(user=user, unit=u, roles=[Role.OFFICER])}
    assert len(ctx.captured_queries) == 0
    assert {tree.prov_a.pk, tree.district_a.pk} <= allowed  # merged into the new province
    assert tree.prov_b.pk not in allowed
