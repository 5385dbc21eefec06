"""Personal API tokens become personal keys of the one API-key system (``core.ApiKey``): each is
copied with its hash (so every token keeps working), its owner, name, prefix, creation and
revocation times; then the consultations table goes."""

from django.db import migrations


def forwards(apps, schema_editor):
    ApiToken = apps.get_model("consultations", "ApiToken")
    ApiKey = apps.get_model("core", "ApiKey")
    for token in ApiToken.objects.order_by("pk").iterator():
        key = ApiKey.objects.create(
            kind="personal",
            name=token.name,
            prefix=token.prefix,
            digest=token.digest,
            user_id=token.user_id,
            created_by_id=token.user_id,
            revoked_at=token.revoked_at,
        )
        # auto_now_add set the time of this copy: keep the token's own.
        ApiKey.objects.filter(pk=key.pk).update(created_at=token.created_at)


def backwards(apps, schema_editor):
    ApiToken = apps.get_model("consultations", "ApiToken")
    ApiKey = apps.get_model("core", "ApiKey")
    for key in ApiKey.objects.filter(kind="personal").order_by("pk").iterator():
        token = ApiToken.objects.create(
            user_id=key.user_id,
            name=key.name[:100],
            prefix=key.prefix,
            digest=key.digest,
            revoked_at=key.revoked_at,
        )
        ApiToken.objects.filter(pk=token.pk).update(created_at=key.created_at)
    ApiKey.objects.filter(kind="personal").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_invitation_status"),
        ("core", "0005_apikey"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ApiToken"),
    ]
