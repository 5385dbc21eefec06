"""The comments of one clause and the comments on the whole draft, on their pages and in the
API, paged by keyset like the draft page's latest comments (``selectors.comments_public_page``):
older / newer cursors, never ``OFFSET`` deep, counts from the counters, bad cursors answered
with the newest page (web) or a 400 (API), never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from ykien.consultations import selectors
from ykien.consultations.models import Comment, CommentCount, Node
from ykien.consultations.tests.conftest import comment_on, make_draft

pytestmark = pytest.mark.django_db

LOST = "Không tìm thấy trang góp ý theo đường dẫn này; dưới đây là các góp ý mới nhất."
BAD_CURSOR = {
    "detail": "bad_cursor: Con trỏ trang không hợp lệ: hãy dùng đúng con trỏ trong tiêu đề Link "
    "của trang trước, hoặc bỏ nó để đọc trang mới nhất."
}


def _clause(draft):
    return Node.objects.get(version=draft.current_version, label="Điều 3, khoản 1")


def _article(draft):
    return Node.objects.get(version=draft.current_version, label="Điều 2")


@pytest.fixture
def many(draft, people):
    """45 comments on the clause, all made in the same instant (the clock is frozen): newest
    first is by id; around them, comments on another node and on the whole draft."""
    clause, article = _clause(draft), _article(draft)
    made = []
    for n in range(45):
        made.append(comment_on(clause, people.citizen, stance="agree").pk)
        if n % 10 == 0:
            comment_on(article, people.citizen, stance="disagree", reasons="Chưa rõ.")
            comment_on(draft, people.citizen, stance="agree")
    return made[::-1]


# -------------------------------------------------------------------------- the web pages


def _node_page(client, draft, node, **query):
    url = (
        reverse("consultations:node", args=[draft.pk, node.pk])
        if node is not None
        else reverse("consultations:general", args=[draft.pk])
    )
    response = client.get(url, query)
    assert response.status_code == 200
    page = response.context["comment_page"]
    return [c.pk for c in page.comments], page, response.content.decode()


def test_the_clause_page_walks_older_and_back_newer(client, draft, many):
    clause = _clause(draft)
    first, page, body = _node_page(client, draft, clause)
    assert (first, page.newer, page.older, page.first) == (many[:20], None, many[19], True)
    assert '<h2 id="list-h">45 góp ý</h2>' in body
    assert f'<a rel="next" href="?cu-hon={many[19]}#list-h">Góp ý cũ hơn ›</a>' in body
    assert "Góp ý mới hơn" not in body
    assert "Mới nhất</a>" not in body
    second, page, body = _node_page(client, draft, clause, **{"cu-hon": many[19]})
    assert (second, page.newer, page.older, page.first) == (many[20:40], many[20], many[39], False)
    assert f'<a rel="prev" href="?moi-hon={many[20]}#list-h">‹ Góp ý mới hơn</a>' in body
    path = reverse("consultations:node", args=[draft.pk, clause.pk])
    assert f'<a href="{path}#list-h">« Mới nhất</a>' in body
    last, page, body = _node_page(client, draft, clause, **{"cu-hon": many[39]})
    assert (last, page.newer, page.older) == (many[40:], many[40], None)
    assert "Góp ý cũ hơn" not in body
    back, page, _ = _node_page(client, draft, clause, **{"moi-hon": many[40]})
    assert (back, page.newer, page.older) == (many[20:40], many[20], many[39])
    # Fewer than a page newer than the cursor: the newest page, whole.
    newest, page, _ = _node_page(client, draft, clause, **{"moi-hon": many[10]})
    assert (newest, page.newer, page.first) == (many[:20], None, True)


def test_the_clause_page_counts_from_the_counters(client, draft, many):
    clause = _clause(draft)
    CommentCount.objects.filter(node=clause).update(visible=0)
    CommentCount.objects.filter(node=clause, slot=0).update(visible=7)  # what the page reads
    _, _, body = _node_page(client, draft, clause)
    assert '<h2 id="list-h">7 góp ý</h2>' in body


def test_the_general_comments_page_pages_only_the_comments_on_the_whole_draft(
    client, draft, people
):
    general = [comment_on(draft, people.citizen, stance="agree").pk for _ in range(23)][::-1]
    on_clause = comment_on(_clause(draft), people.citizen, stance="agree")
    first, page, body = _node_page(client, draft, None)
    assert (first, page.older) == (general[:20], general[19])
    assert '<h2 id="list-h">23 góp ý</h2>' in body
    rest, page, _ = _node_page(client, draft, None, **{"cu-hon": general[19]})
    assert (rest, page.newer, page.older) == (general[20:], general[20], None)
    # A clause's comment is not a place in this list.
    shown, page, body = _node_page(client, draft, None, **{"cu-hon": on_clause.pk})
    assert (shown, page.first) == (general[:20], True)
    assert LOST in body


@pytest.mark.parametrize(
    "cursor", ["abc", "-1", "", "1e9", "NaN", "٣", str(2**64), "99999999999999999999", "999999"]
)
@pytest.mark.parametrize("name", ["cu-hon", "moi-hon"])
def test_a_bad_cursor_gives_the_clause_page_newest_and_says_so(client, draft, many, name, cursor):
    shown, page, body = _node_page(client, draft, _clause(draft), **{name: cursor})
    assert (shown, page.first) == (many[:20], True)
    assert LOST in body


def test_a_cursor_of_another_node_or_draft_is_a_bad_cursor(client, tree, people, draft, many):
    clause = _clause(draft)
    on_article = Comment.objects.filter(node=_article(draft)).first()
    other = make_draft(tree, people.officer, title="Dự thảo khác")
    elsewhere = comment_on(_clause(other), people.citizen, stance="agree")
    for cursor in (on_article.pk, elsewhere.pk):
        shown, _, body = _node_page(client, draft, clause, **{"cu-hon": cursor})
        assert shown == many[:20]
        assert LOST in body


def test_a_former_page_number_link_gives_the_clause_page_newest(client, draft, many):
    shown, page, body = _node_page(client, draft, _clause(draft), page=3)
    assert (shown, page.first) == (many[:20], True)
    assert LOST not in body


def test_a_clause_without_comments_has_no_page_links(client, draft):
    shown, page, body = _node_page(client, draft, _clause(draft))
    assert (shown, page.newer, page.older) == ([], None, None)
    assert '<h2 id="list-h">0 góp ý</h2>' in body
    assert "Chưa có góp ý nào." in body
    assert 'class="pagination"' not in body


def test_pages_follow_the_time_of_each_comment_then_its_id(draft, people):
    clause = _clause(draft)
    made = [comment_on(clause, people.citizen, stance="agree") for _ in range(5)]
    base = made[0].created_at
    # ids 0..4 written at: +2s, +1s, +1s, +3s, 0s → newest first: 3, 0, 2, 1, 4
    for c, seconds in zip(made, (2, 1, 1, 3, 0), strict=True):
        Comment.objects.filter(pk=c.pk).update(created_at=base + dt.timedelta(seconds=seconds))
    order = [made[i].pk for i in (3, 0, 2, 1, 4)]

    def page(**kw):
        p = selectors.comments_public_page(draft=draft, node=clause, size=2, **kw)
        return [c.pk for c in p.comments], p.newer, p.older

    assert page() == (order[:2], None, order[1])
    assert page(older_than=order[1]) == (order[2:4], order[2], order[3])
    assert page(older_than=order[3]) == (order[4:], order[4], None)
    assert page(newer_than=order[4]) == (order[2:4], order[2], order[3])
    assert page(offset=1) == (order[1:3], order[1], order[2])


# -------------------------------------------------------------------------------- the API


def _api(client, node, **query):
    return client.get(f"/api/v1/consultations/nodes/{node.pk}/comments", query)


def _links(response) -> dict[str, str]:
    """``rel`` → the cursor of each link of the ``Link`` header."""
    found = re.findall(r'<[^>]*\?cursor=([^&>]+)&limit=(\d+)>; rel="(\w+)"', response["Link"])
    return {rel: cursor.replace("%3A", ":") for cursor, _limit, rel in found}


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()]


def test_the_api_walks_a_clause_by_the_cursors_of_its_link_header(client, draft, many):
    clause = _clause(draft)
    first = _api(client, clause, limit=20)
    assert _ids(first) == many[:20]
    assert first["Link"] == (
        f"<http://testserver/api/v1/consultations/nodes/{clause.pk}/comments"
        f'?cursor=older%3A{many[19]}&limit=20>; rel="next"'
    )
    second = _api(client, clause, limit=20, cursor=_links(first)["next"])
    assert _ids(second) == many[20:40]
    assert _links(second) == {"next": f"older:{many[39]}", "prev": f"newer:{many[20]}"}
    last = _api(client, clause, limit=20, cursor=_links(second)["next"])
    assert _ids(last) == many[40:]
    assert _links(last) == {"prev": f"newer:{many[40]}"}
    back = _api(client, clause, limit=20, cursor=_links(last)["prev"])
    assert _ids(back) == many[20:40]
    newest = _api(client, clause, limit=20, cursor=_links(back)["prev"])
    assert _ids(newest) == many[:20]
    assert _links(newest) == {"next": f"older:{many[19]}"}


def test_the_api_offset_still_pages_and_links_to_cursors(client, draft, many):
    clause = _clause(draft)
    response = _api(client, clause, limit=10, offset=5)
    assert _ids(response) == many[5:15]
    assert _links(response) == {"next": f"older:{many[14]}", "prev": f"newer:{many[5]}"}
    response = _api(client, clause, offset=40)
    assert _ids(response) == many[40:]
    assert _links(response) == {"prev": f"newer:{many[40]}"}


def test_the_api_without_comments_has_no_link_header(client, draft):
    response = _api(client, _clause(draft))
    assert (_ids(response), response.has_header("Link")) == ([], False)


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "older",
        "older:",
        "older:abc",
        "older:-1",
        "older:1.5",
        "older:NaN",
        "newer:nan",
        "older:1e9",
        "older:٣",
        f"older:{2**64}",
        f"newer:{2**63}",
        "sideways:1",
        "older:999999",
    ],
)
def test_a_bad_api_cursor_is_a_translated_400(client, draft, many, cursor):
    response = _api(client, _clause(draft), cursor=cursor)
    assert (response.status_code, response.json()) == (400, BAD_CURSOR)


def test_an_api_cursor_of_another_node_or_draft_is_a_400(client, tree, people, draft, many):
    on_article = Comment.objects.filter(node=_article(draft)).first()
    on_draft = Comment.objects.filter(draft=draft, node__isnull=True).first()
    other = make_draft(tree, people.officer, title="Dự thảo khác")
    elsewhere = comment_on(_clause(other), people.citizen, stance="agree")
    for comment in (on_article, on_draft, elsewhere):
        response = _api(client, _clause(draft), cursor=f"older:{comment.pk}")
        assert (response.status_code, response.json()) == (400, BAD_CURSOR)


def test_a_cursor_with_an_offset_is_a_400(client, draft, many):
    response = _api(client, _clause(draft), cursor=f"older:{many[19]}", offset=3)
    assert (response.status_code, response.json()) == (400, BAD_CURSOR)


def test_an_api_cursor_longer_than_the_schema_is_a_400_naming_the_field(client, draft):
    response = _api(client, _clause(draft), cursor="older:" + "1" * 40)
    body = response.json()
    assert (response.status_code, body["code"], body["detail"][0]["field"]) == (
        400,
        "invalid",
        "cursor",
    )
