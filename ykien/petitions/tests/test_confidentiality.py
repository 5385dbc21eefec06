"""Every place a sender's identity could leak: database rows, files, Open311, CSV exports,
mails, logs, the debug error page, audit rows, str/repr, the admin."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from ykien.core import pii
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory
from ykien.petitions import files, services
from ykien.petitions.models import Kind, Petition

from .conftest import PLANTED, PLANTED_ID, PLANTED_NAME, otp_login, planted_identity, submit

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def assert_clean(text: str) -> None:
    for value in PLANTED:
        assert value not in text, f"{value!r} leaked"
    assert "Bichngoc" not in text
    assert "bichngoc" not in text


def whole_database_text() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)


@pytest.fixture
def flow(tree, people):
    """A denunciation taken through every step, an identity image, a revealed identity."""
    signature = files.check_upload("chu-ky-Bichngoc.png", PNG, is_identity=True)
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION, uploads=[signature])
    p = services.petition_assign(actor=people.leader, petition=p, handler=people.handler)
    p = services.petition_accept(actor=people.handler, petition=p)
    p = services.petition_extend(actor=people.handler, petition=p, reason="Vụ việc phức tạp")
    services.sender_reveal(actor=people.handler, petition=p, reason="Liên hệ người tố cáo")
    report = submit(tree.prov_new, publish=True)
    services.petition_accept(actor=people.handler, petition=report)
    services.petition_settle(actor=people.handler, petition=report, conclusion="Đã kiểm tra")
    services.petition_answer(actor=people.handler, petition=report, answer="Đã sửa đường")
    p.refresh_from_db()
    return p, report


def test_database_rows_hold_no_plain_identity(flow, settings):
    assert_clean(whole_database_text())
    for path in (settings.PRIVATE_ROOT / "petitions").iterdir():
        data = path.read_bytes()
        assert PNG[:8] not in data
        assert PLANTED_NAME.encode() not in data


def test_identity_columns_are_ciphertext_that_decrypts(flow):
    p, _report = flow
    assert p.identity_ciphertext.startswith("gAAAA")  # a Fernet token
    assert pii.decrypt_identity(p.identity_ciphertext).name == PLANTED_NAME
    assert len(p.sender_hash) == 64


def test_str_repr_and_audit_snapshots_hide_identity(flow):
    p, _report = flow
    assert_clean(str(p) + repr(p) + repr(planted_identity()) + str(planted_identity()))
    for event in AuditEvent.objects.filter(object_type__startswith="petitions."):
        assert "identity_ciphertext" not in (event.after or {})
        assert "name_ciphertext" not in (event.after or {})
        assert "code" not in (event.after or {})
        assert "sender_hash" not in (event.after or {})
    read = AuditEvent.objects.get(kind=AuditEvent.Kind.READ)
    assert read.reason == "Liên hệ người tố cáo"


def test_open311_never_returns_identity(flow, client):
    p, report = flow
    texts = [
        client.get("/open311/v2/requests.json").content.decode(),
        client.get("/open311/v2/requests.xml").content.decode(),
        client.get(f"/open311/v2/requests/{report.pk}.json").content.decode(),
        client.get(f"/open311/v2/requests/{p.display_code}.json").content.decode(),
    ]
    for text in texts:
        assert_clean(text)
    assert str(report.pk) in texts[0]
    assert f'"service_request_id": "{p.pk}"' not in texts[0]  # denunciations are not listed
    assert "Tố cáo" in texts[3]
    assert "Đường liên ấp" not in texts[3]  # a denunciation followed by code: no text


def test_csv_exports_hold_no_identity(flow, client, people):
    assert_clean(client.get(reverse("petitions:statistics_csv")).content.decode("utf-8-sig"))
    otp_login(client, people.handler)
    text = client.get(reverse("petitions:staff_export")).content.decode("utf-8-sig")
    assert_clean(text)
    assert text.count("\n") == 3


def test_reminder_mails_hold_no_identity(flow, people):
    p, _report = flow
    people.handler.email = "xuly@example.vn"
    people.handler.save()
    sent = services.reminders_send(today=p.due_date + dt.timedelta(days=1))
    assert sent == 1
    message = mail.outbox[0]
    assert message.to == ["xuly@example.vn"]
    assert f"#{p.pk}" in message.body
    assert "QUÁ HẠN" in message.body
    assert_clean(message.subject + message.body)
    assert "Đường liên ấp" not in message.body


def _denunciation(tree) -> dict:
    """The public form of a denunciation carrying the planted identity (captcha passed)."""
    return {
        "kind": "denunciation",
        "unit": tree.prov_new.pk,
        "subject": "Tố cáo",
        "content": "Tố cáo cán bộ nhận tiền của dân.",
        "name": PLANTED_NAME,
        "id_number": PLANTED_ID,
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }


def test_logs_hold_no_identity(tree, people, client, caplog, settings):
    settings.DEBUG = True  # SQL is logged too
    caplog.set_level(logging.DEBUG)
    response = client.post(
        reverse("petitions:submit"),
        _denunciation(tree) | {"phone": "sai-so", "address": "Ấp 1"},
    )
    assert response.status_code == 200  # the bad phone number
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    p = services.petition_assign(actor=SYSTEM, petition=p, handler=people.handler)
    otp_login(client, people.handler)
    client.post(reverse("petitions:staff_reveal", args=[p.pk]), {"reason": "Liên hệ người tố cáo"})
    client.get(reverse("petitions:staff_detail", args=[p.pk]))
    assert caplog.records
    assert_clean(caplog.text)


def test_debug_error_page_hides_identity(tree, settings, monkeypatch):
    settings.DEBUG = True

    def boom(**kwargs):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(services.intake, "audit_change", boom)
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("petitions:submit"),
        _denunciation(tree)
        | {
            "phone": "0912345678",
            "email": "bichngoc.to.cao@example.vn",
            "address": "Ấp Mỹ Hòa Bí Mật, xã Càng Long",
        },
        HTTP_ACCEPT="text/html",
    )
    assert response.status_code == 500
    html = response.content.decode()
    assert "hỏng giữa chừng" in html  # it is the technical page
    assert_clean(html)
    assert Petition.objects.count() == 0


def test_admin_shows_no_identity(flow, client):
    p, _report = flow
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in ("/quan-tri/petitions/petition/", f"/quan-tri/petitions/petition/{p.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_clean(response.content.decode())


def test_superuser_sees_the_petition_but_never_the_protected_sender(flow, client):
    # The one superuser policy (core.permissions): an active superuser holds every permission
    # except the personal ones; seeing a denouncer is personal (Luật Tố cáo 2018, Điều 47).
    p, _report = flow
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("petitions:staff_detail", args=[p.pk])).status_code == 200
    url = reverse("petitions:staff_reveal", args=[p.pk])
    response = client.post(url, {"reason": "Đối chiếu hồ sơ"})
    assert response.status_code == 403
    assert PLANTED_NAME not in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, actor=admin).exists()


def test_identity_file_only_under_the_reveal_rule(flow, client, people):
    p, _report = flow
    attachment = p.attachments.get()
    url = reverse("petitions:staff_attachment", args=[p.pk, attachment.pk])
    otp_login(client, people.handler2)  # a handler of the unit, not assigned
    assert client.post(url, {"reason": "Xem chữ ký"}).status_code == 403
    otp_login(client, people.handler)
    assert client.get(url).status_code == 302  # identity files need a reason
    response = client.post(url, {"reason": "Đối chiếu chữ ký"})
    assert response.status_code == 200
    assert response.content == PNG
    assert "Bichngoc" not in response["Content-Disposition"]
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, reason="Đối chiếu chữ ký").count() == 1
    )


def test_rotate_keys_re_encrypts_everything(flow, monkeypatch, settings):
    from cryptography.fernet import Fernet

    p, _report = flow
    old_key = pii._raw_keys()
    old_hash = p.sender_hash
    new_key = Fernet.generate_key().decode()
    settings.PII_KEYS = f"{new_key},{old_key}"
    counts = pii.rotate_keys()
    assert counts == {"petitions": 2, "attachments": 1, "oversight_feedback": 0}
    settings.PII_KEYS = new_key  # the old key removed
    p.refresh_from_db()
    assert pii.decrypt_identity(p.identity_ciphertext).id_number == PLANTED_ID
    assert p.sender_hash != old_hash
    attachment = p.attachments.get()
    assert files.read(attachment.path) == PNG
    assert io.BytesIO(files.read(attachment.path)).read(8) == PNG[:8]


def test_missing_key_in_production_is_a_configuration_error(settings, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    settings.PII_KEYS = ""
    settings.DEMO = False
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(ImproperlyConfigured):
        pii.encrypt_identity(planted_identity())


def test_demo_key_is_generated_under_var(settings, monkeypatch, tmp_path):
    settings.PII_KEYS = ""
    settings.VAR_DIR = tmp_path
    token = pii.encrypt_identity(planted_identity())
    assert (tmp_path / "pii_keys").stat().st_mode & 0o777 == 0o600
    assert pii.decrypt_identity(token).name == PLANTED_NAME


def test_reuse_api_for_other_apps():
    ciphertext, digest = pii.confidential_sender_store(identity=planted_identity())
    assert PLANTED_NAME not in ciphertext
    assert pii.confidential_sender_read(ciphertext=ciphertext).name == PLANTED_NAME
    assert digest == pii.sender_hash(planted_identity())
