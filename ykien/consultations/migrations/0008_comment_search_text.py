"""The staff lists' search: a folded copy (``core.lists.fold_for_search``) of a comment's
proposed wording and reasons, and of a draft's title, summary and drafting body
(``search_text``, filled here for the rows already stored, written by the services from now
on), and on PostgreSQL trigram indexes so that ``search_text LIKE '% word%'`` does not read
every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Comment = apps.get_model("consultations", "Comment")
    rows = Comment.objects.only("pk", "proposed_wording", "reasons").iterator(chunk_size=2000)
    for c in rows:
        text = fold_for_search(c.proposed_wording, c.reasons)
        Comment.objects.filter(pk=c.pk).update(search_text=text)
    Draft = apps.get_model("consultations", "Draft")
    drafts = Draft.objects.select_related("drafting_unit").only(
        "pk", "title", "summary", "drafting_unit__name"
    )
    for d in drafts.iterator(chunk_size=2000):
        text = fold_for_search(d.title, d.summary, d.drafting_unit.name)
        Draft.objects.filter(pk=d.pk).update(search_text=text)


def _text_field():
    return models.TextField(blank=True, default="", editable=False)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0007_analysisrun")]

    operations = [
        migrations.AddField(model_name="comment", name="search_text", field=_text_field()),
        migrations.AddField(model_name="draft", name="search_text", field=_text_field()),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("consultations_comment"),
        fulltext.trigram_index("consultations_draft"),
    ]
