"""The national mode's lifecycle (planned → open → closed → open) and who may move it: officers,
leaders and unit administrators of the national front committee, and superusers; nobody else."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent, Role, User
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.national import services
from ykien.national.models import ModeStatus
from ykien.national.tests.conftest import make_mode, voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(tree):
    central_officer = UserFactory(username="tw.officer", kind=User.Kind.OFFICER)
    central_leader = UserFactory(username="tw.leader", kind=User.Kind.LEADER)
    central_admin = UserFactory(username="tw.admin", kind=User.Kind.ADMIN)
    province_officer = UserFactory(username="tinh.officer", kind=User.Kind.OFFICER)
    respondent = UserFactory(username="traloi", kind=User.Kind.RESPONDENT)
    grant(central_officer, tree.central, Role.OFFICER)
    grant(central_leader, tree.central, Role.LEADER)
    grant(central_admin, tree.central, Role.ADMIN)
    grant(province_officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    grant(respondent, tree.central, Role.RESPONDENT)
    superuser = UserFactory(username="root", is_superuser=True)
    inactive = UserFactory(username="root2", is_superuser=True, is_active=False)
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": (AnonymousUser(), False),
        "citizen": (UserFactory(username="dan"), False),
        "province officer": (province_officer, False),
        "respondent": (respondent, False),
        "central officer": (central_officer, True),
        "central leader": (central_leader, True),
        "central admin": (central_admin, True),
        "superuser": (superuser, True),
        "deactivated superuser": (inactive, False),
        "system": (SYSTEM, True),
    }


ROLES = [
    "anonymous",
    "citizen",
    "province officer",
    "respondent",
    "central officer",
    "central leader",
    "central admin",
    "superuser",
    "deactivated superuser",
    "system",
]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_open_close_reopen(tree, assembly, actors, role):
    actor, allowed = actors[role]
    mode = make_mode(tree, assembly, open_now=False)
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.mode_open(actor=actor, mode=mode)
        mode.refresh_from_db()
        assert mode.status == ModeStatus.PLANNED
        services.mode_open(actor=SYSTEM, mode=mode)
        with pytest.raises(PermissionDenied):
            services.mode_close(actor=actor, mode=mode)
        mode.refresh_from_db()
        assert mode.status == ModeStatus.OPEN
        return
    services.mode_open(actor=actor, mode=mode)
    assert mode.status == ModeStatus.OPEN
    services.mode_close(actor=actor, mode=mode, reason="Kết thúc")
    assert mode.status == ModeStatus.CLOSED
    services.mode_reopen(actor=actor, mode=mode, end=dt.date(2026, 12, 5))
    assert (mode.status, mode.end) == (ModeStatus.OPEN, dt.date(2026, 12, 5))
    actions = list(
        AuditEvent.objects.filter(action__startswith="national.mode.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "national.mode.setup",
        "national.mode.open",
        "national.mode.close",
        "national.mode.reopen",
    ]


def test_a_provincial_draft_cannot_be_national_even_for_its_officers(tree, actors):
    from ykien.core.permissions import allows
    from ykien.national.permissions import MANAGE

    class Draft:
        drafting_unit_id = 1
        unit = tree.prov_new

    assert allows(actors["province officer"][0], MANAGE, Draft()) is False
    assert allows(actors["central officer"][0], MANAGE, Draft()) is False


def test_edges_from_wrong_states_are_refused(mode):
    with pytest.raises(InvalidTransition):
        services.mode_open(actor=SYSTEM, mode=mode)  # already open
    with pytest.raises(InvalidTransition):
        services.mode_reopen(actor=SYSTEM, mode=mode, end=dt.date(2026, 12, 5))
    services.mode_close(actor=SYSTEM, mode=mode)
    with pytest.raises(InvalidTransition):
        services.mode_close(actor=SYSTEM, mode=mode)
    with pytest.raises(ValidationFailed):
        services.mode_reopen(actor=SYSTEM, mode=mode, end=dt.date(2026, 11, 1))
    mode.refresh_from_db()
    assert mode.status == ModeStatus.CLOSED


def test_ballots_only_while_open(tree, assembly):
    mode = make_mode(tree, assembly, open_now=False)
    with pytest.raises(InvalidTransition) as planned:
        services.ballot_submit(draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={})
    assert planned.value.code == "ballot_not_started"
    services.mode_open(actor=SYSTEM, mode=mode)
    services.ballot_submit(draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={})
    services.mode_close(actor=SYSTEM, mode=mode)
    with pytest.raises(InvalidTransition) as closed:
        services.ballot_submit(
            draft_id=mode.draft_id, voter=voter(1), overall="disagree", articles={}
        )
    assert closed.value.code == "ballot_ended"
    services.mode_reopen(actor=SYSTEM, mode=mode, end=dt.date(2026, 12, 5))
    again = services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(1), overall="disagree", articles={}
    )
    assert again.revision == 2


def test_setup_refuses_a_second_mode_and_a_bad_period(mode, tree, assembly):
    from ykien.consultations.models import Draft

    draft = Draft.objects.get(pk=mode.draft_id)
    with pytest.raises(ValidationFailed) as twice:
        services.mode_setup(
            actor=SYSTEM, draft=draft, start=dt.date(2026, 11, 20), end=dt.date(2026, 11, 30)
        )
    assert twice.value.code == "already_national"
    other = make_mode(tree, assembly, open_now=False, title="Khác")
    assert other.status == ModeStatus.PLANNED
    with pytest.raises(ValidationFailed):
        services.mode_setup(
            actor=SYSTEM, draft=draft, start=dt.date(2026, 11, 30), end=dt.date(2026, 11, 20)
        )
