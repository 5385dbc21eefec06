"""Declarative partitioning of the ballot tables on PostgreSQL (migration 0002 makes the parents).

* ``national_ballot``: LIST by draft, each draft's partition then HASH by ``subject_hash`` into
  ``BALLOT_HASH_PARTS`` (a national draft holds hundreds of millions of ballots: each leaf stays a
  few GB, vacuumed and indexed on its own). Key ``(draft_id, subject_hash)``: one ballot per
  person per draft, the arbiter of the intake's ``ON CONFLICT``.
* ``national_ballothistory`` and ``national_ballotcomment``: LIST by draft.
* Each has a DEFAULT partition, so a ballot is stored even for a draft without its own
  partition; ``ensure(draft_id)`` (called when a draft's national mode is set up, before any
  ballot) creates the draft's partitions.

SQLite (the embedded default) keeps plain tables: ``ensure`` does nothing there.
"""

from __future__ import annotations

from django.db import connection

BALLOT_HASH_PARTS = 16
PARTITIONED = ("national_ballot", "national_ballothistory", "national_ballotcomment")


def is_partitioned() -> bool:
    return connection.vendor == "postgresql"


def ensure(draft_id: int) -> bool:
    """Create the partitions of draft ``draft_id`` if missing (PostgreSQL; inside the caller's
    transaction). Returns False when nothing was made: SQLite, or ballots of the draft already in
    the default partition (they stay there)."""
    if not is_partitioned():
        return False
    n = int(draft_id)
    with connection.cursor() as cursor:
        for table in PARTITIONED:
            cursor.execute(f"SELECT 1 FROM {table}_default WHERE draft_id = %s LIMIT 1", [n])  # noqa: S608
            if cursor.fetchone() is not None:
                return False
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS national_ballot_d{n} PARTITION OF national_ballot "
            f"FOR VALUES IN ({n}) PARTITION BY HASH (subject_hash)"
        )
        for i in range(BALLOT_HASH_PARTS):
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS national_ballot_d{n}_h{i} PARTITION OF "
                f"national_ballot_d{n} FOR VALUES WITH (MODULUS {BALLOT_HASH_PARTS}, "
                f"REMAINDER {i})"
            )
        for table in PARTITIONED[1:]:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {table}_d{n} PARTITION OF {table} FOR VALUES IN ({n})"
            )
    return True
