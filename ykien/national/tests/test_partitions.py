"""On PostgreSQL the ballot, history and comment tables are declaratively partitioned (LIST by
draft; a draft's ballots then HASH by person), each with a default partition; setting up a
draft's national mode makes its partitions, and its ballots land there. SQLite keeps plain
tables."""

from __future__ import annotations

import pytest
from django.db import connection

from ykien.national import partitions, services
from ykien.national.models import Ballot, BallotComment, BallotHistory
from ykien.national.tests.conftest import make_mode, voter

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="declarative partitioning is PostgreSQL's"
)


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@postgres_only
def test_the_tables_are_partitioned_by_draft(mode):
    strategies = dict(
        _rows(
            "SELECT c.relname, p.partstrat FROM pg_partitioned_table p "
            "JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname LIKE 'national_%%'"
        )
    )
    d = mode.draft_id
    assert strategies["national_ballot"] == "l"
    assert strategies["national_ballothistory"] == "l"
    assert strategies["national_ballotcomment"] == "l"
    assert strategies[f"national_ballot_d{d}"] == "h"
    leaves = _rows(
        "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent "
        "WHERE c.relname = %s",
        [f"national_ballot_d{d}"],
    )
    assert leaves == [(partitions.BALLOT_HASH_PARTS,)]
    assert {
        r[0] for r in _rows("SELECT relname FROM pg_class WHERE relname LIKE 'national_%%_default'")
    } == {
        "national_ballot_default",
        "national_ballothistory_default",
        "national_ballotcomment_default",
    }


@postgres_only
def test_ballots_of_a_new_draft_go_to_its_partitions(tree, assembly):
    mode = make_mode(tree, assembly, title="Dự thảo mới")
    d = mode.draft_id
    for n in range(40):
        services.ballot_submit(
            draft_id=d,
            voter=voter(n),
            overall="agree",
            articles={"1": services.ArticleChoice("agree", "Góp ý")},
        )
    services.ballot_submit(draft_id=d, voter=voter(0), overall="disagree", articles={})
    assert Ballot.objects.filter(draft_id=d).count() == 40
    assert _rows(f"SELECT count(*) FROM national_ballot_d{d}") == [(40,)]  # noqa: S608
    assert _rows("SELECT count(*) FROM national_ballot_default") == [(0,)]
    spread = _rows(
        f"SELECT count(DISTINCT tableoid) FROM national_ballot_d{d}"  # noqa: S608
    )[0][0]
    assert spread > 1  # spread over the hash partitions
    assert _rows(f"SELECT count(*) FROM national_ballotcomment_d{d}") == [(39,)]  # noqa: S608
    assert _rows(f"SELECT count(*) FROM national_ballothistory_d{d}") == [(1,)]  # noqa: S608
    assert BallotHistory.objects.filter(draft_id=d).count() == 1
    assert BallotComment.objects.filter(draft_id=d).count() == 39


@postgres_only
def test_a_draft_without_its_partitions_uses_the_default_partition(mode):
    from ykien.national.models import NationalMode

    NationalMode.objects.filter(pk=mode.pk)  # the mode exists; add a ballot for another draft id
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO national_ballot (draft_id, subject_hash, province, age_band, sex, overall,"
            " stances, revision, first_at, submitted_at) VALUES (%s, 'x', '01', '', '', 1, %s, 1,"
            " now(), now())",
            [10_000_001, b"\x01"],
        )
    assert _rows("SELECT draft_id FROM national_ballot_default") == [(10_000_001,)]
    assert partitions.ensure(10_000_001) is False  # its ballots stay in the default partition


def test_sqlite_keeps_plain_tables():
    if connection.vendor == "postgresql":
        assert partitions.is_partitioned() is True
    else:
        assert partitions.is_partitioned() is False
        assert partitions.ensure(1) is False
