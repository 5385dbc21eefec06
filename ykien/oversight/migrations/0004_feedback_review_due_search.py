"""The Regulation 124 inbox in SQL: each feedback's review due date (rule
``conduct_feedback.review`` from the day received) and its folded search text (tracking code,
position, its unit; never the content) are stored, filled here for the feedback already received
and written by ``services.feedback_submit`` from now on; indexes for the inbox's filters and
sort; a full-text index of the search text on SQLite and a trigram index on PostgreSQL."""

from django.conf import settings
from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    from ykien.core.calendar import WorkingCalendar, deadline

    ConductFeedback = apps.get_model("oversight", "ConductFeedback")
    calendar = WorkingCalendar()
    dues = {}
    rows = ConductFeedback.objects.select_related("position__unit").only(
        "pk", "received_on", "tracking_code", "position__title", "position__unit__name"
    )
    for f in rows.iterator(chunk_size=2000):
        if f.received_on not in dues:
            dues[f.received_on] = deadline(
                "conduct_feedback.review", f.received_on, calendar=calendar
            ).due
        text = fold_for_search(
            f.tracking_code,
            f.tracking_code.replace("-", ""),
            f.position.title,
            f.position.unit.name,
        )
        ConductFeedback.objects.filter(pk=f.pk).update(
            review_due=dues[f.received_on], search_text=text
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_audit_log_search"),
        ("oversight", "0003_programme_item_history_feedback_steps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="conductfeedback",
            name="review_due",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="hạn xem xét"
            ),
        ),
        migrations.AddField(
            model_name="conductfeedback",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="conductfeedback",
            index=models.Index(fields=["front", "received_on"], name="feedback_inbox_received"),
        ),
        migrations.AddIndex(
            model_name="conductfeedback",
            index=models.Index(fields=["front", "status", "review_due"], name="feedback_inbox_due"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.migration("oversight_conductfeedback", "search_text"),
        fulltext.trigram_index("oversight_conductfeedback"),
    ]
