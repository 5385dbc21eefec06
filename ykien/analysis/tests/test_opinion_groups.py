"""Opinion groups: exact behaviour on handmade matrices, and agreement with Polis itself.

The Polis comparisons read the reference data in ``../shared/data`` (next to the project
root): the Polis server's own output (``polis-math/*/math-pca2.json``) and the group ids of
the open-data exports (``participants-votes.csv``).
"""

from __future__ import annotations

import csv
import io
import json
import os
from argparse import ArgumentParser
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, silhouette_score

from ykien.analysis.commands import opinion_groups as command
from ykien.analysis.opinion_groups import (
    VoteMatrix,
    adjusted_rand_index,
    build_vote_matrix,
    centred_matrix,
    count_votes,
    group_aware_consensus,
    opinion_groups,
    pca,
    representative_comments,
    silhouette,
    weighted_kmeans,
)

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polis"
POLIS_MATH = DATA / "polis-math"
OPEN_DATA = DATA / "opendata"

# ../shared/data sits beside the project in CI; there a missing copy is an error, not a skip.
needs_data = pytest.mark.skipif(
    not DATA.is_dir() and os.environ.get("CI") != "true",
    reason=f"reference data not found at {DATA}",
)


# --------------------------------------------------------------------------------------
# Handmade matrices
# --------------------------------------------------------------------------------------


