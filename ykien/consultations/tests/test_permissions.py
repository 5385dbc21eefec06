"""The permission matrix: anonymous, citizen, officer of another unit, officer of this unit,
leader, respondent of the drafting unit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.consultations import services
from ykien.consultations.models import DraftStatus, Node
from ykien.consultations.tests.conftest import (
    comment_on,
    drafted_document,
    issued_document,
    make_draft,
    register,
)
from ykien.core import apikeys
from ykien.core.errors import PermissionDenied
from ykien.core.models import UnitKind
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, make_unit

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "other_officer", "officer", "leader", "respondent"]

# perm → roles that hold it (on the draft, or the receiving unit for register_draft)
MATRIX = {
    "consultations.register_draft": {"officer", "leader"},
    "consultations.manage_draft": {"officer", "leader"},
    "consultations.issue_document": {"leader"},
    "consultations.answer_points": {"respondent"},
}


def _who(people, role):
    return AnonymousUser() if role == "anonymous" else getattr(people, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_matrix(tree, people, draft, role, perm):
    obj = tree.prov_new if perm == "consultations.register_draft" else draft
    assert _who(people, role).has_perm(perm, obj) is (role in MATRIX[perm])


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_draft_is_seen_only_by_its_officers(tree, people, role):
    draft = make_draft(tree, people.officer, publish=False)
    assert _who(people, role).has_perm("consultations.view_draft", draft) is (
        role in {"officer", "leader"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_published_draft_is_public(people, draft, role):
    assert _who(people, role).has_perm("consultations.view_draft", draft) is True


@pytest.mark.parametrize("role", ROLES)
def test_document_before_and_after_issue(people, draft, role):
    doc = drafted_document(draft, people)
    draft.refresh_from_db()
    assert _who(people, role).has_perm("consultations.view_document", draft) is (
        role in {"officer", "leader"}
    )
    services.document_submit(actor=people.officer, document=doc)
    services.document_issue(actor=people.leader, document=doc)
    draft.refresh_from_db()
    assert _who(people, role).has_perm("consultations.view_document", draft) is True


@pytest.mark.parametrize("role", ["citizen", "other_officer", "respondent"])
def test_services_refuse_outsiders(tree, people, draft, role):
    actor = getattr(people, role)
    with pytest.raises(PermissionDenied):
        services.draft_transition(
            actor=actor, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
        )
    with pytest.raises(PermissionDenied):
        register(actor, tree, title="X", received_on=draft.received_on)
    comment = comment_on(draft, people.citizen, stance="agree", reasons="Tốt")
    with pytest.raises(PermissionDenied):
        services.comment_moderate(actor=actor, comment=comment, to="hidden", reason="Không phù hợp")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_only_the_respondent_answers(people, draft):
    issued_document(draft, people)
    point = draft.points.get()
    for actor in (people.officer, people.leader, people.citizen, people.other_officer):
        with pytest.raises(PermissionDenied):
            services.point_answer(actor=actor, point=point, answer="accepted", text="Tiếp thu")
    services.point_answer(actor=people.respondent, point=point, answer="accepted", text="Tiếp thu")


def test_officer_of_a_merged_province_manages_its_old_drafts(tree, people):
    """A role at the new Vĩnh Long reaches drafts received by the former Trà Vinh committee."""
    old_agency = make_unit(  # the drafting body must be in force on the received date
        "Ủy ban nhân dân tỉnh Trà Vinh",
        parent=tree.prov_a,
        kind=UnitKind.STATE,
        valid_to=tree.prov_a.valid_to,
    )
    draft = services.draft_register(
        actor=SYSTEM,
        unit=tree.prov_a,
        drafting_unit=old_agency,
        title="Dự thảo cũ",
        kind="plan",
        form="written",
        received_on=tree.prov_a.valid_from,
    )
    assert people.officer.has_perm("consultations.manage_draft", draft) is True
    assert people.other_officer.has_perm("consultations.manage_draft", draft) is False


def test_nodes_of_unpublished_draft_do_not_exist(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    assert Node.objects.filter(draft=draft).count() == 0


def test_none_is_no_way_to_skip_the_checks(tree, people, draft):
    """Only ``SYSTEM`` acts without a person; ``None`` is refused like an anonymous visitor."""
    with pytest.raises(PermissionDenied):
        services.draft_transition(actor=None, draft=draft, to=DraftStatus.CLOSED, reason="Đủ.")
    with pytest.raises(PermissionDenied):
        register(None, tree, title="X", received_on=draft.received_on)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    services.draft_transition(actor=SYSTEM, draft=draft, to=DraftStatus.CLOSED, reason="Đủ.")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.CLOSED


@pytest.mark.parametrize("perm", [*sorted(MATRIX), "consultations.view_document"])
def test_superusers_follow_djangos_policy(tree, draft, perm):
    """An active superuser holds every permission; an inactive one holds none (the app's own
    superuser rule used to grant them to a deactivated account too)."""
    obj = tree.prov_new if perm == "consultations.register_draft" else draft
    root = UserFactory(username="root", is_superuser=True)
    assert root.has_perm(perm, obj) is True
    root.is_active = False
    root.save(update_fields=["is_active"])
    assert root.has_perm(perm, obj) is False


def test_a_deactivated_superuser_cannot_move_a_draft(draft):
    root = UserFactory(username="root", is_superuser=True, is_active=False)
    with pytest.raises(PermissionDenied):
        services.draft_transition(actor=root, draft=draft, to=DraftStatus.CLOSED, reason="Đủ.")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_a_token_is_revoked_by_its_owner_or_a_superuser_only(people):
    token, _raw = apikeys.apikey_create(actor=people.citizen, name="Báo chí")
    with pytest.raises(PermissionDenied):
        apikeys.apikey_revoke(actor=people.officer, key=token)
    root = UserFactory(username="root", is_superuser=True)
    assert apikeys.apikey_revoke(actor=root, key=token).revoked_at is not None
