"""Open311 clients become application keys of the one API-key system (``core.ApiKey``): each is
copied with its hash (so every key keeps working), name, prefix, unit, creator and times (a
client switched off becomes a revoked key); each petition keeps the application that sent it;
then the petitions table of clients goes."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def forwards(apps, schema_editor):
    ApiClient = apps.get_model("petitions", "ApiClient")
    ApiKey = apps.get_model("core", "ApiKey")
    Petition = apps.get_model("petitions", "Petition")
    for client in ApiClient.objects.order_by("pk").iterator():
        key = ApiKey.objects.create(
            kind="application",
            name=client.name,
            prefix=client.prefix,
            digest=client.key_hash,
            unit_id=client.unit_id,
            created_by_id=client.created_by_id,
            last_used_at=client.last_used_at,
            revoked_at=None if client.active else timezone.now(),
        )
        # auto_now_add set the time of this copy: keep the client's own.
        ApiKey.objects.filter(pk=key.pk).update(created_at=client.created_at)
        Petition.objects.filter(api_client_id=client.pk).update(api_key_id=key.pk)


def backwards(apps, schema_editor):
    ApiClient = apps.get_model("petitions", "ApiClient")
    ApiKey = apps.get_model("core", "ApiKey")
    Petition = apps.get_model("petitions", "Petition")
    for key in ApiKey.objects.filter(kind="application").order_by("pk").iterator():
        client = ApiClient.objects.create(
            name=key.name,
            prefix=key.prefix,
            key_hash=key.digest,
            unit_id=key.unit_id,
            active=key.revoked_at is None,
            created_by_id=key.created_by_id,
            last_used_at=key.last_used_at,
        )
        ApiClient.objects.filter(pk=client.pk).update(created_at=key.created_at)
        Petition.objects.filter(api_key_id=key.pk).update(api_client_id=client.pk)
    ApiKey.objects.filter(kind="application").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0004_step_texts_to_codes_data"),
        ("core", "0005_apikey"),
    ]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="api_key",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.apikey",
                verbose_name="ứng dụng Open311",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
