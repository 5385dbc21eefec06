"""The permission matrix of citizen reception, on a session (and a log line) of the chairman of a
commune formed on 1 July 2025: the head's office of that commune keeps the calendar and reads the
identities; the Front's officers, leaders and administrators covering the commune supervise;
nobody else does anything, and a superuser gets no shortcut to an identity."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.models import Role
from ykien.core.permissions import allows
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.core.tests.factories import UserFactory, grant
from ykien.reception import services
from ykien.reception.tests.conftest import citizen_identity, schedule

pytestmark = pytest.mark.django_db
SINCE = dt.date(2025, 7, 1)

MATRIX = {
    "reception.manage": {"head_office", "system", "superuser"},
    "reception.read_identity": {"head_office", "system"},
    "reception.supervise": {"officer", "leader", "admin", "system", "superuser"},
}


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def actors(tree):
    found = matrix.unit_actors(
        unit=tree.commune_new, leader_unit=tree.prov_new, other_unit=tree.prov_b
    )

    def person(name, unit, role):
        user = UserFactory(username=name)
        grant(user, unit, role, valid_from=SINCE)
        return user

    return {
        **found,
        "admin": person("quantri.donvi", tree.prov_new, Role.ADMIN),
        "handler": person("xuly", tree.commune_new, Role.HANDLER),
        "head_office": person("vanphong", tree.commune_new, Role.HEAD_OFFICE),
        "head_office_other": person("vanphong.khac", tree.commune_b, Role.HEAD_OFFICE),
    }


@pytest.fixture
def entry(heads, actors):
    schedule(heads.commune_chair, "2026-03-04")
    return services.entry_record(
        actor=actors["head_office"],
        head=heads.commune_chair,
        day=dt.date(2026, 3, 4),
        visit="walk_in",
        identity=citizen_identity(),
        content="Nội dung",
    )


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(actors, entry, perm):
    for target in (entry.session, entry, entry.session.head.unit):
        granted = {name for name, actor in actors.items() if allows(actor, perm, target)}
        assert granted == MATRIX[perm], (perm, target)


def test_the_office_of_another_commune_keeps_only_its_own_heads(actors, heads, tree):
    other = actors["head_office_other"]
    assert allows(other, "reception.manage", heads.other_chair)
    assert not allows(other, "reception.manage", heads.commune_chair)


def test_the_head_office_role_is_confidential_and_not_a_front_role():
    assert Role.HEAD_OFFICE in Role.confidential()
    assert Role.HEAD_OFFICE not in Role.staff()
