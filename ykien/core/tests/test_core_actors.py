"""Core's services check who acts through ``core.permissions.require``: a person by the rules, the
system (demo, commands, jobs) as ``SYSTEM``; ``None`` is refused and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.core import services
from ykien.core.errors import PermissionDenied
from ykien.core.models import AuditEvent, DeadlineRule, HolidayOverride, Role, RoleGrant, Unit
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant, make_unit, rule_version

pytestmark = pytest.mark.django_db

D = dt.date


def _unit_create(tree: Any) -> Callable[[Any], Any]:
    return lambda actor: services.unit_create(
        actor=actor,
        code="B2",
        name="Ủy ban MTTQ xã Tân Lộc",
        level="commune",
        kind="front",
        parent=tree.prov_b,
    )


def _top_unit_create(tree: Any) -> Callable[[Any], Any]:
    return lambda actor: services.unit_create(
        actor=actor, code="TW2", name="Ủy ban Trung ương (thử)", level="central", kind="front"
    )


def _unit_update(tree: Any) -> Callable[[Any], Any]:
    return lambda actor: services.unit_update(
        actor=actor, unit=tree.commune_b, address="Ấp 3, xã Tân Thành"
    )


def _unit_move(tree: Any) -> Callable[[Any], Any]:
    other = make_unit("Ủy ban MTTQ xã Tân Hưng", parent=tree.prov_b, level="commune", code="B3")
    return lambda actor: services.unit_move(actor=actor, unit=other, parent=tree.commune_b)


def _unit_merge(tree: Any) -> Callable[[Any], Any]:
    other = make_unit("Ủy ban MTTQ xã Tân Hưng", parent=tree.prov_b, level="commune", code="B3")
    return lambda actor: services.unit_merge(
        actor=actor, predecessors=[other], successor=tree.commune_b, effective=D(2026, 1, 1)
    )


def _role_grant(tree: Any) -> Callable[[Any], Any]:
    user = UserFactory(username="moi")
    return lambda actor: services.role_grant(
        actor=actor, user=user, unit=tree.commune_b, role=Role.OFFICER, valid_from=D(2026, 1, 1)
    )


def _role_revoke(tree: Any) -> Callable[[Any], Any]:
    held = grant(UserFactory(username="cu"), tree.commune_b, Role.OFFICER)
    return lambda actor: services.role_revoke(actor=actor, grant=held, on=D(2026, 6, 30))


def _holiday(tree: Any) -> Callable[[Any], Any]:
    return lambda actor: services.holiday_override_set(
        actor=actor, date=D(2027, 3, 1), kind=HolidayOverride.Kind.DAY_OFF, name="Nghỉ bù"
    )


def _rule(tree: Any) -> Callable[[Any], Any]:
    return lambda actor: rule_version(
        "reception.answer",
        "Tiếp công dân: trả lời công dân",
        7,
        D(2026, 7, 1),
        "Luật 136/2025/QH15",
        actor=actor,
    )


# service → (its set-up, returning the call; whether a unit admin of the province may call it)
SERVICES: dict[str, tuple[Callable[[Any], Callable[[Any], Any]], bool]] = {
    "unit_create": (_unit_create, True),
    "unit_update": (_unit_update, True),
    "unit_move": (_unit_move, True),
    "unit_merge": (_unit_merge, True),
    "role_grant": (_role_grant, True),
    "role_revoke": (_role_revoke, True),
    # The platform's own: only a superuser or the system.
    "top_unit_create": (_top_unit_create, False),
    "holiday_override_set": (_holiday, False),
    "deadline_rule_set": (_rule, False),
}


def _state() -> list[Any]:
    return [
        list(Unit.objects.order_by("pk").values()),
        list(RoleGrant.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
        HolidayOverride.objects.count(),
        DeadlineRule.objects.count(),
    ]


def _actor(role: str, tree: Any) -> Any:
    if role == "none":
        return None
    if role == "anonymous":
        return AnonymousUser()
    if role == "system":
        return SYSTEM
    user = UserFactory(username=role)
    if role == "admin_here":
        grant(user, tree.prov_b, Role.ADMIN)
    elif role == "admin_elsewhere":
        grant(user, tree.prov_new, Role.ADMIN)
    elif role == "leader_here":
        grant(user, tree.prov_b, Role.LEADER)
    elif role in ("superuser", "inactive_superuser"):
        user.is_superuser = True
        user.is_active = role == "superuser"
        user.save()
    return user


ROLES = (
    "none",
    "anonymous",
    "citizen",
    "admin_elsewhere",
    "leader_here",
    "admin_here",
    "inactive_superuser",
    "superuser",
    "system",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", SERVICES)
def test_each_core_service_checks_its_actor(tree, name, role):
    setup, unit_admin_may = SERVICES[name]
    actor = _actor(role, tree)
    call = setup(tree)
    allowed = role in {"superuser", "system"} or (role == "admin_here" and unit_admin_may)
    before = _state()
    if not allowed:
        with pytest.raises(PermissionDenied) as refused:
            call(actor)
        assert refused.value.code == "forbidden"
        assert str(refused.value.message) == "Bạn không có quyền thực hiện thao tác này."
        assert _state() == before  # nothing written, not even an audit row
        return
    call(actor)
    assert _state() != before
    event = AuditEvent.objects.order_by("-pk").first()
    # The system is recorded as no person; a person by their account.
    assert event.actor == (None if role == "system" else actor)


def test_a_grant_by_the_system_names_no_granter_and_by_a_person_names_them(tree):
    def new_officer(actor, unit):
        return services.role_grant(
            actor=actor, user=UserFactory(), unit=unit, role=Role.OFFICER, valid_from=D(2026, 1, 1)
        )

    by_system = new_officer(SYSTEM, tree.prov_b)
    admin = UserFactory(username="quantri")
    grant(admin, tree.prov_b, Role.ADMIN)
    by_admin = new_officer(admin, tree.commune_b)
    assert by_system.granted_by is None
    assert by_admin.granted_by == admin
