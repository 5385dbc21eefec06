"""Reports count once per participant and once per client address a day (a person cannot hide a
comment alone by clearing cookies), reports are rate-limited per address, and a second use of
an expert's link says that it was used."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ExpertOpinion,
    Invitation,
    Node,
)
from ykien.consultations.tests.conftest import comment_on, invite
from ykien.consultations.views import public

pytestmark = pytest.mark.django_db

USED = "Ý kiến theo lời mời này đã được gửi; mỗi đường dẫn chỉ dùng một lần."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def comment(draft, people) -> Comment:
    return comment_on(draft, people.citizen, stance="disagree", reasons="Không phù hợp")


def _report(comment: Comment, address: str, client: Client | None = None):
    """Report from a fresh browser (a new anonymous session) at ``address``."""
    client = client or Client(REMOTE_ADDR=address)
    return client.post(
        reverse("consultations:comment_report", args=[comment.draft_id, comment.pk]),
        {"reason": "Xúc phạm"},
        follow=True,
    )


def _state(comment: Comment) -> tuple[str, int]:
    comment.refresh_from_db()
    return comment.status, comment.report_count


def test_three_fresh_sessions_from_one_address_do_not_hide_a_comment(comment):
    for _ in range(3):
        response = _report(comment, "198.51.100.7")
        assert "Cảm ơn bạn đã báo cáo" in response.content.decode()
    assert _state(comment) == (CommentStatus.VISIBLE, 1)
    reports = list(CommentReport.objects.order_by("id"))
    assert [r.counted for r in reports] == [True, False, False]
    assert len({r.participant for r in reports}) == 3  # three sessions, all kept
    assert len({r.address_hash for r in reports}) == 1
    assert len(reports[0].address_hash) == 64
    assert "198.51.100.7" not in reports[0].address_hash  # a keyed hash, not the address
    assert reports[0].address_hash != services.address_hash("198.51.100.8")


def test_three_addresses_hide_a_comment(comment):
    for address in ("198.51.100.7", "198.51.100.8", "203.0.113.9"):
        _report(comment, address)
    assert _state(comment) == (CommentStatus.PENDING, 3)


def test_one_address_counts_again_after_24_hours(comment, time_machine):
    _report(comment, "198.51.100.7")
    time_machine.move_to(dt.datetime(2026, 11, 27, 8, 59, tzinfo=dt.UTC))  # 23 h 59 min later
    _report(comment, "198.51.100.7")
    assert _state(comment) == (CommentStatus.VISIBLE, 1)
    time_machine.move_to(dt.datetime(2026, 11, 27, 9, 1, tzinfo=dt.UTC))  # 24 h 1 min later
    _report(comment, "198.51.100.7")
    assert _state(comment) == (CommentStatus.VISIBLE, 2)


def test_a_session_reports_once_and_a_signed_in_user_always_counts(comment, people):
    browser = Client(REMOTE_ADDR="198.51.100.7")
    _report(comment, "", browser)
    _report(comment, "", browser)  # the same session again: ignored
    assert CommentReport.objects.count() == 1
    browser.force_login(people.officer)  # one account, one person, even at the same address
    _report(comment, "", browser)
    assert _state(comment) == (CommentStatus.VISIBLE, 2)
    assert list(CommentReport.objects.order_by("id").values_list("counted", flat=True)) == [
        True,
        True,
    ]


def test_reports_are_rate_limited_per_address(comment, monkeypatch):
    monkeypatch.setattr(public, "REPORTS_PER_HOUR", 2)
    other = services.comment_post(
        draft_id=comment.draft_id,
        node_id=None,
        participant=services.Participant.anonymous("khac"),
        stance="agree",
    )
    _report(comment, "198.51.100.7")
    _report(other, "198.51.100.7")
    response = _report(other, "198.51.100.7")
    assert "Bạn đã báo cáo quá nhiều trong một giờ; xin thử lại sau." in response.content.decode()
    assert CommentReport.objects.count() == 2
    _report(other, "203.0.113.9")  # another address is not limited
    assert CommentReport.objects.count() == 3


def test_a_second_post_to_a_used_expert_link_says_so(client, draft, people, tree):
    url, _raw = invite(draft, people, tree)
    node = Node.objects.get(draft=draft, label="Điều 2")
    first = {"overall": "Cơ bản đồng ý.", "signed_name": "Võ Thanh Bình", "confirmed": "on"}
    assert client.post(url, first).status_code == 302
    signature = Invitation.objects.get().signature
    for second in (
        {**first, f"node_{node.pk}": "Lần hai"},
        {"overall": ""},  # even an incomplete form is answered with the reason
    ):
        response = client.post(url, second)
        assert response.status_code == 200
        html = response.content.decode()
        assert USED in html
        assert "Ký và gửi ý kiến" not in html  # no form: the page shows what was sent
    assert list(ExpertOpinion.objects.values_list("node_id", "text")) == [(None, "Cơ bản đồng ý.")]
    assert Invitation.objects.get().signature == signature


def test_an_expert_link_used_from_another_tab_meanwhile_says_so(
    client, draft, people, tree, monkeypatch
):
    url, raw = invite(draft, people, tree)
    stale = services.invitation_by_link(raw=raw)  # the page was loaded before the first answer
    services.opinion_submit(
        raw=raw, overall="Lần một", per_node={}, signed_name="Võ Thanh Bình", confirmed=True
    )
    monkeypatch.setattr(services, "invitation_by_link", lambda raw: stale)
    response = client.post(
        url, {"overall": "Lần hai", "signed_name": "Võ Thanh Bình", "confirmed": "on"}
    )
    html = response.content.decode()
    assert USED in html
    assert "Lần một" in html
    assert "Ký và gửi ý kiến" not in html
    assert list(ExpertOpinion.objects.values_list("text", flat=True)) == ["Lần một"]
