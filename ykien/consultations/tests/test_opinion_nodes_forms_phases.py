"""The expert's form offers every commentable node (points, the one node of a text without
structure) and the service refuses any other; worklist counts take plural forms; a form error is
shown once; a version cannot be uploaded after the critique is issued (the page says why); staff
pages and the worklist tell an upcoming or ended comment period from an open one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ykien.consultations import services
from ykien.consultations.models import DraftVersion, ExpertOpinion, Invitation, Node
from ykien.consultations.tests.conftest import invite, make_draft
from ykien.consultations.tests.test_lifecycle import _issued
from ykien.consultations.tests.test_views import login_verified
from ykien.consultations.worklist import provider
from ykien.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

TITLE = "Dự thảo Nghị quyết hỗ trợ hợp tác xã"
SIGN = {"signed_name": "Võ Thanh Bình", "confirmed": "on"}


def _fields(html: str) -> list[int]:
    """The node ids of the expert form's per-node fields, in page order."""
    return [int(part.split('"', 1)[0]) for part in html.split('name="node_')[1:]]


# --------------------------------------------------------------------- expert opinion nodes


def test_the_expert_form_offers_articles_clauses_and_points_of_the_current_version(
    client, draft, people, tree
):
    url, _raw = invite(draft, people, tree)
    html = client.get(url).content.decode()
    offered = Node.objects.filter(pk__in=_fields(html))
    assert [n.label for n in offered.order_by("position")] == [
        "Điều 1",
        "Điều 2",
        "Điều 2, khoản 1",
        "Điều 2, khoản 2",
        "Điều 3",
        "Điều 3, khoản 1",
        "Điều 3, khoản 1, điểm a",
        "Điều 3, khoản 1, điểm b",
        "Điều 3, khoản 2",
    ]
    assert _fields(html) == [n.pk for n in offered.order_by("position")]
    assert "Ý kiến theo từng điều, khoản, điểm (nếu có)" in html
    point = Node.objects.get(draft=draft, label="Điều 3, khoản 1, điểm b")
    response = client.post(url, {f"node_{point.pk}": "Nâng lên 70%.", **SIGN})
    assert response.status_code == 302
    assert list(ExpertOpinion.objects.values_list("node_id", "text")) == [
        (point.pk, "Nâng lên 70%.")
    ]


def test_the_one_node_of_a_text_without_structure_takes_an_opinion(client, tree, people):
    draft = make_draft(
        tree, people.officer, text="Kế hoạch tuyên truyền.\nNội dung thứ nhất.\nNội dung thứ hai."
    )
    [whole] = Node.objects.filter(draft=draft)
    url, _raw = invite(draft, people, tree)
    assert _fields(client.get(url).content.decode()) == [whole.pk]
    assert client.post(url, {f"node_{whole.pk}": "Bổ sung thời gian.", **SIGN}).status_code == 302
    assert list(ExpertOpinion.objects.values_list("node_id", "text")) == [
        (whole.pk, "Bổ sung thời gian.")
    ]


def test_the_opinion_service_refuses_a_part_that_takes_no_comments(draft, people, tree):
    _url, raw = invite(draft, people, tree)
    for kind in ("chapter", "preamble"):
        node = Node.objects.filter(draft=draft, kind=kind).first()
        with pytest.raises(ValidationFailed) as exc:
            services.opinion_submit(
                raw=raw,
                overall="Đồng ý.",
                per_node={node.pk: "Ý kiến"},
                signed_name="Võ Thanh Bình",
                confirmed=True,
            )
        assert exc.value.code == "not_commentable"
        assert str(exc.value.message) == (
            "Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."
        )
    assert ExpertOpinion.objects.count() == 0
    assert Invitation.objects.get().answered_at is None


def test_the_opinion_service_refuses_a_node_of_an_old_version_or_another_draft(draft, people, tree):
    _url, raw = invite(draft, people, tree)
    old = Node.objects.get(draft=draft, label="Điều 1")
    other = make_draft(tree, people.officer)
    foreign = Node.objects.get(draft=other, label="Điều 1")
    services.version_upload(
        actor=people.officer, draft=draft, filename="v2.txt", data="Điều 1. A\nNội dung.".encode()
    )
    services.version_publish(actor=people.officer, version=draft.versions.get(number=2))
    for node in (old, foreign):
        with pytest.raises(ValidationFailed) as exc:
            services.opinion_submit(
                raw=raw,
                overall="",
                per_node={node.pk: "Ý kiến"},
                signed_name="Võ Thanh Bình",
                confirmed=True,
            )
        assert exc.value.code == "old_version"
        assert str(exc.value.message) == "Có điều, khoản không thuộc phiên bản đang công khai."
    assert ExpertOpinion.objects.count() == 0
    assert Invitation.objects.get().answered_at is None


# --------------------------------------------------------------------------- worklist plurals


@pytest.mark.parametrize("n", [1, 2])
def test_worklist_counts_of_points_take_the_english_plural(draft, people, n):
    doc = _issued(draft, people, n_points=n)
    points = "critique point" if n == 1 else "critique points"
    bare = "point" if n == 1 else "points"
    on_time = doc.answer_due
    late = doc.answer_due + dt.timedelta(days=1)
    with translation.override("en"):
        assert [i.title for i in provider(people.officer, on_time)] == [
            f"Awaiting the drafting body's reply to {n} {bare}: {TITLE}"
        ]
        assert [i.title for i in provider(people.officer, late)] == [
            f"Reply overdue for {n} {points}: {TITLE}"
        ]
        assert [i.title for i in provider(people.respondent, on_time)] == [
            f"Reply to {n} {points} — {TITLE}"
        ]
        assert [i.title for i in provider(people.respondent, late)] == [
            f"Overdue: reply to {n} {points} — {TITLE}"
        ]
    assert [i.title for i in provider(people.officer, late)] == [
        f"Quá hạn trả lời {n} điểm phản biện: {TITLE}"
    ]


