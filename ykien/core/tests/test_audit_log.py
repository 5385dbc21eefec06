"""The audit log as people read it (core's part): every action by a label — registered, from
the admin, or unknown — never its code; details as "label: value" with units by name."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import translation

from ykien.core.audit import action_label, audit_entries, object_type_label
from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_actions_are_labelled_never_shown_as_codes():
    assert action_label("unit.merge") == "Sáp nhập đơn vị"
    assert action_label("petition.accept") == "Thụ lý đơn thư"
    assert action_label("oversight.feedback.status") == "Cập nhật kết quả xem xét phản ánh"
    assert action_label("admin.change.unit", "core.unit") == "Sửa trong trang quản trị: Đơn vị"
    # An action no app has labelled: its last word and the record's kind, not the code.
    assert action_label("widgets.gizmo.create", "core.unit") == "Tạo mới: Đơn vị"
    assert action_label("widgets.gizmo.frobnicate", "petitions.petition") == "Thay đổi: Đơn thư"
    assert action_label("widgets.gizmo.frobnicate") == "Thay đổi"
    assert object_type_label("nowhere.nothing") == "Đối tượng khác"


def test_details_name_units_and_show_times_in_vietnam(tree):
    event = AuditEvent.objects.create(
        action="unit.merge",
        object_type="core.unit",
        object_id=str(tree.prov_a.pk),
        unit=tree.prov_a,
        before={"valid_to": None, "path": "00010002", "kind": "front"},
        after={"valid_to": "2025-06-30", "successor": tree.prov_new.pk, "kind": "front"},
    )
    feedback_time = AuditEvent.objects.create(
        action="petition.rate",
        object_type="petitions.petition",
        object_id="5",
        before={"rated_at": None},
        after={"rated_at": "2026-11-26T17:30:00+00:00"},
    )
    entry, rated = audit_entries([event, feedback_time])
    assert entry.action == "Sáp nhập đơn vị"
    assert entry.object_label == f"Đơn vị #{tree.prov_a.pk}"
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Hiệu lực đến", "—", "30/06/2025"),
        ("Loại", "Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc"),
        ("Đơn vị kế thừa", None, "Ủy ban MTTQ tỉnh Vĩnh Long"),
    ]
    # 17:30 UTC is half past midnight the next day in Hà Nội.
    assert [(c.label, c.after) for c in rated.changes] == [
        ("Thời điểm đánh giá", "27/11/2026 00:30")
    ]
    with translation.override("en"):
        (entry,) = audit_entries([event])
        assert entry.action == "Merge units"
        assert entry.changes[-1].label == "Successor unit"


def test_audit_log_page_has_no_codes(tree, client):
    admin = UserFactory(username="quantri", full_name="Lê Văn Tâm")
    grant(admin, tree.central, Role.ADMIN)
    AuditEvent.objects.create(
        action="draft.tree_split",
        object_type="consultations.draft",
        object_id="3",
        unit=tree.central,
        after={"status": "open", "when": dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC).isoformat()},
    )
    client.force_login(admin)
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        page = client.get("/can-bo/nhat-ky/").content.decode()
    log = page.split("<table>", 1)[1]
    assert "<td>Phân quyền</td>" in log
    assert "<li>Vai trò: Quản trị đơn vị</li>" in log
    assert "02/01/2026 10:04</li>" in log  # stored in UTC, shown in Hà Nội's time
    assert "<td>Tách một phần của dự thảo khi rà soát cấu trúc</td>" in log  # consultations label
    for code in ("draft.tree_split", "consultations.draft", "role.grant", "core.rolegrant", "{'"):
        assert code not in log, code