def two_camps(
    per_camp: int = 6, n_comments: int = 8, flips: tuple[tuple[int, int], ...] = ()
) -> VoteMatrix:
    """Camp A (participants 0..) agrees with the first half of the comments and disagrees
    with the rest; camp B (participants 100..) the opposite. ``flips`` inverts single votes.
    """
    rows = []
    for camp, base in ((0, 0), (1, 100)):
        for i in range(per_camp):
            for c in range(n_comments):
                vote = 1 if (c < n_comments // 2) == (camp == 0) else -1
                if (base + i, c) in flips:
                    vote = -vote
                rows.append((base + i, c, vote))
    p, c, v = zip(*rows, strict=True)
    return build_vote_matrix(p, c, v)


def test_two_identical_camps_make_two_groups() -> None:
    result = opinion_groups(two_camps())

    assert result.n_groups == 2
    groups = result.group_of()
    assert {groups[p] for p in range(6)} == {groups[0]}
    assert {groups[p] for p in range(100, 106)} == {groups[100]}
    assert groups[0] != groups[100]
    assert result.clustered.all()


def test_two_noisy_camps_exact_groups_repness_and_consensus() -> None:
    matrix = two_camps(flips=((0, 0), (101, 5), (103, 2)))
    result = opinion_groups(matrix)

    groups = result.group_of()
    a, b = groups[0], groups[100]
    assert result.n_groups == 2
    assert [groups[p] for p in range(6)] == [a] * 6
    assert [groups[p] for p in range(100, 106)] == [b] * 6
    assert a != b
    # Nobody agrees across camps: no consensus either way.
    assert result.consensus.agree == []
    assert result.consensus.disagree == []
    # Comment 1: camp A 6/6 agree, camp B 0/6: (6 + 1) / (6 + 2) * (0 + 1) / (6 + 2).
    col = {int(c): i for i, c in enumerate(result.comment_ids)}
    assert result.group_aware_consensus[col[1]] == pytest.approx(7 / 8 * 1 / 8)
    # Comment 0: one flip in camp A (5 agree) and none in B.
    assert result.group_aware_consensus[col[0]] == pytest.approx(6 / 8 * 1 / 8)
    # Camp A's best agreed comment is one it agrees with unanimously.
    top = result.repness[a][0]
    assert top.best_agree
    assert top.direction == "agree"
    assert int(top.comment) in {1, 2, 3}
    assert (top.n_success, top.n_trials) == (6, 6)
    assert top.p_success == pytest.approx(7 / 8)
    # Every pick for camp A agrees with 0-3 or disagrees with 4-7.
    for rep in result.repness[a]:
        assert (int(rep.comment) < 4) == (rep.direction == "agree")
    for rep in result.repness[b]:
        assert (int(rep.comment) < 4) == (rep.direction == "disagree")


def test_one_shared_comment_is_consensus() -> None:
    rows = [(p, 0, 1) for p in range(20)]  # everyone agrees with comment 0
    rows += [(p, c, 1 if (p < 10) == (c % 2 == 0) else -1) for p in range(20) for c in (1, 2, 3, 4)]
    p, c, v = zip(*rows, strict=True)
    result = opinion_groups(build_vote_matrix(p, c, v))

    assert [int(x.comment) for x in result.consensus.agree] == [0]
    agree = result.consensus.agree[0]
    assert (agree.n_success, agree.n_trials) == (20, 20)
    assert agree.p_success == pytest.approx(21 / 22)
    assert agree.p_test == pytest.approx(2 * np.sqrt(21) * (21 / 21 - 0.5))


def test_revote_keeps_the_last_vote_by_time() -> None:
    matrix = build_vote_matrix(
        participants=[7, 7, 7, 8, 8],
        comments=[3, 3, 4, 3, 3],
        votes=[1, -1, 0, 1, -1],
        timestamps=[20, 10, 5, 1, 2],
    )

    assert matrix.replaced_votes == 2
    assert list(matrix.participant_ids) == [7, 8]
    assert list(matrix.comment_ids) == [3, 4]
    np.testing.assert_array_equal(matrix.to_dense(), [[1, 0], [-1, np.nan]])
    assert list(matrix.votes_per_participant()) == [2, 1]


def test_revote_without_timestamps_keeps_the_later_row() -> None:
    matrix = build_vote_matrix([1, 1, 1], [5, 5, 5], [1, 0, -1])

    assert matrix.replaced_votes == 2
    np.testing.assert_array_equal(matrix.to_dense(), [[-1]])


def test_revote_at_the_same_time_keeps_the_later_row() -> None:
    matrix = build_vote_matrix([1, 1, 1, 2], [5, 5, 5, 5], [1, -1, 0, 1], [9, 9, 3, 1])

    assert matrix.replaced_votes == 2
    np.testing.assert_array_equal(matrix.to_dense(), [[-1], [1]])


def test_revotes_on_random_rows_match_a_plain_reference() -> None:
    rng = np.random.default_rng(0)
    for trial in range(50):
        n = int(rng.integers(1, 200))
        p, c = rng.integers(0, 10, n), rng.integers(0, 8, n)
        v, t = rng.choice([-1, 0, 1], n), rng.integers(0, 5, n)
        matrix = build_vote_matrix(p, c, v, t if trial % 2 else None)

        last: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
        for i in range(n):
            stamp = (int(t[i]) if trial % 2 else 0, i)
            key = (int(p[i]), int(c[i]))
            if key not in last or stamp >= last[key][0]:
                last[key] = (stamp, int(v[i]))
        dense = matrix.to_dense()
        got = {
            (int(matrix.participant_ids[r]), int(matrix.comment_ids[k])): int(dense[r, k])
            for r, k in zip(*np.nonzero(~np.isnan(dense)), strict=True)
        }
        assert got == {key: vote for key, (_, vote) in last.items()}
        assert matrix.replaced_votes == n - len(last)


def test_pass_is_a_vote_not_a_missing_cell() -> None:
    matrix = build_vote_matrix([1, 1, 2], [1, 2, 1], [0, 0, 1])

    np.testing.assert_array_equal(matrix.to_dense(), [[0, 0], [1, np.nan]])
    assert list(matrix.votes_per_participant()) == [2, 1]


def test_bad_vote_value_is_rejected() -> None:
    with pytest.raises(ValueError, match="votes must be"):
        build_vote_matrix([1, 2], [1, 1], [1, 2])


def test_single_participant_has_no_groups() -> None:
    result = opinion_groups(build_vote_matrix([1, 1, 1], [1, 2, 3], [1, -1, 0]))

    assert result.n_groups == 0
    assert result.group_of() == {1: None}
    assert result.repness == {}
    assert result.notes


def random_matrix(seed: int, n_p: int = 60, n_c: int = 25, density: float = 0.4) -> VoteMatrix:
    rng = np.random.default_rng(seed)
    mask = rng.random((n_p, n_c)) < density
    mask[:, 0] = True  # every participant votes at least once
    p, c = np.nonzero(mask)
    v = rng.choice([-1, 0, 1], size=len(p), p=[0.4, 0.2, 0.4])
    return build_vote_matrix(p, c, v, rng.random(len(p)))


def test_sparse_centring_equals_dense_mean_imputation() -> None:
    matrix = random_matrix(1)
    moderated = np.zeros(matrix.n_comments, dtype=bool)
    moderated[[3, 7]] = True
    x, center = centred_matrix(matrix, moderated)

    dense = matrix.to_dense()
    means = np.nanmean(dense, axis=0)
    filled = np.where(np.isnan(dense), means, dense) - means
    filled[:, moderated] = 0.0
    np.testing.assert_allclose(x.toarray(), filled, atol=1e-12)
    np.testing.assert_allclose(center[~moderated], means[~moderated], atol=1e-12)


def test_power_iteration_matches_svd_and_projection_is_scaled() -> None:
    matrix = random_matrix(2)
    moderated = np.zeros(matrix.n_comments, dtype=bool)
    the_pca, proj, x = pca(matrix, moderated)

    _, _, vt = np.linalg.svd(x.toarray(), full_matrices=False)
    for i in range(2):
        assert abs(the_pca.components[i] @ vt[i]) == pytest.approx(1.0, abs=1e-8)
    cast = matrix.votes_per_participant()
    expected = (x.toarray() @ the_pca.components.T) * np.sqrt(matrix.n_comments / cast)[:, None]
    np.testing.assert_allclose(proj, expected, atol=1e-10)


def test_same_seed_same_result() -> None:
    matrix = random_matrix(3, n_p=400, n_c=30)
    first, second = opinion_groups(matrix, seed=5), opinion_groups(matrix, seed=5)

    np.testing.assert_array_equal(first.group, second.group)
    assert first.as_dict() == second.as_dict()


def test_more_than_base_k_participants_use_base_clusters() -> None:
    matrix = random_matrix(4, n_p=400, n_c=30)
    result = opinion_groups(matrix)

    assert len(result.base_centers) == 100
    assert result.base_weights.sum() == result.clustered.sum()
    assert 2 <= result.n_groups <= min(5, 2 + 100 // 12)
    assert set(result.silhouettes) <= {2, 3, 4, 5}


def test_weighted_kmeans_centres_are_weighted_means() -> None:
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 10.0], [10.0, 12.0]])
    weights = np.array([3.0, 1.0, 1.0, 1.0])
    labels, centers = weighted_kmeans(points, weights, 2, rng=np.random.default_rng(0))

    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]
    np.testing.assert_allclose(centers[labels[0]], [0.25, 0.0])
    np.testing.assert_allclose(centers[labels[2]], [10.0, 11.0])


