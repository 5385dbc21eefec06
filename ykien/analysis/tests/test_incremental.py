"""Opinion groups that carry over between refreshes: warm-started k-means, sticky
membership, stable group ids, and a replay of a real conversation in time order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from ykien.analysis import incremental as inc
from ykien.analysis.opinion_groups import (
    adjusted_rand_index,
    build_vote_matrix,
    opinion_groups,
)

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polis"
needs_data = pytest.mark.skipif(
    not DATA.is_dir() and os.environ.get("CI") != "true",
    reason=f"reference data not found at {DATA}",
)


def camps(n: int = 12, statements: int = 8, start: int = 0, flip: int = -1):
    """Two camps of `n`, opposite on every statement (participant `flip` votes the other
    way on every statement)."""
    rows = []
    for camp, base in ((0, 0), (1, 100)):
        for i in range(start, start + n):
            for c in range(statements):
                vote = 1 if (c % 2 == 0) == (camp == 0) else -1
                if base + i == flip:
                    vote = -vote
                rows.append((base + i, c, vote, float(1000 * i + c)))
    return zip(*rows, strict=True)


def test_kmeans_starts_from_the_first_distinct_positions_and_warm_starts() -> None:
    points = np.asarray([[0.0, 0.0], [0.0, 0.0], [10.0, 0.0], [0.1, 0.0], [10.1, 0.0]])
    names = ["a", "b", "c", "d", "e"]
    first = inc.kmeans(points, names, 2)
    assert [sorted(c.members) for c in first] == [["a", "b", "d"], ["c", "e"]]
    assert [c.id for c in first] == [0, 1]
    # new data: the clusters keep their ids, a new far point splits off as a new cluster
    more = np.vstack([points, [[50.0, 0.0]]])
    again = inc.kmeans(more, [*names, "f"], 3, last=first)
    assert [c.id for c in again] == [0, 1, 2]
    assert [sorted(c.members) for c in again] == [["a", "b", "d"], ["c", "e"], ["f"]]


def test_group_ids_are_stable_from_one_refresh_to_the_next() -> None:
    p, c, v, t = camps()
    state = inc.GroupState()
    first, state = inc.update(state, build_vote_matrix(p, c, v, t))
    names = first.group_of()
    assert sorted(first.group_ids) == [0, 1]
    # more voters of both camps arrive
    p2, c2, v2, t2 = camps(n=6, start=12)
    matrix = build_vote_matrix([*p, *p2], [*c, *c2], [*v, *v2], [*t, *t2])
    second, state = inc.update(state, matrix)
    after = second.group_of()
    assert all(after[q] == g for q, g in names.items() if g is not None)
    assert after[12] == names[0]
    assert after[112] == names[100]
    assert state.refreshes == 2


def test_a_state_survives_json_and_a_cold_start_continues_warm() -> None:
    p, c, v, t = camps()
    matrix = build_vote_matrix(p, c, v, t)
    cold = opinion_groups(matrix)
    state = inc.state_from(cold)
    again = inc.GroupState.from_dict(json.loads(json.dumps(state.as_dict())))
    refresh, _ = inc.update(again, matrix)
    assert adjusted_rand_index(cold.group[cold.clustered], refresh.group[refresh.clustered]) == 1
    assert refresh.group_ids == [0, 1]


def test_participants_with_few_votes_are_placed_not_clustered() -> None:
    p, c, v, t = camps()
    # someone votes twice, like camp 0
    p = [*p, 999, 999]
    c = [*c, 0, 1]
    v = [*v, 1, -1]
    t = [*t, 99_999.0, 99_999.0]
    refresh, _ = inc.update(inc.GroupState(), build_vote_matrix(p, c, v, t))
    clustered = refresh.group_of()
    placed = refresh.group_of(include_placed=True)
    assert clustered[999] is None
    assert placed[999] == placed[0]


def test_replay_in_time_order_is_deterministic_and_batches_votes() -> None:
    p, c, v, t = camps()
    a, state_a = inc.replay(p, c, v, t, batch_seconds=5_000)
    b, state_b = inc.replay(p, c, v, t, batch_seconds=5_000)
    assert a.group_of() == b.group_of()
    assert state_a.refreshes == state_b.refreshes == 3  # votes spread over 12,000 s
    _one, state_one = inc.replay(p, c, v, t, batch_seconds=1e9)
    assert state_one.refreshes == 1
    _few, state_few = inc.replay(p, c, v, t, batch_seconds=1, max_refreshes=4)
    assert state_few.refreshes == 4
    with pytest.raises(ValueError, match="no votes"):
        inc.replay([], [], [], [])


@pytest.mark.parametrize(
    ("votes", "groups"),
    [
        ([(1, 1, 1)], 0),  # one participant
        ([(p, c, 0) for p in range(20) for c in range(4)], 0),  # every vote a pass
        ([(p, 1, 1 if p < 10 else -1) for p in range(20)], 2),  # one statement
    ],
)
def test_bad_input_gives_a_clear_result(votes: list[tuple[int, int, int]], groups: int) -> None:
    p, c, v = zip(*votes, strict=True)
    refresh, state = inc.update(inc.GroupState(), build_vote_matrix(p, c, v))
    assert len(refresh.group_ids) == groups
    assert json.dumps(state.as_dict())


def test_a_group_keeps_its_id_when_the_cold_group_step_numbers_it_otherwise() -> None:
    p, c, v, t = camps()
    matrix = build_vote_matrix(p, c, v, t)
    first, state = inc.update(inc.GroupState(), matrix)
    assert first.group_of()[0] == 0
    assert first.group_of()[100] == 1
    # the previous refresh called the camps 7 and 3: the ids follow the people
    state.groups = [inc.Cluster(7 if g.id == 0 else 3, g.members, g.center) for g in state.groups]
    second, _ = inc.update(state, matrix)
    assert second.group_ids == [3, 7]
    assert {second.group_of()[q] for q in range(12)} == {7}
    assert {second.group_of()[q] for q in range(100, 112)} == {3}


def test_a_new_group_takes_the_smallest_free_id() -> None:
    p, c, v, t = camps()
    matrix = build_vote_matrix(p, c, v, t)
    _, state = inc.update(inc.GroupState(), matrix)
    # last time everyone was in one group, numbered 4
    state.groups = [inc.Cluster(4, [b for g in state.groups for b in g.members], np.zeros(2))]
    refresh, new = inc.update(state, matrix)
    assert refresh.group_ids == [0, 4]
    assert refresh.group_of()[0] == 4  # ties: the first group found keeps the id
    assert refresh.group_of()[100] == 0
    assert [g.id for g in new.groups] == [0, 4]


def test_a_participant_once_clustered_stays_clustered() -> None:
    # 20 participants vote on the only two statements: all are clustered (min(7, 2) = 2)
    rows = [(q, s, 1 if (q < 10) == (s == 0) else -1, float(q)) for q in range(20) for s in (0, 1)]
    p, c, v, t = zip(*rows, strict=True)
    first, state = inc.update(inc.GroupState(), build_vote_matrix(p, c, v, t))
    assert first.clustered.all()
    # ten statements later, 20 newcomers vote on all twelve; the first 20 have 2 votes < 7
    more = [
        (q, s, 1 if (q < 30) == (s % 2 == 0) else -1, 100.0 + q)
        for q in range(20, 40)
        for s in range(12)
    ]
    p2, c2, v2, t2 = zip(*(rows + more), strict=True)
    matrix = build_vote_matrix(p2, c2, v2, t2)
    second, state = inc.update(state, matrix)
    assert second.clustered.all()
    assert state.in_conv == set(range(40))
    cold, _ = inc.update(inc.GroupState(), matrix)
    assert cold.clustered.tolist() == [False] * 20 + [True] * 20


def test_a_state_saved_before_groups_were_kept_loads() -> None:
    p, c, v, t = camps()
    _, state = inc.update(inc.GroupState(), build_vote_matrix(p, c, v, t))
    data = state.as_dict()
    data["groupings"] = {"2": data.pop("groups")}
    data["smoothed_k"] = 2
    again = inc.GroupState.from_dict(json.loads(json.dumps(data)))
    assert [g.id for g in again.groups] == [0, 1]
    assert [sorted(g.members) for g in again.groups] == [sorted(g.members) for g in state.groups]


@needs_data
def test_replay_reproduces_polis_groups_on_a_polis_math_case() -> None:
    """below-100-ptpts: Polis's own output (math-pca2.json). Replayed one refresh per
    second of votes (Polis polls every second), the clustered set and the groups are
    Polis's exactly; the figure is the one documented (docs/domains/analysis.md)."""
    folder = DATA / "polis-math" / "below-100-ptpts"
    math = json.loads((folder / "math-pca2.json").read_text())
    votes = json.loads((folder / "votes.json").read_text())
    refresh, state = inc.replay(
        [r["pid"] for r in votes],
        [r["tid"] for r in votes],
        [r["vote"] for r in votes],
        [float(r["modified"]) / 1000.0 for r in votes],
        moderated_out=math["mod-out"],
    )
    base = dict(zip(math["base-clusters"]["id"], math["base-clusters"]["members"], strict=True))
    theirs = {q: g["id"] for g in math["group-clusters"] for b in g["members"] for q in base[b]}
    assert state.in_conv == set(math["in-conv"])
    assert state.refreshes == 498
    ours = refresh.group_of()
    assert adjusted_rand_index([theirs[q] for q in theirs], [ours[q] for q in theirs]) == 1.0


