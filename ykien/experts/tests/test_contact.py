"""Contact details on the roster: the e-mail address and the phone are checked and nothing is
stored when one is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts import services
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db

BAD_EMAIL = "Địa chỉ thư điện tử không hợp lệ."
BAD_PHONE = "Số điện thoại “12 345” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0)."


def _data(**extra):
    return {"full_name": "Kim Thị Sóc Khanh", "kind": "respected", "fields": "dân tộc", **extra}


@pytest.mark.parametrize(
    "email", ["kim.thị.sóc.khanh@example.vn", "khanh@", "khanh example.vn", "a" * 250 + "@x.vn"]
)
def test_create_refuses_a_bad_address_and_stores_nothing(tree, email):
    with pytest.raises(ValidationFailed) as exc:
        services.expert_create(actor=SYSTEM, unit=tree.prov_new, data=_data(email=email))
    assert (exc.value.code, exc.value.field, str(exc.value.message)) == (
        "bad_email",
        "email",
        BAD_EMAIL,
    )
    assert not Expert.objects.exists()
    assert not AuditEvent.objects.filter(action="expert.create").exists()


def test_create_refuses_a_bad_phone(tree):
    with pytest.raises(ValidationFailed) as exc:
        services.expert_create(actor=SYSTEM, unit=tree.prov_new, data=_data(phone="12 345"))
    assert (exc.value.code, exc.value.field, str(exc.value.message)) == (
        "bad_phone",
        "phone",
        BAD_PHONE,
    )
    assert not Expert.objects.exists()


def test_good_contact_details_are_kept_the_phone_as_digits(tree):
    expert = services.expert_create(
        actor=SYSTEM,
        unit=tree.prov_new,
        data=_data(email=" kim.thi.soc.khanh@example.vn ", phone="0294 3 855 246"),
    )
    expert.refresh_from_db()
    assert (expert.email, expert.phone) == ("kim.thi.soc.khanh@example.vn", "02943855246")
    expert = services.expert_update(actor=SYSTEM, expert=expert, data={"phone": "+84 912.345.678"})
    assert Expert.objects.get().phone == "0912345678"
    expert = services.expert_update(actor=SYSTEM, expert=expert, data={"email": "", "phone": ""})
    assert Expert.objects.filter(email="", phone="").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "kim.thị.sóc.khanh@example.vn"}, "email", BAD_EMAIL),
        ({"phone": "12 345", "note": "đổi số"}, "phone", BAD_PHONE),
    ],
)
def test_update_refuses_bad_contact_details_and_changes_nothing(tree, data, field, message):
    expert = services.expert_create(
        actor=SYSTEM, unit=tree.prov_new, data=_data(email="khanh@example.vn", phone="0912345678")
    )
    with pytest.raises(ValidationFailed) as exc:
        services.expert_update(actor=SYSTEM, expert=expert, data=data)
    assert (exc.value.field, str(exc.value.message)) == (field, message)
    stored = Expert.objects.get()
    assert (stored.email, stored.phone, stored.note) == ("khanh@example.vn", "0912345678", "")
    assert not AuditEvent.objects.filter(action="expert.update").exists()


def test_the_form_shows_the_phone_error_next_to_the_field(client, tree):
    officer = UserFactory()
    grant(officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    client.force_login(officer)
    data = {
        "unit": tree.prov_new.pk,
        "full_name": "Kim Thị Sóc Khanh",
        "kind": "respected",
        "fields": "dân tộc",
        "phone": "12 345",
        "consent_contact": "on",
        "active": "on",
    }
    response = client.post(reverse("experts:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"phone": [BAD_PHONE]}
    assert not Expert.objects.exists()
