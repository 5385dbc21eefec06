"""Vietnamese text normalisation, folding, tokens and word segmentation.

Pure functions, no Django: they run in a web process, a task worker or a Dask worker.

Stable names other apps rely on:

- `normalize(text)`: NFC, one tone-mark placement, clean whitespace and punctuation.
- `fold(text)`: `normalize`, lower case, diacritics removed (đ → d): "Giám sát" → "giam sat".
- `tokens(text)`: the words of `fold(text)` (letters and digits; punctuation dropped).
- `segment(text)`: Vietnamese words with pyvi ("dự thảo" is one word).
- `STOPWORDS`: Vietnamese function words, as written (with diacritics, lower case);
  `STOPWORDS_FOLDED` holds the same words folded.

The duplicate detector needs the tokens of a million comments in seconds, which a
Python loop over words cannot give; `hash_tokens(texts)` computes the 64-bit hash of
every token of `tokens(text)` with numpy over the code points of a whole batch at once
(`token_hash(word)` is the same hash, one word at a time).

Tone-mark placement
-------------------
Vietnamese is written with two conventions for where the tone mark sits on a syllable
with more than one vowel: the old style ("hòa", "thủy", "khỏe") and the new style
("hoà", "thuỷ", "khoẻ"), set out in the 1980s rules of the Ministry of Education which
put the mark on the main vowel. Both are common; a search for one must find the other.
`normalize` rewrites every syllable to the new style:

1. The onset is removed first; in "qu" the "u", and in "gi" followed by another vowel
   the "i", belong to the onset ("quý", "giá": never "qúy", "gía").
2. If the vowel group has a vowel with a shape mark (ă â ê ô ơ ư), the tone goes on
   it, on the last one if two have it ("người", "rượu", "thuở", "tuổi").
3. Otherwise, if a final consonant follows the vowels, on the last vowel ("hoàng", "huỳnh").
4. Otherwise, of three vowels on the middle one ("ngoài", "khuỷu"); of two, on the
   second for "oa", "oe", "uy" ("hoà", "khoẻ", "thuỷ") and on the first otherwise
   ("mùa", "tài", "kìa").

A word that is not a Vietnamese syllable (foreign words, two tone marks, a vowel group
longer than three) is left as written.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "STOPWORDS",
    "STOPWORDS_FOLDED",
    "fold",
    "hash_tokens",
    "normalize",
    "segment",
    "strip_diacritics",
    "token_hash",
    "tokens",
]

# --- tone marks -------------------------------------------------------------------

_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền sắc ngã hỏi nặng
_VOWELS = "aăâeêioôơuưy"
_SHAPED_VOWELS = frozenset("ăâêôơư")
_ONSETS = frozenset(
    [
        "",
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ]
)
_CODAS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"])
_SECOND_VOWEL_PAIRS = frozenset({"oa", "oe", "uy"})


def _build_tone_tables() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    split: dict[str, tuple[str, str]] = {}
    compose: dict[tuple[str, str], str] = {}
    for vowel in _VOWELS + _VOWELS.upper():
        for mark in _TONE_MARKS:
            toned = unicodedata.normalize("NFC", vowel + mark)
            split[toned] = (vowel, mark)
            compose[(vowel, mark)] = toned
    return split, compose


_TONE_SPLIT, _TONE_COMPOSE = _build_tone_tables()
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_TONED = frozenset(_TONE_SPLIT)


def _tone_position(lower: str) -> int | None:
    """Index in `lower` (a toneless, lower-case word) where the tone mark belongs."""
    n = len(lower)
    start = 0
    while start < n and lower[start] not in _VOWELS:
        start += 1
    if start == n:
        return None
    onset = lower[:start]
    # In "qu" and in "gi" before another vowel, the u / i belongs to the onset.
    if start + 1 < n and lower[start + 1] in _VOWELS and onset + lower[start] in ("qu", "gi"):
        onset += lower[start]
        start += 1
    if onset not in _ONSETS:
        return None
    end = start
    while end < n and lower[end] in _VOWELS:
        end += 1
    coda = lower[end:]
    if coda not in _CODAS or not 1 <= end - start <= 3:
        return None
    group = lower[start:end]
    shaped = [i for i, ch in enumerate(group) if ch in _SHAPED_VOWELS]
    if shaped:
        return start + shaped[-1]
    if coda:
        return end - 1
    if len(group) == 3:
        return start + 1
    if len(group) == 2:
        return start + 1 if group in _SECOND_VOWEL_PAIRS else start
    return start


def _retone_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) < 2 or _TONED.isdisjoint(word):
        return word
    chars = list(word)
    mark = ""
    marked = 0
    for i, ch in enumerate(chars):
        split = _TONE_SPLIT.get(ch)
        if split is not None:
            chars[i], mark = split
            marked += 1
    if marked != 1:
        return word
    pos = _tone_position("".join(chars).lower())
    if pos is None:
        return word
    target = _TONE_COMPOSE.get((chars[pos], mark))
    if target is None:
        return word
    chars[pos] = target
    return "".join(chars)


# --- whitespace and punctuation ----------------------------------------------------

_PUNCT_TABLE = str.maketrans(
    {
        # zero-width and invisible characters, soft hyphen: removed
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        # typographic quotes, dashes, ellipsis, full-width punctuation: plain ASCII
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\uff0c": ",",
        "\u3002": ".",
        "\uff0e": ".",
        "\uff01": "!",
        "\uff1f": "?",
        "\uff1a": ":",
        "\uff1b": ";",
        "\uff08": "(",
        "\uff09": ")",
    }
)
_SPACE_BEFORE_RE = re.compile(r" +([,.;:!?)\]}%])")
_SPACE_AFTER_RE = re.compile(r"([(\[{]) +")
_REPEATED_RE = re.compile(r"([!?,;:])\1+")


def _clean(text: str) -> str:
    """Punctuation to plain forms, whitespace runs to one space, no space before , . ! ?"""
    text = text.translate(_PUNCT_TABLE)
    text = " ".join(text.split())
    text = _SPACE_BEFORE_RE.sub(r"\1", text)
    text = _SPACE_AFTER_RE.sub(r"\1", text)
    return _REPEATED_RE.sub(r"\1", text)


def normalize(text: str) -> str:
    """NFC, new-style tone marks (see the module docstring), clean whitespace and punctuation.

    >>> normalize("  Hòa bình ,  thủy   lợi…")
    'Hoà bình, thuỷ lợi...'
    """
    text = unicodedata.normalize("NFC", text)
    text = _clean(text)
    return _LETTERS_RE.sub(_retone_word, text)


# --- folding ------------------------------------------------------------------------


def _build_strip_table() -> dict[int, int | None]:
    """Every BMP character that is one base letter plus combining marks → the base letter;
    combining marks → removed; đ/Đ → d/D.  Hangul and other multi-letter decompositions
    are left alone."""
    table: dict[int, int | None] = {0x0111: ord("d"), 0x0110: ord("D")}
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch):
            table[cp] = None
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[cp] = ord(decomposed[0])
    # đ-like letters that Unicode does not decompose but Vietnamese readers fold
    table[0x0189] = ord("D")  # Ɖ (often typed for Đ)
    return table


_STRIP_TABLE = _build_strip_table()


def strip_diacritics(text: str) -> str:
    """Remove tone and shape marks, keep case: "Đồng Tháp" → "Dong Thap"."""
    return unicodedata.normalize("NFC", text).translate(_STRIP_TABLE)


def fold(text: str) -> str:
    """`normalize`, then lower case without diacritics, for matching and search.

    >>> fold("Giám sát, Phản biện XÃ HỘI — Đồng Tháp")
    'giam sat, phan bien xa hoi - dong thap'
    """
    # Tone placement cannot change the result once the marks are gone, so it is skipped.
    return _clean(unicodedata.normalize("NFC", text)).lower().translate(_STRIP_TABLE)


_WORD_RE = re.compile(r"[^\W_]+")


def tokens(text: str, *, keep_diacritics: bool = False) -> list[str]:
    """Lower-case words (runs of letters and digits) of `text`; folded unless asked not to.

    >>> tokens("Điều 5, khoản 2: hoà giải!")
    ['dieu', '5', 'khoan', '2', 'hoa', 'giai']
    """
    if keep_diacritics:
        return _WORD_RE.findall(normalize(text).lower())
    return _WORD_RE.findall(fold(text))


# --- word segmentation ---------------------------------------------------------------


def segment(text: str) -> list[str]:
    """Vietnamese words of `normalize(text)` found by pyvi; a word of several syllables
    is one item with spaces ("dự thảo"); punctuation is dropped; case is kept.

    >>> segment("Tôi đề nghị sửa dự thảo.")
    ['Tôi', 'đề nghị', 'sửa', 'dự thảo']
    """
    # pyvi joins syllables with "_": an underscore in the input would be ambiguous.
    text = normalize(text.replace("_", " "))
    if not text:
        return []
    tokenizer = _pyvi_tokenizer()
    return [
        word.replace("_", " ")
        for word in tokenizer.tokenize(text).split()
        if any(ch.isalnum() for ch in word)
    ]


@functools.cache
def _pyvi_tokenizer() -> Any:  # pyvi has no type hints
    # Imported on first use: loading the CRF model takes about a second.
    from pyvi import ViTokenizer

    return ViTokenizer


# --- stop words -----------------------------------------------------------------------


def _load_stopwords() -> frozenset[str]:
    raw = resources.files("ykien.analysis").joinpath("data/stopwords_vi.txt").read_text("utf-8")
    words = set()
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize(line).lower())
    return frozenset(words)


STOPWORDS: frozenset[str] = _load_stopwords()
STOPWORDS_FOLDED: frozenset[str] = frozenset(fold(word) for word in STOPWORDS)


# --- fast path: hashed tokens of many texts at once ------------------------------------

_MASK64 = (1 << 64) - 1
_POLY = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_POLY_INV = pow(_POLY, -1, 1 << 64)
_SEPARATOR = 0
_DELETE = 0xFFFFFFFF
_U64 = np.uint64


def _fold_code_point(cp: int) -> int:
    """What one code point becomes in `tokens`: a code point, _SEPARATOR or _DELETE."""
    if 0xD800 <= cp <= 0xDFFF:
        return _SEPARATOR
    folded = unicodedata.normalize("NFC", chr(cp)).lower().translate(_STRIP_TABLE)
    if not folded:
        return _DELETE
    first = folded[0]
    if first.isalnum() and first != "_":
        return ord(first)
    return _SEPARATOR


@functools.cache
def _bmp_table() -> npt.NDArray[np.uint32]:
    table = np.fromiter((_fold_code_point(cp) for cp in range(0x10000)), np.uint32, 0x10000)
    table.setflags(write=False)
    return table


_POWERS_LOCK = threading.Lock()
_powers: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] = (
    np.ones(1, _U64),
    np.ones(1, _U64),
)


def _poly_powers(length: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """_POLY**i and _POLY_INV**i modulo 2**64 for i < length (cached, grown on demand)."""
    global _powers
    forward, inverse = _powers
    if len(forward) >= length:
        return forward, inverse
    with _POWERS_LOCK:
        size = max(length, 2 * len(_powers[0]), 1 << 16)
        forward = np.full(size, _POLY, _U64)
        forward[0] = 1
        np.cumprod(forward, out=forward)
        inverse = np.full(size, _POLY_INV, _U64)
        inverse[0] = 1
        np.cumprod(inverse, out=inverse)
        forward.setflags(write=False)
        inverse.setflags(write=False)
        _powers = (forward, inverse)
    return _powers


def mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser, in place on a copy: spreads every input bit over the output."""
    x = x ^ (x >> _U64(30))
    x *= _U64(0xBF58476D1CE4E5B9)
    x ^= x >> _U64(27)
    x *= _U64(0x94D049BB133111EB)
    x ^= x >> _U64(31)
    return x


