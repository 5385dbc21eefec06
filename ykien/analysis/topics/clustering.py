"""Clustering the comments' vectors into topics: k-means, k chosen by the silhouette."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ykien.analysis.topics.prepare import FloatArray, IntArray

DEFAULT_MAX_TOPICS = 12
DEFAULT_MIN_TOPIC_SIZE = 3
SILHOUETTE_SAMPLE = 3000
MINIBATCH_ABOVE = 20_000  # comments; above this k-means runs in mini-batches


@dataclass(frozen=True, slots=True)
class Clustering:
    labels: IntArray
    k: int
    silhouette: float | None
    scores: dict[int, float] = field(default_factory=dict)


def cluster(
    vectors: FloatArray,
    *,
    max_topics: int = DEFAULT_MAX_TOPICS,
    min_topic_size: int = DEFAULT_MIN_TOPIC_SIZE,
    seed: int = 0,
) -> Clustering:
    """k-means on L2-normalised rows for k = 2 … K, K = min(max_topics, n // min_topic_size);
    the k with the best silhouette (cosine, on a sample of SILHOUETTE_SAMPLE rows) wins,
    the smaller k on a tie. Fewer rows, or rows all alike: one topic."""
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.metrics import silhouette_score

    n = len(vectors)
    upper = min(max_topics, n // max(min_topic_size, 1))
    distinct = len(np.unique(np.round(vectors, 6), axis=0)) if n else 0
    upper = min(upper, distinct)
    if upper < 2:
        return Clustering(np.zeros(n, np.int64), 1 if n else 0, None)
    best: tuple[float, int, IntArray] | None = None
    scores: dict[int, float] = {}
    for k in range(2, upper + 1):
        if n > MINIBATCH_ABOVE:
            model: Any = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
        else:
            model = KMeans(n_clusters=k, random_state=seed, n_init=3)
        labels = np.asarray(model.fit_predict(vectors), dtype=np.int64)
        if len(np.unique(labels)) < 2:
            continue
        score = float(
            silhouette_score(
                vectors,
                labels,
                metric="cosine",
                sample_size=min(n, SILHOUETTE_SAMPLE),
                random_state=seed,
            )
        )
        scores[k] = round(score, 4)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return Clustering(np.zeros(n, np.int64), 1, None, scores)
    return Clustering(best[2], best[1], best[0], scores)
