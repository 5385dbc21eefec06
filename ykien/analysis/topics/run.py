"""Running topics: the partition steps wherever a `Runner` puts them (in process, or on a
cluster), then clustering and description once on the driver."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

import numpy as np

from ykien.analysis.topics.clustering import (
    DEFAULT_MAX_TOPICS,
    DEFAULT_MIN_TOPIC_SIZE,
    cluster,
)
from ykien.analysis.topics.describe import (
    SummarySentence,
    _key_phrases,
    _phrase_counts,
    _phrase_counts_apart,
    _PhraseCounts,
    _sentences,
    _summary,
)
from ykien.analysis.topics.embed import Embedder, TfidfEmbedder
from ykien.analysis.topics.prepare import (
    DEFAULT_MAX_CHARS,
    SKIP_REASONS,
    FloatArray,
    IntArray,
    Partition,
    _info,
    _PartitionInfo,
    prepare_partition,
)
from ykien.analysis.topics.result import ClauseSummary, Topic, TopicResult

PHRASE_SAMPLE = 2000  # members per topic read for key phrases
SUMMARY_SAMPLE = 30  # members per topic whose sentences compete for the summary
#: Stances summarised apart: those who agree, those who disagree, another wording proposed.
STANCES = ("agree", "disagree", "reword")
#: A clause is summarised on its own (`topics(..., clauses=...)`) when at least this many of
#: its comments can be analysed; a clause with fewer is counted in `clauses_skipped`.
MIN_CLAUSE_COMMENTS = 3

_R = TypeVar("_R")


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
    clauses: Sequence[int] | None = None,
    min_clause_comments: int = MIN_CLAUSE_COMMENTS,
) -> TopicResult:
    """Topics of `n` texts given as `chunks` of (start, texts or a handle to them).

    With `stances` (one per text: "agree", "disagree", "reword" or anything else), each
    topic also gets one summary per stance from that stance's comments only, so that
    opposing opinions are never summarised side by side; the topic's `summary` is then
    those summaries one after the other, in the order of `STANCES`.

    With `clauses` (one number per text: the clause it was written on), each clause with at
    least `min_clause_comments` analysable comments is also described on its own, from its
    own comments only (`TopicResult.clauses`): key phrases from up to `PHRASE_SAMPLE` of
    them, and the summary (per stance, with `stances`) from up to `SUMMARY_SAMPLE` of them
    per stance, those closest to the clause's centre, at most `summary_sentences` sentences
    and `summary_words` words each; the other clauses are listed in `clauses_skipped`. The
    work per clause is bounded by these samples, so many clauses cost linear time.

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
            clauses=clauses,
            min_clause_comments=min_clause_comments,
        )


def _clause_members(
    clauses: Sequence[int],
    prepared: IntArray,
    kept: IntArray,
    vectors: FloatArray,
    minimum: int,
) -> tuple[list[tuple[int, list[int]]], list[int]]:
    """Per clause with at least `minimum` prepared comments, (clause, its prepared comments,
    closest to the clause's centre first; those without a vector last, in input order); and
    the clauses with comments but fewer prepared ones. One sort, then one pass per clause
    over its own comments: linear in the number of comments."""
    numbers = np.asarray(clauses, dtype=np.int64)
    row_of = np.full(len(numbers), -1, np.int64)
    row_of[kept] = np.arange(len(kept))
    mine = numbers[prepared]
    order = np.lexsort((prepared, mine))
    members_sorted, clause_sorted = prepared[order], mine[order]
    cuts = np.flatnonzero(np.diff(clause_sorted)) + 1
    starts = np.concatenate([[0], cuts]).astype(np.int64)
    groups = (
        {
            int(clause_sorted[start]): part
            for start, part in zip(starts, np.split(members_sorted, cuts), strict=True)
        }
        if len(order)
        else {}
    )
    plan: list[tuple[int, list[int]]] = []
    skipped: list[int] = []
    for clause in np.unique(numbers).tolist():
        members = groups.get(int(clause), np.zeros(0, np.int64))
        if len(members) < minimum:
            skipped.append(int(clause))
            continue
        rows = row_of[members]
        has = rows >= 0
        ranked = members[has]
        if len(ranked):
            points = vectors[rows[has]]
            centre = points.mean(axis=0)
            norm = np.linalg.norm(centre)
            closeness = points @ (centre / norm if norm else centre)
            ranked = ranked[np.lexsort((ranked, -np.round(closeness, 9)))]
        plan.append((int(clause), [int(i) for i in ranked] + [int(i) for i in members[~has]]))
    return plan, skipped


def _stance_summaries(
    closest: Sequence[int],
    stances: Sequence[str],
    sentences: dict[int, list[tuple[str, str]]],
    weights: dict[str, float],
    *,
    count: int,
    max_words: int,
) -> list[tuple[str, tuple[SummarySentence, ...]]]:
    """For each stance present among `closest` (comments, the most typical first), the
    summary of up to `SUMMARY_SAMPLE` of its own comments, the most typical."""
    return [
        (
            stance,
            tuple(_summary(sorted(near), sentences, weights, count=count, max_words=max_words)),
        )
        for stance, near in _typical_by_stance(closest, stances).items()
    ]


