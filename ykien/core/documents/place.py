"""The place name written before the date of a document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
the official name of the administrative unit where the issuing body sits."""

from __future__ import annotations

import re

from ykien.core.models import Unit, UnitLevel

_AREA = re.compile(
    r"\b(?:tỉnh|thành phố|xã|phường|đặc khu|thị trấn|huyện|thị xã)\s+(.+)$", re.IGNORECASE
)
# Where the central bodies sit: their documents are dated "Hà Nội, ngày …".
CAPITAL = "Hà Nội"


def place_of(unit: Unit) -> str:
    """The area in the name of ``unit`` or of the nearest unit above it that names one
    ("Vĩnh Long" for the province's committee, "Càng Long" for a commune's); the capital for a
    central body; the unit's own name when nothing names an area."""
    candidate: Unit | None = unit
    while candidate is not None:
        if candidate.level == UnitLevel.CENTRAL:
            return CAPITAL
        match = _AREA.search(candidate.name)
        if match:
            return match.group(1)
        candidate = candidate.parent
    return unit.name
