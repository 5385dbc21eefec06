"""Fixtures of citizen reception: heads of a district (Trà Vinh, before the merger) and of a
commune (Vĩnh Long, after it), their office, a Front supervisor, a citizen's identity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from cryptography.fernet import Fernet

from ykien.core.models import Role, User
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.reception import services
from ykien.reception.models import Head, Office, Session


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, monkeypatch):
    settings.PII_KEYS = Fernet.generate_key().decode()
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    import captcha.conf.settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    from django.core.cache import cache

    cache.clear()


@dataclass
class Heads:
    district_chair: Head  # Chủ tịch UBND huyện Càng Long (to 30/6/2025)
    district_secretary: Head  # Bí thư Huyện ủy Càng Long (to 30/6/2025)
    commune_chair: Head  # Chủ tịch UBND xã Càng Long (from 1/7/2025)
    other_chair: Head  # Chủ tịch UBND xã Tân Thành (Cà Mau)


@pytest.fixture
def heads(tree) -> Heads:
    end = dt.date(2025, 6, 30)

    def head(unit, office, name, title, valid_from=dt.date(2021, 1, 1), valid_to=None):
        return services.head_create(
            actor=SYSTEM,
            unit=unit,
            office=office,
            name=name,
            title=title,
            valid_from=valid_from,
            valid_to=valid_to,
        )

    return Heads(
        district_chair=head(
            tree.district_a,
            Office.PC_CHAIR,
            "Nguyễn Văn Hùng",
            "Chủ tịch UBND huyện Càng Long",
            valid_to=end,
        ),
        district_secretary=head(
            tree.district_a,
            Office.PARTY_SECRETARY,
            "Trần Thị Mai",
            "Bí thư Huyện ủy Càng Long",
            valid_to=end,
        ),
        commune_chair=head(
            tree.commune_new,
            Office.PC_CHAIR,
            "Lê Minh Tâm",
            "Chủ tịch UBND xã Càng Long",
            valid_from=dt.date(2025, 7, 1),
        ),
        other_chair=head(tree.commune_b, Office.PC_CHAIR, "Phạm Văn Bảy", "Chủ tịch UBND xã"),
    )


@dataclass
class Staff:
    office: User  # head_office at the new commune (and, through the merger, the old district)
    district_office: User  # head_office at the old district (to 30/6/2025)
    supervisor: User  # Front officer of the new province
    other_supervisor: User  # Front officer of Cà Mau
    citizen: User


@pytest.fixture
def staff(tree) -> Staff:
    def make(username, unit=None, role=None, **kwargs):
        user = UserFactory(username=username, full_name=username.title())
        if role is not None:
            grant(user, unit, role, **kwargs)
        return user

    return Staff(
        office=make("vanphong", tree.commune_new, Role.HEAD_OFFICE, valid_from=dt.date(2025, 7, 1)),
        district_office=make(
            "vanphong.huyen",
            tree.district_a,
            Role.HEAD_OFFICE,
            valid_to=dt.date(2025, 6, 30),
        ),
        supervisor=make("giamsat", tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1)),
        other_supervisor=make("giamsat.b", tree.prov_b, Role.OFFICER),
        citizen=make("congdan"),
    )


def schedule(head: Head, day: str, *, place: str = "Trụ sở UBND xã", at: str = "07:30") -> Session:
    return services.session_schedule(
        actor=SYSTEM,
        head=head,
        day=dt.date.fromisoformat(day),
        starts_at=dt.time.fromisoformat(at),
        place=place,
    )


def citizen_identity(name: str = "Thạch Thị Sa Rươl", phone: str = "0987654321") -> SenderIdentity:
    return SenderIdentity(name=name, phone=phone, address="Ấp Bình Hòa, xã Càng Long")


def otp_login(client, user: User) -> None:
    """Sign in a user who holds a confidential role, as if TOTP had been passed."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(user=user, name="test")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
