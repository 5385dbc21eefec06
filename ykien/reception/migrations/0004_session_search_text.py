"""The office's session list search: a folded copy (``core.lists.fold_for_search``) of a
session's head, the head's unit, the place and the deputy (``search_text``, filled here for the
sessions already stored, written by the services from now on; not audited), and on PostgreSQL a
trigram index so that ``search_text LIKE '% word%'`` does not read every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Session = apps.get_model("reception", "Session")
    for s in Session.objects.select_related("head__unit").iterator(2000):
        text = fold_for_search(s.head.name, s.head.title, s.head.unit.name, s.place, s.deputy_name)
        Session.objects.filter(pk=s.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("reception", "0003_delegation_ban")]

    operations = [
        migrations.AddField(
            model_name="session",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("reception_session"),
    ]
