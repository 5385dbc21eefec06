"""The page of a node offers the comment form only where the node takes comments
(``Node.commentable``: articles, clauses, points); a chapter's page says where to comment
instead, and a comment sent to it anyway is refused with a 400 that stores nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.consultations.models import Comment, Node

pytestmark = pytest.mark.django_db

REFUSAL = "Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."


def _url(draft, **lookup) -> str:
    node = Node.objects.get(version=draft.current_version, **lookup)
    return reverse("consultations:node", args=[draft.pk, node.pk])


@pytest.mark.parametrize(
    ("lookup", "form"),
    [
        ({"kind": "chapter", "number": "I"}, False),
        ({"kind": "preamble"}, False),
        ({"kind": "article", "number": "1"}, True),
        ({"kind": "clause", "label": "Điều 2, khoản 1"}, True),
        ({"kind": "point", "label": "Điều 3, khoản 1, điểm a"}, True),
    ],
)
def test_the_comment_form_is_offered_only_on_nodes_that_take_comments(client, draft, lookup, form):
    html = client.get(_url(draft, **lookup)).content.decode()
    assert ('name="stance"' in html) == form
    assert ("Gửi góp ý" in html) == form
    assert (REFUSAL in html) == (not form)


def test_a_comment_sent_to_a_chapter_is_refused_and_stores_nothing(client, draft):
    response = client.post(
        _url(draft, kind="chapter", number="I"),
        {
            "stance": "agree",
            "reasons": "Đồng ý với chương này.",
            "captcha_0": "x",
            "captcha_1": "x",
        },
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert 'name="stance"' not in response.content.decode()
    assert Comment.objects.count() == 0
