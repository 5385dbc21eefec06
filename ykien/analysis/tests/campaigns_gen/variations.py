"""The variations of a copy, near misses and organic comments; the real Vietnamese sentences
written outside this project that organic comments draw from."""

from __future__ import annotations

import gettext
import glob
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ykien.analysis.tests.campaigns_gen.texts import (
    _G_VERB,
    _G_WHAT,
    _G_WHO,
    _G_WHY,
    _G_X,
    _G_Y,
    _G_Z,
    GIVEN,
    INTROS,
    JOBS,
    MIDDLE,
    ORGANIC,
    OTHER_POINTS,
    PERSONAL,
    PLACES,
    SURNAMES,
    SYNONYMS,
)


def real_sentences() -> tuple[str, ...]:
    """Vietnamese sentences written outside this project: the translations of Django
    (installed with the project) and, when present, those under /usr/share/locale/vi.
    Only entries of 6 to 40 words without format codes, markup or options."""
    files = [Path(p) for p in glob.glob("/usr/share/locale/vi/LC_MESSAGES/*.mo")]
    import django

    root = Path(django.__file__).resolve().parent
    files += sorted(root.glob("**/locale/vi/LC_MESSAGES/*.mo"))
    bad = re.compile(r"[%{}<>\\_`|$@#=*/\[\]]|--|\.\.\.|\b[A-Z]{3,}\b")
    out: set[str] = set()
    for path in sorted(files):
        try:
            with path.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        for value in catalog.values():
            if not isinstance(value, str):
                continue
            text = " ".join(value.split())
            words = text.split()
            if not 6 <= len(words) <= 40 or bad.search(text):
                continue
            if not any(ch in text for ch in "ăâđêôơưáàảãạ"):
                continue
            if text[-1] not in ".!?":
                text += "."
            out.add(text[0].upper() + text[1:])
    return _distinct(sorted(out))


def _distinct(sentences: list[str]) -> tuple[str, ...]:
    """Drop sentences that share half or more of their word pairs with one kept
    before (software messages come in families: "Không thể mở tập tin …"), so that
    two background sentences are never near-duplicates of each other. Brute force over
    an index of word pairs; independent of the detector under test."""
    index: dict[tuple[str, str], list[int]] = {}
    kept: list[set[tuple[str, str]]] = []
    out: list[str] = []
    for sentence in sentences:
        words = re.findall(r"\w+", strip_marks(sentence).lower())
        pairs = set(itertools.pairwise(words))
        if not pairs:
            continue
        seen: dict[int, int] = {}
        for pair in pairs:
            for j in index.get(pair, ()):
                seen[j] = seen.get(j, 0) + 1
        if any(c / min(len(pairs), len(kept[j])) >= 0.5 for j, c in seen.items()):
            continue
        for pair in pairs:
            index.setdefault(pair, []).append(len(kept))
        kept.append(pairs)
        out.append(sentence)
    return tuple(out)


# --- variations ----------------------------------------------------------------------------

_NEW_TO_OLD = {}
for _pair in ("oa", "oe", "uy"):
    for _mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        _new = unicodedata.normalize("NFC", _pair[0] + _pair[1] + _mark)
        _old = unicodedata.normalize("NFC", _pair[0] + _mark + _pair[1])
        _NEW_TO_OLD[_new] = _old
        _NEW_TO_OLD[_new.upper()] = _old.upper()
_OLD_STYLE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(re.escape(k) for k in _NEW_TO_OLD) + r")(?![\w])"
)
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def old_tone_marks(text: str) -> str:
    """New-style tone placement to old style at the end of a syllable: hoà → hòa,
    thuỷ → thủy, khoẻ → khỏe (but quý stays quý)."""
    return _OLD_STYLE_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)], unicodedata.normalize("NFC", text))


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 3:
        return word
    kind = int(rng.integers(0, 5))
    i = int(rng.integers(1, len(word) - 1))
    if kind == 0:  # swap two letters
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 1:  # drop a letter
        return word[:i] + word[i + 1 :]
    if kind == 2:  # double a letter
        return word[:i] + word[i] + word[i:]
    if kind == 3:  # wrong tone mark
        decomposed = unicodedata.normalize("NFD", word)
        marks = [j for j, c in enumerate(decomposed) if c in _TONES]
        if marks:
            j = marks[0]
            other = [t for t in _TONES if t != decomposed[j]]
            decomposed = (
                decomposed[:j] + other[int(rng.integers(0, len(other)))] + decomposed[j + 1 :]
            )
            return unicodedata.normalize("NFC", decomposed)
        return word + word[-1]
    # a neighbouring key
    keys = "qwertyuiopasdfghjklzxcvbnm"
    return word[:i] + keys[int(rng.integers(0, len(keys)))] + word[i + 1 :]


def _synonyms(sentence: str, rng: np.random.Generator, count: int) -> str:
    for _ in range(count):
        options = [group for group in SYNONYMS if any(w in sentence for w in group)]
        if not options:
            break
        group = options[int(rng.integers(0, len(options)))]
        present = [w for w in group if w in sentence]
        old = present[int(rng.integers(0, len(present)))]
        new = [w for w in group if w != old][int(rng.integers(0, len(group) - 1))]
        sentence = sentence.replace(old, new, 1)
    return sentence


def _name(rng: np.random.Generator) -> str:
    parts = [
        SURNAMES[int(rng.integers(0, len(SURNAMES)))],
        MIDDLE[int(rng.integers(0, len(MIDDLE)))],
        GIVEN[int(rng.integers(0, len(GIVEN)))],
    ]
    return " ".join(p for p in parts if p)