def test_adjusted_rand_index_matches_sklearn() -> None:
    rng = np.random.default_rng(0)
    for _ in range(5):
        a, b = rng.integers(0, 4, 50), rng.integers(0, 3, 50)
        assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b))
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 2, 2]) == 1.0


def test_silhouette_matches_sklearn_and_weights_mean_copies() -> None:
    rng = np.random.default_rng(1)
    points = rng.normal(size=(30, 2))
    labels = rng.integers(0, 3, 30)
    assert silhouette(points, labels) == pytest.approx(silhouette_score(points, labels))

    weights = rng.integers(1, 4, 30)
    expanded = np.repeat(points, weights, axis=0)
    expanded_labels = np.repeat(labels, weights)
    assert silhouette(points, labels, weights.astype(float)) == pytest.approx(
        silhouette_score(expanded, expanded_labels)
    )


# --------------------------------------------------------------------------------------
# Against the Polis server's own output
# --------------------------------------------------------------------------------------


@cache
def polis_case(name: str) -> tuple[dict[str, Any], VoteMatrix]:
    folder = POLIS_MATH / name
    math = json.loads((folder / "math-pca2.json").read_text())
    votes = json.loads((folder / "votes.json").read_text())
    matrix = build_vote_matrix(
        [r.get("participant_id", r.get("pid")) for r in votes],
        [r.get("statement_id", r.get("tid")) for r in votes],
        [r["vote"] for r in votes],  # these fixtures already use 1 = agree
        [float(r["modified"]) for r in votes],
    )
    return math, matrix


