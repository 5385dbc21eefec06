"""Tracking codes: what a citizen is given to follow what they sent (a petition, a Regulation 124
feedback) without an account. One alphabet for the whole platform.

The alphabet has no 0/O, 1/I/L: a code is read aloud on the telephone and typed from paper.
Codes issued before the alphabet was shared (Regulation 124 feedback used one with ``L``) stay
valid: a code is looked up as stored, never re-checked against the alphabet.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 9  # 31⁹ ≈ 2^44.6: not guessable by trying
ATTEMPTS = 10


def new_code(*, length: int = LENGTH, prefix: str = "") -> str:
    """``prefix`` and ``length`` random characters of ``ALPHABET``."""
    return prefix + "".join(secrets.choice(ALPHABET) for _i in range(length))


def unique_code(taken: Callable[[str], bool], *, length: int = LENGTH, prefix: str = "") -> str:
    """A new code for which ``taken(code)`` is false. A unique index must still guard the
    insert: two requests may draw the same code between the check and the save."""
    for _attempt in range(ATTEMPTS):
        code = new_code(length=length, prefix=prefix)
        if not taken(code):
            return code
    raise RuntimeError(f"no free tracking code after {ATTEMPTS} attempts")


def normalise(raw: str, *, limit: int = 32) -> str:
    """Upper case, separators and spaces dropped (``k7m 4qx-9tr`` → ``K7M4QX9TR``)."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:limit]


def grouped(code: str, size: int = 3) -> str:
    """``K7M4QX9TR`` → ``K7M-4QX-9TR``, easier to read out."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))
