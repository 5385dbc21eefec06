"""Closing the comment period before its announced end: the announced period is kept, the early
end is recorded with its date and reason (required, and confirmed on the form), shown on the
public and staff pages, in the API and the open data, audited, and every intake refuses after it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from ykien.consultations import selectors, services
from ykien.consultations.models import (
    Comment,
    Draft,
    DraftStatus,
    ExpertOpinion,
    Node,
    Statement,
    Vote,
)
from ykien.consultations.tests.conftest import comment_on, invite
from ykien.consultations.tests.test_views import login_verified
from ykien.core import apikeys
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.models import AuditEvent

pytestmark = pytest.mark.django_db

REASON = "Đã đủ ý kiến; cơ quan soạn thảo cần trình sớm."
#: 20:44 UTC on the 6th is 03:44 on 7 December in Vietnam.
LATE_EVENING_UTC = dt.datetime(2026, 12, 6, 20, 44, tzinfo=dt.UTC)


def _close_early(draft, people, reason=REASON):
    return services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason=reason
    )


def _audited(draft):
    return list(
        AuditEvent.objects.filter(object_type="consultations.draft", object_id=str(draft.pk))
        .order_by("id")
        .values_list("action", "before", "after", "reason")
    )


# ------------------------------------------------------------------------------ the service


def test_closing_early_keeps_the_announced_period_and_records_date_and_reason(draft, people):
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        _close_early(draft, people)
    draft.refresh_from_db()
    assert (draft.status, draft.comment_start, draft.comment_end) == (
        DraftStatus.CLOSED,
        dt.date(2026, 11, 26),
        dt.date(2026, 12, 10),
    )
    assert (draft.closed_early_at, draft.closed_early_on, draft.closed_early_reason) == (
        LATE_EVENING_UTC,
        dt.date(2026, 12, 7),
        REASON,
    )
    assert _audited(draft)[-1] == (
        "consultations.draft.close",
        {"closed_early_at": None, "closed_early_reason": "", "status": "open"},
        {
            "closed_early_at": "2026-12-06T20:44:00+00:00",
            "closed_early_reason": REASON,
            "status": "closed",
        },
        REASON,
    )


@pytest.mark.parametrize("reason", ["", "   ", "\u200b"])
def test_closing_early_without_a_reason_is_refused_and_changes_nothing(draft, people, reason):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _close_early(draft, people, reason=reason)
    assert (exc.value.code, exc.value.field, str(exc.value.message)) == (
        "reason_required",
        "reason",
        "Kết thúc lấy ý kiến trước hạn đã công bố (10/12/2026) thì phải nêu lý do.",
    )
    draft.refresh_from_db()
    assert (draft.status, draft.comment_end, draft.closed_early_at) == (
        DraftStatus.OPEN,
        dt.date(2026, 12, 10),
        None,
    )
    assert AuditEvent.objects.count() == events


def test_closing_after_the_announced_end_is_not_early_and_needs_no_reason(draft, people):
    with time_machine.travel(dt.datetime(2026, 12, 11, 2, 0, tzinfo=dt.UTC), tick=False):
        services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.CLOSED)
    draft.refresh_from_db()
    assert (draft.status, draft.comment_end, draft.closed_early_at, draft.closed_early_reason) == (
        DraftStatus.CLOSED,
        dt.date(2026, 12, 10),
        None,
        "",
    )


def test_reopening_clears_the_early_end_and_the_audit_keeps_it(draft, people):
    _close_early(draft, people)
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.OPEN, comment_end=dt.date(2026, 12, 20)
    )
    draft.refresh_from_db()
    assert (draft.status, draft.comment_end, draft.closed_early_at, draft.closed_early_reason) == (
        DraftStatus.OPEN,
        dt.date(2026, 12, 20),
        None,
        "",
    )
    assert [a for a, *_rest in _audited(draft)][-2:] == [
        "consultations.draft.close",
        "consultations.draft.reopen",
    ]
    assert _audited(draft)[-1][2] == {
        "closed_early_at": None,
        "closed_early_reason": "",
        "comment_end": "2026-12-20",
        "status": "open",
    }


def test_the_history_names_the_early_end_in_words(draft, people):
    _close_early(draft, people)
    rows = selectors.draft_history(draft=draft)
    assert [(r.what, r.reason) for r in rows] == [
        ("Kết thúc lấy ý kiến sớm", REASON),
        ("Chuyển sang: Đang lấy ý kiến", ""),
        ("Chuyển sang: Đang rà soát văn bản", ""),
        ("Tiếp nhận dự thảo", ""),
    ]
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.OPEN, comment_end=dt.date(2026, 12, 20)
    )
    assert selectors.draft_history(draft=draft)[0].what == (
        "Mở lại lấy ý kiến, hạn góp ý mới 20/12/2026"
    )


# --------------------------------------------------------------------------- intake refused


def test_every_intake_is_refused_after_the_early_end(client, draft, people, tree):
    node = Node.objects.get(draft=draft, label="Điều 2, khoản 1")
    statement = services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text="Hợp lý"
    )
    url, raw = invite(draft, people, tree)
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False):
        _close_early(draft, people)  # an hour after the invitation
    citizen = services.Participant.of_user(people.citizen)
    for node_id in (node.pk, None):
        with pytest.raises(InvalidTransition) as exc:
            services.comment_post(
                draft_id=draft.pk,
                node_id=node_id,
                participant=citizen,
                stance="agree",
                reasons="Tốt",
            )
        assert exc.value.code == "draft_closed"
    with pytest.raises(InvalidTransition) as exc:
        services.vote_cast(statement_id=statement.pk, participant=citizen, value=1)
    assert exc.value.code == "draft_closed"
    with pytest.raises(InvalidTransition) as exc:
        services.statement_propose(draft=draft, participant=citizen, text="Nhận định mới")
    assert exc.value.code == "draft_closed"
    with pytest.raises(InvalidTransition) as exc:
        services.opinion_submit(
            raw=raw, overall="Ý kiến", per_node={}, signed_name="Võ Thanh Bình", confirmed=True
        )
    assert (exc.value.code, str(exc.value.message)) == (
        "closed_early",
        "Việc lấy ý kiến dự thảo đã kết thúc sớm ngày 26/11/2026; không nhận thêm ý kiến "
        "theo lời mời này.",
    )
    # By clicking: the comment form is refused, and the expert's page says why.
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "agree", "reasons": "Tốt"},
    )
    assert response.status_code == 200
    assert "Dự thảo không còn trong thời gian lấy ý kiến." in response.content.decode()
    client.logout()
    page = client.get(url).content.decode()
    assert "Việc lấy ý kiến dự thảo đã kết thúc sớm ngày 26/11/2026" in page
    assert 'name="signed_name"' not in page
    assert (Comment.objects.count(), Vote.objects.count(), Statement.objects.count()) == (0, 0, 1)
    assert ExpertOpinion.objects.count() == 0


def test_the_api_refuses_a_comment_after_the_early_end(client, draft, people):
    _close_early(draft, people)
    _token, raw = apikeys.apikey_create(actor=people.citizen, name="thử")
    response = client.post(
        f"/api/v1/consultations/drafts/{draft.pk}/comments",
        json.dumps({"stance": "agree", "reasons": "Tốt"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "draft_closed: Dự thảo không còn trong thời gian lấy ý kiến."
    )
    assert Comment.objects.count() == 0


def test_the_conditional_insert_refuses_a_draft_marked_ended_early(draft, people):
    """The one-statement intake checks the early end itself, not only the status."""
    Draft.objects.filter(pk=draft.pk).update(
        closed_early_at=dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    )
    draft.refresh_from_db()
    assert draft.phase_on(dt.date(2026, 11, 26)) == "ended"
    with pytest.raises(InvalidTransition) as exc:
        comment_on(draft, people.citizen, stance="agree", reasons="Tốt")
    assert exc.value.code == "draft_closed"
    assert Comment.objects.count() == 0


def test_an_expert_invited_after_the_early_end_may_still_answer(draft, people, tree):
    _close_early(draft, people)
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False):
        _url, raw = invite(draft, people, tree)  # an hour after the early end
    services.opinion_submit(
        raw=raw, overall="Ý kiến", per_node={}, signed_name="Võ Thanh Bình", confirmed=True
    )
    assert ExpertOpinion.objects.count() == 1


# ------------------------------------------------------------------------------- the pages


def test_the_close_form_asks_for_a_reason_and_a_confirmation(client, draft, people):
    login_verified(client, people.officer)
    page = client.get(reverse("consultations:staff_draft", args=[draft.pk])).content.decode()
    assert 'name="confirm_early"' in page
    assert "Tôi xác nhận kết thúc lấy ý kiến trước hạn đã công bố (10/12/2026)" in page
    assert '<textarea name="reason"' in page


def test_closing_without_a_reason_by_clicking_is_a_400_and_changes_nothing(client, draft, people):
    login_verified(client, people.officer)
    response = client.post(
        reverse("consultations:transition", args=[draft.pk]),
        {"to": "closed", "reason": "", "confirm_early": "on"},
    )
    assert response.status_code == 400
    assert (
        "Kết thúc lấy ý kiến trước hạn đã công bố (10/12/2026) thì phải nêu lý do."
        in response.content.decode()
    )
    draft.refresh_from_db()
    assert (draft.status, draft.closed_early_at) == (DraftStatus.OPEN, None)


def test_closing_without_the_confirmation_is_a_400_and_changes_nothing(client, draft, people):
    login_verified(client, people.officer)
    response = client.post(
        reverse("consultations:transition", args=[draft.pk]),
        {"to": "closed", "reason": REASON},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy đánh dấu ô xác nhận để kết thúc lấy ý kiến trước hạn." in html
    assert REASON in html  # the reason typed is kept in the form
    draft.refresh_from_db()
    assert (draft.status, draft.closed_early_at) == (DraftStatus.OPEN, None)


def test_closing_early_by_clicking_shows_the_period_and_the_early_end(client, draft, people):
    login_verified(client, people.officer)
    reason = "Đủ ý kiến <script>alert(1)</script>"
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        response = client.post(
            reverse("consultations:transition", args=[draft.pk]),
            {"to": "closed", "reason": reason, "confirm_early": "on"},
        )
        assert response.status_code == 302
        staff = client.get(reverse("consultations:staff_draft", args=[draft.pk])).content.decode()
        public = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
        node = Node.objects.get(draft=draft, label="Điều 2, khoản 1")
        node_page = client.get(
            reverse("consultations:node", args=[draft.pk, node.pk])
        ).content.decode()
        listing = client.get(reverse("consultations:drafts")).content.decode()
    line = "Kết thúc sớm ngày 07/12/2026 — lý do: Đủ ý kiến &lt;script&gt;alert(1)&lt;/script&gt;"
    for html in (staff, public):
        assert "26/11/2026 – 10/12/2026" in html
    for html in (staff, public, node_page):
        assert line in html
        assert "<script>alert(1)</script>" not in html
    assert "Kết thúc sớm ngày 07/12/2026" in listing
    assert "<td>Kết thúc lấy ý kiến sớm</td>" in staff  # the history


def test_the_api_and_the_open_data_give_the_early_end(client, draft, people):
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        _close_early(draft, people)
    got = client.get(f"/api/v1/consultations/drafts/{draft.pk}").json()
    assert {k: got[k] for k in ("comment_start", "comment_end", "closed_early")} == {
        "comment_start": "2026-11-26",
        "comment_end": "2026-12-10",
        "closed_early": {"date": "2026-12-07", "reason": REASON},
    }
    meta = client.get(reverse("consultations:export", args=[draft.pk, "json"])).json()["draft"]
    assert {k: meta[k] for k in ("comment_start", "comment_end", "closed_early")} == {
        "comment_start": "2026-11-26",
        "comment_end": "2026-12-10",
        "closed_early": {"date": "2026-12-07", "reason": REASON},
    }


def test_a_draft_not_closed_early_says_so_in_the_api(client, draft):
    got = client.get(f"/api/v1/consultations/drafts/{draft.pk}").json()
    assert got["closed_early"] is None
