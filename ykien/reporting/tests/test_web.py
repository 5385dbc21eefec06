"""The pages: an officer enters and submits figures, the leader approves or returns them, the
dashboard and the downloads; permissions by role at a unit."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.reporting import services
from ykien.reporting.models import Submission

from .conftest import approve, full

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(db):
    return services.period_ensure(actor=SYSTEM, code="2026-Q3")


@pytest.fixture
def officer(tree):
    user = UserFactory(username="canbo.xa")
    grant(user, tree.commune_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def leader(tree):
    # A leader must pass two-factor authentication; tests mark the session as verified.
    user = UserFactory(username="lanhdao.tinh")
    grant(user, tree.prov_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    return user


def _login_verified(client, user):
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def _form(**figures):
    data = {f"chi_tieu__{code}": value for code, value in full(**figures).items()}
    data["notes"] = "Theo báo cáo của các chi bộ"
    return data


@time_machine.travel(dt.datetime(2026, 10, 2, 9, tzinfo=dt.UTC), tick=False)
def test_officer_submits_and_leader_approves(
    client, tree, indicators, period, officer, leader, django_capture_on_commit_callbacks
):
    url = reverse("reporting:entry", args=[tree.commune_new.code, "2026-Q3"])
    client.force_login(officer)
    page = client.get(url).content.decode()
    # Five working days after Wednesday 30/9: 1, 2, 5, 6 and 7 October.
    assert "Hạn nộp:" in page
    assert "07/10/2026" in page
    response = client.post(url, {**_form(TIEN="58.000.000", DV="1.068"), "gui": "1"})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == "submitted"
    assert submission.values.get(indicator__code="DV").value == 1068
    # Submitted figures are no longer editable.
    response = client.post(url, _form(TIEN="1"), follow=True)
    assert "không sửa được" in response.content.decode()

    client.logout()
    _login_verified(client, leader)
    page = client.get(url).content.decode()
    assert "Duyệt số liệu" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:decide", args=[tree.commune_new.code, "2026-Q3"]),
            {"quyet-dinh": "duyet", "comment": ""},
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("approved", leader)
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "đã được duyệt" in mail.outbox[0].subject

    dashboard = client.get(reverse("reporting:dashboard", args=[tree.prov_new.code, "2026-Q3"]))
    html = dashboard.content.decode()
    assert "58 triệu đồng" in html
    assert "1.068" in html
    assert "Chờ duyệt" not in html


def test_bad_figures_are_shown_back_with_what_was_typed(client, tree, indicators, period, officer):
    url = reverse("reporting:entry", args=[tree.commune_new.code, "2026-Q3"])
    client.force_login(officer)
    response = client.post(url, _form(DV="-5", TYLE="120", TT="mười hai"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Số đảng viên”: không được là số âm." in html
    assert "“Tỷ lệ hoàn thành tốt”: tỷ lệ phần trăm không được lớn hơn 100." in html
    assert "“Mô hình tập thể”: “mười hai” không phải là số" in html
    assert 'value="mười hai"' in html
    assert 'value="-5"' in html
    assert Submission.objects.count() == 0


def test_return_needs_a_reason_and_the_officer_sees_it(
    client, tree, indicators, period, officer, leader
):
    submission = services.submission_save(
        actor=officer, unit=tree.commune_new, period=period, values=full(DV=3)
    )
    services.submission_transition(actor=officer, submission=submission, to="submitted")
    _login_verified(client, leader)
    decide = reverse("reporting:decide", args=[tree.commune_new.code, "2026-Q3"])
    response = client.post(decide, {"quyet-dinh": "tra-lai", "comment": ""}, follow=True)
    assert "Khi trả lại phải nêu lý do" in response.content.decode()
    client.post(decide, {"quyet-dinh": "tra-lai", "comment": "Số đảng viên chưa khớp"})
    client.logout()
    client.force_login(officer)
    html = client.get(
        reverse("reporting:entry", args=[tree.commune_new.code, "2026-Q3"])
    ).content.decode()
    assert "Số đảng viên chưa khớp" in html
    assert "Lưu và gửi lãnh đạo duyệt" in html


def test_pages_need_a_staff_role_covering_the_unit(client, tree, people, indicators, period):
    dashboard = reverse("reporting:dashboard", args=[tree.prov_new.code, "2026-Q3"])
    assert client.get(dashboard).status_code == 302  # to the login page
    client.force_login(people.citizen)
    assert client.get(dashboard).status_code == 403
    assert client.get(reverse("reporting:index")).status_code == 403
    client.force_login(people.other)  # officer of another province
    assert client.get(dashboard).status_code == 403
    assert (
        client.get(reverse("reporting:entry", args=[tree.commune_new.code, "2026-Q3"])).status_code
        == 403
    )
    client.force_login(people.new_officer)
    assert client.get(dashboard).status_code == 200
    # The new province's officer reads the old province's briefing (merged into hers).
    approve(tree.prov_a, "2024-Q1", full(TIEN=5_800_000_000), dt.date(2024, 4, 3), **people.before)
    html = client.get(
        reverse("reporting:dashboard", args=[tree.prov_a.code, "2024-Q1"])
    ).content.decode()
    assert "5,8 tỷ đồng" in html
    gone = client.get(reverse("reporting:dashboard", args=[tree.prov_a.code, "2026-Q3"]))
    assert gone.status_code == 404
    assert "không còn tồn tại trong quý III/2026" in gone.content.decode()


def test_downloads(client, tree, people, indicators):
    approve(
        tree.prov_a,
        "2024-Q1",
        full(TIEN=5_800_000_000, DV=1068),
        dt.date(2024, 4, 3),
        **people.before,
    )
    client.force_login(people.new_officer)
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(
            reverse("reporting:download", args=[tree.prov_a.code, "2024-Q1", fmt])
        )
        assert response.status_code == 200
        assert response.content.startswith(magic)
        assert f'filename="giao-ban-A-2024-Q1.{fmt}"' in response["Content-Disposition"]
    assert (
        client.get(
            reverse("reporting:download", args=[tree.prov_a.code, "2024-Q1", "exe"])
        ).status_code
        == 404
    )


@time_machine.travel(dt.datetime(2026, 10, 12, 3, tzinfo=dt.UTC), tick=False)
def test_workspace_lists_figures_to_send_and_to_approve(
    client, tree, indicators, period, officer, leader
):
    client.force_login(officer)
    html = client.get(reverse("core:workspace")).content.decode()
    assert "Nhập và gửi số liệu giao ban quý III/2026: 1 đơn vị chưa gửi" in html
    submission = services.submission_save(
        actor=officer, unit=tree.commune_new, period=period, values=full()
    )
    services.submission_transition(actor=officer, submission=submission, to="submitted")
    _login_verified(client, leader)
    html = client.get(reverse("core:workspace")).content.decode()
    assert "Duyệt số liệu giao ban quý III/2026: 1 đơn vị chờ duyệt" in html


@time_machine.travel(dt.datetime(2026, 10, 12, 3, tzinfo=dt.UTC), tick=False)
def test_workspace_counts_of_units_take_the_english_plural(tree, indicators, period, officer):
    from django.utils import translation

    from ykien.reporting.worklist import provider

    day = dt.date(2026, 10, 12)

    def of_two_communes(username: str, role: str):
        user = UserFactory(username=username)
        for unit in (tree.commune_new, tree.commune_b):
            grant(user, unit, role, valid_from=dt.date(2025, 7, 1))
        return user

    def titles(user) -> list[str]:
        with translation.override("en"):
            return [i.title for i in provider(user, day)]

    leader = of_two_communes("lanhdao.hai.xa", Role.LEADER)
    assert titles(officer) == [
        "Enter and submit briefing figures for QIII/2026: 1 unit has not submitted"
    ]
    other = of_two_communes("canbo.hai.xa", Role.OFFICER)
    assert titles(other) == [
        "Enter and submit briefing figures for QIII/2026: 2 units have not submitted"
    ]
    for unit in (tree.commune_new, tree.commune_b):
        submission = services.submission_save(actor=other, unit=unit, period=period, values=full())
        services.submission_transition(actor=other, submission=submission, to="submitted")
        with translation.override("en"):
            approvals = [i.title for i in provider(leader, day) if "status=" in i.url]
        n = 1 if unit == tree.commune_new else 2
        assert approvals == [
            f"Approve briefing figures for QIII/2026: {n} {'unit' if n == 1 else 'units'}"
            " awaiting approval"
        ]
