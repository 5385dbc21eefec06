"""The visible-comment counters (``models.CommentCount``): what the draft page shows beside
every node and above the latest comments, kept exact where comments are written instead of
counted over the comments table on every render.

Two writers keep them: comment intake (``services.intake``: on PostgreSQL inside the comment's
own ``INSERT`` statement, on SQLite in its transaction) and every change of a comment's status
(``lifecycle.COMMENT``'s ``history`` hook, in the transition's transaction, the comment row
locked). ``counts_rebuild`` recomputes a draft's counters from its comments (rows inserted
around the services: the benchmark's bulk load, a repair).
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F

from ykien.consultations.models import Comment, CommentCount, CommentStatus

#: Rows per node: a comment counts in row ``id % COUNT_SLOTS``.
COUNT_SLOTS = 16


def upsert_sql(*, on_node: bool, source: str = "") -> str:
    """``INSERT … ON CONFLICT … DO UPDATE`` adding ``visible`` to a counter row; with
    ``source`` (a ``SELECT draft_id, node_id, slot, visible …``) its rows, else one row of
    ``%s`` values (draft_id, node_id, slot, visible)."""
    table = connection.ops.quote_name(CommentCount._meta.db_table)
    target = (
        "(node_id, slot) WHERE node_id IS NOT NULL"
        if on_node
        else "(draft_id, slot) WHERE node_id IS NULL"
    )
    rows = source or "VALUES (%s, %s, %s, %s)"
    # The model's own table name and constants: nothing from outside.
    return (
        f"INSERT INTO {table} (draft_id, node_id, slot, visible) {rows} "
        f"ON CONFLICT {target} DO UPDATE SET visible = {table}.visible + excluded.visible"
    )


def count_add(*, draft_id: int, node_id: int | None, comment_id: int, delta: int) -> None:
    """Add ``delta`` to the count of ``node_id`` (None: the whole draft), in the row of
    ``comment_id``'s slot. Run it in the transaction that changes the comment."""
    with connection.cursor() as cursor:
        cursor.execute(
            upsert_sql(on_node=node_id is not None),
            [draft_id, node_id, comment_id % COUNT_SLOTS, delta],
        )


def count_step(step: Any) -> None:
    """``lifecycle.COMMENT``'s hook: a comment that becomes visible counts again, one that
    stops being visible (held on reports, hidden) no longer counts."""
    before = step.before == CommentStatus.VISIBLE
    after = step.after == CommentStatus.VISIBLE
    if before != after:
        comment = step.obj
        count_add(
            draft_id=comment.draft_id,
            node_id=comment.node_id,
            comment_id=comment.pk,
            delta=1 if after else -1,
        )


@transaction.atomic
def counts_rebuild(*, draft_id: int) -> int:
    """Recompute the counters of one draft from its visible comments; the rows written."""
    CommentCount.objects.filter(draft_id=draft_id).delete()
    grouped = (
        Comment.objects.filter(draft_id=draft_id, status=CommentStatus.VISIBLE)
        .annotate(slot=F("id") % COUNT_SLOTS)
        .values("node_id", "slot")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [
        CommentCount(draft_id=draft_id, node_id=g["node_id"], slot=g["slot"], visible=g["n"])
        for g in grouped
    ]
    CommentCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
