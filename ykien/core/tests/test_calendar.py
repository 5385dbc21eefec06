import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from ykien.core import services
from ykien.core.calendar import WorkingCalendar, deadline
from ykien.core.deadline_rules import SEED_RULES
from ykien.core.errors import UnknownRule, ValidationFailed
from ykien.core.models import DeadlineRule, HolidayOverride
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import rule_version

pytestmark = pytest.mark.django_db

D = dt.date


def test_every_rule_code_named_by_the_foundation_issue_is_seeded():
    codes = set(DeadlineRule.objects.values_list("code", flat=True))
    assert {
        "complaint.accept",
        "complaint.settle.first",
        "complaint.settle.second",
        "denunciation.accept",
        "denunciation.forward",
        "denunciation.notify",
        "denunciation.settle",
        "reception.answer",
        "petition.forward",
        "supervision.notice",
        "supervision.subject_report",
        "supervision.results",
        "draft.to_front",
    } <= codes
    assert len(codes) == len(SEED_RULES)
    assert all(rule.legal_basis for rule in DeadlineRule.objects.all())


def test_denunciation_accept_counts_seven_working_days_across_tet_2027():
    # Tết 2027: 4–10 February are holidays; 6–7 February is a weekend anyway.
    result = deadline("denunciation.accept", D(2027, 2, 1))
    assert result.due == D(2027, 2, 17)
    assert result.legal_basis == "Luật Tố cáo 2018, Điều 24"
    assert result.length == 7
    assert result.counting == "working"


def test_denunciation_accept_extended_variant_is_ten_working_days():
    assert deadline("denunciation.accept", D(2027, 2, 1), variant="extended").due == D(2027, 2, 22)


def test_working_days_skip_hung_kings_day_and_30_april_1_may():
    # 2026: Hùng Kings' day falls on Sunday 26/4, observed Monday 27/4; then 30/4 and 1/5.
    assert deadline("reception.answer", D(2026, 4, 24)).due == D(2026, 5, 13)
    assert deadline("petition.forward", D(2026, 4, 24)).due == D(2026, 5, 6)


def test_calendar_days_ending_on_a_holiday_end_on_the_next_working_day():
    # 31/3/2026 + 30 days = Thursday 30/4 (holiday), 1/5 holiday, weekend → Monday 4/5.
    result = deadline("complaint.settle.first", D(2026, 3, 31))
    assert result.due == D(2026, 5, 4)
    assert deadline("complaint.settle.first", D(2026, 3, 31), variant="complex").due == D(
        2026, 5, 15
    )


def test_calendar_days_ending_on_a_working_day_are_not_moved():
    assert deadline("complaint.settle.first", D(2026, 6, 1)).due == D(2026, 7, 1)


def test_before_rule_moves_back_to_the_previous_working_day():
    # Session on Saturday 16/5/2026: notice at least 15 days before → 1/5 (holiday), 30/4 (holiday) → 29/4.
    assert deadline("supervision.notice", D(2026, 5, 16)).due == D(2026, 4, 29)
    assert deadline("supervision.subject_report", D(2026, 5, 16)).due == D(2026, 5, 8)
    assert deadline("supervision.results", D(2026, 5, 16)).due == D(2026, 6, 1)


def test_tet_2026_in_working_days():
    # Tết 2026: 16–20 February.
    assert deadline("denunciation.forward", D(2026, 2, 13)).due == D(2026, 2, 27)


def test_administrator_overrides_days_off_and_working_saturdays():
    cal = WorkingCalendar()
    assert cal.is_working_day(D(2027, 3, 1))
    services.holiday_override_set(
        actor=SYSTEM, date=D(2027, 3, 1), kind=HolidayOverride.Kind.DAY_OFF, name="Nghỉ bù"
    )
    services.holiday_override_set(
        actor=SYSTEM, date=D(2027, 3, 6), kind=HolidayOverride.Kind.WORKING_DAY, name="Làm bù"
    )
    cal = WorkingCalendar()
    assert not cal.is_working_day(D(2027, 3, 1))
    assert cal.is_working_day(D(2027, 3, 6))
    # Friday 26/2 + 5 working days: 1/3 off, 2/3 … 5/3 (4), Saturday 6/3 worked (5).
    assert deadline("denunciation.forward", D(2027, 2, 26)).due == D(2027, 3, 6)


def test_rule_versions_follow_changes_in_the_law():
    rule_version(
        "complaint.accept",
        "Khiếu nại: thụ lý (Luật 136/2025)",
        7,
        D(2026, 7, 1),
        "Luật 136/2025/QH15",
    )
    assert deadline("complaint.accept", D(2026, 6, 30)).length == 10
    new = deadline("complaint.accept", D(2026, 7, 1))
    assert (new.length, new.legal_basis) == (7, "Luật 136/2025/QH15")


def test_unknown_rule_and_variant_and_bad_length_are_refused():
    with pytest.raises(UnknownRule):
        deadline("no.such.rule", D(2026, 1, 5))
    with pytest.raises(UnknownRule):
        deadline("denunciation.accept", D(2026, 1, 5), variant="very_complex")
    with pytest.raises(ValidationFailed):
        deadline("answer.default", D(2026, 1, 5), length=0)


def test_cli_prints_due_date_and_legal_basis(capsys):
    call_command("deadline", "denunciation.accept", "2027-02-01")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2027-02-17"
    assert "Luật Tố cáo 2018, Điều 24" in lines[1]


def test_cli_refuses_unknown_rule_and_malformed_date():
    with pytest.raises(CommandError, match="Không có quy tắc thời hạn “nope”"):
        call_command("deadline", "nope", "2027-02-01")
    with pytest.raises(CommandError, match="không đúng định dạng YYYY-MM-DD"):
        call_command("deadline", "denunciation.accept", "01/02/2027")
