"""Every edge of the petition lifecycle (``lifecycle.PETITION``) walked through its service
(``core.tests.lifecycle_matrix``): each allowed transition for each permitted role, each refused
role, and each state the edge does not start from. Roles: anonymous, citizen, officer of another unit, officer of this unit, handler
(of this unit, of another), leader (of this unit, of another), superuser, the sender by tracking
code, the system."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ykien.core.errors import InvalidTransition, PermissionDenied
from ykien.core.lifecycle import transition
from ykien.core.models import AuditEvent, DeadlineRule
from ykien.core.permissions import SYSTEM
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.core.tests.factories import UserFactory
from ykien.petitions import lifecycle, services
from ykien.petitions.lifecycle import PETITION
from ykien.petitions.models import Kind, Petition, PetitionEvent, Status
from ykien.petitions.permissions import TrackingCodeHolder

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "other_officer",
    "officer",
    "handler",
    "handler2",
    "other_handler",
    "leader",
    "other_leader",
    "superuser",
    "code_holder",
    "other_code_holder",
    "system",
]
HANDLERS = {"handler", "handler2", "leader", "superuser", "system"}
# Who may take each edge (submission on the public form: anyone; see the intake tests below).
ALLOWED = {edge.action: HANDLERS for edge in PETITION.edges if edge.action != "submit"}
ALLOWED["rate"] = {"code_holder", "system"}  # personal: never a superuser for being one


def _petition(tree, people, state: str) -> Petition:
    """A denunciation (every edge applies to it) brought to ``state`` by the system."""
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    if state == Status.REFUSED:
        return services.petition_refuse(actor=SYSTEM, petition=p, ground="tc_no_basis")
    if state == Status.MERGED:
        into = submit(tree.prov_new, kind=Kind.DENUNCIATION)
        return services.petition_merge(actor=SYSTEM, petition=p, into=into)
    if state == Status.RECEIVED:
        return p
    p = services.petition_accept(actor=SYSTEM, petition=p)
    if state == Status.ACCEPTED:
        return p
    p = services.petition_settle(actor=SYSTEM, petition=p, conclusion="Đã xác minh xong.")
    if state == Status.SETTLED:
        return p
    return services.petition_answer(actor=SYSTEM, petition=p, answer="Kết luận tố cáo đã gửi.")


def _actor(role: str, people, petition: Petition, tree) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return UserFactory(username="root", is_superuser=True)
    if role == "system":
        return SYSTEM
    if role == "code_holder":
        return TrackingCodeHolder(petition)
    if role == "other_code_holder":
        return TrackingCodeHolder(submit(tree.prov_new))
    return getattr(people, role)


def _take(action: str, actor: Any, p: Petition, tree, people) -> Petition:
    """Take ``action`` on ``p`` through its service, with valid input."""
    call = {
        "classify": lambda: services.petition_classify(
            actor=actor, petition=p, kind=Kind.COMPLAINT
        ),
        "assign": lambda: services.petition_assign(actor=actor, petition=p, handler=people.handler),
        "accept": lambda: services.petition_accept(actor=actor, petition=p),
        "refuse": lambda: services.petition_refuse(actor=actor, petition=p, ground="tc_no_basis"),
        "transfer": lambda: services.petition_transfer(
            actor=actor, petition=p, to_unit=tree.agency_new, note="Thuộc thẩm quyền UBND tỉnh"
        ),
        "merge": lambda: services.petition_merge(
            actor=actor,
            petition=p,
            into=submit(tree.prov_new, kind=Kind.DENUNCIATION),
            note="Trùng nội dung",
        ),
        "extend": lambda: services.petition_extend(
            actor=actor, petition=p, reason="Vụ việc phức tạp"
        ),
        "settle": lambda: services.petition_settle(
            actor=actor, petition=p, conclusion="Đã xác minh, kết luận."
        ),
        "answer": lambda: services.petition_answer(
            actor=actor, petition=p, answer="Đã có kết luận nội dung tố cáo."
        ),
        "rate": lambda: services.petition_rate(actor=actor, petition=p, rating=4),
    }[action]
    return call()


# Who the history and the audit name: a person acting in their own name (a handler, a leader, a
# superuser); no one for the system or the sender known by a tracking code.
PEOPLE = set(ROLES) - {"anonymous", "system", "code_holder", "other_code_holder"}
LIFECYCLES = {"petition": PETITION}


def _steps(p: Petition) -> int:
    return PetitionEvent.objects.filter(petition=p).count()


@pytest.mark.parametrize(
    ("key", "action", "source"), matrix.edge_cases(LIFECYCLES, skip={"submit"})
)
def test_every_edge_for_every_role(tree, people, key, action, source):
    p = _petition(tree, people, source)

    def check(role, actor, moved):
        step = PetitionEvent.objects.filter(petition=p).order_by("-at", "-id").first()
        assert (step.action, step.status) == (action, moved.status)
        assert step.actor_id == (actor.pk if role in PEOPLE else None)

    steps = _steps(p)
    matrix.walk_edge(
        PETITION,
        p,
        action,
        actors={role: _actor(role, people, p, tree) for role in ROLES},
        permitted=ALLOWED[action],
        people=PEOPLE,
        take=lambda actor, petition: _take(action, actor, petition, tree, people),
        check=check,
    )
    assert _steps(p) == steps  # every move was rolled back


@pytest.mark.parametrize(
    ("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES, skip={"submit"})
)
def test_every_edge_is_refused_from_the_states_it_does_not_start_from(
    tree, people, key, action, state
):
    p = _petition(tree, people, state)
    steps = _steps(p)
    matrix.refuse_undeclared(
        PETITION, p, action, lambda actor, petition: _take(action, actor, petition, tree, people)
    )
    assert _steps(p) == steps


def test_submission_is_the_only_way_in(tree):
    edge = PETITION.edge("submit")
    assert (edge.sources, edge.target) == (frozenset(), Status.RECEIVED)
    p = submit(tree.prov_new)
    with pytest.raises(InvalidTransition):
        transition(PETITION, actor=SYSTEM, obj=p, action="submit")


INTAKE = {"officer", "handler", "leader", "superuser", "system"}


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "citizen",
        "other_officer",
        "officer",
        "handler",
        "leader",
        "superuser",
        "system",
    ],
)
@pytest.mark.parametrize("channel", ["web", "reception", "post"])
def test_submit_on_each_channel_for_every_role(tree, people, role, channel):
    actor = _actor(role, people, None, tree)  # type: ignore[arg-type]
    kwargs = {"channel": channel, "actor": actor}
    if channel == "web" or role in INTAKE:
        p = submit(tree.prov_new, **kwargs)
        step = p.events.get()
        assert (step.action, p.status) == ("submit", Status.RECEIVED)
        # A visitor on the public form is never linked to an account; an intake names its officer.
        recorder = actor if channel != "web" and role not in {"system"} else None
        assert p.recorded_by == recorder
        assert step.actor == recorder
        assert AuditEvent.objects.get(action="petitions.petition.submit").actor == recorder
    else:
        with pytest.raises(PermissionDenied):
            submit(tree.prov_new, **kwargs)
        assert Petition.objects.count() == 0


def test_every_deadline_rule_a_step_starts_is_in_the_rule_table():
    codes = set(DeadlineRule.objects.values_list("code", flat=True))
    named = {
        rule
        for per_kind in lifecycle.STEP_RULES.values()
        for rules in per_kind.values()
        for rule in rules
    }
    assert named <= codes
    assert set(lifecycle.STEP_RULES) <= {edge.action for edge in PETITION.edges}


@pytest.mark.parametrize(
    ("state", "role", "offered"),
    [
        (
            Status.RECEIVED,
            "handler",
            ["classify", "assign", "accept", "refuse", "transfer", "merge", "extend"],
        ),
        (Status.ACCEPTED, "leader", ["assign", "transfer", "merge", "extend", "settle"]),
        (Status.SETTLED, "handler", ["answer"]),
        (Status.ANSWERED, "handler", []),  # rating is the sender's
        (Status.RECEIVED, "officer", []),
    ],
)
def test_the_staff_page_offers_what_the_lifecycle_allows(
    client, tree, people, state, role, offered
):
    p = _petition(tree, people, state)
    otp_login(client, getattr(people, role))
    html = client.get(reverse("petitions:staff_detail", args=[p.pk])).content.decode()
    assert re.findall(r'id="action-(\w+)"', html) == offered
    assert [e.action for e in PETITION.actions(getattr(people, role), p)] == offered
