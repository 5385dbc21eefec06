"""Programme items are corrected and cancelled after they were written, through the lifecycle
(``PROGRAMME_ITEM``): each change is in the item's history and the audit log, and the programme
page shows a cancelled item as such, with its reason."""

import datetime as dt
import re

import pytest

from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.oversight import services as s
from ykien.oversight.models import ActivityForm, ProgrammeItem, ProgrammeItemEvent
from ykien.oversight.tests.conftest import planned, programme_2026, programme_item

D = dt.date
pytestmark = pytest.mark.django_db


def _edit(w, item, actor=None, **changes):
    fields = {
        "content": item.content,
        "form": item.form,
        "subject": item.subject,
        "time_text": item.time_text,
        "lead_unit": item.lead_unit,
        "participants": item.participants,
        "planned_quarter": item.planned_quarter,
        **changes,
    }
    return s.programme_item_edit(actor=actor or w.officer, item=item, **fields)


def test_an_item_of_an_agreed_programme_is_edited_with_history_and_audit(world):
    w = world
    programme = programme_2026(w)
    item = programme_item(w, programme, planned_quarter=2)
    s.programme_agree(
        actor=w.leader, programme=programme, agreed_with="UBND tỉnh", agreed_on=D(2025, 12, 15)
    )
    _edit(w, item, subject=w.sxd, time_text="Quý III/2026", planned_quarter=3, reason="Lùi lịch")
    item.refresh_from_db()
    assert (item.subject, item.time_text, item.planned_quarter) == (w.sxd, "Quý III/2026", 3)
    event = ProgrammeItemEvent.objects.get(item=item)
    assert (event.kind, event.note, event.actor) == ("edit", "Lùi lịch", w.officer)
    assert event.changes == [
        {"field": "subject", "before": w.ubnd.name, "after": w.sxd.name},
        {"field": "time_text", "before": "Quý II/2026", "after": "Quý III/2026"},
        {"field": "planned_quarter", "before": 2, "after": 3},
    ]
    assert event.change_rows == [
        ("đối tượng giám sát", w.ubnd.name, w.sxd.name),
        ("thời gian", "Quý II/2026", "Quý III/2026"),
        ("quý dự kiến", "2", "3"),
    ]
    audit = AuditEvent.objects.get(action="oversight.programme_item.edit")
    assert audit.actor == w.officer
    assert audit.unit == w.province
    assert audit.before["time_text"] == "Quý II/2026"
    assert audit.after["time_text"] == "Quý III/2026"


def test_the_form_change_is_shown_by_its_label_never_its_code(world):
    w = world
    item = programme_item(w, programme_2026(w))
    _edit(w, item, form=ActivityForm.DOCUMENT_REVIEW)
    (row,) = ProgrammeItemEvent.objects.get(item=item).change_rows
    assert row == (
        "hình thức",
        str(ActivityForm.TEAM.label),
        str(ActivityForm.DOCUMENT_REVIEW.label),
    )


def test_an_edit_that_changes_nothing_is_refused_and_writes_nothing(world):
    w = world
    item = programme_item(w, programme_2026(w))
    with pytest.raises(ValidationFailed) as exc:
        _edit(w, item)
    assert exc.value.code == "no_change"
    assert not ProgrammeItemEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="oversight.programme_item").exists()


def test_cancel_keeps_the_item_with_its_reason_and_then_nothing_more(world):
    w = world
    item = programme_item(w, programme_2026(w))
    s.programme_item_cancel(
        actor=w.officer, item=item, reason="Đã giám sát năm trước", on=D(2026, 2, 2)
    )
    item.refresh_from_db()
    assert (item.status, item.cancelled_on, item.cancel_reason) == (
        ProgrammeItem.Status.CANCELLED,
        D(2026, 2, 2),
        "Đã giám sát năm trước",
    )
    assert AuditEvent.objects.get(action="oversight.programme_item.cancel").reason == (
        "Đã giám sát năm trước"
    )
    with pytest.raises(InvalidTransition):
        _edit(w, item, time_text="Quý IV/2026")
    with pytest.raises(InvalidTransition):
        s.programme_item_cancel(actor=w.officer, item=item, reason="Lần nữa")
    # A cancelled item is not planned any more.
    with pytest.raises(ValidationFailed):
        planned(w, programme_item=item)


def test_cancel_needs_a_reason_and_an_item_without_live_supervision(world):
    w = world
    item = programme_item(w, programme_2026(w))
    with pytest.raises(ValidationFailed):
        s.programme_item_cancel(actor=w.officer, item=item, reason="  ")
    activity = planned(w, programme_item=item)
    with pytest.raises(InvalidTransition) as exc:
        s.programme_item_cancel(actor=w.officer, item=item, reason="Không làm nữa")
    assert exc.value.code == "item_has_activity"
    s.activity_cancel(actor=w.officer, activity=activity, reason="Đối tượng sáp nhập")
    s.programme_item_cancel(actor=w.officer, item=item, reason="Không làm nữa")
    assert ProgrammeItem.objects.get(pk=item.pk).is_cancelled


