"""What became of a comment (issue 14, section 4): the public points citing it, the drafting
body's answer, its clause in the latest version; "you said — we did" clause by clause. Only
what is public shows: points once the document is issued, answers once published."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ykien.consultations import selectors, services
from ykien.consultations.models import Comment, Node
from ykien.consultations.selectors_fate import ClauseChange, FatePoint, PointAnswer
from ykien.consultations.tests.conftest import DOC, TEXT, comment_on, consolidating, make_draft
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: Version 2 of ``conftest.TEXT``: Điều 3, khoản 1, điểm a reworded, Điều 2, khoản 2 removed.
TEXT_2 = TEXT.replace("a) 100% học phí;", "a) 100% học phí và tiền ăn;").replace(
    "2. Thành viên hợp tác xã.\n", ""
)
ANSWER = {
    "accepted": "Tiếp thu, đã bổ sung tiền ăn.",
    "explained": "Phạm vi đã đủ rõ.",
    "rejected": "Không tiếp thu vì trùng Luật.",
}


def _node(draft, label, number=1):
    return Node.objects.get(draft=draft, label=label, version__number=number)


def _second_version(draft, people, text=TEXT_2):
    version = services.version_upload(
        actor=people.officer, draft=draft, filename="v2.txt", data=text.encode()
    )
    services.version_publish(actor=people.officer, version=version)
    draft.refresh_from_db()
    return version


def _points(draft, people, cited):
    """The draft consolidated with one point per (title, comments) of ``cited``; the points."""
    consolidating(draft, people)
    return [
        services.point_save(
            actor=people.officer,
            draft=draft,
            title=title,
            text=f"Nội dung {title.lower()}",
            comment_ids=[c.pk for c in comments],
        )
        for title, comments in cited
    ]


def _issue(draft, people):
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    document = services.document_submit(actor=people.officer, document=document)
    return services.document_issue(actor=people.leader, document=document)


def _answer(points, people, answers):
    for point, answer in zip(points, answers, strict=True):
        services.point_answer(
            actor=people.respondent, point=point, answer=answer, text=ANSWER[answer]
        )


@pytest.fixture
def chain(draft, people):
    """Three comments on version 1, version 2 changing one clause and removing another, and
    three points citing them, issued and answered: accepted, explained, rejected."""
    accepted = comment_on(
        _node(draft, "Điều 3, khoản 1, điểm a"),
        people.citizen,
        stance="reword",
        proposed_wording="100% học phí và tiền ăn",
        reasons="Học viên ở xa.",
    )
    explained = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    rejected = comment_on(
        _node(draft, "Điều 2, khoản 2"), people.officer, stance="disagree", reasons="Trùng."
    )
    _second_version(draft, people)
    points = _points(
        draft,
        people,
        [("Về học phí", [accepted]), ("Về phạm vi", [explained]), ("Về thành viên", [rejected])],
    )
    _issue(draft, people)
    _answer(points, people, ["accepted", "explained", "rejected"])
    draft.refresh_from_db()
    return draft, accepted, explained, rejected, points


def _get(url):
    """An anonymous reader's GET of ``url`` (200 expected)."""
    response = Client().get(url)
    assert response.status_code == 200
    return response


def _fate_url(comment):
    return reverse("consultations:comment_fate", args=[comment.draft_id, comment.pk])