def _intro(rng: np.random.Generator) -> str:
    pattern = INTROS[int(rng.integers(0, len(INTROS)))]
    return pattern.format(
        name=_name(rng),
        age=int(rng.integers(19, 86)),
        place=PLACES[int(rng.integers(0, len(PLACES)))],
        job=JOBS[int(rng.integers(0, len(JOBS)))],
    )


@dataclass(frozen=True)
class Variation:
    """Probabilities of each variation of a copy (defaults: the adversarial mix)."""

    intro: float = 0.5
    personal: float = 0.3
    drop: float = 0.4
    reorder: float = 0.3
    synonyms: float = 0.5
    typos: float = 0.35
    no_diacritics: float = 0.2
    old_marks: float = 0.25
    spaced_punct: float = 0.15
    no_punct: float = 0.15
    lower: float = 0.2
    upper: float = 0.03
    nfd: float = 0.1
    line_breaks: float = 0.2
    story: float = 0.1  # a long personal story (three to five sentences) before the letter


def copy_of(template: list[str], rng: np.random.Generator, v: Variation = Variation()) -> str:
    """One copy of a template with random variations."""
    sentences = list(template)
    if rng.random() < v.drop and len(sentences) >= 3:
        keep = max(2, -(-2 * len(sentences) // 3))  # at least two thirds, at least two
        drop = int(rng.integers(1, len(sentences) - keep + 1)) if len(sentences) > keep else 0
        for _ in range(drop):
            sentences.pop(int(rng.integers(0, len(sentences))))
    if rng.random() < v.reorder:
        order = rng.permutation(len(sentences))
        sentences = [sentences[i] for i in order]
    if rng.random() < v.synonyms:
        count = int(rng.integers(1, 5))
        sentences = [
            _synonyms(s, rng, max(1, count // len(sentences) + int(rng.random() < 0.5)))
            for s in sentences
        ]
    if rng.random() < v.story:
        story = rng.choice(len(PERSONAL), size=int(rng.integers(3, 6)), replace=False)
        sentences[0:0] = [PERSONAL[int(i)] for i in story]
    if rng.random() < v.intro:
        sentences.insert(0, _intro(rng))
        if rng.random() < v.personal:
            sentences.insert(1, PERSONAL[int(rng.integers(0, len(PERSONAL)))])
    text = ("\n" if rng.random() < v.line_breaks else " ").join(sentences)
    if rng.random() < v.typos:
        words = text.split(" ")
        for _ in range(int(rng.integers(1, 4))):
            i = int(rng.integers(0, len(words)))
            words[i] = _typo(words[i], rng)
        text = " ".join(words)
    if rng.random() < v.old_marks:
        text = old_tone_marks(text)
    if rng.random() < v.no_diacritics:
        text = strip_marks(text)
    if rng.random() < v.spaced_punct:
        text = re.sub(r"\s*([,.;:!?])", r" \1 ", text)
    elif rng.random() < v.no_punct:
        text = re.sub(r"[,.;:!?()]", "", text)
    r = rng.random()
    if r < v.lower:
        text = text.lower()
    elif r < v.lower + v.upper:
        text = text.upper()
    if rng.random() < v.nfd:
        text = unicodedata.normalize("NFD", text)
    return text


def near_miss(
    topic: str, template: list[str], rng: np.random.Generator, real: tuple[str, ...], used: set[int]
) -> str:
    """A letter on the template's topic that shares exactly one of its sentences, with one
    or two other points of the same topic and two or three sentences of its own."""
    shared = template[int(rng.integers(0, len(template)))]
    pool = OTHER_POINTS[topic]
    own = [pool[i] for i in rng.choice(len(pool), size=int(rng.integers(1, 3)), replace=False)]
    for _ in range(int(rng.integers(2, 4))):
        own.append(_fresh(rng, real, used) or _grammar_sentence(rng))
    sentences = [own[i] for i in rng.permutation(len(own))]
    sentences.insert(int(rng.integers(0, len(sentences) + 1)), shared)
    if rng.random() < 0.5:
        sentences.insert(0, _intro(rng))
    return " ".join(sentences)


def _fresh(rng: np.random.Generator, real: tuple[str, ...], used: set[int]) -> str | None:
    """A real sentence not used yet in this set (any one once all are used)."""
    if not real:
        return None
    for _attempt in range(30):
        i = int(rng.integers(0, len(real)))
        if i not in used or len(used) >= len(real):
            used.add(i)
            return real[i]
    return None


def _grammar_sentence(rng: np.random.Generator) -> str:
    def pick(items: list[str]) -> str:
        return items[int(rng.integers(0, len(items)))]

    what = pick(_G_WHAT).format(
        k=int(rng.integers(1, 9)),
        d=int(rng.integers(1, 60)),
        x=pick(_G_X),
        y=pick(_G_Y),
        z=pick(_G_Z),
    )
    why = pick(_G_WHY)
    return f"{pick(_G_WHO)} {pick(_G_VERB)} {what}{' ' + why if why else ''}."


def organic(rng: np.random.Generator, real: tuple[str, ...], used: set[int]) -> str:
    """1 to 4 sentences, real ones (each used once in a set while any is left, so two
    organic comments rarely share one); a comment of three or more sentences may have one
    of the hand-written civic ones. Without real text, the sentences come from a small
    grammar of civic requests."""
    n = int(rng.integers(1, 5))
    out: list[str] = []
    if n >= 3 and rng.random() < 0.5:
        out.append(ORGANIC[int(rng.integers(0, len(ORGANIC)))])
    while len(out) < n:
        out.append(_fresh(rng, real, used) or _grammar_sentence(rng))
    order = rng.permutation(len(out))
    text = " ".join(out[i] for i in order)
    if rng.random() < 0.15:
        text = strip_marks(text)
    if rng.random() < 0.1:
        text = text.lower()
    return text
