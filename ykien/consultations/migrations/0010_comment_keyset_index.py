"""The comments' index for the draft page's newest-first keyset pages (``id`` added after
``created_at``), replacing ``(draft, status, created_at)``. Built, then the old one dropped,
concurrently on PostgreSQL (``core.migration_operations``): the comments keep being written
while the index of a national draft's millions of comments builds. The new index comes first,
so that the pages are never without one."""

from django.db import migrations, models

from ykien.core.migration_operations import AddIndexConcurrently, RemoveIndexConcurrently


class Migration(migrations.Migration):
    # PostgreSQL builds an index concurrently only outside a transaction.
    atomic = False

    dependencies = [
        ("consultations", "0009_comment_counts"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="comment",
            index=models.Index(
                fields=["draft", "status", "created_at", "id"],
                name="consultatio_draft_i_0797fe_idx",
            ),
        ),
        RemoveIndexConcurrently(
            model_name="comment",
            name="consultatio_draft_i_e14097_idx",
        ),
    ]