def polis_groups(math: dict[str, Any]) -> dict[int, int]:
    base = math["base-clusters"]
    members = dict(zip(base["id"], base["members"], strict=True))
    return {p: g["id"] for g in math["group-clusters"] for b in g["members"] for p in members[b]}


POLIS_CASES = {
    # name: (minimum ARI vs Polis's groups, minimum overlap of representative comments)
    "25ptpt-3gp-no-strict-with-meta": (0.55, 0.4),  # achieved 0.633, 0.50
    "50ptpt-3gp-strict-no-meta": (0.95, 0.95),  # achieved 1.000, 1.00
    "below-100-ptpts": (0.35, 0.0),  # achieved 0.410, 0.10 (see docs/domains/analysis.md)
}


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_pca_matches_polis(name: str) -> None:
    math, matrix = polis_case(name)
    result = opinion_groups(matrix, moderated_out=math["mod-out"])

    theirs = np.array(math["pca"]["comps"])
    ours = np.zeros_like(theirs)
    ours[:, [int(t) for t in result.comment_ids]] = result.pca.components
    for i in range(2):
        cosine = abs(ours[i] @ theirs[i]) / np.linalg.norm(theirs[i])
        assert cosine > 0.999


@needs_data
@pytest.mark.parametrize("name", ["25ptpt-3gp-no-strict-with-meta", "below-100-ptpts"])
def test_projections_equal_polis_up_to_sign(name: str) -> None:
    math, matrix = polis_case(name)
    result = opinion_groups(matrix, moderated_out=math["mod-out"])

    base = math["base-clusters"]
    row = {int(p): i for i, p in enumerate(result.participant_ids)}
    theirs = np.array([[x, y] for x, y in zip(base["x"], base["y"], strict=True)])
    ours = result.projections[[row[m[0]] for m in base["members"]]]
    signs = np.sign((ours * theirs).sum(axis=0))
    np.testing.assert_allclose(ours * signs, theirs, atol=1e-9)


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_clustered_participants_match_polis_in_conv(name: str) -> None:
    math, matrix = polis_case(name)
    result = opinion_groups(matrix, moderated_out=math["mod-out"], keep_first_voters=True)

    ours = {int(p) for p in result.participant_ids[result.clustered]}
    assert ours == set(math["in-conv"])


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_groups_agree_with_polis(name: str) -> None:
    min_ari, min_overlap = POLIS_CASES[name]
    math, matrix = polis_case(name)
    result = opinion_groups(matrix, moderated_out=math["mod-out"])

    theirs = polis_groups(math)
    ours = result.group_of()
    common = [p for p in theirs if ours.get(p) is not None]
    assert result.n_groups == len(math["group-clusters"])
    # Polis clustered everyone we cluster; those we leave out cast one or two votes.
    assert len(common) / len(theirs) >= 0.8
    assert adjusted_rand_index([theirs[p] for p in common], [ours[p] for p in common]) >= min_ari

    # Representative comments of matched groups: overlap of (comment, direction) pairs.
    table = np.zeros((len(math["group-clusters"]), result.n_groups))
    for p in common:
        table[theirs[p], ours[p]] += 1
    pairs = zip(*linear_sum_assignment(-table), strict=True)
    both = either = 0
    for g_theirs, g_ours in pairs:
        a = {(r["tid"], r["repful-for"]) for r in math["repness"][str(g_theirs)]}
        b = {(int(r.comment), r.direction) for r in result.repness[int(g_ours)]}
        both, either = both + len(a & b), either + len(a | b)
    assert both / either >= min_overlap


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_repness_and_group_aware_consensus_equal_polis_for_polis_groups(name: str) -> None:
    math, matrix = polis_case(name)
    theirs = polis_groups(math)
    k = len(math["group-clusters"])
    group_of_row = np.array([theirs.get(int(p), -1) for p in matrix.participant_ids])
    counts = count_votes(matrix, group_of_row, k)
    moderated = np.isin(matrix.comment_ids, math["mod-out"])

    reps = representative_comments(counts, matrix.comment_ids, moderated)
    for g in range(k):
        expected = math["repness"][str(g)]
        got = reps[g]
        assert [(r["tid"], r["repful-for"]) for r in expected] == [
            (int(r.comment), r.direction) for r in got
        ]
        for e, o in zip(expected, got, strict=True):
            assert (o.n_success, o.n_trials) == (e["n-success"], e["n-trials"])
            assert o.p_success == pytest.approx(e["p-success"], abs=1e-12)
            assert o.p_test == pytest.approx(e["p-test"], abs=1e-12)
            assert o.repness == pytest.approx(e["repness"], abs=1e-12)
            assert o.repness_test == pytest.approx(e["repness-test"], abs=1e-5)  # float32
            assert o.best_agree == e.get("best-agree", False)
            if o.best_agree:
                assert o.n_agree == e["n-agree"]

    gac = group_aware_consensus(counts)
    expected_gac = math["group-aware-consensus"]
    for i, cid in enumerate(matrix.comment_ids):
        assert gac[i] == pytest.approx(expected_gac[str(int(cid))], abs=1e-12)


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_consensus_equals_polis(name: str) -> None:
    math, matrix = polis_case(name)
    result = opinion_groups(matrix, moderated_out=math["mod-out"])

    for side in ("agree", "disagree"):
        expected = math["consensus"][side]
        got = getattr(result.consensus, side)
        assert [e["tid"] for e in expected] == [int(g.comment) for g in got]
        for e, g in zip(expected, got, strict=True):
            assert (g.n_success, g.n_trials) == (e["n-success"], e["n-trials"])
            assert g.p_success == pytest.approx(e["p-success"], abs=1e-12)
            assert g.p_test == pytest.approx(e["p-test"], abs=1e-12)


