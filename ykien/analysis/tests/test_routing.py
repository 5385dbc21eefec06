"""Which statement a voter sees next: a known fixture, far from uniform."""

from __future__ import annotations

import numpy as np

from ykien.analysis.routing import (
    distribution,
    next_statement,
    priorities,
    total_variation_from_uniform,
)


def _fixture() -> tuple[list[int], np.ndarray]:
    # ten statements: 0 is new; 1-3 under-voted; 4-7 voted on a lot and agreed;
    # 8 is passed by almost everyone; 9 is voted on a lot and splits the groups (extreme)
    ids = list(range(10))
    agree = [0, 2, 1, 3, 60, 55, 58, 62, 3, 40]
    disagree = [0, 1, 2, 0, 10, 12, 9, 11, 2, 40]
    passes = [0, 0, 1, 0, 5, 8, 6, 4, 70, 2]
    extremity = [0.0, 0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 0.1, 3.0]
    return ids, priorities(agree, disagree, passes, extremity)


def test_the_choice_is_far_from_uniform_on_a_known_fixture() -> None:
    _, weights = _fixture()
    probs = distribution(weights)
    assert abs(probs.sum() - 1) < 1e-12
    # total variation distance from uniform: 0 would mean a uniform random choice
    assert total_variation_from_uniform(probs) > 0.35
    # new and under-voted ones (0-3) before every well-voted one (4-7); passed-by-all last
    assert probs[0:4].min() > probs[4:8].max()
    assert probs[0] > 5 * probs[4:8].mean()
    assert probs[8] == probs.min()
    # of the heavily voted ones, the one that splits opinion is worth more
    assert probs[9] > probs[4:8].max()


def test_draws_follow_the_distribution_and_skip_what_was_voted() -> None:
    ids, weights = _fixture()
    rng = np.random.default_rng(0)
    draws = [next_statement(ids, weights, voted={0}, rng=rng) for _ in range(4000)]
    counts = np.bincount(draws, minlength=10) / len(draws)
    assert counts[0] == 0
    expected = distribution(weights, np.arange(10) == 0)
    assert np.abs(counts - expected).max() < 0.03
    # uniform would give each of the nine 0.111; the new-ish ones get far more
    assert counts[1] > 0.2
    assert counts[8] < 0.01


def test_nothing_left_to_vote_on() -> None:
    ids, weights = _fixture()
    assert next_statement(ids, weights, voted=set(ids)) is None
    assert next_statement([], np.zeros(0)) is None
