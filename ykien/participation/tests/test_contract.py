"""The follow contract: every notice names a real lifecycle edge (a typo would notify no one),
no internal step notifies, and every followable refuses ids that name nothing."""

from __future__ import annotations

import pytest

from ykien.core import apps_manifest, follow

pytestmark = pytest.mark.django_db

# Steps that are internal to the office: they never notify anyone.
INTERNAL = {
    "petitions.petition.classify",
    "petitions.petition.assign",
    "petitions.petition.rate",
    "oversight.recommendation.countersign",
    "consultations.comment.hold",
    "consultations.comment.hide",
    "consultations.document.submit",
    "consultations.document.return",
}


def _edges() -> set[str]:
    names = set()
    for _label, module in apps_manifest.submodules("lifecycle"):
        for lifecycle in getattr(module, "LIFECYCLES", ()):
            names |= {lifecycle.event_name(edge.action) for edge in lifecycle.edges}
        for lifecycle in getattr(module, "ACTIVITY_LIFECYCLES", {}).values():
            names |= {lifecycle.event_name(edge.action) for edge in lifecycle.edges}
    return names


def test_every_notice_names_a_lifecycle_edge_and_no_internal_step():
    edges = _edges()
    notices = set(follow.notice_events())
    assert notices <= edges, sorted(notices - edges)
    assert not notices & INTERNAL
    assert len(notices) == 31  # 23, and dialogue's 8 (3 of a dialogue, 1 answer, 4 of a commitment)


def test_every_followable_refuses_ids_that_name_nothing():
    kinds = {item.kind for item in follow.followables()}
    assert kinds == {
        "consultations.draft",
        "consultations.node",
        "consultations.comment",
        "consultations.point",
        "petitions.petition",
        "oversight.recommendation",
        "oversight.activity",
        "core.unit",
        "dialogue.dialogue",
        "dialogue.question",
        "dialogue.commitment",
    }
    for item in follow.followables():
        for bad in ("", "abc", "-1", "0", str(2**63), str(2**70), "1e3", "١٢"):
            assert item.get(bad) is None, (item.kind, bad)
