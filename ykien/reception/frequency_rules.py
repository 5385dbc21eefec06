"""The seed of the legal minimum frequency of receptions (docs/domains/reception.md).

Loaded by a data migration; administrators add a new version (its own ``valid_from``) when the
law changes, never by editing this list. Names and legal bases are stored in Vietnamese and
marked here for the catalogue (``gettext_noop``) so that pages translate them when shown.

Every number was read in the text cited. The district level ends on 30 June 2025 (two-level
local government from 1 July 2025); the Party rule for district committees ends with them, and
Kết luận 215-KL/TW (23 November 2025) keeps the rule for provincial and commune secretaries.
The 2025 amending law (Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại,
Luật Tố cáo, passed on 10 December 2025, in force 1 July 2026) asks the commune chairman for two
days a month in person instead of one day a week, and no longer lets a head delegate the periodic
reception to a deputy (``DELEGATION_BANS``: a delegated session from that day is flagged by the
supervision and counted as not held). The law's number and the article of these provisions were
not found in the texts searched; the rules cite the law by its title and dates (docs/domains/
reception.md, "Sources").
"""

from __future__ import annotations

from typing import Any


def gettext_noop(text: str) -> str:
    """Mark a text for the catalogue and keep it as is (read by a migration, no settings)."""
    return text


LAW_START = "2014-07-01"  # Luật Tiếp công dân 2013 in force
QD11_START = "2019-02-18"  # Quy định 11-QĐi/TW signed
DISTRICT_END = "2025-06-30"  # the last day of the district level
AMENDMENT_START = "2026-07-01"  # the 2025 amendment of Luật Tiếp công dân in force
AMENDMENT_END = "2026-06-30"

AMENDING_LAW = gettext_noop(
    "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo "
    "(Quốc hội thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026)"
)

SEED_RULES: list[dict[str, Any]] = [
    {
        "code": "pc_chair.province",
        "name": gettext_noop("Chủ tịch UBND cấp tỉnh tiếp công dân định kỳ"),
        "office": "pc_chair",
        "level": "province",
        "count": 1,
        "period": "month",
        "legal_basis": gettext_noop("Luật Tiếp công dân 2013, Điều 12 khoản 5"),
        "valid_from": LAW_START,
        "valid_to": AMENDMENT_END,
    },
    {
        "code": "pc_chair.province",
        "name": gettext_noop("Chủ tịch UBND cấp tỉnh tiếp công dân định kỳ"),
        "office": "pc_chair",
        "level": "province",
        "count": 1,
        "period": "month",
        "legal_basis": gettext_noop(
            "Luật Tiếp công dân 2013, Điều 12 khoản 5 (sửa đổi theo Luật sửa đổi, bổ sung một số "
            "điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo, hiệu lực từ 01/7/2026: "
            "trực tiếp tiếp, không ủy quyền cấp phó)"
        ),
        "valid_from": AMENDMENT_START,
        "valid_to": None,
    },
    {
        "code": "pc_chair.district",
        "name": gettext_noop("Chủ tịch UBND cấp huyện tiếp công dân định kỳ"),
        "office": "pc_chair",
        "level": "district",
        "count": 2,
        "period": "month",
        "legal_basis": gettext_noop(
            "Luật Tiếp công dân 2013, Điều 13 khoản 5 (cấp huyện chấm dứt từ 01/7/2025)"
        ),
        "valid_from": LAW_START,
        "valid_to": DISTRICT_END,
    },
    {
        "code": "pc_chair.commune",
        "name": gettext_noop("Chủ tịch UBND cấp xã tiếp công dân định kỳ"),
        "office": "pc_chair",
        "level": "commune",
        "count": 1,
        "period": "week",
        "legal_basis": gettext_noop("Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d"),
        "valid_from": LAW_START,
        "valid_to": AMENDMENT_END,
    },
    {
        "code": "pc_chair.commune",
        "name": gettext_noop("Chủ tịch UBND cấp xã tiếp công dân định kỳ"),
        "office": "pc_chair",
        "level": "commune",
        "count": 2,
        "period": "month",
        "legal_basis": gettext_noop(
            "Luật Tiếp công dân 2013, Điều 15 (sửa đổi theo Luật sửa đổi, bổ sung một số điều "
            "của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo, hiệu lực từ 01/7/2026: "
            "trực tiếp tiếp, không ủy quyền cấp phó)"
        ),
        "valid_from": AMENDMENT_START,
        "valid_to": None,
    },
    {
        "code": "party_secretary.province",
        "name": gettext_noop("Bí thư cấp ủy cấp tỉnh tiếp dân định kỳ"),
        "office": "party_secretary",
        "level": "province",
        "count": 1,
        "period": "month",
        "legal_basis": gettext_noop(
            "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1 "
            "(sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025)"
        ),
        "valid_from": QD11_START,
        "valid_to": None,
    },
    {
        "code": "party_secretary.district",
        "name": gettext_noop("Bí thư cấp ủy cấp huyện tiếp dân định kỳ"),
        "office": "party_secretary",
        "level": "district",
        "count": 1,
        "period": "month",
        "legal_basis": gettext_noop(
            "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1 (cấp huyện chấm dứt từ 01/7/2025)"
        ),
        "valid_from": QD11_START,
        "valid_to": DISTRICT_END,
    },
    {
        "code": "party_secretary.commune",
        "name": gettext_noop("Bí thư cấp ủy cấp xã tiếp dân định kỳ"),
        "office": "party_secretary",
        "level": "commune",
        "count": 2,
        "period": "month",
        "legal_basis": gettext_noop(
            "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1 "
            "(sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025)"
        ),
        "valid_from": QD11_START,
        "valid_to": None,
    },
]


# The rule versions under which a head may no longer delegate the periodic reception to a deputy,
# with the basis shown to the reader: ``(code, valid_from) → basis``. Stored in
# ``FrequencyRule.delegation_ban`` (migration ``0003``).
DELEGATION_BANS: dict[tuple[str, str], str] = {
    ("pc_chair.province", AMENDMENT_START): AMENDING_LAW,
    ("pc_chair.commune", AMENDMENT_START): AMENDING_LAW,
}