class _Visible(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible(response) -> str:
    parser = _Visible()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def _main(response) -> str:
    """The visible text of the page's ``<main>``."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    parser = _Visible()
    parser.feed(main)
    return " ".join(" ".join(parser.parts).split())


# ---------------------------------------------------------------------------- the selector


def test_the_chain_of_an_accepted_comment_ends_in_the_changed_clause(chain):
    draft, accepted, *_rest, points = chain
    fate = selectors.comment_fate(Comment.objects.get(pk=accepted.pk))
    point = points[0]
    point.refresh_from_db()
    assert fate.stage == "answered"
    assert fate.points == [
        FatePoint(
            point.pk,
            1,
            "Về học phí",
            "Nội dung về học phí",
            PointAnswer("accepted", ANSWER["accepted"], point.answered_at),
        )
    ]
    assert fate.answers == [PointAnswer("accepted", ANSWER["accepted"], point.answered_at)]
    new_node = _node(draft, "Điều 3, khoản 1, điểm a", 2)
    clause = fate.clause
    assert (clause.status, clause.old_version, clause.new_version) == ("modified", 1, 2)
    assert (clause.old_label, clause.new_label, clause.new_node_id) == (
        "Điều 3, khoản 1, điểm a",
        "Điều 3, khoản 1, điểm a",
        new_node.pk,
    )
    assert [(r["status"], r["text_diff"]) for r in clause.rows] == [
        (
            "modified",
            [
                {"op": "equal", "text": "100% học phí"},
                {"op": "insert", "text": " và tiền ăn"},
                {"op": "equal", "text": ";"},
            ],
        )
    ]
    assert (
        clause.message == "Điều, khoản này đã được sửa trong phiên bản 2 (Điều 3, khoản 1, điểm a)."
    )


def test_the_chain_of_an_explained_comment_on_a_clause_not_changed(chain):
    draft, _accepted, explained, _rejected, _points = chain
    fate = selectors.comment_fate(Comment.objects.get(pk=explained.pk))
    assert [(p.title, p.answer.label, p.answer.text) for p in fate.points] == [
        ("Về phạm vi", "Giải trình", ANSWER["explained"])
    ]
    assert (fate.clause.status, fate.clause.rows) == ("unchanged", [])
    assert fate.clause.new_node_id == _node(draft, "Điều 1", 2).pk
    assert fate.clause.message == "Điều, khoản này không thay đổi trong phiên bản 2."


def test_the_chain_of_a_rejected_comment_on_a_clause_removed(chain):
    _draft, _accepted, _explained, rejected, _points = chain
    fate = selectors.comment_fate(Comment.objects.get(pk=rejected.pk))
    assert [(p.answer.answer, p.answer.label) for p in fate.points] == [
        ("rejected", "Không tiếp thu")
    ]
    clause = fate.clause
    assert (clause.status, clause.new_node_id) == ("removed", None)
    assert [(r["status"], r["old"]["ref"], r["text_diff"]) for r in clause.rows] == [
        (
            "removed",
            ["Chương I", "Điều 2", "Khoản 2"],
            [{"op": "delete", "text": "Thành viên hợp tác xã."}],
        )
    ]
    assert clause.message == "Điều, khoản này đã được bỏ khỏi dự thảo trong phiên bản 2."


def test_a_point_answered_but_not_published_shows_no_answer(draft, people):
    first = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    second = comment_on(_node(draft, "Điều 2, khoản 1"), people.citizen, stance="agree")
    points = _points(draft, people, [("Một", [first]), ("Hai", [second])])
    _issue(draft, people)
    # One of two answered: answers are published only once all are (the point is "answered").
    _answer(points[:1], people, ["accepted"])
    fate = selectors.comment_fate(first)
    assert fate.stage == "awaiting_answer"
    assert [(p.title, p.answer, p.overdue) for p in fate.points] == [("Một", None, False)]
    page = _main(_get(_fate_url(first)))
    assert "đang chờ cơ quan soạn thảo trả lời" in page
    assert ANSWER["accepted"] not in page
    assert "Tiếp thu" not in page


def test_points_not_issued_do_not_show(draft, people):
    comment = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    _points(draft, people, [("Điểm chưa ban hành", [comment])])
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    services.document_submit(actor=people.officer, document=document)
    fate = selectors.comment_fate(comment)
    assert (fate.stage, fate.points) == ("collecting", [])
    for url in (_fate_url(comment), reverse("consultations:you_said", args=[draft.pk])):
        page = _main(_get(url))
        assert "Điểm chưa ban hành" not in page
        assert "Văn bản phản biện chưa ban hành." in page


def test_no_new_version_yet(draft, people):
    comment = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    fate = selectors.comment_fate(comment)
    assert fate.clause == ClauseChange(
        "no_new_version", 1, 1, "Điều 1", "Điều 1", _node(draft, "Điều 1").pk
    )
    assert fate.stage == "collecting"
    page = _main(_get(_fate_url(comment)))
    assert "Chưa có phiên bản mới của dự thảo sau phiên bản 1." in page


def test_a_comment_on_the_whole_draft_has_no_clause(draft, people):
    comment = comment_on(draft, people.citizen, stance="disagree", reasons="Chưa rõ nguồn lực.")
    _second_version(draft, people)
    assert selectors.comment_fate(comment).clause == ClauseChange("general")
    page = _main(_get(_fate_url(comment)))
    assert "Góp ý này về toàn bộ dự thảo, không gắn với một điều, khoản cụ thể." in page


def test_a_point_of_an_issued_document_that_does_not_cite_the_comment(draft, people):
    comment = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    _points(draft, people, [("Khác", [])])
    _issue(draft, people)
    assert selectors.comment_fate(comment).stage == "not_cited"
    page = _main(_get(_fate_url(comment)))
    assert "Góp ý này không được dẫn trong điểm phản biện nào của văn bản phản biện." in page


# -------------------------------------------------------------------------------- the page


def test_the_page_shows_the_whole_chain(client, chain):
    draft, accepted, *_rest = chain
    response = client.get(_fate_url(accepted))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ins class="diff"> và tiền ăn</ins>' in html
    page = _main(response)
    assert f"Kết quả của góp ý số {accepted.pk}" in page
    assert "100% học phí và tiền ăn" in page  # the comment as published
    assert "1. Về học phí Nội dung về học phí Tiếp thu — trả lời ngày 26/11/2026" in page
    assert ANSWER["accepted"] in page
    assert "Điều 3, khoản 1, điểm a trong phiên bản mới nhất" in page
    assert "Điều, khoản này đã được sửa trong phiên bản 2 (Điều 3, khoản 1, điểm a)." in page
    assert "Cơ quan soạn thảo đã trả lời công khai." in page
    new_node = _node(draft, "Điều 3, khoản 1, điểm a", 2)
    assert reverse("consultations:node", args=[draft.pk, new_node.pk]) in html
    assert reverse("consultations:compare", args=[draft.pk, 1, 2]) in html


def test_an_unknown_comment_or_a_comment_of_another_draft_is_404(client, chain, tree, people):
    draft, accepted, *_rest = chain
    other = make_draft(tree, people.officer, title="Dự thảo khác")
    assert (
        client.get(reverse("consultations:comment_fate", args=[draft.pk, 999999])).status_code
        == 404
    )
    assert (
        client.get(reverse("consultations:comment_fate", args=[other.pk, accepted.pk])).status_code
        == 404
    )


def test_a_hidden_comment_is_404_for_others_and_explained_to_its_author(client, draft, people):
    comment = comment_on(_node(draft, "Điều 1"), people.citizen, stance="disagree", reasons="Dở.")
    services.comment_moderate(
        actor=people.officer, comment=comment, to="hidden", reason="Lời lẽ xúc phạm"
    )
    url = _fate_url(comment)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(username="someone"))
    assert client.get(url).status_code == 404
    client.force_login(people.officer)  # officers moderate it elsewhere; not here
    assert client.get(url).status_code == 404
    client.force_login(people.citizen)
    response = client.get(url)
    assert response.status_code == 200
    page = _main(response)
    assert (
        "Trạng thái: Đã ẩn. Góp ý của bạn đã bị cán bộ ẩn và không hiện trên trang công khai. "
        "Lý do: Lời lẽ xúc phạm Chỉ bạn, người gửi góp ý, xem được trang này."
    ) in page
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_held_anonymous_comment_is_shown_to_its_session_only(client, draft, people):
    session = client.session  # the anonymous visitor's session
    comment = services.comment_post(
        draft_id=draft.pk,
        node_id=_node(draft, "Điều 1").pk,
        participant=services.Participant.anonymous(session.session_key),
        stance="disagree",
        reasons="Không rõ.",
    )
    for i in range(services.REPORT_THRESHOLD):
        services.comment_report(
            comment=comment, participant=services.Participant.anonymous(f"r{i}"), reason="x"
        )
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    response = client.get(_fate_url(comment))
    assert response.status_code == 200
    assert (
        "Trạng thái: Tạm ẩn chờ xem xét. Góp ý của bạn tạm ẩn vì có người đọc báo cáo vi phạm; "
        "cán bộ sẽ xem xét và cho hiển thị lại nếu góp ý không vi phạm."
    ) in _main(response)
    assert Client().get(_fate_url(comment)).status_code == 404


def test_a_draft_not_published_has_no_comment_pages(client, tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    assert client.get(reverse("consultations:you_said", args=[draft.pk])).status_code == 404


def test_published_comments_link_to_their_fate_and_the_draft_to_you_said(client, draft, people):
    shown = comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    hidden = comment_on(_node(draft, "Điều 1"), people.citizen, stance="disagree", reasons="X.")
    services.comment_moderate(actor=people.officer, comment=hidden, to="hidden", reason="Rác rác")
    for url in (
        reverse("consultations:draft", args=[draft.pk]),
        reverse("consultations:node", args=[draft.pk, shown.node_id]),
    ):
        html = client.get(url).content.decode()
        assert html.count('class="fate-link"') == 1
        assert (
            f'<a class="fate-link" href="{_fate_url(shown)}" '
            f'aria-label="Theo dõi kết quả góp ý số {shown.pk}">Theo dõi kết quả</a>'
        ) in html
    html = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    you_said = reverse("consultations:you_said", args=[draft.pk])
    assert f'<a href="{you_said}">Ý kiến của Nhân dân và kết quả tiếp thu</a>' in html


# -------------------------------------------------------------------- you said — we did


def test_you_said_clause_by_clause(client, chain, people):
    draft, *_comments_and_points = chain
    result = selectors.you_said(draft=draft)
    assert (result.latest, result.issued, result.total) == (2, True, 3)
    assert [(s.stance, s.label, s.count) for s in result.by_stance] == [
        ("agree", "Đồng ý", 1),
        ("disagree", "Không đồng ý", 1),
        ("reword", "Đề xuất cách viết khác", 1),
    ]
    [v1] = result.versions
    assert v1.number == 1
    assert [
        (
            r.node.label,
            [(s.stance, s.count) for s in r.by_stance],
            [(p.title, p.answer.answer) for p in r.points],
            r.change.status,
        )
        for r in v1.rows
    ] == [
        ("Điều 1", [("agree", 1)], [("Về phạm vi", "explained")], "unchanged"),
        ("Điều 2, khoản 2", [("disagree", 1)], [("Về thành viên", "rejected")], "removed"),
        ("Điều 3, khoản 1, điểm a", [("reword", 1)], [("Về học phí", "accepted")], "modified"),
    ]
    assert result.other_points == []
    response = client.get(reverse("consultations:you_said", args=[draft.pk]))
    assert response.status_code == 200
    page = _main(response)
    assert "3 góp ý đang hiển thị: Đồng ý 1 · Không đồng ý 1 · Đề xuất cách viết khác 1." in page
    assert "Góp ý trên phiên bản 1" in page
    assert (
        "Điều 3, khoản 1, điểm a 1 góp ý: Đề xuất cách viết khác 1 Ý kiến phản biện và trả lời "
        "1. Về học phí Nội dung về học phí Tiếp thu"
    ) in page
    assert '<ins class="diff"> và tiền ăn</ins>' in response.content.decode()


def test_you_said_lists_points_about_a_clause_and_general_comments(draft, people):
    comment_on(draft, people.citizen, stance="agree")
    comment_on(_node(draft, "Điều 1"), people.citizen, stance="agree")
    consolidating(draft, people)
    about = services.point_save(
        actor=people.officer,
        draft=draft,
        title="Về Điều 2",
        text="Nội dung",
        node_ids=[_node(draft, "Điều 2").pk],
    )
    bare = services.point_save(actor=people.officer, draft=draft, title="Chung", text="Nội dung")
    _issue(draft, people)
    result = selectors.you_said(draft=draft)
    [v1] = result.versions
    assert [
        (r.node.label if r.node else None, r.total, [p.pk for p in r.points], r.change.status)
        for r in v1.rows
    ] == [
        (None, 1, [], "general"),
        ("Điều 1", 1, [], "no_new_version"),
        ("Điều 2", 0, [about.pk], "no_new_version"),
    ]
    assert [p.pk for p in result.other_points] == [bare.pk]


def _many_comments(draft, people, labels, number):
    for label in labels:
        comment_on(_node(draft, label, number), people.citizen, stance="agree")


def test_you_said_reads_a_fixed_number_of_queries(
    client, draft, people, django_assert_max_num_queries
):
    _many_comments(draft, people, ["Điều 1"], 1)
    _second_version(draft, people)
    url = reverse("consultations:you_said", args=[draft.pk])
    client.get(url)  # the session, the permission caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    # Four more clauses commented on (on version 2), a point citing every comment and about
    # one more clause: the rows grow, the queries do not (but for the points and their links).
    labels = ["Điều 2, khoản 1", "Điều 3, khoản 1", "Điều 3, khoản 2", "Điều 3"]
    _many_comments(draft, people, labels, 2)
    consolidating(draft, people)
    services.point_save(
        actor=people.officer,
        draft=draft,
        title="Điểm",
        text="Nội dung",
        comment_ids=list(Comment.objects.filter(draft=draft).values_list("pk", flat=True)),
        node_ids=[_node(draft, "Điều 2", 2).pk],
    )
    _issue(draft, people)
    with django_assert_max_num_queries(len(few) + 3):  # the points, their comments and clauses
        response = client.get(url)
    assert response.status_code == 200
    result = selectors.you_said(draft=draft)
    assert [len(v.rows) for v in result.versions] == [1, 5]
    with django_assert_max_num_queries(8):
        selectors.you_said(draft=draft)


# ----------------------------------------------------------------------- the two languages

CODES = re.compile(
    r"\b(accepted|explained|rejected|agree|disagree|reword|visible|pending|hidden|published|"
    r"answered|unchanged|modified|no_new_version|not_cited|awaiting_answer|collecting|general)\b"
)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_internal_code_shows_in_either_language(client, chain, people, language):
    draft, accepted, explained, rejected, _points = chain
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [_main(client.get(_fate_url(c))) for c in (accepted, explained, rejected)] + [
        _main(client.get(reverse("consultations:you_said", args=[draft.pk])))
    ]
    for page in pages:
        assert CODES.findall(page) == []
    labels = (
        ("Tiếp thu", "Giải trình", "Không tiếp thu", "Đồng ý")
        if language == "vi"
        else ("Accepted", "Explained", "Rejected", "Agree")
    )
    assert labels[0] in pages[0]
    assert labels[1] in pages[1]
    assert labels[2] in pages[2]
    for label in labels:
        assert label in pages[3]


def test_a_clause_renumbered_in_the_new_version_is_found_under_its_new_number(draft, people):
    comment = comment_on(_node(draft, "Điều 2, khoản 2"), people.citizen, stance="agree")
    renumbered = (
        TEXT.replace(
            "Điều 1. Phạm vi điều chỉnh",
            "Điều 1. Giải thích từ ngữ\nHợp tác xã là tổ chức kinh tế tập thể.\n"
            "Điều 2. Phạm vi điều chỉnh",
        )
        .replace("Điều 2. Đối tượng", "Điều 3. Đối tượng")
        .replace("Điều 3. Hỗ trợ", "Điều 4. Hỗ trợ")
    )
    _second_version(draft, people, renumbered)
    clause = selectors.comment_fate(comment).clause
    assert (clause.status, clause.new_label) == ("moved", "Điều 3, khoản 2")
    assert clause.new_node_id == _node(draft, "Điều 3, khoản 2", 2).pk
    assert clause.message == (
        "Nội dung không thay đổi; trong phiên bản 2 được đánh số lại: Điều 3, khoản 2."
    )
