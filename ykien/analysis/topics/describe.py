"""Describing a topic from a bounded sample of its members: key phrases (class-based
TF-IDF, shown as citizens wrote them) and an extractive summary (TextRank within the topic,
weighted by relevance to it)."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ykien.analysis.text import tokens
from ykien.analysis.topics.prepare import (
    FloatArray,
    Partition,
    _content_runs,
    _Doc,
    _features,
    _has_diacritics,
    _phrases,
    _raw_forms,
)


@dataclass(frozen=True, slots=True)
class _PhraseCounts:
    """Per topic: for each folded phrase, [comments, comments with diacritics], and the
    written forms seen."""

    counts: dict[int, dict[str, list[int]]]
    written: dict[str, Counter[str]]


def _phrase_counts(part: Partition, request: dict[int, list[int]]) -> _PhraseCounts:
    """Phrase counts of the comments asked for (topic → positions in the whole input)."""
    return _count_phrases({d.index: d for d in part.docs}, request)


def _count_phrases(by_index: dict[int, _Doc], request: dict[int, list[int]]) -> _PhraseCounts:
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


def _phrase_counts_apart(
    part: Partition, request: dict[int, list[int]]
) -> dict[int, _PhraseCounts]:
    """`_phrase_counts` of each group asked for on its own (written forms too): a clause's key
    phrases are shown as that clause's commenters wrote them."""
    by_index = {d.index: d for d in part.docs}  # once: a partition holds many clauses
    return {key: _count_phrases(by_index, {key: indices}) for key, indices in request.items()}


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