# --------------------------------------------------------------------------------------
# Against the group ids of the Polis open-data exports
# --------------------------------------------------------------------------------------


OPEN_CASES = {
    # name: (ARI achieved over the participants both grouped (clustered or placed),
    #        coverage of Polis's clustered participants by our clustered ones alone)
    "15-per-hour-seattle": (0.884, 1.000),
    "bg2050-volunteers": (0.829, 0.991),
    "brexit-consensus": (0.881, 0.959),
    "canadian-electoral-reform": (0.964, 1.000),
    "football-concussions": (0.065, 0.413),  # Polis kept its one-vote voters of 2015-17
    "london.youth.policing": (0.178, 1.000),  # Polis's own groups: silhouette 0.11
    "scoop-hivemind.biodiversity": (0.873, 0.995),
    "scoop-hivemind.freshwater": (0.157, 0.855),
}


@cache
def open_case(name: str) -> tuple[dict[str, Any], dict[str, int]]:
    folder = OPEN_DATA / name
    out, err = io.StringIO(), io.StringIO()
    code = command.handle(
        {
            "votes": str(folder / "votes.csv"),
            "comments": str(folder / "comments.csv"),
            "format": "json",
            "seed": 0,
            "agree_sign": "auto",
        },
        out,
        err,
    )
    assert code == 0, err.getvalue()
    with (folder / "participants-votes.csv").open(newline="") as fh:
        theirs = {r["participant"]: int(r["group-id"]) for r in csv.DictReader(fh) if r["group-id"]}
    return json.loads(out.getvalue()), theirs


