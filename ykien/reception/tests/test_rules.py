"""The legal minimum frequency is a rule table with its basis and validity dates: the district
level's rules end on 30 June 2025, the commune chairman's weekly rule becomes two days a month
on 1 July 2026 (the 2025 amendment of Luật Tiếp công dân), which also ends the delegation of the
periodic reception to a deputy for the chairmen of the People's Committees."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.reception.models import FrequencyRule, Office, Period
from ykien.reception.selectors import required_in_month, rule_for

pytestmark = pytest.mark.django_db


def test_every_seeded_rule_names_its_legal_basis_and_dates():
    rules = FrequencyRule.objects.all()
    assert rules.count() == 8
    for rule in rules:
        assert rule.legal_basis
        assert rule.valid_from <= dt.date(2026, 7, 1)


@pytest.mark.parametrize(
    ("office", "level", "on", "count", "period", "basis"),
    [
        ("pc_chair", "province", "2024-05-01", 1, "month", "Điều 12 khoản 5"),
        ("pc_chair", "district", "2024-05-01", 2, "month", "Điều 13 khoản 5"),
        ("pc_chair", "commune", "2024-05-01", 1, "week", "Điều 15 khoản 2"),
        ("pc_chair", "commune", "2026-06-30", 1, "week", "Điều 15 khoản 2"),
        ("pc_chair", "commune", "2026-07-01", 2, "month", "hiệu lực từ 01/7/2026"),
        ("pc_chair", "province", "2026-06-30", 1, "month", "Điều 12 khoản 5"),
        ("pc_chair", "province", "2026-07-01", 1, "month", "không ủy quyền cấp phó"),
        ("party_secretary", "district", "2024-05-01", 1, "month", "Quy định 11-QĐi/TW"),
        ("party_secretary", "commune", "2026-08-01", 2, "month", "Kết luận 215-KL/TW"),
        ("party_secretary", "province", "2026-08-01", 1, "month", "Quy định 11-QĐi/TW"),
    ],
)
def test_the_rule_in_force(office, level, on, count, period, basis):
    rule = rule_for(office=office, level=level, on=dt.date.fromisoformat(on))
    assert rule is not None
    assert (rule.count, rule.period) == (count, period)
    assert basis in rule.legal_basis


@pytest.mark.parametrize("office", [Office.PC_CHAIR, Office.PARTY_SECRETARY])
def test_no_district_rule_after_the_two_level_reform(office):
    assert rule_for(office=office, level="district", on=dt.date(2025, 6, 30)) is not None
    assert rule_for(office=office, level="district", on=dt.date(2025, 7, 1)) is None


def test_a_weekly_rule_asks_one_day_per_monday_of_the_month():
    weekly = FrequencyRule(count=1, period=Period.WEEK)
    assert required_in_month(weekly, 2026, 3) == 5  # Mondays 2, 9, 16, 23, 30
    assert required_in_month(weekly, 2026, 2) == 4
    monthly = FrequencyRule(count=2, period=Period.MONTH)
    assert required_in_month(monthly, 2024, 2) == 2


def test_an_administrator_adds_a_new_version_when_the_law_changes():
    FrequencyRule.objects.create(
        code="pc_chair.commune",
        name="Chủ tịch UBND cấp xã tiếp công dân định kỳ",
        office="pc_chair",
        level="commune",
        count=2,
        period="week",
        legal_basis="Văn bản thử",
        valid_from=dt.date(2027, 1, 1),
    )
    assert rule_for(office="pc_chair", level="commune", on=dt.date(2026, 12, 31)).period == "month"
    assert rule_for(office="pc_chair", level="commune", on=dt.date(2027, 1, 1)).period == "week"


@pytest.mark.parametrize(
    ("office", "level", "on", "banned"),
    [
        ("pc_chair", "province", "2026-06-30", False),
        ("pc_chair", "province", "2026-07-01", True),
        ("pc_chair", "commune", "2026-06-30", False),
        ("pc_chair", "commune", "2026-07-01", True),
        ("party_secretary", "commune", "2026-07-01", False),
        ("party_secretary", "province", "2026-07-01", False),
    ],
)
def test_delegation_to_a_deputy_ends_for_the_chairmen_on_1_july_2026(office, level, on, banned):
    rule = rule_for(office=office, level=level, on=dt.date.fromisoformat(on))
    assert bool(rule.delegation_ban) is banned
    if banned:
        assert rule.delegation_ban == (
            "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo "
            "(Quốc hội thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026)"
        )


def test_no_seeded_rule_cites_an_unconfirmed_law_number():
    assert not FrequencyRule.objects.filter(legal_basis__contains="136/2025").exists()
