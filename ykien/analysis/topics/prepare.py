"""Preparing a partition of comments for topics: which ones can be analysed, their
sentences (normalised and as written), their features (folded syllables and pairs of them)
and their key-phrase candidates (pyvi's segmentation and part-of-speech tags)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ykien.analysis.text import (
    STOPWORDS,
    STOPWORDS_FOLDED,
    fold,
    normalize,
    strip_diacritics,
    tokens,
)

# A longer comment is analysed whole, in pieces of at most this many characters cut at the end
# of a sentence (or line, or word), so that no step meets one unbounded string (and counted).
DEFAULT_MAX_CHARS = 20_000
SKIP_REASONS = ("empty", "no_words", "other_language", "no_content", "no_shared_words")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

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


_PIECE_END_RE = re.compile(r"(?<=[.!?;])\s+|\n+")


def pieces(text: str, max_chars: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``max_chars`` characters that together hold all
    of it: each cut falls after the last sentence end (. ! ? ; or a line break) within the
    limit, else after the last space, else (a word longer than the limit) at the limit. Only the
    spaces between pieces are left out."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    out: list[str] = []
    rest = text.lstrip()
    while len(rest) > max_chars:
        window = rest[: max_chars + 1]
        cut = 0
        for match in _PIECE_END_RE.finditer(window):
            if match.start() > 0 and match.start() <= max_chars:
                cut = match.start()
        if cut == 0:
            space = window.rfind(" ", 1, max_chars + 1)
            cut = space if space > 0 else max_chars
        if rest[:cut].strip():
            out.append(rest[:cut])
        rest = rest[cut:].lstrip()
    if rest.strip():
        out.append(rest)
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
    text: str  # its sentences, normalised (all of them, however long the comment)
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
    pieced: list[int]  # longer than ``max_chars``: analysed whole, in pieces

    @property
    def usable(self) -> list[int]:
        return [d.index for d in self.docs]


def prepare_partition(
    texts: Sequence[str], start: int = 0, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Partition:
    """Check, segment and featurise `texts`, which are positions `start`… of the input."""
    docs: list[_Doc] = []
    skipped: dict[int, str] = {}
    pieced: list[int] = []
    for offset, raw in enumerate(texts):
        index = start + offset
        if not raw or not raw.strip():
            skipped[index] = "empty"
            continue
        parts = [raw]
        if len(raw) > max_chars:
            pieced.append(index)
            parts = pieces(raw, max_chars)
        words = tokens(raw)
        if not words:
            skipped[index] = "no_words"
            continue
        if not _vietnamese_words(words):
            skipped[index] = "other_language"
            continue
        written = [sentence for part in parts for sentence in split_raw_sentences(part)]
        sentences = [normalize(s) for s in written]
        runs = [run for s in sentences for run in _content_runs(s)]
        features = _features(runs)
        if not features:
            skipped[index] = "no_content"
            continue
        docs.append(_Doc(index, " ".join(sentences), sentences, features, _phrases(runs), written))
    return Partition(start, len(texts), docs, skipped, pieced)


@dataclass(frozen=True, slots=True)
class _PartitionInfo:
    usable: list[int]
    skipped: dict[int, str]
    pieced: list[int]


def _info(part: Partition) -> _PartitionInfo:
    return _PartitionInfo(part.usable, dict(part.skipped), list(part.pieced))
