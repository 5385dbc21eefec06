"""The officers' dialogue list search: a folded copy (``core.lists.fold_for_search``) of a
dialogue's number, topic, head, place, units and invited groups (``search_text``, filled here for
the dialogues already stored, written by ``services.dialogue_create`` from now on; not audited),
and on PostgreSQL a trigram index so that ``search_text LIKE '% word%'`` does not read every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Dialogue = apps.get_model("dialogue", "Dialogue")
    for d in Dialogue.objects.select_related("unit", "head_unit").iterator(2000):
        text = fold_for_search(
            f"DT-{d.pk:05d}",
            d.topic,
            d.head_name,
            d.head_title,
            d.place,
            d.unit.name,
            d.head_unit.name,
            d.invited_groups,
        )
        Dialogue.objects.filter(pk=d.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("dialogue", "0001_dialogues_questions_commitments")]

    operations = [
        migrations.AddField(
            model_name="dialogue",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("dialogue_dialogue"),
    ]
