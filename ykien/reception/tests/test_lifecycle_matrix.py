"""Every edge of the session lifecycle (``reception.lifecycle``), walked by every role
(``core.tests.lifecycle_matrix``) plus the head's office: only the office of the head's unit
(and the system, and a superuser) moves a session. Every undeclared move is refused even to the
system. The session page offers exactly what the lifecycle allows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import Role
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.core.tests.factories import UserFactory, grant
from ykien.reception import services
from ykien.reception.lifecycle import SESSION
from ykien.reception.models import Session, SessionStatus
from ykien.reception.tests.conftest import otp_login, schedule

pytestmark = pytest.mark.django_db
MANAGERS = {"head_office", "system", "superuser"}
LIFECYCLES = {"session": SESSION}


@pytest.fixture(autouse=True)
def _clock(time_machine):
    # The session's own day: its outcome (held, delegated, missed) may be recorded.
    time_machine.move_to(dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def actors(tree):
    found = matrix.unit_actors(
        unit=tree.commune_new, leader_unit=tree.prov_new, other_unit=tree.prov_b
    )
    office = UserFactory(username="vanphong")
    grant(office, tree.commune_new, Role.HEAD_OFFICE, valid_from=dt.date(2025, 7, 1))
    return {**found, "head_office": office}


@pytest.fixture
def session(heads):
    return schedule(heads.commune_chair, "2026-03-04")


def _take(action):
    return lambda actor, record: services.session_transition(
        actor=actor,
        session=record,
        to=action,
        deputy_name="Phó Chủ tịch Võ Văn Năm",
        note="Ghi nhầm buổi tiếp",
    )


def _check(role, actor, moved):
    if moved.status == SessionStatus.DELEGATED:
        assert moved.deputy_name == "Phó Chủ tịch Võ Văn Năm"


@pytest.mark.parametrize(("key", "action", "source"), matrix.edge_cases(LIFECYCLES))
def test_every_edge_for_every_role(session, actors, key, action, source):
    matrix.walk_edge(
        SESSION,
        matrix.set_state(SESSION, session, source),
        action,
        actors=actors,
        permitted=MANAGERS,
        people=matrix.UNIT_PEOPLE | {"head_office"},
        take=_take(action),
        check=_check,
    )


@pytest.mark.parametrize(("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES))
def test_every_move_not_declared_is_refused_even_to_the_system(session, key, action, state):
    matrix.refuse_undeclared(
        SESSION, matrix.set_state(SESSION, session, state), action, _take(action)
    )


def test_none_is_not_an_actor(session):
    with pytest.raises(PermissionDenied):
        services.session_transition(actor=None, session=session, to=SessionStatus.HELD)
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_delegating_without_naming_the_deputy_is_refused_and_changes_nothing(session, staff):
    with pytest.raises(ValidationFailed) as info:
        services.session_transition(actor=staff.office, session=session, to="delegated")
    assert info.value.field == "deputy_name"
    session.refresh_from_db()
    assert (session.status, session.deputy_name) == (SessionStatus.SCHEDULED, "")


def test_the_session_page_offers_what_the_lifecycle_allows(session, staff, client):
    otp_login(client, staff.office)
    url = reverse("reception:session", args=[session.pk])
    page = client.get(url).content.decode()
    for action in ("held", "delegated", "missed", "cancelled"):
        assert f'name="action" value="{action}"' in page
    assert 'value="scheduled"' not in page
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    page = client.get(url).content.decode()
    assert 'name="action" value="scheduled"' in page
    assert 'name="action" value="held"' not in page


def test_the_session_page_moves_the_session_and_refuses_a_bad_action(session, staff, client):
    otp_login(client, staff.office)
    url = reverse("reception:session_transition", args=[session.pk])
    response = client.post(url, {"action": "delegated", "deputy_name": ""})
    assert response.status_code == 400
    assert "Xin ghi họ tên, chức vụ của cấp phó được ủy quyền tiếp." in response.content.decode()
    response = client.post(url, {"action": "bay-len"})
    assert response.status_code == 400
    response = client.post(url, {"action": "held"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