@needs_data
@pytest.mark.parametrize("name", list(OPEN_CASES))
def test_groups_agree_with_open_data_group_ids(name: str) -> None:
    """Coverage: every participant Polis clustered gets a group from us (clustered, or
    placed in the nearest group when they cast fewer than 7 votes); agreement: ARI over
    them, at least the value achieved (minus 0.005 for floating point)."""
    out, theirs = open_case(name)
    ari_achieved, clustered_achieved = OPEN_CASES[name]
    clustered = out["participants"]
    grouped = {p: (g if g is not None else out["placed"].get(p)) for p, g in clustered.items()}
    common = [p for p in theirs if grouped.get(p) is not None]
    assert len(common) / len(theirs) >= 0.9
    assert len(common) == len(theirs)
    both = [p for p in theirs if clustered.get(p) is not None]
    assert len(both) / len(theirs) >= clustered_achieved - 0.005
    ari = adjusted_rand_index([theirs[p] for p in common], [grouped[p] for p in common])
    assert ari >= ari_achieved - 0.005


@needs_data
def test_mean_agreement_with_polis_over_the_open_data_conversations() -> None:
    aris = []
    for name in OPEN_CASES:
        out, theirs = open_case(name)
        grouped = {
            p: (g if g is not None else out["placed"].get(p))
            for p, g in out["participants"].items()
        }
        common = [p for p in theirs if grouped.get(p) is not None]
        aris.append(adjusted_rand_index([theirs[p] for p in common], [grouped[p] for p in common]))
    assert len(aris) == 8
    assert sum(aris) / len(aris) >= 0.6


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------


def run(tmp_path: Path, *argv: str) -> tuple[int, dict[str, Any] | None, str]:
    parser = ArgumentParser()
    command.add_arguments(parser)
    options = vars(parser.parse_args(list(argv)))
    out, err = io.StringIO(), io.StringIO()
    code = command.handle(options, out, err)
    text = out.getvalue()
    return code, (json.loads(text) if text.startswith("{") else None), err.getvalue()


CAMPS_CSV = "timestamp,datetime,comment-id,voter-id,vote\n" + "".join(
    f"{1000 + 10 * p + c},x,{c},{p},{1 if (p < 5) == (c < 3) else -1}\n"
    for p in range(10)
    for c in range(6)
)


