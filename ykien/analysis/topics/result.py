"""The result of a topics run: its topics, each input's label, and what was skipped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ykien.analysis.topics.describe import SummarySentence
from ykien.analysis.topics.prepare import IntArray


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
class ClauseSummary:
    """The comments written on one clause, summarised from that clause's comments only:
    its key phrases and, with stances, what those who agree say, what those who disagree
    say and what is proposed instead (`by_stance`, in the order of `STANCES`); every
    sentence quoted as written, with the comments it comes from (positions in the input)."""

    clause: int  # the caller's number for the clause (`topics(..., clauses=...)`)
    members: tuple[int, ...]  # its comments that could be analysed, in input order
    key_phrases: tuple[str, ...]
    #: Without stances: one summary of all its comments; with stances, the parts one after
    #: the other.
    sentences: tuple[SummarySentence, ...]
    by_stance: tuple[tuple[str, tuple[SummarySentence, ...]], ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class TopicResult:
    topics: list[Topic]
    labels: IntArray  # per input text: its topic number, 0 when skipped
    skipped: dict[str, int]  # reason → count (reasons in SKIP_REASONS)
    pieced: int  # comments longer than max_chars, analysed whole in pieces (never cut)
    method: str
    k: int
    silhouette: float | None
    silhouette_by_k: dict[int, float]
    #: With `clauses`: each clause with at least `min_clause_comments` analysable comments,
    #: summarised on its own, in the order of the clause numbers.
    clauses: tuple[ClauseSummary, ...] = ()
    #: With `clauses`: the numbers of the clauses with comments but fewer analysable ones
    #: than the minimum (not summarised, never dropped silently).
    clauses_skipped: tuple[int, ...] = ()

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
            "pieced": self.pieced,
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
