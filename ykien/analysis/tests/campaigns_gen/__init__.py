"""An adversarial set of form-letter campaigns hidden among other comments.

Written independently of the duplicate detector: it makes the variations that organisers
and citizens actually make, whether or not the method handles them, and near-miss letters
that must *not* be grouped with a campaign.

- **Templates.** Hand-written civic form letters (greeting, three to five arguments, a
  request, a closing). `TUNING` templates may be looked at while tuning the method;
  `HELD_OUT` templates (and seeds 1000 and above) are for the final figures only.
- **Copies.** Each copy of a template gets, at random: a personal introduction ("Tôi là
  …, cư trú tại …") and sometimes a personal sentence; one or more sentences dropped (at
  least two thirds kept); sentences reordered; words swapped for synonyms; typos (letters
  swapped, dropped, doubled, a wrong tone mark); no diacritics at all; old tone-mark
  placement ("hòa", "thủy", "khỏe"); punctuation spaced out or dropped; lower or upper
  case; decomposed Unicode (NFD); line breaks.
- **Near misses.** Letters on the same topic as a template that share exactly one of its
  sentences (often the greeting or the request) but argue something else: not the
  campaign. Two templates of one topic share a sentence too.
- **Background.** Organic comments built from hand-written civic sentences and from real
  Vietnamese text written outside this project: the Vietnamese translations shipped with
  Django (always installed) and, when present, Debian's (`/usr/share/locale/vi`). A
  handful of stock one-liners ("Tôi hoàn toàn đồng ý với dự thảo.") typed by many people
  form their own duplicate groups, as they would in real data.

`generate(...)` returns texts, true labels (a group number, -1 for no group), the kind of
each text and, for the campaign evidence, timestamps, account keys and a campaign flag.
Deterministic for a seed.

The texts are in `texts`, the variations in `variations`; callers import from this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ykien.analysis.tests.campaigns_gen.texts import (
    HELD_OUT,
    ORGANIC,
    OTHER_POINTS,
    STOCK,
    SYNONYMS,
    TUNING,
)
from ykien.analysis.tests.campaigns_gen.variations import (
    Variation,
    copy_of,
    near_miss,
    old_tone_marks,
    organic,
    real_sentences,
    strip_marks,
)

# --- the set --------------------------------------------------------------------------------

KIND_ORGANIC = "organic"
KIND_COPY = "copy"
KIND_NEAR_MISS = "near_miss"
KIND_STOCK = "stock"

START = 1_751_328_000.0  # 2025-07-01 00:00 UTC
PERIOD = 30 * 86_400.0
DEFAULT_VARIATION = Variation()  # every variation at its usual rate


@dataclass
class CampaignSet:
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # group number; -1: in no group
    kinds: list[str] = field(default_factory=list)
    timestamps: list[float] = field(default_factory=list)  # POSIX seconds
    accounts: list[str] = field(default_factory=list)  # "u:…" accounts, "a:…" anonymous
    coordinated: dict[int, bool] = field(default_factory=dict)  # label → posted as a campaign

    def add(self, text: str, label: int, kind: str, ts: float, account: str) -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.kinds.append(kind)
        self.timestamps.append(ts)
        self.accounts.append(account)

    def labels_array(self) -> np.ndarray:
        return np.asarray(self.labels, dtype=np.int64)


def generate(
    *,
    seed: int,
    templates: str = "tuning",
    sizes: tuple[int, ...] = (2, 3, 5, 12, 40, 120, 500),
    organic_n: int = 1600,
    near_misses_per_template: int = 8,
    stock_n: int = 40,
    variation: Variation = DEFAULT_VARIATION,
    real: bool = True,
) -> CampaignSet:
    """A shuffled set: every template of `templates` ("tuning", "held_out" or "all") is
    copied as one campaign, its size drawn from `sizes` (each size used at least once
    while there are templates left); near misses, stock one-liners and organic comments
    around them. Labels: one per template (copies), one per stock phrase, -1 otherwise."""
    rng = np.random.default_rng(seed)
    chosen = {"tuning": TUNING, "held_out": HELD_OUT, "all": TUNING + HELD_OUT}[templates]
    pool = real_sentences() if real else ()
    used: set[int] = set()
    rows: list[tuple[str, int, str, float, str]] = []
    coordinated_of: dict[int, bool] = {}
    size_list = list(sizes) + [
        int(s) for s in rng.choice(sizes, size=max(0, len(chosen) - len(sizes)))
    ]
    rng.shuffle(size_list)
    account_no = 0

    def new_account(prefix: str = "u") -> str:
        nonlocal account_no
        account_no += 1
        return f"{prefix}:{account_no}"

    for number, (topic, template) in enumerate(chosen):
        size = size_list[number % len(size_list)]
        coordinated = size >= 5 and rng.random() < 0.8
        coordinated_of[number] = coordinated
        burst_start = START + float(rng.random()) * (PERIOD - 86_400)
        ring = [new_account() for _ in range(max(2, size // 10))]
        for _ in range(size):
            if coordinated:
                ts = burst_start + float(rng.exponential(3 * 3600.0))
                account = (
                    ring[int(rng.integers(0, len(ring)))]
                    if rng.random() < 0.5
                    else new_account("a")
                )
            else:
                ts = START + float(rng.random()) * PERIOD
                account = new_account()
            rows.append((copy_of(template, rng, variation), number, KIND_COPY, ts, account))
        for _ in range(near_misses_per_template):
            rows.append(
                (
                    near_miss(topic, template, rng, pool, used),
                    -1,
                    KIND_NEAR_MISS,
                    START + float(rng.random()) * PERIOD,
                    new_account(),
                )
            )
    base = len(chosen)
    for _ in range(stock_n):
        k = int(rng.integers(0, len(STOCK)))
        text = STOCK[k]
        if rng.random() < 0.3:
            text = strip_marks(text)
        if rng.random() < 0.2:
            text = text.lower().rstrip(".")
        rows.append(
            (text, base + k, KIND_STOCK, START + float(rng.random()) * PERIOD, new_account())
        )
    for _ in range(organic_n):
        rows.append(
            (
                organic(rng, pool, used),
                -1,
                KIND_ORGANIC,
                START + float(rng.random()) * PERIOD,
                new_account(),
            )
        )
    order = rng.permutation(len(rows))
    out = CampaignSet()
    for i in order:
        out.add(*rows[i])
    out.coordinated = coordinated_of
    # a stock phrase typed once is in no group
    labels = np.asarray(out.labels)
    for k in range(len(STOCK)):
        if (labels == base + k).sum() == 1:
            out.labels[int(np.flatnonzero(labels == base + k)[0])] = -1
    return out


__all__ = [
    "DEFAULT_VARIATION",
    "HELD_OUT",
    "KIND_COPY",
    "KIND_NEAR_MISS",
    "KIND_ORGANIC",
    "KIND_STOCK",
    "ORGANIC",
    "OTHER_POINTS",
    "PERIOD",
    "START",
    "STOCK",
    "SYNONYMS",
    "TUNING",
    "CampaignSet",
    "Variation",
    "copy_of",
    "generate",
    "near_miss",
    "old_tone_marks",
    "organic",
    "real_sentences",
    "strip_marks",
]
