import datetime as dt

import pytest
import time_machine

from ykien.core import selectors, services
from ykien.core.errors import ValidationFailed
from ykien.core.models import Role, RoleGrant
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_role_at_a_province_reaches_its_communes_but_not_another_province(tree):
    user = UserFactory()
    grant(user, tree.prov_a, Role.OFFICER)
    assert selectors.user_has_role_at(user=user, unit=tree.district_a, roles=[Role.OFFICER])
    assert selectors.user_has_role_at(user=user, unit=tree.prov_a, roles=[Role.OFFICER])
    assert not selectors.user_has_role_at(user=user, unit=tree.commune_b, roles=[Role.OFFICER])
    assert not selectors.user_has_role_at(user=user, unit=tree.prov_b, roles=[Role.OFFICER])
    assert not selectors.user_has_role_at(user=user, unit=tree.district_a, roles=[Role.LEADER])


def test_role_outside_its_dates_grants_nothing(tree):
    user = UserFactory()
    grant(
        user,
        tree.prov_b,
        Role.OFFICER,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    on = selectors.user_has_role_at
    assert on(user=user, unit=tree.commune_b, roles=[Role.OFFICER], on=dt.date(2024, 6, 1))
    assert not on(user=user, unit=tree.commune_b, roles=[Role.OFFICER], on=dt.date(2023, 12, 31))
    assert not on(user=user, unit=tree.commune_b, roles=[Role.OFFICER], on=dt.date(2025, 1, 1))


def test_role_at_the_successor_reaches_the_merged_units_records(tree):
    user = UserFactory()
    grant(user, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    day = dt.date(2025, 8, 1)
    assert selectors.user_has_role_at(user=user, unit=tree.district_a, roles=[Role.OFFICER], on=day)
    assert selectors.user_has_role_at(user=user, unit=tree.prov_a, roles=[Role.OFFICER], on=day)
    assert not selectors.user_has_role_at(user=user, unit=tree.prov_b, roles=[Role.OFFICER], on=day)


def test_role_at_a_merged_unit_does_not_reach_its_successor(tree):
    user = UserFactory()
    grant(user, tree.prov_a, Role.OFFICER)
    assert not selectors.user_has_role_at(
        user=user, unit=tree.prov_new, roles=[Role.OFFICER], on=dt.date(2025, 8, 1)
    )


def test_role_with_end_before_start_is_refused_and_nothing_saved(tree):
    user = UserFactory()
    with pytest.raises(ValidationFailed) as info:
        grant(
            user,
            tree.prov_b,
            Role.OFFICER,
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2024, 1, 1),
        )
    assert info.value.code == "end_before_start"
    assert not RoleGrant.objects.filter(user=user).exists()


def test_unknown_role_is_refused(tree):
    with pytest.raises(ValidationFailed):
        services.role_grant(
            actor=SYSTEM,
            user=UserFactory(),
            unit=tree.prov_b,
            role="king",
            valid_from=dt.date(2025, 1, 1),
        )


def test_confidential_roles_need_otp(tree):
    officer, handler, leader = UserFactory(), UserFactory(), UserFactory()
    grant(officer, tree.prov_b, Role.OFFICER)
    grant(handler, tree.prov_b, Role.HANDLER)
    grant(leader, tree.prov_b, Role.LEADER)
    assert not selectors.user_needs_otp(user=officer)
    assert selectors.user_needs_otp(user=handler)
    assert selectors.user_needs_otp(user=leader)
