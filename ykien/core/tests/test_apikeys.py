"""One API-key system (``core.apikeys``): personal keys for the REST API, application keys for
Open311; keys made by the two systems it replaces keep working after the migration."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from ykien.core import apikeys
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import ApiKey, AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory

D = dt.date


@pytest.mark.django_db
def test_there_is_one_kind_of_record_for_keys():
    models = {m._meta.label for m in django_apps.get_models()}
    assert "core.ApiKey" in models
    assert not {"consultations.ApiToken", "petitions.ApiClient"} & models


@pytest.mark.django_db
def test_a_personal_key_acts_as_its_owner_until_revoked(tree):
    owner = UserFactory(username="congdan")
    key, raw = apikeys.apikey_create(actor=owner, name="Máy tính ở nhà")
    assert raw.startswith("yk_")
    assert (key.kind, key.user, key.unit, key.prefix) == ("personal", owner, None, raw[3:11])
    assert key.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert apikeys.personal_key_owner(raw=raw) == (owner.pk, owner.kind)
    assert apikeys.application_key(raw=raw) is None  # not an Open311 key
    with pytest.raises(PermissionDenied) as refused:
        apikeys.apikey_revoke(actor=UserFactory(username="khac"), key=key)
    assert str(refused.value.message) == "Đây không phải khóa API của bạn."
    apikeys.apikey_revoke(actor=owner, key=key)
    assert apikeys.personal_key_owner(raw=raw) is None
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "actor"))
    assert actions[-2:] == [("apikey.create", owner.pk), ("apikey.revoke", owner.pk)]
    # The log keeps the prefix, never the hash.
    assert "digest" not in AuditEvent.objects.get(action="apikey.create").after


@pytest.mark.django_db
def test_a_personal_key_needs_a_signed_in_person_and_a_name(tree):
    from django.contrib.auth.models import AnonymousUser

    for actor in (AnonymousUser(), SYSTEM, None):
        with pytest.raises(PermissionDenied):
            apikeys.apikey_create(actor=actor, name="Khóa")
    with pytest.raises(ValidationFailed) as refused:
        apikeys.apikey_create(actor=UserFactory(), name="  ")
    assert refused.value.field == "name"
    assert not ApiKey.objects.exists()


@pytest.mark.django_db
def test_application_keys_are_for_superusers_and_the_system(tree):
    officer = UserFactory(username="canbo")
    with pytest.raises(PermissionDenied):
        apikeys.apikey_create(actor=officer, name="Zalo", unit=tree.prov_b)
    root = UserFactory(username="root", is_superuser=True)
    key, raw = apikeys.apikey_create(actor=root, name="Zalo", unit=tree.prov_b)
    assert (key.kind, key.unit, key.user, key.created_by) == (
        "application",
        tree.prov_b,
        None,
        root,
    )
    with pytest.raises(ValidationFailed) as duplicate:
        apikeys.apikey_create(actor=SYSTEM, name="Zalo", unit=tree.prov_new)
    assert str(duplicate.value.message) == "Đã có ứng dụng tên “Zalo”."
    assert apikeys.application_key(raw=raw) == key
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None
    assert apikeys.personal_key_owner(raw=raw) is None
    with pytest.raises(PermissionDenied):
        apikeys.apikey_revoke(actor=officer, key=key)
    apikeys.apikey_revoke(actor=SYSTEM, key=key)
    assert apikeys.application_key(raw=raw) is None


@pytest.mark.django_db
def test_the_command_makes_lists_and_revokes_application_keys(tree, capsys):
    call_command("apikey", "create", "Ứng dụng Zalo", "--unit", "N")
    raw = capsys.readouterr().out.strip()
    assert apikeys.application_key(raw=raw).unit == tree.prov_new
    call_command("apikey", "list")
    assert capsys.readouterr().out == f"Ứng dụng Zalo\t{raw[3:11]}…\tN\tđang dùng\n"
    call_command("apikey", "revoke", "Ứng dụng Zalo")
    assert apikeys.application_key(raw=raw) is None


def _insert(table: str, **values: object) -> None:
    columns = ", ".join(connection.ops.quote_name(c) for c in values)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({marks})",  # noqa: S608
            list(values.values()),
        )


BEFORE = [
    ("core", "0004_seed_reporting_rules"),
    ("consultations", "0005_invitation_status"),
    ("petitions", "0004_step_texts_to_codes_data"),
]


@pytest.mark.django_db(transaction=True)
def test_keys_made_before_the_one_system_keep_working(tree):
    """A personal token and an Open311 client (one switched off) made by the old tables: after the
    migration the token still signs API requests, the client's key still posts to Open311, the
    switched-off one stays refused, and the petition still names its application."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    citizen = UserFactory(username="congdan")
    made = timezone.now() - dt.timedelta(days=40)
    token_raw, client_raw, off_raw = "yk_token-cu", "yk_client-cu", "yk_client-tat"
    _insert(
        "consultations_apitoken",
        user_id=citizen.pk,
        name="Khóa cũ",
        prefix=token_raw[:8],
        digest=apikeys.digest(token_raw),
        created_at=made,
        revoked_at=None,
    )
    for name, raw, active in (("Cổng tỉnh", client_raw, True), ("Ứng dụng cũ", off_raw, False)):
        _insert(
            "petitions_apiclient",
            name=name,
            prefix=raw[3:11],
            key_hash=apikeys.digest(raw),
            unit_id=tree.prov_new.pk,
            active=active,
            created_at=made,
            created_by_id=None,
            last_used_at=None,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    personal = ApiKey.objects.get(kind="personal")
    assert (personal.user_id, personal.name, personal.created_at) == (citizen.pk, "Khóa cũ", made)
    assert apikeys.personal_key_owner(raw=token_raw) == (citizen.pk, citizen.kind)
    assert apikeys.application_key(raw=client_raw).name == "Cổng tỉnh"
    assert apikeys.application_key(raw=off_raw) is None
    assert ApiKey.objects.get(name="Ứng dụng cũ").revoked_at is not None

    # Open311's api_key parameter, and the API's bearer token, over HTTP.
    response = Client().post(
        "/open311/v2/requests.json",
        {
            "api_key": client_raw,
            "service_code": "phan-anh",
            "lat": "10.2537",
            "long": "105.9722",
            "description": "Ổ gà lớn giữa đường, nguy hiểm cho xe máy.",
        },
    )
    assert response.status_code == 201, response.content
    from ykien.petitions.models import Petition

    assert Petition.objects.get().api_client.name == "Cổng tỉnh"
    response = Client().get(
        "/api/v1/consultations/drafts", headers={"authorization": f"Bearer {token_raw}"}
    )
    assert response.status_code == 200
    assert json.loads(response.content) is not None
