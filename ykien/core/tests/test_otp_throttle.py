"""Two-factor sign-in after a wrong code: django-otp refuses to check any code for 1, 2, 4 …
seconds, and the page says so, with the seconds to wait, instead of calling the right code
wrong; once the wait is over the right code signs in. The wait is the user's, over all their
devices (authenticator app and backup codes): no device takes a code before the longest wait
has ended, and signing in ends the wait of every device."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 6, 8, 0, 5, tzinfo=dt.UTC)  # early in a 30-second TOTP step


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 1_000_000:06d}"


def _post(client, token: str):
    return client.post(reverse("core:otp_verify"), {"token": token, "next": "/can-bo/"})


@pytest.fixture
def leader(client, tree):
    user = UserFactory(username="lanhdao")
    grant(user, tree.prov_b, Role.LEADER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    return device


def test_the_right_code_right_after_wrong_ones_is_asked_to_wait_then_accepted(client, leader):
    with time_machine.travel(T0, tick=False) as clock:
        response = _post(client, _wrong(leader))
        assert "Mã xác thực không đúng hoặc đã hết hạn." in response.content.decode()
        clock.shift(1)  # the 1-second wait is over: a second wrong code doubles it
        assert "Mã xác thực không đúng" in _post(client, _wrong(leader)).content.decode()

        response = _post(client, _code(leader))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Bạn đã nhập sai mã; vui lòng chờ 2 giây rồi thử lại." in html
        assert "Mã xác thực không đúng" not in html
        leader.refresh_from_db()
        assert leader.throttling_failure_count == 2  # asking again while waiting costs nothing

        clock.shift(1.5)
        assert "vui lòng chờ 1 giây" in _post(client, _code(leader)).content.decode()
        clock.shift(0.5)
        response = _post(client, _code(leader))
        assert (response.status_code, response["Location"]) == (302, "/can-bo/")
        # Still on the clock of the sign-in: the session would have expired on a later day.
        assert client.get(reverse("core:workspace")).status_code == 200
    leader.refresh_from_db()
    assert leader.throttling_failure_count == 0


@pytest.fixture
def backup(leader):
    """The leader's backup codes, never used to sign in."""
    device = StaticDevice.objects.create(user=leader.user, name="backup", confirmed=True)
    device.token_set.create(token="maduphong1")
    return device


def test_signing_in_resets_the_wait_of_every_device(client, leader, backup):
    with time_machine.travel(T0, tick=False) as clock:
        _post(client, _wrong(leader))  # every device refuses it: each now waits 1 second
        clock.shift(1)
        response = _post(client, _code(leader))
        assert (response.status_code, response["Location"]) == (302, "/can-bo/")
    for device in (leader, backup):
        device.refresh_from_db()
        assert (device.throttling_failure_count, device.throttling_failure_timestamp) == (0, None)


def test_the_wait_shown_is_the_wait_left_and_no_code_is_taken_before_it_ends(
    client, leader, backup
):
    # The backup codes still wait from earlier failures (the sign-in before this fix left their
    # count as it was): the wait is the longest one, and no device takes a code meanwhile.
    backup.throttling_failure_count = 4
    backup.throttling_failure_timestamp = T0 - dt.timedelta(seconds=2)
    backup.save()
    with time_machine.travel(T0, tick=False) as clock:
        response = _post(client, _code(leader))
        assert response.status_code == 200
        assert "Bạn đã nhập sai mã; vui lòng chờ 6 giây rồi thử lại." in response.content.decode()
        clock.shift(5.5)
        response = _post(client, "maduphong1")
        assert "vui lòng chờ 1 giây" in response.content.decode()
        leader.refresh_from_db()
        backup.refresh_from_db()
        # Nothing was checked, so nothing was counted; the backup code is still there.
        assert (leader.throttling_failure_count, backup.throttling_failure_count) == (0, 4)
        assert backup.token_set.count() == 1
        clock.shift(0.5)
        response = _post(client, _code(leader))
        assert (response.status_code, response["Location"]) == (302, "/can-bo/")
    backup.refresh_from_db()
    assert backup.throttling_failure_count == 0
    assert backup.token_set.count() == 1  # the authenticator's code spent no backup code


def test_a_wrong_code_makes_every_device_wait_the_same(client, leader, backup):
    with time_machine.travel(T0, tick=False) as clock:
        _post(client, _wrong(leader))
        clock.shift(1)
        _post(client, "saimaduphong")
        response = _post(client, "maduphong1")
        assert "vui lòng chờ 2 giây" in response.content.decode()
        clock.shift(2)
        response = _post(client, "maduphong1")
        assert (response.status_code, response["Location"]) == (302, "/can-bo/")
    leader.refresh_from_db()
    assert leader.throttling_failure_count == 0
