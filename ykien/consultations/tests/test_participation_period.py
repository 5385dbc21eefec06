"""The comment period of an open draft: before its start the draft is "upcoming" (a distinct
refusal, no forms), after its end it is over even before an officer closes it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from ykien.consultations import selectors, services
from ykien.consultations.models import Comment, Draft, DraftStatus, Node, Statement, Vote
from ykien.consultations.tests.conftest import comment_on, make_draft
from ykien.core import apikeys
from ykien.core.errors import InvalidTransition

pytestmark = pytest.mark.django_db

NOT_STARTED = "Dự thảo chưa đến thời gian lấy ý kiến (từ ngày 27/11/2026)."
ENDED = "Dự thảo không còn trong thời gian lấy ý kiến."


def _statement(draft, people) -> Statement:
    return services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text="Nhận định"
    )


def _upcoming(draft) -> Draft:
    """Published, status open, its period starting tomorrow (today is 26/11/2026)."""
    Draft.objects.filter(pk=draft.pk).update(comment_start=dt.date(2026, 11, 27))
    draft.refresh_from_db()
    return draft


def _ended(draft) -> Draft:
    """Its period ended yesterday; no officer has closed it yet."""
    Draft.objects.filter(pk=draft.pk).update(
        comment_start=dt.date(2026, 11, 1), comment_end=dt.date(2026, 11, 25)
    )
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    return draft


def _refusals(draft, people, statement) -> list[tuple[str, str]]:
    citizen = services.Participant.of_user(people.citizen)
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    calls = [
        lambda: services.comment_post(
            draft_id=draft.pk, node_id=node.pk, participant=citizen, stance="agree"
        ),
        lambda: services.comment_post(
            draft_id=draft.pk, node_id=None, participant=citizen, stance="agree"
        ),
        lambda: services.statement_propose(draft=draft, participant=citizen, text="Ý mới"),
        lambda: services.vote_cast(statement_id=statement.pk, participant=citizen, value=1),
    ]
    found = []
    for call in calls:
        with pytest.raises(InvalidTransition) as exc:
            call()
        found.append((exc.value.code, str(exc.value.message)))
    return found


def test_the_phase_of_a_draft_by_day(draft):
    draft.comment_start, draft.comment_end = dt.date(2026, 11, 27), dt.date(2026, 12, 10)
    assert [draft.phase_on(dt.date(2026, 11, d)) for d in (26, 27)] == ["upcoming", "open"]
    assert [draft.phase_on(dt.date(2026, 12, d)) for d in (10, 11)] == ["open", "ended"]
    draft.status = DraftStatus.CLOSED
    assert draft.phase_on(dt.date(2026, 11, 30)) == ""


def test_before_the_start_every_kind_of_participation_says_when_it_opens(draft, people):
    statement = _statement(draft, people)
    _upcoming(draft)
    assert _refusals(draft, people, statement) == [("not_started", NOT_STARTED)] * 4
    assert (Comment.objects.count(), Vote.objects.count(), Statement.objects.count()) == (0, 0, 1)


def test_after_the_end_every_kind_of_participation_says_it_is_over(draft, people):
    statement = _statement(draft, people)
    _ended(draft)
    assert _refusals(draft, people, statement) == [("draft_closed", ENDED)] * 4
    assert (Comment.objects.count(), Vote.objects.count(), Statement.objects.count()) == (0, 0, 1)


def test_the_refusal_path_of_the_intake_reads_the_state_only_when_nothing_is_stored(
    draft, people, django_assert_num_queries
):
    _upcoming(draft)
    with django_assert_num_queries(2), pytest.raises(InvalidTransition) as exc:  # INSERT, read
        comment_on(draft, people.citizen, stance="agree")
    assert exc.value.code == "not_started"


def test_the_api_answers_409_with_the_same_messages(client, draft, people):
    statement = _statement(draft, people)
    _token, raw = apikeys.apikey_create(actor=people.citizen, name="thử")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    comment_url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    vote_url = f"/api/v1/consultations/statements/{statement.pk}/votes"
    body = json.dumps({"stance": "agree", "reasons": "Tốt"})
    vote = json.dumps({"value": 1})
    answers = []
    for setup in (_upcoming, _ended):
        setup(draft)
        for url, payload in ((comment_url, body), (vote_url, vote)):
            response = client.post(url, payload, content_type="application/json", **headers)
            answers.append((response.status_code, response.json()["detail"]))
    assert answers == [
        (409, f"not_started: {NOT_STARTED}"),
        (409, f"not_started: {NOT_STARTED}"),
        (409, f"draft_closed: {ENDED}"),
        (409, f"draft_closed: {ENDED}"),
    ]
    assert (Comment.objects.count(), Vote.objects.count()) == (0, 0)


def _pages(client, draft) -> tuple[str, str, str, str]:
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    return (
        client.get(reverse("consultations:drafts")).content.decode(),
        client.get(reverse("consultations:draft", args=[draft.pk])).content.decode(),
        client.get(reverse("consultations:node", args=[draft.pk, node.pk])).content.decode(),
        client.get(reverse("consultations:general", args=[draft.pk])).content.decode(),
    )


def _forms(draft, detail: str, node_page: str, general: str) -> list[bool]:
    return [
        f'action="{reverse("consultations:vote", args=[draft.pk])}"' in detail,
        f'action="{reverse("consultations:statement_propose", args=[draft.pk])}"' in detail,
        'class="count"' in detail and ">Góp ý (" in detail,
        "Gửi góp ý</button>" in node_page,
        "Gửi góp ý</button>" in general,
    ]


def test_an_open_draft_shows_its_forms(client, draft, people):
    _statement(draft, people)
    listing, detail, node_page, general = _pages(client, draft)
    assert '<span class="badge">Đang lấy ý kiến</span>' in listing
    assert "đang nhận góp ý" in listing
    assert '<span class="badge">Đang lấy ý kiến</span>' in detail
    assert _forms(draft, detail, node_page, general) == [True] * 5


@pytest.mark.parametrize(
    ("phase", "badge", "said", "not_said"),
    [
        # Upcoming: it says when it opens.
        (_upcoming, "Sắp lấy ý kiến, từ ngày 27/11/2026", NOT_STARTED, ENDED),
        # Ended, before an officer closes it: the closed state.
        (_ended, "Đã hết hạn góp ý", ENDED, NOT_STARTED),
    ],
)
def test_a_draft_out_of_its_period_says_so_and_shows_no_form(
    client, draft, people, phase, badge, said, not_said
):
    _statement(draft, people)
    phase(draft)
    listing, detail, node_page, general = _pages(client, draft)
    assert f'<span class="badge">{badge}</span>' in listing
    assert '<span class="badge">Đang lấy ý kiến</span>' not in listing
    assert "đang nhận góp ý" not in listing
    assert f'<span class="badge">{badge}</span>' in detail
    assert (said in detail, said in node_page, said in general) == (True, True, True)
    assert not_said not in detail + node_page + general
    assert _forms(draft, detail, node_page, general) == [False] * 5


def test_a_post_before_the_start_is_refused_with_the_start_date(client, draft, people):
    statement = _statement(draft, people)
    _upcoming(draft)
    client.force_login(people.citizen)
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    response = client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "agree", "reasons": "Tốt"},
    )
    assert response.status_code == 200
    assert NOT_STARTED in response.content.decode()
    response = client.post(
        reverse("consultations:vote", args=[draft.pk]),
        {"statement": statement.pk, "value": 1},
        follow=True,
    )
    assert NOT_STARTED in response.content.decode()
    response = client.post(
        reverse("consultations:statement_propose", args=[draft.pk]),
        {"text": "Ý mới"},
        follow=True,
    )
    assert NOT_STARTED in response.content.decode()
    assert (Comment.objects.count(), Vote.objects.count(), Statement.objects.count()) == (0, 0, 1)


@pytest.fixture
def listed(tree, people) -> dict[str, Draft]:
    """Published drafts (today is 26/11/2026), created in this order: open from today, open
    from tomorrow, open until yesterday, open until today, closed, consolidating; and one
    not yet published (never listed)."""
    periods = {
        "Mở từ hôm nay": (DraftStatus.OPEN, dt.date(2026, 11, 26), dt.date(2026, 12, 10)),
        "Sắp mở": (DraftStatus.OPEN, dt.date(2026, 11, 27), dt.date(2026, 12, 10)),
        "Quá hạn chưa đóng": (DraftStatus.OPEN, dt.date(2026, 11, 1), dt.date(2026, 11, 25)),
        "Hạn hôm nay": (DraftStatus.OPEN, None, dt.date(2026, 11, 26)),
        "Đã đóng": (DraftStatus.CLOSED, dt.date(2026, 11, 1), dt.date(2026, 11, 20)),
        "Đang tổng hợp": (DraftStatus.CONSOLIDATING, dt.date(2026, 10, 1), dt.date(2026, 10, 20)),
    }
    drafts = {}
    for title, (status, start, end) in periods.items():
        d = make_draft(tree, people.officer)
        Draft.objects.filter(pk=d.pk).update(
            title=title, status=status, comment_start=start, comment_end=end
        )
        drafts[title] = d
    unpublished = make_draft(tree, people.officer, publish=False)
    Draft.objects.filter(pk=unpublished.pk).update(title="Chưa công khai")
    return drafts


def _listed_titles(client, status: str | None) -> list[str]:
    params = {} if status is None else {"trang-thai": status}
    page = client.get(reverse("consultations:drafts"), params).content.decode()
    return re.findall(r'<h2[^>]*><a href="/du-thao/\d+/">([^<]*)</a></h2>', page)


def test_the_public_list_filters_by_the_label_each_draft_shows_today(client, listed):
    every = [
        "Đang tổng hợp",
        "Đã đóng",
        "Hạn hôm nay",
        "Quá hạn chưa đóng",
        "Sắp mở",
        "Mở từ hôm nay",
    ]
    assert _listed_titles(client, None) == every
    assert _listed_titles(client, "upcoming") == ["Sắp mở"]
    assert _listed_titles(client, "open") == ["Hạn hôm nay", "Mở từ hôm nay"]
    assert _listed_titles(client, "closed") == ["Đã đóng", "Quá hạn chưa đóng"]
    assert _listed_titles(client, "consolidating") == ["Đang tổng hợp"]
    assert _listed_titles(client, "issued") == []
    assert _listed_titles(client, "review") == every  # not a public filter: ignored
    page = client.get(reverse("consultations:drafts"), {"trang-thai": "upcoming"}).content.decode()
    assert re.findall(r'<option value="(\w*)" ?(selected)?>([^<]*)</option>', page) == [
        ("", "", "Tất cả"),
        ("upcoming", "selected", "Sắp lấy ý kiến"),
        ("open", "", "Đang lấy ý kiến"),
        ("closed", "", "Đã hết hạn góp ý"),
        ("consolidating", "", "Đang tổng hợp"),
        ("issued", "", "Đã ban hành văn bản phản biện"),
        ("answered", "", "Đã công khai trả lời"),
    ]


def test_the_stage_filter_reads_the_period_on_the_given_day(listed):
    def titles(stage: str, day: dt.date) -> list[str]:
        return [d.title for d in selectors.drafts_public(stage=stage, on=day)]

    tomorrow = dt.date(2026, 11, 27)
    assert titles("upcoming", tomorrow) == []
    assert titles("open", tomorrow) == ["Sắp mở", "Mở từ hôm nay"]
    assert titles("closed", tomorrow) == ["Đã đóng", "Hạn hôm nay", "Quá hạn chưa đóng"]
    # The stored status stays a filter of its own (the API's ``status``).
    assert [d.title for d in selectors.drafts_public(status="open")] == [
        "Hạn hôm nay",
        "Quá hạn chưa đóng",
        "Sắp mở",
        "Mở từ hôm nay",
    ]
