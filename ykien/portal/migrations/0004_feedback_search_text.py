"""The staff lists' search: a folded copy (``core.lists.fold_for_search``) of a reader's
feedback title and content (never the sender's name) and of an article's title, summary and
byline (``search_text``, filled here for the rows already stored, written by the services from
now on), and on PostgreSQL trigram indexes so that ``search_text LIKE '% word%'`` does not read
every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Feedback = apps.get_model("portal", "Feedback")
    for f in Feedback.objects.only("pk", "title", "content").iterator(chunk_size=1000):
        text = fold_for_search(f.title, f.content)
        Feedback.objects.filter(pk=f.pk).update(search_text=text)
    Article = apps.get_model("portal", "Article")
    for a in Article.objects.only("pk", "title", "summary", "byline").iterator(chunk_size=1000):
        text = fold_for_search(a.title, a.summary, a.byline)
        Article.objects.filter(pk=a.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_feedback_author")]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("portal_feedback"),
        fulltext.trigram_index("portal_article"),
    ]
