"""The draft page at scale: the visible-comment counters (kept exact by intake and moderation,
never counted over the comments on a render) and the keyset pages of the latest comments."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from ykien.consultations import selectors, services
from ykien.consultations.counts import COUNT_SLOTS, counts_rebuild
from ykien.consultations.models import Comment, CommentCount, Node
from ykien.consultations.tests.conftest import comment_on, make_draft
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _nodes(draft):
    version = draft.current_version
    return (
        Node.objects.get(version=version, label="Điều 3, khoản 1"),
        Node.objects.get(version=version, label="Điều 2"),
    )


def _counts(draft):
    return (
        selectors.node_comment_counts(version=draft.current_version),
        selectors.comments_visible_count(draft=draft),
    )


def _hide(people, comment):
    return services.comment_moderate(
        actor=people.officer, comment=comment, to="hidden", reason="Nội dung không phù hợp."
    )


def test_counts_follow_every_new_comment_on_a_node_and_on_the_whole_draft(draft, people):
    clause, article = _nodes(draft)
    assert _counts(draft) == ({}, 0)
    comment_on(clause, people.citizen, stance="agree")
    comment_on(clause, people.citizen, stance="disagree", reasons="Thấp quá.")
    comment_on(article, people.citizen, stance="agree")
    comment_on(draft, people.citizen, stance="agree")
    assert _counts(draft) == ({clause.pk: 2, article.pk: 1}, 4)


def test_a_node_count_is_the_sum_of_its_slots(draft, people):
    clause, _ = _nodes(draft)
    for _ in range(COUNT_SLOTS + 5):
        comment_on(clause, people.citizen, stance="agree")
    assert _counts(draft) == ({clause.pk: COUNT_SLOTS + 5}, COUNT_SLOTS + 5)
    assert CommentCount.objects.filter(node=clause).count() == COUNT_SLOTS


def test_moderation_moves_the_counts_exactly(draft, people):
    clause, article = _nodes(draft)
    first = comment_on(clause, people.citizen, stance="agree")
    second = comment_on(clause, people.citizen, stance="agree")
    general = comment_on(draft, people.citizen, stance="agree")
    _hide(people, first)
    assert _counts(draft) == ({clause.pk: 1}, 2)
    _hide(people, general)
    assert _counts(draft) == ({clause.pk: 1}, 1)
    services.comment_moderate(actor=people.officer, comment=first, to="visible")
    assert _counts(draft) == ({clause.pk: 2}, 2)
    # Three readers' reports hold the comment pending review: it stops counting …
    for n in range(3):
        reader = services.Participant.of_user(UserFactory(username=f"reader{n}"))
        services.comment_report(comment=second, participant=reader, reason="Sai sự thật")
    second.refresh_from_db()
    assert second.status == "pending"
    assert _counts(draft) == ({clause.pk: 1}, 1)
    # … hiding it then changes nothing more; approving it counts it again.
    _hide(people, second)
    assert _counts(draft) == ({clause.pk: 1}, 1)
    services.comment_moderate(actor=people.officer, comment=second, to="visible")
    assert _counts(draft) == ({clause.pk: 2}, 2)
    assert article.pk not in _counts(draft)[0]


def test_the_counters_equal_a_recount_of_the_comments(draft, people):
    clause, article = _nodes(draft)
    made = [comment_on(n, people.citizen, stance="agree") for n in (clause, clause, article)]
    _hide(people, made[0])
    kept = _counts(draft)
    assert counts_rebuild(draft_id=draft.pk) == 2  # rows: one slot of each node
    assert _counts(draft) == kept == ({clause.pk: 1, article.pk: 1}, 2)


def test_the_page_shows_the_counts_from_the_counters(client, draft, people):
    clause, _ = _nodes(draft)
    comment_on(clause, people.citizen, stance="agree")
    CommentCount.objects.filter(node=clause).update(visible=7)  # what the page reads
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert (
        f'href="/du-thao/{draft.pk}/dieu-khoan/{clause.pk}/" aria-label="Điều 3, khoản 1: 7 góp ý"'
        in page
    )
    assert "7 góp ý, mới nhất trước" in page


# ------------------------------------------------------------------------ keyset pages


def _page(client, draft, **query):
    response = client.get(reverse("consultations:draft", args=[draft.pk]), query)
    assert response.status_code == 200
    page = response.context["comment_page"]
    return [c.pk for c in page.comments], page, response


@pytest.fixture
def many(draft, people):
    """45 comments, all made in the same instant (the clock is frozen): newest first is by id."""
    clause, _ = _nodes(draft)
    made = [comment_on(clause, people.citizen, stance="agree").pk for _ in range(45)]
    return made[::-1]


def test_the_pages_walk_older_and_back_newer(client, draft, many):
    first, page, response = _page(client, draft)
    assert (first, page.newer, page.older, page.first) == (many[:20], None, many[19], True)
    assert f'href="?cu-hon={many[19]}#latest"' in response.content.decode()
    second, page, _ = _page(client, draft, **{"cu-hon": many[19]})
    assert (second, page.newer, page.older, page.first) == (many[20:40], many[20], many[39], False)
    last, page, response = _page(client, draft, **{"cu-hon": many[39]})
    assert (last, page.newer, page.older) == (many[40:], many[40], None)
    assert "Góp ý cũ hơn" not in response.content.decode()
    back, page, _ = _page(client, draft, **{"moi-hon": many[40]})
    assert (back, page.newer, page.older) == (many[20:40], many[20], many[39])
    above, page, _ = _page(client, draft, **{"moi-hon": many[25]})
    assert (above, page.newer, page.older, page.first) == (many[5:25], many[5], many[24], False)
    # Fewer than a page newer than the cursor: the newest page, whole.
    newest, page, _ = _page(client, draft, **{"moi-hon": many[10]})
    assert (newest, page.newer, page.first) == (many[:20], None, True)


def test_a_page_skips_comments_hidden_since_and_keeps_its_place(client, draft, people, many):
    hidden = Comment.objects.get(pk=many[20])
    _hide(people, hidden)
    second, _, _ = _page(client, draft, **{"cu-hon": many[19]})
    assert second == many[21:41]
    # A cursor on the hidden comment still places the page.
    after_hidden, _, _ = _page(client, draft, **{"cu-hon": many[20]})
    assert after_hidden == many[21:41]


@pytest.mark.parametrize("cursor", ["abc", "-1", "", "1e9", "٣", str(2**64), "999999"])
@pytest.mark.parametrize("name", ["cu-hon", "moi-hon"])
def test_a_bad_cursor_gives_the_newest_page_and_says_so(client, draft, many, name, cursor):
    shown, page, response = _page(client, draft, **{name: cursor})
    assert (shown, page.first) == (many[:20], True)
    assert "Không tìm thấy trang góp ý theo đường dẫn này" in response.content.decode()


def test_a_cursor_of_another_draft_is_a_bad_cursor(client, tree, people, draft, many):
    other = make_draft(tree, people.officer, title="Dự thảo khác")
    elsewhere = comment_on(other, people.citizen, stance="agree")
    shown, _, response = _page(client, draft, **{"cu-hon": elsewhere.pk})
    assert shown == many[:20]
    assert "Không tìm thấy trang góp ý theo đường dẫn này" in response.content.decode()


def test_a_former_page_number_link_gives_the_newest_page(client, draft, many):
    shown, page, response = _page(client, draft, page=3)
    assert (shown, page.first) == (many[:20], True)
    assert "Không tìm thấy trang góp ý" not in response.content.decode()


def test_a_draft_without_comments_has_no_page_links(client, draft):
    shown, page, response = _page(client, draft)
    assert (shown, page.newer, page.older) == ([], None, None)
    body = response.content.decode()
    assert "Chưa có góp ý nào." in body
    assert "Góp ý cũ hơn" not in body


def test_the_migration_fills_the_counters_of_the_comments_already_stored(draft, people):
    from django.apps import apps

    backfill = importlib.import_module(
        "ykien.consultations.migrations.0009_comment_counts"
    ).backfill
    clause, article = _nodes(draft)
    made = [comment_on(n, people.citizen, stance="agree") for n in (clause, clause, article)]
    comment_on(draft, people.citizen, stance="agree")
    _hide(people, made[1])
    kept = _counts(draft)
    CommentCount.objects.all().delete()
    backfill(apps, None)
    assert _counts(draft) == kept == ({clause.pk: 1, article.pk: 1}, 3)
