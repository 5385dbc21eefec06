"""The recommendation lists' search in SQL: a folded copy of a recommendation's number, text,
addressee, issuer and activity (``search_text``, filled here for the rows already stored,
written by ``services.recommendation_create`` from now on); a full-text index on SQLite and a
trigram index on PostgreSQL."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    Recommendation = apps.get_model("oversight", "Recommendation")
    rows = Recommendation.objects.select_related("addressee", "issuer", "activity").only(
        "pk", "text", "addressee__name", "issuer__name", "activity__title"
    )
    for r in rows.iterator(chunk_size=2000):
        text = fold_for_search(
            f"KN-{r.pk:05d} KN{r.pk} {r.pk}",
            r.text,
            r.addressee.name,
            r.issuer.name,
            r.activity.title,
        )
        Recommendation.objects.filter(pk=r.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0004_feedback_review_due_search")]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.migration("oversight_recommendation", "search_text"),
        fulltext.trigram_index("oversight_recommendation"),
    ]
