"""A date or time outside 1900–2100 typed into a form is refused with a clear message and saves
nothing; year 1 used to crash the conference page when the time was converted to UTC."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.consultations.models import Conference, Draft

pytestmark = pytest.mark.django_db

YEAR_ERROR = "Năm phải từ 1900 đến 2100."


@pytest.mark.parametrize("held_at", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T10:00"])
def test_a_conference_at_an_impossible_time_is_refused(client, draft, people, held_at):
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:conference", args=[draft.pk]),
        {
            "form": "conference",
            "held_at": held_at,
            "place": "12345678901234567890",
            "participants": "12345678901234567890",
        },
    )
    assert response.status_code == 200
    assert YEAR_ERROR in response.content.decode()
    assert not Conference.objects.exists()


def test_a_conference_at_a_plausible_time_is_saved(client, draft, people):
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:conference", args=[draft.pk]),
        {
            "form": "conference",
            "held_at": "2026-11-25T08:00",
            "place": "Hội trường Ủy ban MTTQ tỉnh",
            "participants": "Đại diện các sở, ngành",
        },
    )
    assert response.status_code == 302
    assert Conference.objects.count() == 1


def test_a_draft_received_in_year_one_is_refused(client, tree, people):
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:register"),
        {
            "unit": tree.prov_new.pk,
            "drafting_unit": tree.agency_new.pk,
            "title": "Dự thảo Nghị quyết",
            "kind": "resolution",
            "form": "conference",
            "received_on": "0001-01-01",
            "comment_end": "2026-12-20",
        },
    )
    assert response.status_code == 200
    assert YEAR_ERROR in response.content.decode()
    assert not Draft.objects.exists()
