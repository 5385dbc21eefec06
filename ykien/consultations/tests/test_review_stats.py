"""Pages over versions: corrections on the review page keep the hierarchy, the comparison shows
what was added and removed, the statistics per version, a text without structure takes
comments."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.urls import reverse

from ykien.consultations import selectors, services
from ykien.consultations.models import Comment, Draft, DraftVersion, Node
from ykien.consultations.tests.conftest import TEXT, make_draft
from ykien.core import apikeys

pytestmark = pytest.mark.django_db

NOT_ADJACENT = (
    "Chỉ gộp được một phần với phần liền sau nó trong cùng phần chứa, hoặc với phần con đầu "
    "tiên của nó."
)


def _merge_form(path: str, other: str) -> str:
    return (
        f'<input type="hidden" name="path" value="{path}">'
        f'<input type="hidden" name="other" value="{other}">'
    )


def test_review_offers_merge_within_the_parent_only_and_refuses_a_forged_one(client, tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    version = draft.versions.get()
    before = version.tree
    client.force_login(people.officer)
    url = reverse("consultations:review", args=[draft.pk, 1])
    page = client.get(url).content.decode()
    # Khoản 1 of Điều 2 merges with khoản 2; Điều 2 with its first khoản; Chương I with
    # Chương II. Khoản 2, the last node of Chương I, has no merge button at all.
    assert _merge_form("1.1.0", "1.1.1") in page
    assert _merge_form("1.1", "1.1.0") in page
    assert _merge_form("1", "2") in page
    merge_of_1_1_1 = '<input type="hidden" name="path" value="1.1.1"><input type="hidden" name="o'
    assert merge_of_1_1_1 not in page
    # The preamble cannot absorb Chương I (and its articles).
    assert _merge_form("0", "1") not in page
    response = client.post(url, {"op": "merge", "path": "1.1.1", "other": "2"})
    assert response.status_code == 200
    assert NOT_ADJACENT in response.content.decode()
    version.refresh_from_db()
    assert version.tree == before
    response = client.post(
        url, {"op": "retype", "path": "1.1.0", "kind": "part", "number": "I", "title": ""}
    )
    assert "Thao tác làm sai thứ bậc của văn bản" in response.content.decode()
    version.refresh_from_db()
    assert version.tree == before


def _publish_v2(draft, people, text: str) -> DraftVersion:
    version = services.version_upload(
        actor=people.officer, draft=draft, filename="v2.txt", data=text.encode()
    )
    return services.version_publish(actor=people.officer, version=version)


def test_compare_shows_the_text_of_added_and_removed_nodes(client, draft, people):
    new_text = TEXT.replace(
        "b) 50% chi phí tham quan.\n", "b) 50% chi phí tham quan;\nc) 30% chi phí đi lại.\n"
    ).replace("Điều 1. Phạm vi điều chỉnh\nNghị quyết này quy định", "Điều 1. Phạm vi\nQuy định")
    new_text = new_text.replace("2. Hỗ trợ tiền lương.\n", "")
    _publish_v2(draft, people, new_text)
    result = selectors.version_diff(
        old=draft.versions.get(number=1), new=draft.versions.get(number=2)
    )
    added = [c for c in result["changes"] if c["status"] == "added"]
    removed = [c for c in result["changes"] if c["status"] == "removed"]
    assert [(c["new"]["ref"], c["text_diff"]) for c in added] == [
        (
            ["Chương II", "Điều 3", "Khoản 1", "Điểm c"],
            [{"op": "insert", "text": "30% chi phí đi lại."}],
        )
    ]
    assert [(c["old"]["ref"], c["text_diff"]) for c in removed] == [
        (["Chương II", "Điều 3", "Khoản 2"], [{"op": "delete", "text": "Hỗ trợ tiền lương."}])
    ]
    page = client.get(reverse("consultations:compare", args=[draft.pk, 1, 2])).content.decode()
    assert '<p class="node-text"><ins class="diff">30% chi phí đi lại.</ins></p>' in page
    assert '<p class="node-text"><del class="diff">Hỗ trợ tiền lương.</del></p>' in page
    assert "<td>Chương II, Điều 3, Khoản 1, Điểm c</td>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:compare", args=[draft.pk, 1, 2])).content.decode()
    assert "<td>Chapter II, Article 3, Clause 1, Point c</td>" in page


def _comment(draft, node: Node | None, who: str) -> Comment:
    return services.comment_post(
        draft_id=draft.pk,
        node_id=node.pk if node else None,
        participant=services.Participant.anonymous(who),
        stance="agree",
        reasons="Đồng ý",
    )


@pytest.fixture
def two_versions(draft, people) -> Draft:
    """Nine comments on version 1 (3 on Điều 1, 4 on Điều 3 khoản 1, 2 general), then two on
    Điều 1 of version 2."""
    v1 = draft.current_version
    for i in range(3):
        _comment(draft, Node.objects.get(version=v1, label="Điều 1"), f"a{i}")
    for i in range(4):
        _comment(draft, Node.objects.get(version=v1, label="Điều 3, khoản 1"), f"b{i}")
    for i in range(2):
        _comment(draft, None, f"c{i}")
    v2 = _publish_v2(
        draft, people, TEXT.replace("2. Hỗ trợ tiền lương.", "2. Hỗ trợ tiền lương cơ sở.")
    )
    for i in range(2):
        _comment(draft, Node.objects.get(version=v2, label="Điều 1"), f"d{i}")
    draft.refresh_from_db()
    return draft


def test_statistics_keep_draft_wide_totals_and_a_heat_map_per_version(two_versions):
    draft = two_versions
    v1, v2 = draft.versions.order_by("number")
    stats = selectors.draft_stats(draft=draft)
    assert (stats.comments, stats.participants) == (11, 11)
    assert stats.version == v2
    assert [(vc.version.number, vc.comments) for vc in stats.versions] == [(1, 9), (2, 2)]
    assert (stats.version_comments, stats.version_node_comments) == (2, 2)
    assert [(r.node.label, r.comments) for r in stats.rows if r.comments] == [("Điều 1", 2)]
    old = selectors.draft_stats(draft=draft, version=v1)
    assert old.comments == 11
    assert (old.version_comments, old.version_node_comments, old.version_general_comments) == (
        9,
        7,
        2,
    )
    assert [(r.node.label, r.comments, r.heat) for r in old.rows if r.comments] == [
        ("Điều 1", 3, 4),
        ("Điều 3, khoản 1", 4, 5),
    ]


def test_statistics_page_switches_version(client, two_versions):
    draft = two_versions
    url = reverse("consultations:stats", args=[draft.pk])
    page = client.get(url).content.decode()
    assert '<span class="stat">11</span>' in page
    assert "tính trên toàn bộ dự thảo (mọi phiên bản)" in page
    assert "Bản đồ nhiệt trên văn bản phiên bản 2" in page
    assert (
        '<a href="?phien-ban=1#heat">Phiên bản 1 (Đã thay thế): 9 góp ý</a>'
        '<a href="?phien-ban=2#heat" aria-current="page">Phiên bản 2 (Đang công khai): 2 góp ý</a>'
    ) in page
    assert (
        "Phiên bản 2 có 2 góp ý: 2 góp ý vào từng điều, khoản (các số bên dưới) và 0 góp ý chung "
        "cho cả văn bản."
    ) in page
    page = client.get(url, {"phien-ban": "1"}).content.decode()
    assert "Bản đồ nhiệt trên văn bản phiên bản 1" in page
    assert '<a href="?phien-ban=1#heat" aria-current="page">' in page
    assert (
        "Phiên bản 1 có 9 góp ý: 7 góp ý vào từng điều, khoản (các số bên dưới) và 2 góp ý chung "
        "cho cả văn bản."
    ) in page
    node = Node.objects.get(version__number=1, draft=draft, label="Điều 3, khoản 1")
    assert f'<span class="count">4</span>\n      <a href="/du-thao/{draft.pk}/dieu-khoan/' in page
    assert f'{node.pk}/">Điều 3, khoản 1</a>' in page
    for wrong in ("3", "0", "x", "999999", "²", "99999999999999999999999"):
        assert client.get(url, {"phien-ban": wrong}).status_code == 404


def test_most_commented_names_the_version_when_comments_span_several(client, two_versions, people):
    draft = two_versions
    hot = selectors.most_commented(draft=draft)
    assert [(h.label, h.comments) for h in hot] == [
        ("Điều 3, khoản 1 (bản 1)", 4),
        ("Điều 1 (bản 1)", 3),
        ("Điều 1 (bản 2)", 2),
    ]
    client.force_login(people.officer)
    page = client.get(reverse("consultations:points", args=[draft.pk])).content.decode()
    assert f'?dieu-khoan={hot[0].node.pk}#gy">Điều 3, khoản 1 (bản 1)</a> — 4</li>' in page
    points = reverse("consultations:points", args=[draft.pk])
    for wrong in ("²", "99999999999999999999999"):  # isdigit() to Python; no node: the whole list
        assert client.get(points, {"dieu-khoan": wrong}).status_code == 200


def test_most_commented_of_one_version_names_no_version(draft):
    _comment(draft, Node.objects.get(draft=draft, label="Điều 1"), "a")
    assert [(h.label, h.comments) for h in selectors.most_commented(draft=draft)] == [("Điều 1", 1)]


def test_a_text_without_structure_is_one_commentable_node(client, tree, people):
    plain = "Kế hoạch tuyên truyền.\nNội dung thứ nhất.\nNội dung thứ hai."
    draft = make_draft(tree, people.officer, text=plain)
    version = draft.current_version
    assert [w["code"] for w in version.warnings] == ["no_articles"]  # the warning stays
    node = Node.objects.get(version=version)
    assert (node.kind, node.label, node.commentable) == ("preamble", "Phần mở đầu", True)
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert (
        f'<a class="count" href="/du-thao/{draft.pk}/dieu-khoan/{node.pk}/" '
        'aria-label="Phần mở đầu: 0 góp ý">Góp ý (0)</a>'
    ) in page
    # Through the service, the page and the API, like an article.
    _comment(draft, node, "a")
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "disagree", "reasons": "Cần cụ thể hơn."},
    )
    assert response.status_code == 302
    _token, raw = apikeys.apikey_create(actor=people.citizen, name="thử")
    response = client.post(
        f"/api/v1/consultations/drafts/{draft.pk}/comments",
        json.dumps({"node_id": node.pk, "stance": "agree", "reasons": "Đồng ý"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201
    assert Comment.objects.filter(node=node).count() == 3
    tree_json = client.get(f"/api/v1/consultations/drafts/{draft.pk}/tree").json()
    assert [(n["kind"], n["comments"], n["commentable"]) for n in tree_json] == [
        ("preamble", 3, True)
    ]
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert 'aria-label="Phần mở đầu: 3 góp ý">Góp ý (3)</a>' in page


def test_the_preamble_of_a_structured_text_takes_no_comment_link(client, draft):
    preamble = Node.objects.get(version=draft.current_version, kind="preamble")
    assert preamble.commentable is False
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert f'/dieu-khoan/{preamble.pk}/" aria-label' not in page
    tree_json = client.get(f"/api/v1/consultations/drafts/{draft.pk}/tree").json()
    assert [(n["kind"], n["commentable"]) for n in tree_json] == [
        ("preamble", False),
        ("chapter", False),
        ("chapter", False),
    ]
    assert tree_json[1]["children"][0]["commentable"] is True


def test_statistics_page_in_english_counts_one_comment_and_two_comments(client, draft, settings):
    """The per-version count is a plural message: "1 comment", "2 comments"."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("consultations:stats", args=[draft.pk])
    node = Node.objects.get(draft=draft, label="Điều 1")
    _comment(draft, node, "a")
    page = client.get(url).content.decode()
    assert (
        '<a href="?phien-ban=1#heat" aria-current="page">Version 1 (Published): 1 comment</a>'
        in page
    )
    _comment(draft, node, "b")
    page = client.get(url).content.decode()
    assert (
        '<a href="?phien-ban=1#heat" aria-current="page">Version 1 (Published): 2 comments</a>'
        in page
    )


