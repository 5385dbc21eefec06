"""core.pii: reveal-with-reason (permission, reason, the read logged; never the system) and key
rotation over every registered store, run by ``ykien pii rotate-keys`` and its former name
``ykien petitions rotate-keys``."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from ykien.core import pii
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
SENDER = SenderIdentity(name="Trương Thị Bíchngọc", phone="0912345678")


@pytest.fixture(autouse=True)
def _key(settings):
    settings.PII_KEYS = Fernet.generate_key().decode()


@pytest.fixture
def stored(tree):
    ciphertext, digest = pii.confidential_sender_store(identity=SENDER)
    return tree.prov_new, ciphertext, digest


def _reveal(actor, unit, ciphertext, reason="Liên hệ người gửi"):
    return pii.sender_reveal(
        actor=actor,
        permission="core.view_unit",
        obj=unit,
        ciphertext=ciphertext,
        reason=reason,
        unit=unit,
        ip="203.0.113.9",
        denied="Không được xem.",
    )


def test_store_keeps_no_plain_text_and_hashes_the_sender(stored):
    _unit, ciphertext, digest = stored
    assert "Bíchngọc" not in ciphertext
    assert digest == pii.sender_hash(SENDER)
    assert pii.confidential_sender_store(identity=SenderIdentity()) == ("", "")


def test_reveal_needs_the_permission_and_a_reason_and_is_logged(stored):
    unit, ciphertext, _digest = stored
    officer = UserFactory(username="canbo")
    grant(officer, unit, Role.OFFICER)
    assert _reveal(officer, unit, ciphertext) == SENDER
    read = AuditEvent.objects.get(kind=AuditEvent.Kind.READ)
    assert (read.actor, read.reason, read.ip, read.unit) == (
        officer,
        "Liên hệ người gửi",
        "203.0.113.9",
        unit,
    )
    assert read.after == {"fields": list(pii.IDENTITY_FIELDS)}
    with pytest.raises(ValidationFailed):
        _reveal(officer, unit, ciphertext, reason="ab")
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).count() == 1


@pytest.mark.parametrize("who", ["anonymous", "citizen", "system", "none"])
def test_reveal_refused_reads_and_logs_nothing(stored, who):
    unit, ciphertext, _digest = stored
    actor = {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(username="congdan"),
        "system": SYSTEM,
        "none": None,
    }[who]
    with pytest.raises(PermissionDenied) as refused:
        _reveal(actor, unit, ciphertext)
    assert str(refused.value.message) == "Không được xem."
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).exists()


@pytest.mark.parametrize("command", [("pii", "rotate-keys"), ("petitions", "rotate-keys")])
def test_rotate_keys_runs_every_registered_store_and_is_audited(
    stored, monkeypatch, settings, command
):
    _unit, ciphertext, _digest = stored
    box = {"ciphertext": ciphertext}

    def rotate_box() -> int:
        identity = pii.confidential_sender_read(ciphertext=box["ciphertext"])
        box["ciphertext"], _hash = pii.confidential_sender_store(identity=identity)
        return 1

    monkeypatch.setattr(pii, "_ROTATIONS", {"box": rotate_box})
    monkeypatch.setattr(pii, "_ROTATION_LABELS", {"box": "Số hộp thử"})
    old = pii._raw_keys()
    new = Fernet.generate_key().decode()
    settings.PII_KEYS = f"{new},{old}"
    out = io.StringIO()
    call_command(*command, stdout=out)
    assert "Số hộp thử: 1" in out.getvalue()
    assert AuditEvent.objects.get(action="pii.rotate_keys").after == {"box": 1}
    settings.PII_KEYS = new  # the old key removed
    assert pii.confidential_sender_read(ciphertext=box["ciphertext"]) == SENDER


def test_petitions_and_oversight_register_their_stores():
    assert set(pii._ROTATIONS) >= {"petitions", "attachments", "oversight_feedback"}
