"""Why a group of near-duplicate comments is a campaign: its template, what changes from
copy to copy, when the copies came and from whom.

Pure functions over the texts of one group (no Django), used by the analysis screen:

- `template_of(texts)`: the sentences most copies share, each shown as the copies wrote
  it most often (a citizen's own words, never respelled), with the words that vary from
  copy to copy marked and the commonest replacements listed; and how many copies added
  sentences (a personal introduction), dropped or reordered some, changed words, or were
  typed without diacritics, in lower case or with the old tone-mark placement.
- `evidence(...)`: that, plus the group's size, its busiest window of time, and its
  distinct accounts, anonymous sessions (their keys are hashes) and new accounts.

Sentences are matched on `text.tokens` (folded: case, diacritics and tone-mark placement
do not matter), so "Hoà" and "hòa" are the same word for matching; what is displayed is
always one of the copies' own spellings.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from ykien.analysis.text import strip_diacritics, tokens

__all__ = [
    "SAMPLE",
    "Template",
    "TemplateSentence",
    "evidence",
    "split_raw_sentences",
    "template_of",
]

SAMPLE = 200  # copies read to find the template (evenly spaced through the group)
SHARED = 0.5  # a sentence is the template's when at least this share of copies has it
SAME_SENTENCE = 0.5  # Jaccard of word pairs above which two sentences are one
VARIES = 0.05  # a word is marked as varying when this share of copies changes it
TOP_CHANGES = 5

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# Old-style tone marks at the end of a syllable: hòa, thủy, khỏe (new style: hoà, thuỷ, khoẻ).
_OLD_MARKS = re.compile(
    "(?<![qQ])(?:"
    + "|".join(
        unicodedata.normalize("NFC", v + m) + w
        for v, w in (("o", "a"), ("o", "e"), ("u", "y"))
        for m in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    + r")(?!\w)",
    re.IGNORECASE,
)


def split_raw_sentences(text: str) -> list[str]:
    """The sentences of `text` as written (after . ! ? ; or a line break), stripped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _pairs(words: Sequence[str]) -> frozenset[tuple[str, ...]]:
    if len(words) < 2:
        return frozenset([tuple(words)])
    return frozenset(itertools.pairwise(words))


@dataclass(frozen=True)
class TemplateSentence:
    """One sentence of the template, as the copies wrote it most often."""

    text: str
    support: int  # copies (of those read) that have it, in any wording
    exact: int  # copies with exactly these words (case and diacritics aside)
    segments: tuple[tuple[str, bool], ...]  # pieces of `text`; True: words that vary
    changes: tuple[tuple[str, str, int], ...]  # (words here, words in copies, copies)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "support": self.support,
            "exact": self.exact,
            "segments": [[piece, varies] for piece, varies in self.segments],
            "changes": [[a, b, n] for a, b, n in self.changes],
        }


@dataclass(frozen=True)
class Template:
    sentences: tuple[TemplateSentence, ...]
    read: int  # copies read
    added: int  # copies with sentences of their own (an introduction, a story)
    dropped: int  # copies missing at least one template sentence
    reordered: int  # copies with the template's sentences in another order
    reworded: int  # copies with a changed word in a template sentence
    no_diacritics: int
    lower_case: int
    old_tone_marks: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": [s.as_dict() for s in self.sentences],
            "read": self.read,
            "added": self.added,
            "dropped": self.dropped,
            "reordered": self.reordered,
            "reworded": self.reworded,
            "no_diacritics": self.no_diacritics,
            "lower_case": self.lower_case,
            "old_tone_marks": self.old_tone_marks,
        }


def _sample(n: int, size: int = SAMPLE) -> list[int]:
    if n <= size:
        return list(range(n))
    return sorted({round(i * (n - 1) / (size - 1)) for i in range(size)})


@dataclass
class _Cluster:
    pairs: frozenset[tuple[str, ...]]
    members: set[int]
    positions: list[float]
    forms: Counter[str]  # raw forms (exact text as written)
    words: list[tuple[int, list[str], list[str]]]  # (copy, folded words, raw words)


def _words(sentence: str) -> tuple[list[str], list[str]]:
    """(folded words, raw pieces): the raw sentence split on spaces, each piece folded;
    pieces without letters or digits are kept in the raw list and skipped in matching."""
    raw = sentence.split()
    return [" ".join(tokens(piece)) for piece in raw], raw


