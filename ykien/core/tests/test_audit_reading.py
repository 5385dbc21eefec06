"""The audit log as a person reads it: every stored code by its label (an unknown one as
"(không rõ)", never the code), no file path, each record named in the reader's language at
reading time (not as the person who made the change wrote it), a filter of record kinds that
lists only what the log holds, and sign-ins, sign-outs and failed sign-ins recorded."""

from __future__ import annotations

import html
import re
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ykien.core.audit import audit_entries
from ykien.core.forms import AuditFilterForm
from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-du-dai-2026"


def _event(object_type: str, after: dict, *, object_id: str = "3", **extra) -> AuditEvent:
    return AuditEvent.objects.create(
        action="widgets.save",
        object_type=object_type,
        object_id=object_id,
        after=after,
        **extra,
    )


def _changes(event: AuditEvent, language: str = "vi") -> list[tuple[str, str]]:
    with translation.override(language):
        (entry,) = audit_entries([event])
        return [(c.label, c.after) for c in entry.changes]


def _page(client, language: str = "vi", query: str = "") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        response = client.get("/can-bo/nhat-ky/" + query)
    assert response.status_code == 200
    table = response.content.decode().split("<table>", 1)[1].split("</table>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table)))


def test_a_code_whose_labels_live_outside_the_field_is_shown_by_label():
    # An oversight programme's item keeps the form of supervision as a code without choices.
    known = _event("oversight.programmeitem", {"form": "team"})
    unknown = _event("oversight.programmeitem", {"form": "no_such_form"})
    assert _changes(known) == [("Hình thức", "Đoàn giám sát")]
    assert _changes(known, "en") == [("Format", "Supervision team")]
    assert _changes(unknown) == [("Hình thức", "(không rõ)")]
    assert _changes(unknown, "en") == [("Format", "(unknown)")]


def test_an_unknown_code_of_a_field_with_choices_is_never_shown_raw():
    event = _event("petitions.petition", {"status": "lost_in_transit", "kind": "report"})
    assert _changes(event) == [("Trạng thái", "(không rõ)"), ("Loại đơn", "Phản ánh")]
    variant = _event("petitions.petition", {"settle_variant": "sideways"})
    assert _changes(variant)[0][1] == "(không rõ)"


def test_an_indicator_code_is_shown_by_the_indicator_name():
    event = _event(
        "reporting.indicator",
        {"code": "petitions.settled_on_time", "computed_code": "petitions.settled_on_time"},
    )
    assert _changes(event) == [
        ("Mã", "Số đơn thư giải quyết đúng hạn"),
        ("Mã chỉ tiêu tự tính", "Số đơn thư giải quyết đúng hạn"),
    ]
    # An indicator a unit typed the code of keeps its code: people type it in the forms.
    assert _changes(_event("reporting.indicator", {"code": "PB-CHU-TRI"})) == [("Mã", "PB-CHU-TRI")]


def test_a_file_path_is_never_shown():
    event = _event(
        "portal.articlephoto",
        {"image": "portal/anh/2268e22318c34ede871925e5d56d60a3.jpg", "width": 1200},
    )
    assert _changes(event) == [("Ảnh", "tệp đính kèm"), ("Chiều rộng (điểm ảnh)", "1200")]
    assert _changes(event, "en")[0] == ("Image", "attachment")


def test_the_record_is_named_in_the_readers_language_not_the_writers(tree, client):
    admin = UserFactory(username="quantri", full_name="Lê Văn Tâm")
    grant(admin, tree.prov_b, Role.ADMIN)
    # Written while an English-speaking officer was signed in.
    _event(
        "petitions.petition",
        {"kind": "report"},
        object_id="317",
        unit=tree.prov_b,
        object_repr="Report #317",
    )
    _event(
        "core.unit",
        {"kind": "front"},
        object_id=str(tree.commune_b.pk),
        unit=tree.prov_b,
        object_repr="Commune committee (old name)",
    )
    client.force_login(admin)
    vi = _page(client, "vi")
    assert "Đơn thư #317" in vi
    assert f"Đơn vị #{tree.commune_b.pk} Ủy ban MTTQ xã Tân Thành" in vi
    assert "Report #317" not in vi
    assert "old name" not in vi
    en = _page(client, "en")
    assert "Petition #317" in en
    assert f"Unit #{tree.commune_b.pk} Ủy ban MTTQ xã Tân Thành" in en


def test_the_kind_filter_lists_only_kinds_in_the_log_by_name():
    _event("petitions.petition", {"kind": "report"})
    _event("core.unit", {"kind": "front"})
    _event("core.unit", {"kind": "party"})
    _event("nowhere.gone", {})  # a model since removed is not offered
    choices = [
        (value, str(label)) for value, label in AuditFilterForm().fields["object_type"].choices
    ]
    assert choices == [("", "Tất cả"), ("petitions.petition", "Đơn thư"), ("core.unit", "Đơn vị")]
    with translation.override("en"):
        choices = [(v, str(label)) for v, label in AuditFilterForm().fields["object_type"].choices]
    assert choices == [("", "All"), ("petitions.petition", "Petition"), ("core.unit", "Unit")]
    for _value, label in choices:
        assert "Historical" not in label
        assert "Search entry" not in label
    assert not AuditFilterForm({"object_type": "portal.searchentry"}).is_valid()


def test_sign_in_sign_out_and_failed_sign_in_are_logged(tree, client, settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    officer = UserFactory(username="canbo", full_name="Trần Thị Hoa")
    officer.set_password(PASSWORD)
    officer.save()
    grant(officer, tree.prov_b, Role.OFFICER)
    proxied = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}

    login = reverse("core:login")
    client.post(login, {"username": "canbo", "password": "sai-mat-khau"}, **proxied)
    client.post(login, {"username": "khong-ai", "password": "sai-mat-khau"}, **proxied)
    response = client.post(login, {"username": "canbo", "password": PASSWORD}, **proxied)
    assert response.status_code == 302
    client.post(reverse("core:logout"), **proxied)

    rows = list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN)
        .order_by("pk")
        .values_list(
            "kind", "action", "actor__username", "object_type", "object_id", "unit", "ip", "after"
        )
    )
    who = str(officer.pk)
    assert rows == [
        ("login", "auth.login_failed", None, "core.user", who, tree.prov_b.pk, "203.0.113.9",
         {"username": "canbo"}),
        ("login", "auth.login_failed", None, "", "", None, "203.0.113.9",
         {"username": "khong-ai"}),
        ("login", "auth.login", "canbo", "core.user", who, tree.prov_b.pk, "203.0.113.9", None),
        ("login", "auth.logout", "canbo", "core.user", who, tree.prov_b.pk, "203.0.113.9", None),
    ]  # fmt: skip
    assert "sai-mat-khau" not in str(list(AuditEvent.objects.values_list("after", "reason")))

    superuser = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    vi = _page(client, "vi", "?kind=login")
    for shown in (
        "Đăng nhập vào hệ thống",
        "Đăng xuất khỏi hệ thống",
        "Đăng nhập không thành công",
        "Tên đăng nhập đã nhập: khong-ai",
        "Người dùng #",
    ):
        assert shown in vi, shown
    assert "auth." not in vi
    assert "core.user" not in vi
    en = _page(client, "en", "?kind=login")
    for shown in ("Signed in", "Signed out", "Sign-in failed", "Username typed: khong-ai"):
        assert shown in en, shown


def test_a_leader_reads_the_sign_ins_of_the_units_people(tree, client):
    officer = UserFactory(username="canbo")
    grant(officer, tree.prov_b, Role.OFFICER)
    leader = UserFactory(username="lanhdao")
    grant(leader, tree.prov_b, Role.LEADER)
    elsewhere = UserFactory(username="canbo.khac")
    grant(elsewhere, tree.prov_new, Role.OFFICER)
    client.force_login(officer)
    client.force_login(elsewhere)
    client.force_login(leader)
    text = _page(client, "vi", "?kind=login")
    # The officer's sign-in and the leader's, not that of the officer of another unit.
    assert text.count("Đăng nhập vào hệ thống") == 2