def _mix64_int(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASK64
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def token_hash(token: str) -> int:
    """64-bit hash of one token, as `hash_tokens` computes it (stable across processes)."""
    h = 0
    power = 1
    for ch in token:
        h = (h + ord(ch) * power) & _MASK64
        power = (power * _POLY) & _MASK64
    return _mix64_int(h)


def hash_tokens(
    texts: Sequence[str],
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """Hash every token of every text: `[token_hash(t) for t in tokens(text)]`, vectorised.

    Returns `(hashes, offsets)`: the tokens of `texts[i]` are `hashes[offsets[i]:offsets[i+1]]`.
    Agrees with `tokens()` on Vietnamese, Latin and most other scripts; it differs only
    where lower-casing depends on context (Greek final sigma) or gives several letters.
    """
    n = len(texts)
    if n == 0:
        return np.empty(0, _U64), np.zeros(1, np.int64)
    # NUL before, between and after the texts: it folds to a separator, so no token
    # spans two texts and every token has a non-word character on both sides.
    joined = "\x00" + "\x00".join(texts) + "\x00"
    code_points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), "<u4")
    del joined
    # position of the NUL that ends each text
    boundaries = np.cumsum(np.fromiter((len(t) + 1 for t in texts), np.int64, n))
    # mode="clip": beyond the BMP reads the last entry, then is fixed below
    folded = _bmp_table().take(code_points, mode="clip")
    if int(code_points.max()) > 0xFFFF:
        where = np.flatnonzero(code_points > 0xFFFF)
        values, inverse = np.unique(code_points[where], return_inverse=True)
        mapped = np.fromiter((_fold_code_point(int(v)) for v in values), np.uint32, len(values))
        folded[where] = mapped[inverse]
    del code_points
    deleted = np.flatnonzero(folded == _DELETE)
    if len(deleted):
        # combining marks left after NFC-less input: drop them, shift the boundaries
        folded = np.delete(folded, deleted)
        boundaries -= np.searchsorted(deleted, boundaries)
    is_word = folded != _SEPARATOR
    # The text starts and ends with a separator, so word edges alternate: start, end, ...
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    del is_word
    starts, ends = edges[0::2], edges[1::2]  # ends are exclusive
    offsets = np.zeros(n + 1, np.int64)
    offsets[1:] = np.searchsorted(starts, boundaries)
    if len(starts) == 0:
        return np.empty(0, _U64), offsets
    # Polynomial hash of each token from prefix sums:
    #   sum_{j=s}^{e-1} c_j P^j = P^s * sum_t c_{s+t} P^t, then multiply by P^-s.
    forward, inverse_powers = _poly_powers(len(folded))
    prefix = np.multiply(folded, forward[: len(folded)], dtype=_U64)
    del folded
    np.cumsum(prefix, out=prefix)
    raw = prefix.take(ends - 1)
    raw -= prefix.take(starts - 1)  # starts >= 1: position 0 is a separator
    raw *= inverse_powers.take(starts)
    return mix64(raw), offsets