def template_of(texts: Sequence[str], *, sample: int = SAMPLE) -> Template:
    """The template of a group of copies (see the module docstring)."""
    chosen = _sample(len(texts), sample)
    clusters: list[_Cluster] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    per_copy: dict[int, list[int]] = {}
    for copy in chosen:
        sentences = split_raw_sentences(texts[copy])
        seq: list[int] = []
        for position, sentence in enumerate(sentences):
            folded = tokens(sentence)
            if not folded:
                continue
            pairs = _pairs(folded)
            candidates: Counter[int] = Counter()
            for pair in pairs:
                for c in index.get(pair, ()):
                    candidates[c] += 1
            best, best_score = -1, 0.0
            for c, shared in candidates.items():
                score = shared / len(pairs | clusters[c].pairs)
                if score > best_score:
                    best, best_score = c, score
            if best_score < SAME_SENTENCE:
                best = len(clusters)
                clusters.append(_Cluster(pairs, set(), [], Counter(), []))
                for pair in pairs:
                    index[pair].append(best)
            cluster = clusters[best]
            if copy in cluster.members:
                continue  # the same sentence twice in one copy
            cluster.members.add(copy)
            cluster.positions.append(position / max(len(sentences) - 1, 1))
            cluster.forms[" ".join(sentence.split())] += 1
            folded_words, raw_words = _words(sentence)
            cluster.words.append((copy, folded_words, raw_words))
            seq.append(best)
        per_copy[copy] = seq
    read = len(chosen)
    need = max(2, SHARED * read) if read > 1 else 1
    common = [c for c, cl in enumerate(clusters) if len(cl.members) >= need]
    common.sort(key=lambda c: float(np.median(clusters[c].positions)))
    shared_set = set(common)
    rank = {c: i for i, c in enumerate(common)}
    out: list[TemplateSentence] = []
    reworded_copies: set[int] = set()
    for c in common:
        described, changed = _describe(clusters[c])
        out.append(described)
        reworded_copies |= changed
    added = sum(1 for seq in per_copy.values() if any(c not in shared_set for c in seq))
    dropped = sum(1 for seq in per_copy.values() if not shared_set <= set(seq))
    reordered = 0
    for seq in per_copy.values():
        ranks = [rank[c] for c in seq if c in rank]
        if any(b < a for a, b in itertools.pairwise(ranks)):
            reordered += 1
    copies = [texts[i] for i in chosen]
    return Template(
        sentences=tuple(out),
        read=read,
        added=added,
        dropped=dropped,
        reordered=reordered,
        reworded=len(reworded_copies),
        no_diacritics=sum(1 for t in copies if tokens(t) and strip_diacritics(t) == t),
        lower_case=sum(1 for t in copies if any(ch.isalpha() for ch in t) and t == t.lower()),
        old_tone_marks=sum(1 for t in copies if _OLD_MARKS.search(unicodedata.normalize("NFC", t))),
    )


def _display_form(forms: Counter[str]) -> str:
    """The commonest wording with diacritics (a copy's own text), else the commonest."""
    accented = [(n, f) for f, n in forms.items() if strip_diacritics(f) != f]
    pool = accented or [(n, f) for f, n in forms.items()]
    return max(pool, key=lambda item: (item[0], item[1]))[1]


def _describe(cluster: _Cluster) -> tuple[TemplateSentence, set[int]]:
    text = _display_form(cluster.forms)
    folded, raw = _words(text)
    varies = np.zeros(len(raw), np.int64)
    changes: Counter[tuple[str, str]] = Counter()
    exact = 0
    changed_copies: set[int] = set()
    keep = [i for i, w in enumerate(folded) if w]
    base = [folded[i] for i in keep]
    for copy, other_folded, other_raw in cluster.words:
        other_keep = [i for i, w in enumerate(other_folded) if w]
        other = [other_folded[i] for i in other_keep]
        if other == base:
            exact += 1
            continue
        changed_copies.add(copy)
        matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for i in range(i1, i2):
                varies[keep[i]] += 1
            if tag == "replace":
                here = " ".join(raw[keep[i]] for i in range(i1, i2))
                there = " ".join(other_raw[other_keep[j]] for j in range(j1, j2))
                changes[(_bare(here), _bare(there))] += 1
    support = len(cluster.members)
    marked = varies >= max(1, VARIES * support)
    segments: list[tuple[str, bool]] = []
    for word, flag in zip(raw, marked, strict=True):
        if segments and segments[-1][1] == bool(flag):
            segments[-1] = (segments[-1][0] + " " + word, bool(flag))
        else:
            if segments:
                segments[-1] = (segments[-1][0] + " ", segments[-1][1])
            segments.append((word, bool(flag)))
    common = [
        (a, b, n)
        for (a, b), n in changes.most_common()
        if n >= max(1, VARIES * support) and a and b
    ][:TOP_CHANGES]
    return (
        TemplateSentence(
            text=text, support=support, exact=exact, segments=tuple(segments), changes=tuple(common)
        ),
        changed_copies,
    )


def _bare(words: str) -> str:
    """Words without the punctuation stuck to their ends."""
    return " ".join(w.strip(".,;:!?()\"'“”") for w in words.split()).strip()


# --- the whole evidence --------------------------------------------------------------------


def evidence(
    texts: Sequence[str],
    *,
    timestamps: Sequence[float] | None = None,
    identities: Sequence[str] | None = None,
    new_identities: Collection[str] = (),
    window: timedelta = timedelta(hours=6),
    reasons: Sequence[str] = (),
) -> dict[str, Any]:
    """JSON-ready evidence for one group: its size, template and variations, its busiest
    window (the most copies within `window`, and when), its identities (participant keys:
    "u:…" an account, "a:…" an anonymous session, stored as a hash), how many copies came
    from an identity that sent several, and from new accounts. `reasons` are the flags of
    `duplicates.campaigns` for the group."""
    out: dict[str, Any] = {
        "size": len(texts),
        "reasons": list(reasons),
        "template": template_of(texts).as_dict(),
    }
    if timestamps is not None and len(timestamps):
        times = np.sort(np.asarray(timestamps, dtype=np.float64))
        span = window.total_seconds()
        within = np.searchsorted(times, times + span, side="right") - np.arange(len(times))
        best = int(np.argmax(within))
        last = best + int(within[best]) - 1
        out["burst"] = {
            "peak": int(within[best]),
            "start": float(times[best]),
            "end": float(times[last]),
            "window_hours": span / 3600.0,
            "first": float(times[0]),
            "last": float(times[-1]),
        }
    if identities is not None:
        counts = Counter(identities)
        out["identities"] = {
            "accounts": sum(1 for key in counts if key.startswith("u:")),
            "anonymous": sum(1 for key in counts if key.startswith("a:")),
            "distinct": len(counts),
            "repeated": sum(n for n in counts.values() if n > 1),
            "new_accounts": sum(1 for key in counts if key in new_identities),
            "by_new_accounts": sum(n for key, n in counts.items() if key in new_identities),
        }
    return out
