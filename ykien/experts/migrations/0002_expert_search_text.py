"""The roster's search: a folded copy (``core.lists.fold_for_search``) of an entry's name,
organisation and fields (``search_text``, filled here for the entries already stored, written by
the services from now on; not kept in the entries' history), and on PostgreSQL a trigram index
so that ``search_text LIKE '% word%'`` does not read every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Expert = apps.get_model("experts", "Expert")
    for e in Expert.objects.only("pk", "full_name", "organisation", "fields").iterator(2000):
        text = fold_for_search(e.full_name, e.organisation, e.fields)
        Expert.objects.filter(pk=e.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("experts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="expert",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("experts_expert"),
    ]
