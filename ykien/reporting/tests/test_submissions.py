"""The lifecycle of a unit's figures: one test per transition, the refusals, the permissions."""

import datetime as dt
from decimal import Decimal

import pytest

from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.reporting import services
from ykien.reporting.models import Submission, Value

from .conftest import at, full

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 4, 2)


@pytest.fixture
def period(db):
    return services.period_ensure(actor=SYSTEM, code="2024-Q1")


def _draft(tree, people, period, **values):
    return services.submission_save(
        actor=people.officer,
        unit=tree.district_a,
        period=period,
        values=full(**values),
        notes="Số liệu tổng hợp",
        now=at(DAY),
    )


def test_officer_saves_a_draft(tree, people, indicators, period):
    submission = _draft(tree, people, period, TIEN="580.000.000", DV="1.068", TYLE="89,5")
    assert submission.status == Submission.Status.DRAFT
    assert dict(submission.values.values_list("indicator__code", "value")) == {
        "TIEN": Decimal(580_000_000), "DV": Decimal(1068), "TYLE": Decimal("89.5"),
        "MAX": 0, "CUOI": 0, "TT": 0, "CN": 0,
    }  # fmt: skip
    event = AuditEvent.objects.get(action="reporting.submission.save")
    assert event.actor == people.officer
    assert event.after["values"]["DV"] == "1068.0000"


def test_draft_to_submitted(tree, people, indicators, period):
    submission = _draft(tree, people, period)
    submission = services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY, 10)
    )
    assert submission.status == "submitted"
    assert submission.submitted_by == people.officer
    assert submission.first_submitted_at == at(DAY, 10)
    assert not submission.is_late  # due 5 April 2024


def test_submitted_to_approved(tree, people, indicators, period):
    submission = _draft(tree, people, period)
    services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY)
    )
    submission = services.submission_transition(
        actor=people.leader, submission=submission, to="approved", now=at(DAY, 16)
    )
    assert (submission.status, submission.decided_by) == ("approved", people.leader)
    assert AuditEvent.objects.filter(action="reporting.submission.approved").count() == 1


def test_submitted_to_returned_needs_a_reason(tree, people, indicators, period):
    submission = _draft(tree, people, period)
    services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY)
    )
    with pytest.raises(ValidationFailed, match="phải nêu lý do"):
        services.submission_transition(
            actor=people.leader, submission=submission, to="returned", comment="", now=at(DAY)
        )
    submission = services.submission_transition(
        actor=people.leader,
        submission=submission,
        to="returned",
        comment="Kiểm tra lại số tiền",
        now=at(DAY),
    )
    assert (submission.status, submission.comment) == ("returned", "Kiểm tra lại số tiền")


def test_returned_is_corrected_and_resubmitted(tree, people, indicators, period):
    submission = _draft(tree, people, period)
    services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY)
    )
    services.submission_transition(
        actor=people.leader,
        submission=submission,
        to="returned",
        comment="Sai số tiền",
        now=at(DAY),
    )
    services.submission_save(
        actor=people.officer,
        unit=tree.district_a,
        period=period,
        values={"TIEN": "600.000.000"},
        now=at(DAY),
    )
    submission = services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(dt.date(2024, 4, 9))
    )
    assert submission.status == "submitted"
    assert submission.values.get(indicator__code="TIEN").value == 600_000_000
    # Lateness counts from the first time it was sent.
    assert submission.first_submitted_at == at(DAY)
    assert not submission.is_late


def test_nothing_changes_after_approval(tree, people, indicators, period):
    submission = _draft(tree, people, period, TIEN=100)
    services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY)
    )
    services.submission_transition(
        actor=people.leader, submission=submission, to="approved", now=at(DAY)
    )
    with pytest.raises(InvalidTransition, match="đang ở trạng thái “Đã duyệt”, không sửa được nữa"):
        _draft(tree, people, period, TIEN=999)
    for target in ("submitted", "returned", "draft", "approved"):
        with pytest.raises(InvalidTransition, match="đã được duyệt, không thay đổi được nữa"):
            services.submission_transition(
                actor=people.leader,
                submission=submission,
                to=target,
                comment="Sửa lại",
                now=at(DAY),
            )
    assert Value.objects.get(indicator__code="TIEN").value == 100