def _typical_by_stance(closest: Sequence[int], stances: Sequence[str]) -> dict[str, list[int]]:
    """For each stance present among `closest` (the most typical first, in `STANCES`' order),
    its first `SUMMARY_SAMPLE` comments: those whose sentences compete for its summary."""
    out: dict[str, list[int]] = {}
    for stance in STANCES:
        near = [int(i) for i in closest if stances[int(i)] == stance][:SUMMARY_SAMPLE]
        if near:
            out[stance] = near
    return out


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
    clauses: Sequence[int] | None = None,
    min_clause_comments: int = MIN_CLAUSE_COMMENTS,
) -> TopicResult:
    if stances is not None and len(stances) != n:
        raise ValueError("stances and texts differ in length")
    if clauses is not None and len(clauses) != n:
        raise ValueError("clauses and texts differ in length")
    embed: Embedder[Any] = embedder if embedder is not None else TfidfEmbedder(seed=seed)
    parts = [runner.submit(_prepare_chunk, texts, start, max_chars) for start, texts in chunks]
    partials = runner.gather([runner.submit(embed.partial, p) for p in parts])
    infos: list[_PartitionInfo] = runner.gather([runner.submit(_info, p) for p in parts])
    usable = np.asarray([i for info in infos for i in info.usable], dtype=np.int64)
    skipped: Counter[str] = Counter()
    for info in infos:
        skipped.update(info.skipped.values())
    pieced = sum(len(info.pieced) for info in infos)

    vectors, keep = embed.combine(partials)
    skipped["no_shared_words"] += int(np.count_nonzero(~keep))
    prepared = usable
    usable = usable[keep] if len(keep) else usable[:0]
    clause_plan: list[tuple[int, list[int]]] = []
    clauses_skipped: list[int] = []
    if clauses is not None:
        clause_plan, clauses_skipped = _clause_members(
            clauses, prepared, usable, vectors, min_clause_comments
        )
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

    summary_wanted: list[int] = []

    def sample(
        key: int, closest: Any, into: list[dict[int, list[int]]], *, whole: bool = True
    ) -> None:
        # What describing one topic or clause reads: its first comments for the phrases, and
        # those whose sentences compete for its summary (`whole`: the summary of all its
        # comments; with stances, each stance's).
        for p, indices in enumerate(by_partition(closest[:PHRASE_SAMPLE])):
            if indices:
                into[p][key] = indices
        if whole:
            summary_wanted.extend(int(i) for i in closest[:SUMMARY_SAMPLE])
        if stances is not None:
            for near in _typical_by_stance(closest, stances).values():
                summary_wanted.extend(near)

    phrase_requests: list[dict[int, list[int]]] = [{} for _ in chunks]
    for number, (_, closest) in enumerate(found, start=1):
        sample(number, closest, phrase_requests)
    clause_requests: list[dict[int, list[int]]] = [{} for _ in chunks]
    for clause, ranked in clause_plan:
        sample(clause, ranked, clause_requests, whole=stances is None)
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

    clause_parts: list[dict[int, _PhraseCounts]] = (
        runner.gather(
            [
                runner.submit(_phrase_counts_apart, p, r)
                for p, r in zip(parts, clause_requests, strict=True)
            ]
        )
        if clause_plan
        else []
    )
    clause_counts: dict[int, dict[str, list[int]]] = {}
    clause_written: dict[int, dict[str, Counter[str]]] = {}
    for apart in clause_parts:
        for clause, pc in apart.items():
            into = clause_counts.setdefault(clause, {})
            for table in pc.counts.values():
                for phrase, (a, b) in table.items():
                    cell = into.setdefault(phrase, [0, 0])
                    cell[0] += a
                    cell[1] += b
            forms_of = clause_written.setdefault(clause, {})
            for phrase, forms in pc.written.items():
                forms_of.setdefault(phrase, Counter()).update(forms)
    described: list[ClauseSummary] = []
    for clause, ranked in clause_plan:
        # the clause alone: phrases weighted by their share of its comments
        clause_phrases, clause_weights = _key_phrases(
            {clause: clause_counts.get(clause, {})},
            clause_written.get(clause, {}),
            {clause: min(len(ranked), PHRASE_SAMPLE)},
            key_phrases,
        )
        weights_of = clause_weights.get(clause, {})
        parts_of: list[tuple[str, tuple[SummarySentence, ...]]] = []
        if stances is not None:
            parts_of = _stance_summaries(
                ranked,
                stances,
                sentences,
                weights_of,
                count=summary_sentences,
                max_words=summary_words,
            )
            said = tuple(x for _, part in parts_of for x in part)
        else:
            said = tuple(
                _summary(
                    sorted(ranked[:SUMMARY_SAMPLE]),
                    sentences,
                    weights_of,
                    count=summary_sentences,
                    max_words=summary_words,
                )
            )
        described.append(
            ClauseSummary(
                clause=clause,
                members=tuple(sorted(ranked)),
                key_phrases=tuple(clause_phrases.get(clause, [])),
                sentences=said,
                by_stance=tuple(parts_of),
            )
        )

    labels = np.zeros(n, np.int64)
    result: list[Topic] = []
    for number, (_, closest) in enumerate(found, start=1):
        members = tuple(sorted(int(i) for i in closest))
        labels[list(members)] = number
        by_stance: list[tuple[str, tuple[SummarySentence, ...]]] = []
        if stances is not None:
            by_stance = _stance_summaries(
                [int(i) for i in closest],
                stances,
                sentences,
                weights.get(number, {}),
                count=summary_sentences,
                max_words=summary_words,
            )
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
        pieced=pieced,
        method=embed.name,
        k=clustering.k,
        silhouette=clustering.silhouette,
        silhouette_by_k=clustering.scores,
        clauses=tuple(described),
        clauses_skipped=tuple(clauses_skipped),
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
    clauses: Sequence[int] | None = None,
    min_clause_comments: int = MIN_CLAUSE_COMMENTS,
) -> TopicResult:
    """Topics of the comments `texts` of one clause, computed in this process
    (`partition_size`: in partitions of that many, as on a cluster; same result).
    With `clauses` (a number per text), also each clause's own summary (`run_topics`)."""
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
        clauses=clauses,
        min_clause_comments=min_clause_comments,
    )
