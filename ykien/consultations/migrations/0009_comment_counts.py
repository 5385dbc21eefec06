"""The visible-comment counters of the draft page (``CommentCount``, filled here from the
comments already stored, kept by intake and moderation from now on). The comments' index for
the page's keyset pages is 0010's, built without locking the comments."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, F

SLOTS = 16  # counts.COUNT_SLOTS when this was written


def backfill(apps, schema_editor):
    Comment = apps.get_model("consultations", "Comment")
    CommentCount = apps.get_model("consultations", "CommentCount")
    grouped = (
        Comment.objects.filter(status="visible")
        .annotate(slot=F("id") % SLOTS)
        .values("draft_id", "node_id", "slot")
        .annotate(n=Count("id"))
        .order_by()
    )
    CommentCount.objects.bulk_create(
        (
            CommentCount(
                draft_id=g["draft_id"], node_id=g["node_id"], slot=g["slot"], visible=g["n"]
            )
            for g in grouped.iterator()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0008_comment_search_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="CommentCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slot", models.PositiveSmallIntegerField()),
                ("visible", models.IntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="commentcount",
            name="draft",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="consultations.draft",
            ),
        ),
        migrations.AddField(
            model_name="commentcount",
            name="node",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="consultations.node",
            ),
        ),
        migrations.AddConstraint(
            model_name="commentcount",
            constraint=models.UniqueConstraint(
                condition=models.Q(("node__isnull", False)),
                fields=("node", "slot"),
                name="comment_count_node_slot",
            ),
        ),
        migrations.AddConstraint(
            model_name="commentcount",
            constraint=models.UniqueConstraint(
                condition=models.Q(("node__isnull", True)),
                fields=("draft", "slot"),
                name="comment_count_draft_slot",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
