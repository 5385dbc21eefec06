"""Refusing a petition is final: the form starts with no ground chosen, and pressing the button
without choosing one refuses nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.petitions import services
from ykien.petitions.models import Kind, Status

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db


def test_the_refuse_form_has_no_ground_chosen(client, tree, people):
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    services.petition_assign(actor=SYSTEM, petition=p, handler=people.handler)
    otp_login(client, people.handler)
    html = client.get(reverse("petitions:staff_detail", args=[p.pk])).content.decode()
    assert '<option value="" selected>— Chọn lý do —</option>' in html


def test_pressing_refuse_without_a_ground_refuses_nothing(client, tree, people):
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    services.petition_assign(actor=SYSTEM, petition=p, handler=people.handler)
    otp_login(client, people.handler)
    url = reverse("petitions:staff_action", args=[p.pk, "refuse"])
    response = client.post(url, {"ground": "", "note": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    p.refresh_from_db()
    assert p.status == Status.RECEIVED
    assert p.refusal_ground == ""
