"""The staff list's search: a folded copy of subject and content (``search_text``, filled here
for the petitions already stored), indexes for its sorts, and on PostgreSQL a trigram index so
that ``search_text LIKE '% word%'`` does not read every row."""

from django.conf import settings
from django.db import migrations, models

from ykien.analysis.text import tokens

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition "
    "USING GIN (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS petition_search_trgm"]


def _fold(*parts):
    words = [w for part in parts if part for w in tokens(part)]
    return " " + " ".join(words) + " " if words else ""


def backfill(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    for p in Petition.objects.only("pk", "subject", "content").iterator(chunk_size=500):
        Petition.objects.filter(pk=p.pk).update(search_text=_fold(p.subject, p.content))


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_unit_place"),
        ("petitions", "0007_sender_account"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["received_on", "id"], name="petition_received_id"),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["handler", "status"], name="petition_handler_status"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
