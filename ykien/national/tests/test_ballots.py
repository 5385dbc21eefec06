"""One ballot per person (a second replaces the first, history kept), every refusal changes
nothing, and the counts after a rollup are exact."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed
from ykien.national import selectors, services
from ykien.national.models import Ballot, BallotComment, BallotHistory, TallyDelta
from ykien.national.tests.conftest import voter

pytestmark = pytest.mark.django_db

A = services.ArticleChoice


def _state(draft_id: int) -> tuple:
    return (
        list(
            Ballot.objects.filter(draft_id=draft_id).values_list(
                "subject_hash", "overall", "stances", "revision"
            )
        ),
        list(BallotComment.objects.filter(draft_id=draft_id).values_list("article", "text")),
        BallotHistory.objects.filter(draft_id=draft_id).count(),
        TallyDelta.objects.filter(draft_id=draft_id).count(),
    )


def test_articles_of_the_draft_are_its_articles_in_order(mode):
    assert [a["number"] for a in mode.articles] == ["1", "2", "3", "4", "5"]
    assert mode.articles[0]["title"] == "Quy định số 1"


def test_a_ballot_is_one_row_with_a_byte_per_article(mode):
    result = services.ballot_submit(
        draft_id=mode.draft_id,
        voter=voter(1),
        overall="agree",
        articles={"1": A("disagree", "  Nên sửa  "), "3": A("agree"), "5": A("none", "")},
    )
    assert result.created is True
    assert result.revision == 1
    ballot = Ballot.objects.get(draft_id=mode.draft_id)
    assert ballot.subject_hash == f"{1:064x}"
    assert (ballot.province, ballot.age_band, ballot.sex) == ("01", "25-34", "female")
    assert ballot.overall == 1
    assert bytes(ballot.stances) == bytes([2, 0, 1, 0, 0])
    assert list(BallotComment.objects.values_list("article", "text")) == [("1", "Nên sửa")]


def test_a_second_ballot_replaces_the_first_and_keeps_it_in_the_history(mode):
    first = services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={"2": A("agree", "Tốt")}
    )
    second = services.ballot_submit(
        draft_id=mode.draft_id,
        voter=voter(1, province="79"),
        overall="disagree",
        articles={"2": A("disagree"), "4": A("agree", "Đồng tình")},
    )
    assert second.created is False
    assert second.revision == 2
    assert second.ballot_id == first.ballot_id
    assert Ballot.objects.filter(draft_id=mode.draft_id).count() == 1
    ballot = Ballot.objects.get(draft_id=mode.draft_id)
    assert (ballot.overall, bytes(ballot.stances), ballot.province) == (
        2,
        bytes([0, 2, 0, 1, 0]),
        "79",
    )
    assert list(BallotComment.objects.values_list("article", "text")) == [("4", "Đồng tình")]
    old = BallotHistory.objects.get()
    assert (old.overall, bytes(old.stances), old.revision, old.comments, old.province) == (
        1,
        bytes([0, 1, 0, 0, 0]),
        1,
        {"2": "Tốt"},
        "01",
    )
    current = selectors.ballot_of(mode=mode, subject_hash=f"{1:064x}")
    assert current.overall == "disagree"
    assert current.stances == {"1": "none", "2": "disagree", "3": "none", "4": "agree", "5": "none"}
    assert current.comments == {"4": "Đồng tình"}


def test_counts_after_a_rollup_are_exact_and_count_a_replaced_ballot_once(mode):
    d = mode.draft_id
    services.ballot_submit(
        draft_id=d, voter=voter(1, "01"), overall="agree", articles={"1": A("agree")}
    )
    services.ballot_submit(
        draft_id=d,
        voter=voter(2, "01"),
        overall="disagree",
        articles={"1": A("disagree"), "2": A("agree")},
    )
    services.ballot_submit(
        draft_id=d, voter=voter(3, "79"), overall="none", articles={"1": A("agree")}
    )
    assert services.rollup(draft_id=d) == 3
    # Person 1 changes their mind and moves (counted once, in their new province).
    services.ballot_submit(
        draft_id=d, voter=voter(1, "79"), overall="disagree", articles={"1": A("disagree")}
    )
    assert services.rollup(draft_id=d) == 2  # −old, +new
    assert TallyDelta.objects.count() == 0
    mode.refresh_from_db()
    found = selectors.results(mode=mode)
    assert found.ballots == 3
    assert found.national[0].as_dict() == {
        "agree": 0,
        "disagree": 2,
        "none": 1,
        "total": 3,
        "agree_share": 0.0,
        "disagree_share": 66.7,
        "none_share": 33.3,
    }
    assert (found.national[1].agree, found.national[1].disagree, found.national[1].none) == (
        1,
        2,
        0,
    )
    assert (found.national[2].agree, found.national[2].disagree, found.national[2].none) == (
        1,
        0,
        2,
    )
    assert (found.national[5].agree, found.national[5].disagree, found.national[5].none) == (
        0,
        0,
        3,
    )
    hanoi, hcm = found.by_province["01"], found.by_province["79"]
    assert (hanoi[0].agree, hanoi[0].disagree, hanoi[0].none) == (0, 1, 0)
    assert (hcm[0].agree, hcm[0].disagree, hcm[0].none) == (0, 1, 1)
    assert (hcm[1].agree, hcm[1].disagree) == (1, 1)
    rows = {r["code"]: r for r in found.province_rows(0)}
    assert len(rows) == 34
    assert rows["79"]["total"] == 2
    assert rows["96"]["total"] == 0


@pytest.mark.parametrize(
    ("articles", "overall", "code"),
    [
        ({"6": A("agree")}, "agree", "unknown_article"),
        ({"Điều 1": A("agree")}, "agree", "unknown_article"),
        ({str(i): A("agree") for i in range(1, 10_001)}, "agree", "too_many_articles"),
        ({"1": A("maybe")}, "agree", "bad_stance"),
        ({}, "yes", "bad_stance"),
        ({"1": A("agree", "x" * 2001)}, "agree", "comment_too_long"),
    ],
)
def test_a_bad_ballot_is_refused_and_changes_nothing(mode, articles, overall, code):
    services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(1), overall="agree", articles={"1": A("agree", "Giữ")}
    )
    before = _state(mode.draft_id)
    with pytest.raises(ValidationFailed) as refused:
        services.ballot_submit(
            draft_id=mode.draft_id, voter=voter(1), overall=overall, articles=articles
        )
    assert refused.value.code == code
    assert _state(mode.draft_id) == before


def test_outside_the_period_nothing_is_stored(mode):
    with pytest.raises(InvalidTransition) as late:
        services.ballot_submit(
            draft_id=mode.draft_id,
            voter=voter(1),
            overall="agree",
            articles={},
            on=dt.date(2026, 12, 1),
        )
    assert late.value.code == "ballot_ended"
    with pytest.raises(InvalidTransition) as early:
        services.ballot_submit(
            draft_id=mode.draft_id,
            voter=voter(1),
            overall="agree",
            articles={},
            on=dt.date(2026, 11, 19),
        )
    assert early.value.code == "ballot_not_started"
    assert _state(mode.draft_id) == ([], [], 0, 0)


def test_a_draft_without_national_mode_or_missing(tree, assembly, mode):
    with pytest.raises(NotFound):
        services.ballot_submit(draft_id=999_999, voter=voter(1), overall="agree", articles={})
    from ykien.consultations.models import Draft

    plain = Draft.objects.exclude(pk=mode.draft_id).first()
    if plain is not None:
        with pytest.raises(InvalidTransition) as refused:
            services.ballot_submit(draft_id=plain.pk, voter=voter(1), overall="agree", articles={})
        assert refused.value.code == "not_national"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_first_ballot_is_one_statement_and_a_replacement_one_transaction(
    mode, monkeypatch
):
    """As the API runs it (autocommit, no atomic block). On PostgreSQL the first ballot, its
    comment and its queued counts are one statement, committed by itself (no BEGIN and COMMIT
    round trips); on SQLite, three statements in one transaction. A replacement is then written
    whole, history included, and leaves no transaction open."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    opened = []
    real_atomic = services.transaction.atomic

    def atomic(*args, **kwargs):
        opened.append(True)
        return real_atomic(*args, **kwargs)

    # The services' own transactions (not those Django opens inside a save).
    monkeypatch.setattr(services, "transaction", SimpleNamespace(atomic=atomic))
    assert connection.get_autocommit()
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as first:
        services.ballot_submit(
            draft_id=mode.draft_id,
            voter=voter(1),
            overall="agree",
            articles={"2": A("agree", "Tốt")},
        )
    written = [q["sql"].split()[0] for q in first.captured_queries if "INSERT" in q["sql"]]
    if connection.vendor == "postgresql":
        assert (written, opened) == (["WITH"], [])
    else:  # the ballot, its comment, its counts (Django logs executemany as "1 times: …")
        assert (written, opened) == (["INSERT", "1", "1"], [True])
    opened.clear()
    second = services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(1), overall="disagree", articles={}
    )
    assert (second.created, second.revision, opened) == (False, 2, [True])
    assert connection.get_autocommit()
    assert not connection.in_atomic_block
    assert _state(mode.draft_id) == (
        [(f"{1:064x}", 2, bytes(5), 2)],
        [],
        1,
        3,  # +1 first, −1 and +1 replacement
    )
