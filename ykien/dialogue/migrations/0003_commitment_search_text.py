"""The public list of commitments searches a folded copy (``core.lists.fold_for_search``) of a
commitment's number, text, addressee and dialogue (topic, head's title, organiser):
``search_text``, filled here for the commitments already stored, written by
``services.commitment_create`` from now on (not audited); on PostgreSQL a trigram index."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Commitment = apps.get_model("dialogue", "Commitment")
    rows = Commitment.objects.select_related("addressee", "dialogue", "dialogue__unit")
    for c in rows.iterator(2000):
        text = fold_for_search(
            f"CK-{c.pk:05d}",
            c.text,
            c.addressee.name,
            c.dialogue.topic,
            c.dialogue.head_title,
            c.dialogue.unit.name,
        )
        Commitment.objects.filter(pk=c.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("dialogue", "0002_dialogue_search_text")]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("dialogue_commitment"),
    ]
