"""The 34 provinces and centrally-run cities after the 2025 merger (Nghị quyết 202/2025/QH15), as
the ``vietnamadminunits`` package lists them (codes, names, approximate centroids): the province
of a ballot and the points of the results map. Read once per process from the package's own
data file; nothing is downloaded."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import vietnamadminunits


@dataclass(frozen=True)
class Province:
    code: str  # "01" … "96"
    name: str  # "Thành phố Hà Nội"
    short: str  # "Hà Nội"
    lat: float
    lng: float


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces, by code."""
    path = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT DISTINCT provinceCode, province, provinceShort, provinceLat, provinceLon "
            "FROM admin_units ORDER BY provinceCode"
        ).fetchall()
    finally:
        db.close()
    return tuple(Province(str(c), str(n), str(s), float(la), float(lo)) for c, n, s, la, lo in rows)


@cache
def by_code() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


def province_name(code: str) -> str:
    """The short name of province ``code`` ("Hà Nội"); empty for an unknown code."""
    found = by_code().get(code)
    return found.short if found else ""