def test_the_2014_math_fills_missing_votes_with_zero_and_projects_the_cells_voted() -> None:
    """pol-is/polisMath (2014–16): a missing vote is 0 before centring, 10 power iterations,
    a participant projected on the cells they voted on, 50 base clusters, groups warm-started
    per k."""
    rng = np.random.default_rng(4)
    rows = [  # two camps of 70, opposite on every statement; 30 % of the votes missing
        (p, c, (1 if (c % 2 == 0) == (p < 70) else -1) * int(rng.random() > 0.1))
        for p in range(140)
        for c in range(10)
        if rng.random() < 0.7 or c == 0
    ]
    p, c, v = (np.asarray(x) for x in zip(*rows, strict=True))
    matrix = build_vote_matrix(p, c, v)
    refresh, state = inc.update(inc.GroupState(), matrix, math=inc.LEGACY_2014)
    dense = np.zeros((matrix.n_participants, matrix.n_comments))
    voted = np.zeros_like(dense, dtype=bool)
    for i in range(matrix.n_participants):
        cols = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
        dense[i, cols] = matrix.values[matrix.indptr[i] : matrix.indptr[i + 1]]
        voted[i, cols] = True
    center = dense.mean(axis=0)  # missing votes count as 0 in the mean
    comps = state.components
    expected = np.stack(
        [
            ((dense[i] - center) * voted[i]) @ comps.T * np.sqrt(10 / voted[i].sum())
            for i in range(matrix.n_participants)
        ]
    )
    np.testing.assert_allclose(refresh.projections, expected, atol=1e-9)
    # the first component is (close to) the top eigenvector of the zero-filled, centred matrix
    top = np.linalg.svd(dense - center, full_matrices=False)[2][0]
    assert abs(float(top @ comps[0])) > 0.99
    assert len(state.base) == 50  # 140 distinct positions, 50 base clusters
    assert sorted(state.groupings) == [2, 3, 4, 5]  # k up to min(5, 2 + 50 // 12)
    assert inc.GroupState.from_dict(json.loads(json.dumps(state.as_dict()))).groupings.keys() == (
        state.groupings.keys()
    )
    _, state_now = inc.update(inc.GroupState(), matrix)
    assert len(state_now.base) == 100
    assert state_now.groupings == {}
    with pytest.raises(ValueError, match="unknown math"):
        inc.update(inc.GroupState(), matrix, math="2031")


def test_replay_runs_the_math_of_the_day() -> None:
    p, c, v, t = (np.asarray(x) for x in camps())
    middle = float(np.median(t))
    _, before = inc.replay(p, c, v, t, batch_seconds=500, legacy_until=middle)
    _, never = inc.replay(p, c, v, t, batch_seconds=500)
    _, always = inc.replay(p, c, v, t, batch_seconds=500, legacy_until=float(t.max()) + 1)
    assert before.groupings  # early refreshes kept the 2014 groupings of each k
    assert never.groupings == {}
    assert always.groupings
    assert before.refreshes == never.refreshes == always.refreshes
