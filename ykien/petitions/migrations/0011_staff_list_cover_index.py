"""The staff list's speed: one index that answers its filters and default sort (it replaces the
index on unit and status), and on SQLite a full-text index of ``search_text`` (``core.fulltext``;
PostgreSQL keeps the trigram index of migration 0008)."""

from django.db import migrations, models

from ykien.core import fulltext


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_pending_uploads"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="petition", name="petitions_p_unit_id_6e96b3_idx"),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["unit", "status", "kind", "due_date", "received_on", "handler"],
                name="petition_list_cover",
            ),
        ),
        fulltext.migration("petitions_petition", "search_text"),
    ]