def test_command_csv_two_camps(tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(CAMPS_CSV)
    code, out, err = run(tmp_path, "--votes", str(votes), "--format", "json")

    assert code == 0, err
    assert out is not None
    groups = out["participants"]
    assert len({groups[str(p)] for p in range(5)}) == 1
    assert len({groups[str(p)] for p in range(5, 10)}) == 1
    assert groups["0"] != groups["5"]
    assert [g["size"] for g in out["groups"]] == [5, 5]
    assert out["skipped"] == {}
    assert out["input"]["agree_sign"] == 1
    assert set(out) >= {"participants", "groups", "repness", "consensus", "group_aware_consensus"}


def test_command_counts_malformed_rows_and_unknown_comments(tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(
        CAMPS_CSV
        + "1,x,0,abc,1\n"  # bad participant id
        + "1,x,0,3,2\n"  # bad vote
        + "1,x,0,3\n"  # short row
        + "oops,x,0,3,1\n"  # bad timestamp
        + "1,x,99,3,1\n"  # comment 99 is not in comments.csv
    )
    comments = tmp_path / "comments.csv"
    comments.write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        + "".join(f"1,x,{c},0,0,0,1,text {c}\n" for c in range(6))
    )
    code, out, err = run(tmp_path, "--votes", str(votes), "--comments", str(comments))

    assert code == 0, err
    assert out is not None
    assert out["skipped"] == {
        "bad_id": 1,
        "bad_timestamp": 1,
        "bad_vote": 1,
        "malformed_row": 1,
        "unknown_comment": 1,
    }
    assert out["input"]["rows"] == 65
    assert out["input"]["votes_used"] == 60


def test_command_moderated_out_comment_is_never_representative(tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(CAMPS_CSV)
    comments = tmp_path / "comments.csv"
    comments.write_text(
        "comment-id,moderated\n" + "".join(f"{c},{-1 if c == 0 else 1}\n" for c in range(6))
    )
    code, out, _ = run(tmp_path, "--votes", str(votes), "--comments", str(comments))

    assert code == 0
    assert out is not None
    assert out["input"]["moderated_out"] == [0]
    picked = {r["comment"] for reps in out["repness"].values() for r in reps}
    assert picked
    assert 0 not in picked


@needs_data
def test_command_json_sign_is_detected_from_comment_counts(tmp_path: Path) -> None:
    folder = POLIS_MATH / "50ptpt-3gp-strict-no-meta"
    comments = str(folder / "comments.json")
    code, plain, _ = run(tmp_path, "--votes", str(folder / "votes.json"), "--comments", comments)
    assert code == 0
    assert plain is not None
    assert (plain["input"]["agree_sign"], plain["input"]["agree_sign_source"]) == (
        1,
        "comment counts",
    )

    # The same votes as the raw Polis API stores them (agree = -1).
    flipped = [dict(r, vote=-r["vote"]) for r in json.loads((folder / "votes.json").read_text())]
    raw = tmp_path / "votes.json"
    raw.write_text(json.dumps(flipped))
    code, detected, _ = run(tmp_path, "--votes", str(raw), "--comments", comments)
    assert code == 0
    assert detected is not None
    assert detected["input"]["agree_sign"] == -1
    assert detected["consensus"] == plain["consensus"]
    assert detected["repness"] == plain["repness"]


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_command_reads_moderation_and_meta_like_polis(tmp_path: Path, name: str) -> None:
    folder = POLIS_MATH / name
    math, _ = polis_case(name)
    code, out, _ = run(
        tmp_path,
        "--votes",
        str(folder / "votes.json"),
        "--comments",
        str(folder / "comments.json"),
    )

    assert code == 0
    assert out is not None
    assert out["input"]["moderated_out"] == sorted(math["mod-out"])
    assert [c["comment"] for c in out["consensus"]["agree"]] == [
        c["tid"] for c in math["consensus"]["agree"]
    ]


def test_command_json_without_counts_says_which_sign_it_took(tmp_path: Path) -> None:
    votes = tmp_path / "votes.json"
    votes.write_text(json.dumps([{"pid": 1, "tid": 1, "vote": -1, "modified": "5"}]))
    code, out, err = run(tmp_path, "--votes", str(votes))

    assert code == 0
    assert out is not None
    assert "--agree-sign -1" in err
    assert out["input"]["agree_sign_source"] == "default"


def test_command_one_participant(tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,4,1\n2,x,1,4,-1\n")
    code, out, err = run(tmp_path, "--votes", str(votes))

    assert code == 0
    assert "only 1 participant" in err
    assert out is not None
    assert out["participants"] == {"4": None}
    assert out["groups"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("", "is empty"),
        ("timestamp,datetime,comment-id,voter-id,vote\n", "no usable vote"),
        ("a,b,c\n1,2,3\n", "expected a header"),
        ("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,7\n", "no usable vote"),
        ("[{oops", "invalid JSON"),
    ],
)
def test_command_bad_input_gives_a_clear_message(
    tmp_path: Path, content: str | None, message: str
) -> None:
    votes = tmp_path / ("votes.json" if content and content.startswith("[") else "votes.csv")
    if content is not None:
        votes.write_text(content)
    code, out, err = run(tmp_path, "--votes", str(votes))

    assert code == 2
    assert out is None
    assert message in err
