"""The briefing picker: a unit is chosen by name (or picked), never by its code."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.reporting import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def officer(tree):
    services.period_ensure(actor=SYSTEM, code="2026-Q3")
    user = UserFactory(username="canbo.xa")
    grant(user, tree.commune_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


def test_a_briefing_is_opened_for_a_picked_unit(client, tree, officer):
    client.force_login(officer)
    response = client.get(
        reverse("reporting:index"), {"unit": str(tree.commune_new.pk), "period": "2026-Q3"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:dashboard", args=["N1", "2026-Q3"])


def test_a_briefing_unit_typed_by_name_and_a_former_unit_are_accepted(client, tree, officer):
    client.force_login(officer)
    response = client.get(reverse("reporting:index"), {"unit": "xa cang long", "period": "2026-Q3"})
    assert response["Location"] == reverse("reporting:dashboard", args=["N1", "2026-Q3"])
    response = client.get(
        reverse("reporting:index"), {"unit": str(tree.district_a.pk), "period": "2025-Q2"}
    )
    assert response["Location"] == reverse("reporting:dashboard", args=["A1", "2025-Q2"])


def test_the_briefing_picker_page_asks_for_no_code(client, tree, officer):
    client.force_login(officer)
    html = client.get(reverse("reporting:index")).content.decode()
    assert 'data-picker="/can-bo/goi-y/don-vi/"' in html
    assert "Mã đơn vị" not in html
    assert "unit-codes" not in html
    response = client.get(reverse("reporting:index"), {"unit": "ha giang", "period": "2026-Q3"})
    assert "Không tìm thấy đơn vị nào khớp với “ha giang”." in response.content.decode()
