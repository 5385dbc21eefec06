"""The titles of a commune-level unit's office holders, written after the unit's kind of area:
a xã, a phường or a đặc khu (Luật Tổ chức chính quyền địa phương 2025, Điều 2), or a thị trấn
before 1 July 2025. "Chủ tịch Ủy ban nhân dân phường", never "… xã" for a ward.

The kind is read from the unit's name (``Unit`` keeps no field for it): the word that follows the
organisation's own name ("Ủy ban MTTQ Việt Nam phường Phú Khương" → "phường"). Titles are data
of the record, in Vietnamese whatever the reader's language (as the documents are)."""

from __future__ import annotations

from typing import Final

from ykien.core.models import Unit

#: The kinds of commune-level area, longest first so that "đặc khu" is not read as another word.
AREA_WORDS: Final = ("đặc khu", "thị trấn", "phường", "xã")

#: The bodies whose name precedes the area's in a unit's name.
_PREFIXES: Final = (
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban MTTQ Việt Nam",
    "Ủy ban MTTQ",
    "Ủy ban nhân dân",
    "UBND",
    "Hội đồng nhân dân",
    "Đảng ủy",
)

#: The offices whose holder's title is named here: "{office} {body} {area word}".
OFFICES: Final = {
    "pc_chair": "Chủ tịch Ủy ban nhân dân",
    "pc_vice_chair": "Phó Chủ tịch Ủy ban nhân dân",
    "pc_chair_short": "Chủ tịch UBND",
    "pc_vice_chair_short": "Phó Chủ tịch UBND",
    "party_secretary": "Bí thư Đảng ủy",
    "party_standing_deputy": "Phó Bí thư Thường trực Đảng ủy",
    "council_chair": "Chủ tịch Hội đồng nhân dân",
}


def area_name(unit: Unit) -> str:
    """The area a unit serves, as the name of its bodies ends: "phường Phú Khương" for "Ủy ban
    MTTQ Việt Nam phường Phú Khương" (the name itself when no known body begins it)."""
    name = " ".join(unit.name.split())
    for prefix in _PREFIXES:
        if name.casefold().startswith(prefix.casefold() + " "):
            return name[len(prefix) + 1 :]
    return name


def area_word(unit: Unit) -> str:
    """The kind of area of a commune-level ``unit``: "xã", "phường", "đặc khu" or "thị trấn",
    from its name; "xã" when the name does not say (the most common kind)."""
    area = area_name(unit).casefold()
    for word in AREA_WORDS:
        if area == word or area.startswith(word + " "):
            return word
    return "xã"


def head_title(unit: Unit, office: str = "pc_chair") -> str:
    """The title of the holder of ``office`` (a key of ``OFFICES``) at ``unit``'s area, without the
    area's own name: "Chủ tịch Ủy ban nhân dân phường". Raises ``KeyError`` for an unknown office."""
    return f"{OFFICES[office]} {area_word(unit)}"
