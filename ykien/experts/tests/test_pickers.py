"""The expert picker's suggestions: by name, organisation or field, diacritics ignored, within the
officer's roster; officers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts import services

pytestmark = pytest.mark.django_db


def _expert(unit, name, fields, organisation=""):
    return services.expert_create(
        actor=SYSTEM,
        unit=unit,
        data={
            "full_name": name,
            "kind": "scientist",
            "fields": fields,
            "organisation": organisation,
            "consent_contact": True,
        },
    )


def test_experts_by_field_or_name_in_the_officers_roster(client, tree):
    officer = UserFactory(username="canbo")
    grant(officer, tree.prov_new, Role.OFFICER)
    binh = _expert(tree.prov_new, "Võ Thanh Bình", "hợp tác xã, nông nghiệp", "Đại học Cần Thơ")
    _expert(tree.prov_b, "Lê Thị Bình", "nông nghiệp")
    client.force_login(officer)
    url = reverse("experts:suggest")
    assert client.get(url, {"q": "nong nghiep"}).json() == {
        "results": [
            {
                "id": binh.pk,
                "text": "Võ Thanh Bình",
                "note": "Đại học Cần Thơ · hợp tác xã, nông nghiệp",
                "disabled": False,
            }
        ]
    }
    assert [r["id"] for r in client.get(url, {"q": "BINH"}).json()["results"]] == [binh.pk]
    assert client.get(url, {"q": "b" * 101}).status_code == 400


def test_expert_suggestions_need_an_officer(client, tree):
    url = reverse("experts:suggest")
    assert client.get(url, {"q": "binh"}).status_code == 403
    client.force_login(UserFactory(username="congdan"))
    assert client.get(url, {"q": "binh"}).status_code == 403