def test_submitting_needs_every_figure(tree, people, indicators, period):
    submission = services.submission_save(
        actor=people.officer, unit=tree.district_a, period=period, values={"TIEN": "5"}, now=at(DAY)
    )
    with pytest.raises(ValidationFailed, match="Chưa nhập đủ số liệu: Số đảng viên"):
        services.submission_transition(
            actor=people.officer, submission=submission, to="submitted", now=at(DAY)
        )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"DV": "-1"}, "không được là số âm"),
        ({"TYLE": "101"}, "không được lớn hơn 100"),
        ({"DV": "nhiều"}, "không phải là số"),
        ({"KHAC": "1"}, "không báo cáo chỉ tiêu: KHAC"),
    ],
)
def test_bad_input_saves_nothing(tree, people, indicators, period, values, message):
    with pytest.raises(ValidationFailed, match=message):
        services.submission_save(
            actor=people.officer,
            unit=tree.district_a,
            period=period,
            values=full(**values),
            now=at(DAY),
        )
    assert Submission.objects.count() == 0
    assert Value.objects.count() == 0


def test_a_unit_that_did_not_exist_in_the_period_cannot_report(tree, people, indicators):
    before = services.period_ensure(actor=SYSTEM, code="2024-Q1")
    after = services.period_ensure(actor=SYSTEM, code="2025-Q3")
    with pytest.raises(ValidationFailed, match="không tồn tại trong quý I/2024"):
        services.submission_save(
            actor=people.new_officer,
            unit=tree.commune_new,
            period=before,
            values=full(),
            now=at(dt.date(2025, 8, 1)),
        )
    with pytest.raises(ValidationFailed, match="không tồn tại trong quý III/2025"):
        services.submission_save(
            actor=SYSTEM,
            unit=tree.district_a,
            period=after,
            values=full(),
            now=at(dt.date(2025, 10, 2)),
        )
    assert Submission.objects.count() == 0


def test_permissions_follow_roles_at_units(tree, people, indicators, period):
    with pytest.raises(PermissionDenied):
        services.submission_save(
            actor=people.other, unit=tree.district_a, period=period, values=full(), now=at(DAY)
        )
    with pytest.raises(PermissionDenied):
        services.submission_save(
            actor=people.citizen, unit=tree.district_a, period=period, values=full(), now=at(DAY)
        )
    submission = _draft(tree, people, period)
    services.submission_transition(
        actor=people.officer, submission=submission, to="submitted", now=at(DAY)
    )
    with pytest.raises(PermissionDenied):  # an officer cannot approve
        services.submission_transition(
            actor=people.officer, submission=submission, to="approved", now=at(DAY)
        )
    # The old province's leader lost the role at the merger; the new province's leader has it.
    late_day = at(dt.date(2025, 7, 2))
    with pytest.raises(PermissionDenied):
        services.submission_transition(
            actor=people.leader, submission=submission, to="approved", now=late_day
        )
    submission = services.submission_transition(
        actor=people.new_leader, submission=submission, to="approved", now=late_day
    )
    assert submission.status == "approved"


def test_import_of_past_approved_figures(tree, people, indicators, period):
    rows = [
        services.ImportRow(tree.prov_a, full(DV=10), at(DAY)),
        services.ImportRow(tree.district_a, full(DV=5), at(dt.date(2024, 4, 10))),
    ]
    created = services.submissions_import(
        actor=people.leader, period=period, within=tree.prov_a, rows=rows,
        approved_at=at(dt.date(2024, 4, 11)), submitted_by=people.officer,
    )  # fmt: skip
    assert [s.status for s in created] == ["approved", "approved"]
    assert [s.is_late for s in Submission.objects.order_by("unit__path")] == [False, True]
    with pytest.raises(InvalidTransition, match="đã có số liệu"):
        services.submissions_import(
            actor=people.leader, period=period, within=tree.prov_a, rows=rows[:1],
            approved_at=at(dt.date(2024, 4, 11)),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.submissions_import(
            actor=people.leader, period=period, within=tree.prov_a,
            rows=[services.ImportRow(tree.commune_b, full(), at(DAY))],
            approved_at=at(dt.date(2024, 4, 11)),
        )  # fmt: skip
