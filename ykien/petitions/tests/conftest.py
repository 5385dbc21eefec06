"""Fixtures of the petitions tests: a fresh encryption key, private files in a temporary
directory, captcha in test mode, and people with roles in the shared ``tree``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from cryptography.fernet import Fernet

from ykien.core.models import Role, User
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.petitions import services

# A name and an ID number planted in petitions and searched for wherever they could leak.
PLANTED_NAME = "Trương Thị Bíchngọc"
PLANTED_ID = "084190012345"
PLANTED_PHONE = "0912345678"
PLANTED_EMAIL = "bichngoc.to.cao@example.vn"
PLANTED_ADDRESS = "Ấp Mỹ Hòa Bí Mật, xã Càng Long"
PLANTED = (PLANTED_NAME, PLANTED_ID, PLANTED_PHONE, PLANTED_EMAIL, PLANTED_ADDRESS)


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
class People:
    officer: User  # officer at prov_new
    handler: User  # handler at prov_new
    handler2: User  # another handler at prov_new
    leader: User  # leader at prov_new
    other_officer: User  # officer at prov_b (another province)
    other_leader: User  # leader at prov_b
    other_handler: User  # handler at prov_b
    citizen: User


@pytest.fixture
def people(tree) -> People:
    def make(username: str, unit, role) -> User:
        user = UserFactory(username=username, full_name=username.title())
        grant(user, unit, role)
        return user

    return People(
        officer=make("canbo", tree.prov_new, Role.OFFICER),
        handler=make("xuly", tree.prov_new, Role.HANDLER),
        handler2=make("xuly2", tree.prov_new, Role.HANDLER),
        leader=make("lanhdao", tree.prov_new, Role.LEADER),
        other_officer=make("canbo.b", tree.prov_b, Role.OFFICER),
        other_leader=make("lanhdao.b", tree.prov_b, Role.LEADER),
        other_handler=make("xuly.b", tree.prov_b, Role.HANDLER),
        citizen=UserFactory(username="congdan"),
    )


def planted_identity() -> SenderIdentity:
    return SenderIdentity(
        name=PLANTED_NAME,
        id_number=PLANTED_ID,
        phone=PLANTED_PHONE,
        email=PLANTED_EMAIL,
        address=PLANTED_ADDRESS,
    )


def submit(unit, *, kind="report", anonymous=False, identity=None, **kwargs):
    return services.petition_submit(
        actor=kwargs.pop("actor", SYSTEM),
        kind=kind,
        subject=kwargs.pop("subject", "Đường liên ấp xuống cấp"),
        content=kwargs.pop(
            "content", "Đoạn đường liên ấp dài 2 km bị sụt lún nhiều chỗ, xe cộ đi lại khó khăn."
        ),
        unit=unit,
        identity=identity if identity is not None else planted_identity(),
        anonymous=anonymous,
        **kwargs,
    )


def otp_login(client, user: User) -> None:
    """Sign in a user who holds a confidential role, as if TOTP had been passed."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(user=user, name="test")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
