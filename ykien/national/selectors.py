"""Reads of the national app: the mode of a draft, a person's current ballot, and the results.

The results are built from the rolled-up counts (at most 34 provinces × (articles + 1) rows),
never from the ballots, and kept per process for ``RESULTS_TTL`` seconds (the counts change only
at a rollup, which forgets them in its own process): a results page or API answer costs a
dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ykien.national.models import (
    STANCE_NAMES,
    Ballot,
    BallotComment,
    NationalMode,
    TallyCount,
)
from ykien.national.provinces import by_code, provinces

#: Seconds a process keeps a draft's results before reading the counts again.
RESULTS_TTL = 10.0


def mode_of(*, draft_id: int) -> NationalMode | None:
    """The national mode of a draft (with the draft and its unit), or ``None``."""
    return (
        NationalMode.objects.select_related("draft", "draft__unit")
        .filter(draft_id=draft_id)
        .first()
    )


def modes_public() -> list[NationalMode]:
    """Every national ballot that is or was open, newest first."""
    return list(
        NationalMode.objects.select_related("draft")
        .exclude(status="planned")
        .order_by("-start", "-id")
    )


@dataclass(frozen=True)
class CurrentBallot:
    overall: str
    stances: dict[str, str]  # article number → stance
    comments: dict[str, str]
    revision: int
    submitted_at: dt.datetime


def ballot_of(*, mode: NationalMode, subject_hash: str) -> CurrentBallot | None:
    """The current ballot of the person ``subject_hash`` on the mode's draft, unpacked."""
    ballot = Ballot.objects.filter(draft_id=mode.draft_id, subject_hash=subject_hash).first()
    if ballot is None:
        return None
    numbers = [str(a["number"]) for a in mode.articles]
    raw = bytes(ballot.stances)
    stances = {n: STANCE_NAMES[raw[i]] for i, n in enumerate(numbers) if i < len(raw)}
    comments = dict(
        BallotComment.objects.filter(draft_id=mode.draft_id, ballot_id=ballot.pk).values_list(
            "article", "text"
        )
    )
    return CurrentBallot(
        STANCE_NAMES[ballot.overall], stances, comments, ballot.revision, ballot.submitted_at
    )


@dataclass
class Tally:
    agree: int = 0
    disagree: int = 0
    none: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.none

    def share(self, part: int) -> float:
        """``part`` of the total, in per cent with one decimal (0 when there is none)."""
        return round(100.0 * part / self.total, 1) if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "agree": self.agree,
            "disagree": self.disagree,
            "none": self.none,
            "total": self.total,
            "agree_share": self.share(self.agree),
            "disagree_share": self.share(self.disagree),
            "none_share": self.share(self.none),
        }

    def add(self, other: Tally) -> None:
        self.agree += other.agree
        self.disagree += other.disagree
        self.none += other.none


@dataclass
class Results:
    """The counts of one draft: ``national[i]`` for the whole draft (0) and article i, and
    ``by_province[code][i]`` the same in each province."""

    draft_id: int
    articles: list[dict[str, str]]
    rolled_up_at: dt.datetime | None
    ballots: int
    national: list[Tally]
    by_province: dict[str, list[Tally]] = field(default_factory=dict)

    def province_rows(self, position: int = 0) -> list[dict[str, Any]]:
        """Each of the 34 provinces with its counts at ``position`` (0: the whole draft)."""
        rows = []
        for p in provinces():
            cells = self.by_province.get(p.code)
            tally = cells[position] if cells else Tally()
            rows.append(
                {"code": p.code, "name": p.short, "lat": p.lat, "lng": p.lng, **tally.as_dict()}
            )
        return rows


_CACHE: dict[int, tuple[float, Results]] = {}
# The results page as sent to a visitor who is not signed in, per (draft, province, language):
# the same bytes for everyone, so it is rendered once per ``RESULTS_TTL`` seconds per process.
_PAGES: dict[tuple[int, str, str], tuple[float, bytes]] = {}
_LOCK = threading.Lock()


def forget_results(draft_id: int) -> None:
    with _LOCK:
        _CACHE.pop(draft_id, None)
        for key in [key for key in _PAGES if key[0] == draft_id]:
            _PAGES.pop(key, None)


def shared_page(*, draft_id: int, province: str, language: str) -> bytes | None:
    """The results page kept for ``(draft_id, province, language)``, if still fresh."""
    hit = _PAGES.get((draft_id, province, language))
    return hit[1] if hit is not None and hit[0] > time.monotonic() else None


def keep_shared_page(*, draft_id: int, province: str, language: str, content: bytes) -> None:
    with _LOCK:
        _PAGES[(draft_id, province, language)] = (time.monotonic() + RESULTS_TTL, content)


def results(*, mode: NationalMode) -> Results:
    """The rolled-up results of the mode's draft (kept ``RESULTS_TTL`` seconds per process)."""
    hit = _CACHE.get(mode.draft_id)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    width = len(mode.articles) + 1
    national = [Tally() for _ in range(width)]
    by_province: dict[str, list[Tally]] = {}
    known = by_code()
    for province, article, agree, disagree, none in TallyCount.objects.filter(
        draft_id=mode.draft_id
    ).values_list("province", "article", "agree", "disagree", "none"):
        if article >= width:
            continue
        cell = Tally(agree, disagree, none)
        national[article].add(cell)
        if province in known:
            by_province.setdefault(province, [Tally() for _ in range(width)])[article] = cell
    fresh = NationalMode.objects.values_list("rolled_up_at", "ballots").get(pk=mode.pk)
    found = Results(
        draft_id=mode.draft_id,
        articles=[{"number": str(a["number"]), "title": str(a["title"])} for a in mode.articles],
        rolled_up_at=fresh[0],
        ballots=int(fresh[1]),
        national=national,
        by_province=by_province,
    )
    with _LOCK:
        _CACHE[mode.draft_id] = (time.monotonic() + RESULTS_TTL, found)
    return found