def test_points_form_offers_every_commentable_node_including_a_whole_text(
    client, tree, people, django_assert_num_queries
):
    """Version 1 is a text without structure (its one node takes comments), version 2 has
    articles: the form offers that node, then the articles, clauses and points of version 2
    (not its preamble or chapters), all in one query."""
    plain = "Kế hoạch tuyên truyền.\nNội dung thứ nhất.\nNội dung thứ hai."
    draft = make_draft(tree, people.officer, text=plain)
    whole = Node.objects.get(version=draft.current_version)
    _publish_v2(draft, people, TEXT)
    draft.refresh_from_db()
    with django_assert_num_queries(1):
        nodes = selectors.commentable_nodes(draft=draft)
    assert [(n.version.number, n.label) for n in nodes] == [
        (1, "Phần mở đầu"),
        (2, "Điều 1"),
        (2, "Điều 2"),
        (2, "Điều 2, khoản 1"),
        (2, "Điều 2, khoản 2"),
        (2, "Điều 3"),
        (2, "Điều 3, khoản 1"),
        (2, "Điều 3, khoản 1, điểm a"),
        (2, "Điều 3, khoản 1, điểm b"),
        (2, "Điều 3, khoản 2"),
    ]
    services.draft_transition(
        actor=people.officer, draft=draft, to="closed", reason="Đã đủ ý kiến."
    )
    services.draft_transition(actor=people.officer, draft=draft, to="consolidating")
    client.force_login(people.officer)
    url = reverse("consultations:points", args=[draft.pk])
    form = client.get(url).context["form"]
    assert [label for _pk, label in form.fields["nodes"].choices] == [
        "Phần mở đầu (v1)",
        *(n.label for n in nodes[1:]),
    ]
    assert form.fields["nodes"].choices[0][0] == whole.pk
    response = client.post(
        url, {"title": "Về kế hoạch", "text": "Cần nêu rõ kinh phí.", "nodes": [whole.pk]}
    )
    assert response.status_code == 302
    assert list(draft.points.get().nodes.all()) == [whole]
