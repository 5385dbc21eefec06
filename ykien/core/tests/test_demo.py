"""`ykien demo --no-serve` end to end: the backup codes it prints are the ones that work, a second
run adds and changes nothing, the links it makes use the demo's port, the addresses are ASCII."""

from __future__ import annotations

import os
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.validators import EmailValidator
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from ykien.consultations.models import Invitation
from ykien.consultations.services import invitation_link
from ykien.core.demo import DEMO_PASSWORD, DEMO_USERS, load_users
from ykien.core.management.commands.demo import site_url, use_site_url
from ykien.core.models import User
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db
CODES_RE = re.compile(r"^  (\S+) .*\n\s+mã dự phòng 2FA / backup codes: ([a-z0-9 ]+)$", re.M)


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def _demo(*args: str) -> tuple[str, dict[str, list[str]]]:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    text = out.getvalue()
    return text, {user: codes.split() for user, codes in CODES_RE.findall(text)}


@pytest.fixture
def demo_env(settings, tmp_path, monkeypatch):
    """The demo writes under a scratch var/; SITE_URL not exported (restored afterwards)."""
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.SITE_URL = "http://127.0.0.1:8000"  # what the command changes is undone after
    monkeypatch.delenv("SITE_URL", raising=False)
    return settings


def test_the_full_demo_prints_working_codes_makes_port_links_and_loads_once(demo_env, client):
    _text, printed = _demo("--port", "8123")
    assert sorted(printed) == ["lanhdao.tinh", "lanhdao.travinh", "xuly.tinh"]
    assert all(len(codes) == 5 for codes in printed.values())
    counts = _row_counts()

    # A second run (every app's loader calls the users' loader again) changes nothing.
    again, printed_again = _demo("--port", "8123")
    assert printed_again == printed
    assert _row_counts() == counts

    # What is printed is what is stored, and signs the leader in.
    for username, codes in printed.items():
        stored = StaticToken.objects.filter(device__user__username=username)
        assert sorted(stored.values_list("token", flat=True)) == sorted(codes)
    client.post(reverse("core:login"), {"username": "lanhdao.tinh", "password": DEMO_PASSWORD})
    response = client.get(reverse("core:workspace"))
    assert response["Location"].startswith(reverse("core:otp_verify"))
    response = client.post(
        reverse("core:otp_verify") + "?next=/can-bo/", {"token": printed["lanhdao.tinh"][2]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/can-bo/"
    assert client.get(reverse("core:workspace")).status_code == 200
    # The code is used up; the others stay, and loading the users again keeps them as they are.
    remaining = [c for i, c in enumerate(printed["lanhdao.tinh"]) if i != 2]
    assert sorted(
        StaticToken.objects.filter(device__user__username="lanhdao.tinh").values_list(
            "token", flat=True
        )
    ) == sorted(remaining)

    # Links point at the demo's port (this process, and what the worker and server inherit).
    assert "Trang web / site: http://127.0.0.1:8123/" in again
    assert demo_env.SITE_URL == "http://127.0.0.1:8123"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8123"
    assert invitation_link("abc") == "http://127.0.0.1:8123/y-kien-chuyen-gia/abc/"

    # Every address the demo made is a valid (ASCII) address.
    validate = EmailValidator()
    emails = [e for e in Expert.objects.values_list("email", flat=True) if e]
    emails += list(Invitation.objects.values_list("email", flat=True))
    emails += [e for e in User.objects.values_list("email", flat=True) if e]
    assert "kim.thi.soc.khanh@example.vn" in emails
    for email in emails:
        assert email.isascii(), email
        validate(email)


def test_loading_the_users_again_keeps_their_codes_and_tops_up_used_ones(db):
    from ykien.core.models import UnitLevel
    from ykien.core.tests.factories import make_unit

    for code in sorted({spec.unit_code for spec in DEMO_USERS if spec.unit_code}):
        make_unit(code, code=code, level=UnitLevel.PROVINCE)
    first = {spec.username: codes for spec, codes in load_users(StringIO())}
    assert first == {spec.username: codes for spec, codes in load_users(StringIO())}
    StaticToken.objects.filter(token=first["xuly.tinh"][0]).delete()  # a code used to sign in
    second = {spec.username: codes for spec, codes in load_users(StringIO())}
    assert second["xuly.tinh"][:4] == first["xuly.tinh"][1:]
    assert len(second["xuly.tinh"]) == 5
    assert second["xuly.tinh"][4] not in first["xuly.tinh"]
    assert second["lanhdao.tinh"] == first["lanhdao.tinh"]


def test_the_demo_site_url_follows_the_port_unless_site_url_is_exported(settings, monkeypatch):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site_url("127.0.0.1", 8123) == "http://127.0.0.1:8123"
    assert site_url("0.0.0.0", 9000) == "http://127.0.0.1:9000"  # noqa: S104
    assert site_url("::1", 9000) == "http://[::1]:9000"

    monkeypatch.setenv("SITE_URL", "https://ykien.example.vn")
    settings.SITE_URL = "https://ykien.example.vn"
    assert use_site_url("http://127.0.0.1:8123") == "https://ykien.example.vn"
    assert settings.SITE_URL == "https://ykien.example.vn"
    assert os.environ["SITE_URL"] == "https://ykien.example.vn"

    monkeypatch.delenv("SITE_URL")
    assert use_site_url("http://127.0.0.1:8123") == "http://127.0.0.1:8123"
    assert settings.SITE_URL == "http://127.0.0.1:8123"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8123"