def test_an_officer_of_another_front_may_not_edit_nor_cancel(world):
    w = world
    item = programme_item(w, programme_2026(w))
    with pytest.raises(PermissionDenied):
        _edit(w, item, actor=w.other_officer, time_text="Quý IV/2026")
    with pytest.raises(PermissionDenied):
        s.programme_item_cancel(actor=w.other_officer, item=item, reason="Không làm nữa")
    assert ProgrammeItem.objects.get(pk=item.pk).time_text == "Quý II/2026"
    assert not ProgrammeItemEvent.objects.exists()


def test_edit_and_cancel_by_clicking(world, client, no_otp):
    w = world
    programme = programme_2026(w)
    first = programme_item(w, programme)
    second = programme_item(w, programme, content="Giám sát cấp giấy phép xây dựng", subject=w.sxd)
    client.force_login(w.officer)
    page = client.get(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/")
    assert page.status_code == 200
    assert "Sửa nội dung" in page.content.decode()
    # Both forms have a reason: each label finds its own box.
    ids = re.findall(r'\sid="([^"]+)"', page.content.decode())
    assert len(ids) == len(set(ids))
    assert 'for="cancel-reason"' in page.content.decode()
    data = {
        "content": "Giám sát bồi thường, tái định cư",
        "form": "team",
        "subject": w.ubnd.pk,
        "time_text": "Quý III/2026",
        "lead_unit": w.province.pk,
        "reason": "Đối tượng xin lùi",
    }
    edited = client.post(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/", data)
    assert edited.status_code == 302
    history = client.get(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/").content.decode()
    for shown in ("Quý II/2026", "Quý III/2026", "Đối tượng xin lùi"):
        assert shown in history
    again = client.post(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/", data)
    assert again.status_code == 400
    assert "Không có thay đổi nào để lưu." in again.content.decode()
    empty = client.post(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{second.pk}/huy/", {"reason": ""})
    assert empty.status_code == 400
    cancelled = client.post(
        f"/can-bo/giam-sat/noi-dung-chuong-trinh/{second.pk}/huy/",
        {"reason": "Sở đã được thanh tra năm nay"},
    )
    assert cancelled.status_code == 302
    shown = client.get(f"/can-bo/giam-sat/chuong-trinh/{programme.pk}/").content.decode()
    assert "Đã hủy" in shown
    assert "Sở đã được thanh tra năm nay" in shown
    assert "cancelled" not in shown.replace('class="cancelled"', "")  # no code shown
    item_page = client.get(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{second.pk}/").content.decode()
    assert "Hủy nội dung" in item_page
    assert 'name="reason"' not in item_page
    client.force_login(w.other_officer)
    assert client.get(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/").status_code == 403
    assert (
        client.post(
            f"/can-bo/giam-sat/noi-dung-chuong-trinh/{first.pk}/huy/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert not ProgrammeItem.objects.get(pk=first.pk).is_cancelled


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999"])
def test_a_tampered_item_id_is_404_and_changes_nothing(world, client, no_otp, pk):
    w = world
    programme_item(w, programme_2026(w))
    client.force_login(w.officer)
    assert client.get(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{pk}/").status_code == 404
    cancel = client.post(f"/can-bo/giam-sat/noi-dung-chuong-trinh/{pk}/huy/", {"reason": "x"})
    assert cancel.status_code == 404
    assert not ProgrammeItem.objects.filter(status=ProgrammeItem.Status.CANCELLED).exists()


def test_an_edit_with_bad_values_is_refused_and_writes_nothing(world, client, no_otp):
    w = world
    item = programme_item(w, programme_2026(w))
    client.force_login(w.officer)
    url = f"/can-bo/giam-sat/noi-dung-chuong-trinh/{item.pk}/"
    base = {
        "content": item.content,
        "form": "team",
        "subject": w.ubnd.pk,
        "time_text": "Quý III/2026",
        "lead_unit": w.province.pk,
    }
    for bad in (
        {"form": "not-a-form"},
        {"subject": "99999999999999999999999"},
        {"planned_quarter": "NaN"},
        {"content": "   "},
        {"time_text": "x" * 121},
        {"reason": "x" * 501},
    ):
        assert client.post(url, {**base, **bad}).status_code == 400, bad
    assert ProgrammeItem.objects.get(pk=item.pk).time_text == "Quý II/2026"
    assert not ProgrammeItemEvent.objects.exists()
