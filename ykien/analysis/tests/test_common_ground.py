"""Common ground, differences and the bridging score, on fixtures whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from ykien.analysis.common_ground import (
    COMMON_GROUND,
    DIFFERENCE,
    bridging_scores,
    classify,
)
from ykien.analysis.opinion_groups import VoteCounts, build_vote_matrix, count_votes

# A large camp (0..29) and a small one (100..109). Statements 10-15 and 20-25 define the
# camps; 1: everyone agrees; 2: only the large camp agrees (popular, not bridging);
# 3: a coin toss for all; 4: everyone disagrees; 5: the large camp agrees, the small one
# is split.
CAMP_A = range(30)
CAMP_B = range(100, 110)


def _fixture() -> tuple[np.ndarray, np.ndarray]:
    rows: list[tuple[int, int, int]] = []

    def add(statement: int, agree_a: int, agree_b: int) -> None:
        # exact counts, not random: the first `agree_a` of camp A agree, the rest disagree
        for i, p in enumerate(CAMP_A):
            rows.append((p, statement, 1 if i < agree_a else -1))
        for i, p in enumerate(CAMP_B):
            rows.append((p, statement, 1 if i < agree_b else -1))

    for s in range(10, 16):
        add(s, 30, 0)
    for s in range(20, 26):
        add(s, 0, 10)
    add(1, 27, 9)
    add(2, 30, 0)
    add(3, 15, 5)
    add(4, 2, 1)
    add(5, 29, 5)
    p, c, v = zip(*rows, strict=True)
    matrix = build_vote_matrix(p, c, v)
    group = np.asarray([0 if int(q) < 100 else 1 for q in matrix.participant_ids])
    return matrix, group


def test_common_ground_and_differences_on_a_known_fixture() -> None:
    matrix, group = _fixture()
    counts = count_votes(matrix, group, 2)
    bridging = bridging_scores(matrix)
    kinds = {s.comment: s.kind for s in classify(counts, matrix.comment_ids, bridging=bridging)}
    assert kinds[1] == "common_ground"  # 28/32 and 10/12 agree
    assert kinds[4] == "common_ground_against"
    assert kinds[2] == "difference"
    assert kinds[5] == "difference"  # 30/32 against 6/12: 0.44 apart
    assert kinds[3] == ""  # 16/32 and 6/12: nobody agrees, nobody differs
    assert all(kinds[s] == "difference" for s in (*range(10, 16), *range(20, 26)))


def test_bridging_ranks_what_both_camps_accept_above_what_the_larger_camp_loves() -> None:
    matrix, _ = _fixture()
    score = bridging_scores(matrix).score_of()
    # statement 2 has 30 agrees (all from one camp), statement 1 has 36 from both camps
    assert score[1] > score[5] > score[2]
    assert score[1] > 0.25
    assert abs(score[2]) < 0.15
    assert score[4] < -0.2


def test_thresholds_are_the_documented_ones_and_decide_the_edge() -> None:
    assert (COMMON_GROUND, DIFFERENCE) == (0.6, 0.3)

    # (agree + 1) / (seen + 2): 11/18 = 0.611 in both groups is common ground, 10/18 = 0.556 not
    def counts(agrees: int) -> VoteCounts:
        a = np.asarray([[agrees], [agrees]], float)
        return VoteCounts(agree=a, disagree=16 - a, seen=np.full((2, 1), 16.0))

    ids = np.asarray([7])
    assert classify(counts(10), ids)[0].kind == "common_ground"
    assert classify(counts(9), ids)[0].kind == ""


def test_one_group_or_too_few_votes_is_never_common_ground() -> None:
    one = VoteCounts(
        agree=np.asarray([[10.0]]), disagree=np.zeros((1, 1)), seen=np.asarray([[10.0]])
    )
    assert classify(one, np.asarray([1]))[0].kind == ""
    few = VoteCounts(
        agree=np.asarray([[2.0], [2.0]]), disagree=np.zeros((2, 1)), seen=np.asarray([[2.0], [2.0]])
    )
    assert classify(few, np.asarray([1]))[0].kind == ""  # seen twice: not enough


def test_a_group_that_never_saw_it_neither_hides_nor_makes_a_difference() -> None:
    # Groups 1 and 2 saw it 20 times: 21/22 = 0.955 and 13/22 = 0.591 agree, 0.364 apart.
    # Group 3 never saw it; its 1/2 = 0.5 is the prior, not an opinion, and is not compared.
    counts = VoteCounts(
        agree=np.asarray([[20.0], [12.0], [0.0]]),
        disagree=np.asarray([[0.0], [8.0], [0.0]]),
        seen=np.asarray([[20.0], [20.0], [0.0]]),
    )
    [standing] = classify(counts, np.asarray([1]))
    assert standing.kind == "difference"
    assert round(standing.spread, 4) == 0.3636
    assert standing.seen == (20, 20, 0)
    # Only one group saw it enough: nothing to compare, whatever the others' priors say.
    alone = VoteCounts(
        agree=np.asarray([[20.0], [0.0], [0.0]]),
        disagree=np.zeros((3, 1)),
        seen=np.asarray([[20.0], [0.0], [2.0]]),
    )
    [standing] = classify(alone, np.asarray([1]))
    assert (standing.kind, standing.spread) == ("", 0.0)


@pytest.mark.parametrize("votes", [[0, 0, 0, 0], [1], [1, 1, -1]])
def test_bridging_on_degenerate_input_does_not_crash(votes: list[int]) -> None:
    # all passes, one participant and one statement
    matrix = build_vote_matrix(list(range(len(votes))), [1] * len(votes), votes)
    fit = bridging_scores(matrix)
    assert fit.score_of() == {1: None}  # fewer than 5 agree/disagree votes: no score
