"""Each transition of the lifecycle and each deadline rule it uses."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ykien.core import tracking
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import make_unit
from ykien.petitions import lifecycle, services
from ykien.petitions.models import Kind, Petition, Status

from .conftest import submit

pytestmark = pytest.mark.django_db


def at(text: str):
    return time_machine.travel(dt.datetime.fromisoformat(text + "T09:00:00+07:00"), tick=False)


def test_transition_map_is_explicit():
    petition = lifecycle.PETITION
    assert petition.edge("accept").sources == {Status.RECEIVED}
    assert petition.edge("accept").target == Status.ACCEPTED
    assert petition.edge("answer").target == Status.ANSWERED
    assert [e.action for e in petition.edges_from(Status.ANSWERED)] == ["rate"]
    assert petition.edges_from(Status.REFUSED) == []
    assert petition.edges_from(Status.MERGED) == []


def test_submit_report_gets_code_and_reception_deadline(tree):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
    assert len(p.code) == 9
    assert set(p.code) <= set(tracking.ALPHABET)
    assert p.display_code == f"{p.code[:3]}-{p.code[3:6]}-{p.code[6:]}"
    assert p.status == Status.RECEIVED
    assert p.accept_rule == "reception.answer"
    # 10 working days after Thu 26/11/2026
    assert p.accept_due == dt.date(2026, 12, 10)
    assert p.due_date == p.accept_due
    assert "Luật Tiếp công dân 2013, Điều 28" in p.due_basis
    assert p.events.get().action == "submit"
    assert (
        AuditEvent.objects.filter(action="petitions.petition.submit", object_id=str(p.pk)).count()
        == 1
    )


@pytest.mark.parametrize(
    ("kind", "day", "rule", "due", "basis"),
    [
        # A denunciation received before Tết: the holiday's days are not counted.
        (Kind.DENUNCIATION, "2027-02-01", "denunciation.accept", dt.date(2027, 2, 17), "Luật Tố cáo 2018, Điều 24"),
        (Kind.COMPLAINT, "2026-11-26", "complaint.accept", dt.date(2026, 12, 10), "Luật Khiếu nại 2011, Điều 27"),
    ],
)  # fmt: skip
def test_the_accept_deadline_of_each_kind(tree, kind, day, rule, due, basis):
    with at(day):
        p = submit(tree.prov_new, kind=kind)
    assert (p.accept_rule, p.accept_due) == (rule, due)
    assert basis in p.due_basis


def test_anonymous_denunciation_is_recorded_as_information(tree):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.DENUNCIATION, anonymous=True)
    assert p.kind == Kind.REPORT
    assert p.submitted_kind == Kind.DENUNCIATION
    assert p.as_information is True
    assert p.identity_ciphertext == ""
    assert p.sender_hash == ""
    assert p.accept_rule == "reception.answer"
    assert "Luật Tố cáo 2018, Điều 25" in p.events.get().text


def test_anonymous_complaint_is_refused(tree):
    with pytest.raises(ValidationFailed) as exc:
        submit(tree.prov_new, kind=Kind.COMPLAINT, anonymous=True)
    assert exc.value.code == "anonymous_complaint"
    assert Petition.objects.count() == 0


def test_classify_changes_kind_and_recomputes_the_deadline(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_classify(actor=people.handler, petition=p, kind=Kind.DENUNCIATION)
    assert p.kind == Kind.DENUNCIATION
    assert p.status == Status.RECEIVED
    # 7 working days after 26/11/2026
    assert p.accept_due == dt.date(2026, 12, 7)
    assert p.accept_rule == "denunciation.accept"


def test_classify_cannot_make_an_anonymous_petition_a_complaint(tree, people):
    p = submit(tree.prov_new, anonymous=True)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_classify(actor=people.handler, petition=p, kind=Kind.COMPLAINT)
    assert exc.value.code == "anonymous"


def test_assign_requires_a_handler_of_the_unit(tree, people):
    p = submit(tree.prov_new)
    p = services.petition_assign(actor=people.leader, petition=p, handler=people.handler)
    assert p.handler == people.handler
    assert p.status == Status.RECEIVED
    with pytest.raises(ValidationFailed) as exc:
        services.petition_assign(actor=people.leader, petition=p, handler=people.other_handler)
    assert exc.value.code == "not_handler"


def test_accept_complaint_first_time(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.COMPLAINT)
    with at("2026-12-01"):
        p = services.petition_accept(actor=people.handler, petition=p)
    assert p.status == Status.ACCEPTED
    assert p.accepted_on == dt.date(2026, 12, 1)
    assert p.settle_rule == "complaint.settle.first"
    assert p.settle_due == dt.date(2026, 12, 31)  # 30 days
    assert p.due_date == p.settle_due
    assert "Luật Khiếu nại 2011, Điều 28" in p.due_basis


def test_accept_complaint_second_time_in_remote_area(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.COMPLAINT)
        p = services.petition_classify(
            actor=people.handler,
            petition=p,
            kind=Kind.COMPLAINT,
            is_second_complaint=True,
            is_remote=True,
        )
    with at("2026-12-01"):
        p = services.petition_accept(actor=people.handler, petition=p)
    assert p.settle_rule == "complaint.settle.second"
    assert p.settle_variant == "remote"
    assert p.settle_due == dt.date(2027, 2, 1)  # 60 days → Sat 30/1 → Mon 1/2
    assert "Luật Khiếu nại 2011, Điều 37" in p.due_basis


def test_accept_denunciation_sets_settle_and_notify_deadlines(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
        p = services.petition_accept(actor=people.handler, petition=p)
    assert p.settle_rule == "denunciation.settle"
    assert p.settle_due == dt.date(2026, 12, 28)  # 30 days → Sat 26/12 → Mon 28/12
    assert p.notify_due == dt.date(2026, 12, 3)  # 5 working days (Điều 29)


def test_accept_report_uses_the_platform_default(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_accept(actor=people.handler, petition=p)
    assert p.settle_rule == "report.settle"
    assert p.settle_due == dt.date(2026, 12, 28)


def test_refuse_with_a_legal_ground_of_the_kind(tree, people):
    p = submit(tree.prov_new, kind=Kind.COMPLAINT)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_refuse(actor=people.handler, petition=p, ground="tc_no_basis")
    assert exc.value.code == "bad_ground"
    p = services.petition_refuse(
        actor=people.handler, petition=p, ground="kn_time_barred", note="quá 90 ngày"
    )
    assert p.status == Status.REFUSED
    assert p.due_date is None
    step = p.events.get(action="refuse")
    assert "Luật Khiếu nại 2011, Điều 11, khoản 6" in step.text
    assert step.note == "quá 90 ngày"


def test_transfer_restarts_acceptance_at_the_new_unit(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_assign(actor=people.leader, petition=p, handler=people.handler)
    with at("2026-11-30"):
        p = services.petition_transfer(
            actor=people.handler,
            petition=p,
            to_unit=tree.agency_new,
            note="Thuộc thẩm quyền UBND tỉnh",
        )
    assert p.unit == tree.agency_new
    assert p.status == Status.RECEIVED
    assert p.handler is None
    assert p.accept_due == dt.date(2026, 12, 14)  # 10 working days from 30/11
    step = p.events.get(action="transfer")
    assert step.due == dt.date(2026, 12, 3)  # forwarding: 5 working days from receipt
    assert "Nghị định 20/2008/NĐ-CP" in step.basis


def test_transfer_to_a_merged_unit_goes_to_its_successor(tree, people):
    p = submit(tree.prov_new)
    p = services.petition_transfer(
        actor=people.handler, petition=p, to_unit=tree.district_a, note="Việc ở huyện Càng Long cũ"
    )
    assert p.unit == tree.commune_new
    assert "đã sáp nhập" in p.events.get(action="transfer").text


def test_transfer_to_a_unit_with_several_successors_asks_to_choose(tree, people):
    from ykien.core import services as core_services

    old = make_unit("Ủy ban MTTQ xã Cũ", parent=tree.prov_new, level=UnitLevel.COMMUNE, code="OLD")
    new1 = make_unit(
        "Ủy ban MTTQ xã Mới 1", parent=tree.prov_new, level=UnitLevel.COMMUNE, code="NEW1"
    )
    new2 = make_unit(
        "Ủy ban MTTQ xã Mới 2", parent=tree.prov_new, level=UnitLevel.COMMUNE, code="NEW2"
    )
    eff = dt.date(2026, 1, 1)
    core_services.unit_merge(actor=SYSTEM, predecessors=[old], successor=new1, effective=eff)
    core_services.unit_merge(actor=SYSTEM, predecessors=[old], successor=new2, effective=eff)
    p = submit(tree.prov_new)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_transfer(
            actor=people.handler, petition=p, to_unit=old, note="chuyển về xã"
        )
    assert exc.value.code == "ambiguous_successor"
    p.refresh_from_db()
    assert p.unit == tree.prov_new
    assert p.events.filter(action="transfer").count() == 0


def test_submit_to_a_merged_unit_is_routed_to_the_successor(tree):
    p = submit(tree.prov_a)
    assert p.unit == tree.prov_new


def test_merge_duplicates_of_the_same_sender(tree, people):
    first = submit(tree.prov_new)
    second = submit(
        tree.prov_new, content="Đường liên ấp bị sụt lún, đi lại khó khăn, đề nghị sửa chữa."
    )
    stranger = submit(tree.prov_new, identity=SenderIdentity(name="Người Khác", phone="0987654321"))
    with pytest.raises(ValidationFailed) as exc:
        services.petition_merge(actor=people.handler, petition=stranger, into=first)
    assert exc.value.code == "different_sender"
    merged = services.petition_merge(
        actor=people.handler, petition=second, into=first, note="trùng"
    )
    assert merged.status == Status.MERGED
    assert merged.merged_into == first
    assert merged.due_date is None
    assert first.events.filter(action="merge", public=False).count() == 1


def test_extend_denunciation_acceptance_to_ten_working_days(tree, people):
    with at("2027-02-01"):
        p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
        p = services.petition_extend(actor=people.handler, petition=p, reason="Cần thêm thông tin")
    assert p.accept_variant == "extended"
    assert p.accept_due == dt.date(2027, 2, 22)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(actor=people.handler, petition=p, reason="Lần nữa")
    assert exc.value.code == "no_extension"


def test_extend_report_acceptance_is_not_allowed(tree, people):
    p = submit(tree.prov_new)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(actor=people.handler, petition=p, reason="Cần thêm thời gian")
    assert exc.value.code == "no_extension"


def test_extend_denunciation_settlement_twice_at_most(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
        p = services.petition_accept(actor=people.handler, petition=p)
        p = services.petition_extend(actor=people.handler, petition=p, reason="Vụ việc phức tạp")
        assert p.settle_variant == "complex"
        assert p.settle_due == dt.date(2027, 1, 25)  # 60 days
        p = services.petition_extend(actor=people.handler, petition=p, reason="Đặc biệt phức tạp")
        assert p.settle_variant == "very_complex"
        assert p.settle_due == dt.date(2027, 2, 24)  # 90 days
        assert "Luật Tố cáo 2018, Điều 30" in p.due_basis
        with pytest.raises(ValidationFailed):
            services.petition_extend(actor=people.handler, petition=p, reason="Lần ba")
    assert p.extensions == 2


def test_extend_complaint_once_as_complex(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new, kind=Kind.COMPLAINT)
        p = services.petition_accept(actor=people.handler, petition=p)
        p = services.petition_extend(actor=people.handler, petition=p, reason="Vụ việc phức tạp")
    assert p.settle_variant == "complex"
    assert p.settle_due == dt.date(2027, 1, 11)  # 45 days
    with pytest.raises(ValidationFailed):
        services.petition_extend(actor=people.handler, petition=p, reason="Lần hai")


def test_extend_needs_a_reason(tree, people):
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(actor=people.handler, petition=p, reason="  ")
    assert exc.value.field == "reason"


def test_settle_answer_and_rate(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_accept(actor=people.handler, petition=p)
    with at("2026-12-10"):
        p = services.petition_settle(
            actor=people.handler, petition=p, conclusion="Đã kiểm tra thực tế"
        )
        assert p.status == Status.SETTLED
        assert p.settled_on_time is True
        p = services.petition_answer(
            actor=people.handler, petition=p, answer="UBND xã sẽ sửa trong tháng 12."
        )
    assert p.status == Status.ANSWERED
    assert p.answered_on == dt.date(2026, 12, 10)
    assert p.due_date is None
    p = services.petition_rate(actor=SYSTEM, petition=p, rating=4, comment="Cảm ơn")
    assert p.rating == 4
    with pytest.raises(ValidationFailed) as exc:
        services.petition_rate(actor=SYSTEM, petition=p, rating=5)
    assert exc.value.code == "already_rated"


def test_rate_is_one_to_five(tree, people):
    p = submit(tree.prov_new)
    p = services.petition_accept(actor=SYSTEM, petition=p)
    p = services.petition_settle(actor=SYSTEM, petition=p, conclusion="Kết quả giải quyết")
    p = services.petition_answer(actor=SYSTEM, petition=p, answer="Trả lời người gửi")
    with pytest.raises(ValidationFailed):
        services.petition_rate(actor=SYSTEM, petition=p, rating=6)


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        ("settle", {"conclusion": "Kết quả"}),
        ("answer", {"answer": "Trả lời"}),
    ],
)
def test_steps_out_of_order_are_refused(tree, people, action, kwargs):
    p = submit(tree.prov_new)
    service = getattr(services, f"petition_{action}")
    with pytest.raises(InvalidTransition):
        service(actor=people.handler, petition=p, **kwargs)


def test_rating_before_the_answer_is_refused(tree):
    p = submit(tree.prov_new)
    with pytest.raises(InvalidTransition):
        services.petition_rate(actor=SYSTEM, petition=p, rating=5)


def test_accept_twice_is_refused(tree, people):
    p = services.petition_accept(actor=people.handler, petition=submit(tree.prov_new))
    with pytest.raises(InvalidTransition):
        services.petition_accept(actor=people.handler, petition=p)


def test_officer_cannot_handle(tree, people):
    p = submit(tree.prov_new)
    with pytest.raises(PermissionDenied):
        services.petition_accept(actor=people.officer, petition=p)
    with pytest.raises(PermissionDenied):
        services.petition_accept(actor=people.other_leader, petition=p)


def test_overdue_and_due_soon(tree, people):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
    assert Petition.objects.overdue(dt.date(2026, 12, 10)).count() == 0
    assert Petition.objects.overdue(dt.date(2026, 12, 11)).get() == p
    assert Petition.objects.due_soon(dt.date(2026, 12, 6), 5).get() == p


def test_extending_a_report_adds_one_period_of_its_rule_from_the_rule_table(tree, people):
    # The length comes from the rule table (an administrator may change it), never a constant.
    from ykien.core.models import DeadlineRule

    DeadlineRule.objects.filter(code="report.settle").update(length=20)
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_accept(actor=people.handler, petition=p)
        assert p.settle_due == dt.date(2026, 12, 16)  # 20 days
        p = services.petition_extend(actor=people.handler, petition=p, reason="Cần khảo sát")
    assert p.settle_length == 40
    assert p.settle_due == dt.date(2027, 1, 5)  # 40 days from 26/11/2026
    with pytest.raises(ValidationFailed) as exc:
        services.petition_extend(actor=people.handler, petition=p, reason="Lần hai")
    assert exc.value.code == "no_extension"