# ----------------------------------------------------------------------- errors shown once


def test_the_points_page_shows_a_form_error_once(client, draft, people):
    services.draft_transition(
        actor=people.officer, draft=draft, to="closed", reason="Đã đủ ý kiến."
    )
    services.draft_transition(actor=people.officer, draft=draft, to="consolidating")
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:points", args=[draft.pk]),
        {"title": "Vấn đề", "text": "Nội dung", "comments": "999999"},
    )
    html = response.content.decode()
    # The comment picker refuses a number that is no comment of the draft, on its field, once.
    assert html.count("Không có góp ý này (có thể đã bị xóa hoặc bạn không được chọn).") == 1
    assert draft.points.count() == 0


def test_the_draft_form_shows_a_refusal_once(client, draft, people):
    _issued(draft, people)
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:edit", args=[draft.pk]),
        {
            "title": "Tên mới",
            "kind": "resolution",
            "form": "conference",
            "received_on": "2026-11-26",
            "comment_end": "2026-12-10",
        },
    )
    html = response.content.decode()
    assert html.count("Văn bản phản biện đã ban hành; không sửa thông tin dự thảo.") == 1
    draft.refresh_from_db()
    assert draft.title == TITLE


def test_no_upload_form_after_the_critique_is_issued_and_the_page_says_why(client, draft, people):
    _issued(draft, people)
    client.force_login(people.officer)
    url = reverse("consultations:upload", args=[draft.pk])
    reason = "Văn bản phản biện đã ban hành; không tải lên phiên bản mới."
    html = client.get(url).content.decode()
    assert html.count(reason) == 1
    assert 'type="file"' not in html
    assert "Tải lên và tách cấu trúc" not in html
    upload = SimpleUploadedFile(
        "v2.txt", "Điều 1. A\nNội dung.".encode(), content_type="text/plain"
    )
    html = client.post(url, {"file": upload}).content.decode()
    assert html.count(reason) == 1
    assert DraftVersion.objects.filter(draft=draft).count() == 1
    overview = client.get(reverse("consultations:staff_draft", args=[draft.pk])).content.decode()
    assert overview.count(reason) == 1
    assert reverse("consultations:upload", args=[draft.pk]) not in overview


def test_the_upload_form_is_offered_while_the_draft_is_open(client, draft, people):
    client.force_login(people.officer)
    html = client.get(reverse("consultations:upload", args=[draft.pk])).content.decode()
    assert 'type="file"' in html
    assert "Văn bản phản biện đã ban hành" not in html
    overview = client.get(reverse("consultations:staff_draft", args=[draft.pk])).content.decode()
    assert "Văn bản phản biện đã ban hành" not in overview


# ------------------------------------------------------------------ upcoming / ended periods


def _upcoming(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    services.version_publish(
        actor=people.officer,
        version=draft.versions.get(number=1),
        comment_start=dt.date(2026, 12, 1),
        comment_end=dt.date(2026, 12, 20),
    )
    draft.refresh_from_db()
    return draft


def _status_cells(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_staff_list_and_worklist_call_an_upcoming_draft_upcoming(client, tree, people):
    draft = _upcoming(tree, people)
    assert draft.status == "open"
    client.force_login(people.officer)
    rows = _status_cells(client.get(reverse("consultations:staff_list")).content.decode())
    assert "Sắp lấy ý kiến, từ ngày 01/12/2026" in rows
    assert "Đang lấy ý kiến" not in rows
    overview = client.get(reverse("consultations:staff_draft", args=[draft.pk])).content.decode()
    assert "Sắp lấy ý kiến, từ ngày 01/12/2026" in overview
    assert [i.title for i in provider(people.officer, dt.date(2026, 11, 26))] == [
        f"Sắp lấy ý kiến, từ ngày 01/12/2026: {TITLE}"
    ]
    assert [i.title for i in provider(people.officer, dt.date(2026, 12, 1))] == [
        f"Đang lấy ý kiến: {TITLE}"
    ]


def test_staff_list_and_worklist_call_an_ended_period_ended(client, draft, people, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 11, 9, 0, tzinfo=dt.UTC))
    client.force_login(people.officer)
    rows = _status_cells(client.get(reverse("consultations:staff_list")).content.decode())
    assert "Đã hết hạn góp ý" in rows
    assert "Đang lấy ý kiến" not in rows
    assert [i.title for i in provider(people.officer, dt.date(2026, 12, 11))] == [
        f"Đã hết hạn góp ý, cần kết thúc: {TITLE}"
    ]


def test_staff_list_says_open_during_the_period(client, draft, people):
    client.force_login(people.officer)
    rows = _status_cells(client.get(reverse("consultations:staff_list")).content.decode())
    assert "Đang lấy ý kiến" in rows
    assert "Sắp lấy ý kiến" not in rows
    assert [i.title for i in provider(people.officer, dt.date(2026, 11, 26))] == [
        f"Đang lấy ý kiến: {TITLE}"
    ]
    with translation.override("en"):
        assert [i.title for i in provider(people.officer, dt.date(2026, 11, 26))] == [
            f"Open for comments: {TITLE}"
        ]


def test_the_leader_sees_the_upcoming_status_too(client, tree, people):
    _upcoming(tree, people)
    login_verified(client, people.leader)
    rows = _status_cells(client.get(reverse("consultations:staff_list")).content.decode())
    assert "Sắp lấy ý kiến, từ ngày 01/12/2026" in rows
