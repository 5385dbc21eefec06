"""The permission matrix: anonymous, citizen, officer of another unit, officer of this unit,
leader, handler, the addressee's respondent, another unit's respondent, superuser."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.core.tests.factories import UserFactory
from ykien.oversight.tests.conftest import board_review, issued, reported_review, written

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "citizen",
    "other_officer",
    "officer",
    "leader",
    "handler",
    "respondent",
    "respondent_sxd",
    "superuser",
]

# permission → the set of people who have it (on a provincial activity / recommendation to UBND)
MATRIX = {
    "oversight.view_activity": {"officer", "leader", "handler", "superuser"},
    "oversight.manage_activity": {"officer", "leader", "superuser"},
    "oversight.confirm_short_notice": {"leader", "superuser"},
    "oversight.answer": {"respondent", "superuser"},  # has_perm: see can_answer below
    "oversight.follow_up": {"officer", "leader", "superuser"},
    "oversight.view_recommendation": {"officer", "leader", "handler", "respondent", "superuser"},
    "oversight.countersign": {"superuser"},  # not a board's recommendation
}


def people(w):
    return {
        "anonymous": AnonymousUser(),
        "citizen": w.citizen,
        "other_officer": w.other_officer,
        "officer": w.officer,
        "leader": w.leader,
        "handler": w.handler,
        "respondent": w.respondent,
        "respondent_sxd": w.respondent_sxd,
        "superuser": UserFactory(username="root", is_superuser=True),
    }


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(world, perm):
    w = world
    rec = issued(w)
    target = (
        rec.activity
        if perm
        in (
            "oversight.view_activity",
            "oversight.manage_activity",
            "oversight.confirm_short_notice",
        )
        else rec
    )
    granted = {name for name, user in people(w).items() if user.has_perm(perm, target)}
    assert granted == MATRIX[perm]


def test_only_the_addressees_respondent_can_answer_not_even_a_superuser(world):
    w = world
    from ykien.oversight.permissions import can_answer

    rec = issued(w)
    assert {name for name, user in people(w).items() if can_answer(user, rec)} == {"respondent"}


def test_board_countersign_belongs_to_the_commune_front_and_above(world):
    w = world
    rec = written(w, board_review(w), "Công khai")
    granted = {
        name for name, user in people(w).items() if user.has_perm("oversight.countersign", rec)
    }
    assert granted == {"officer", "leader", "superuser"}


def test_the_escalation_front_may_follow_up(world):
    w = world
    from ykien.core.models import Role
    from ykien.core.tests.factories import grant
    from ykien.oversight import services as s

    central_officer = UserFactory(username="canbo.tw")
    grant(central_officer, w.central, Role.OFFICER)
    commune_officer = UserFactory(username="canbo.xa")
    grant(commune_officer, w.commune, Role.OFFICER)
    rec = issued(
        w, activity=reported_review(w, unit=w.commune, subject=w.ubnd_xa), addressee=w.ubnd_xa
    )
    assert commune_officer.has_perm("oversight.follow_up", rec)
    s.recommendation_escalate(actor=commune_officer, recommendation=rec, on=dt.date(2026, 6, 1))
    rec.refresh_from_db()
    assert rec.escalated_to == w.province
    assert w.officer.has_perm("oversight.follow_up", rec)
    # an officer of a commune cannot manage the province's activities
    provincial = issued(w)
    assert not commune_officer.has_perm("oversight.manage_activity", provincial.activity)
    assert central_officer.has_perm("oversight.manage_activity", provincial.activity)


def test_pages_follow_the_matrix(world, client):
    w = world
    rec = issued(w)
    urls = {
        "activity": f"/can-bo/giam-sat/cuoc/{rec.activity.pk}/",
        "recommendation": f"/can-bo/giam-sat/kien-nghi/{rec.pk}/",
        "answer": f"/can-bo/giam-sat/kien-nghi/{rec.pk}/tra-loi/",
    }
    expected = {
        "citizen": {"activity": 403, "recommendation": 403, "answer": 403},
        "other_officer": {"activity": 403, "recommendation": 403, "answer": 403},
        "officer": {"activity": 200, "recommendation": 200, "answer": 403},
        "respondent": {"activity": 403, "recommendation": 200, "answer": 200},
        "respondent_sxd": {"activity": 403, "recommendation": 403, "answer": 403},
    }
    for name, codes in expected.items():
        client.force_login(getattr(w, name))
        got = {key: client.get(url).status_code for key, url in urls.items()}
        assert got == codes, name
    client.logout()
    assert client.get(urls["activity"]).status_code == 302
