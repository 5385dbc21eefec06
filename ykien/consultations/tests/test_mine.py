"""A person's comments, statements, votes and expert opinions on "my page", in their data and
through the erasure of their account (``consultations.mine``, the ``core.mine`` contract)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ykien.consultations import mine, services
from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    Comment,
    CommentReport,
    Invitation,
    Node,
    Statement,
    StatementStatus,
    Vote,
)
from ykien.consultations.services.analysis_results import _pseudonym
from ykien.consultations.tests.conftest import DOC, comment_on, consolidating, invite
from ykien.core.mine import Section
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db

PENDING_FATE = "Văn bản phản biện chưa ban hành; ý kiến đang được tổng hợp."


@pytest.fixture
def contributed(draft, people, tree):
    """The citizen's comment on Điều 1, statement (put to the vote), vote and report; an
    anonymous visitor's comment, vote and the citizen's statement's second vote; an officer's
    statement; the citizen is also the expert on the roster, whose opinion was sent."""
    node = Node.objects.get(draft=draft, label="Điều 1")
    me = services.Participant.of_user(people.citizen)
    other = services.Participant.anonymous("khach")
    mine_comment = comment_on(node, people.citizen, stance="agree", reasons="Phạm vi hợp lý.")
    their = services.comment_post(
        draft_id=draft.pk, node_id=node.pk, participant=other, stance="disagree", reasons="Hẹp."
    )
    services.comment_report(comment=their, participant=me, reason="Lạc đề")
    statement = services.statement_propose(draft=draft, participant=me, text="Cần hỗ trợ thêm.")
    services.statement_moderate(actor=people.officer, statement=statement, to="active")
    officers = services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text="Đủ rõ."
    )
    services.vote_cast(statement_id=officers.pk, participant=me, value=1)
    services.vote_cast(statement_id=officers.pk, participant=other, value=-1)
    services.vote_cast(statement_id=statement.pk, participant=other, value=1)
    _url, raw = invite(draft, people, tree)
    Expert.objects.update(user=people.citizen)
    services.opinion_submit(
        raw=raw, overall="Nên rõ hơn.", per_node={}, signed_name="Võ Thanh Bình", confirmed=True
    )
    return mine_comment, their, statement, officers


def test_items_list_each_contribution_with_its_status(contributed, people, draft):
    got = [
        (i.section, i.kind, i.title, i.status, i.fate, i.detail) for i in mine.items(people.citizen)
    ]
    title = "Dự thảo Nghị quyết hỗ trợ hợp tác xã"
    assert got == [
        (
            Section.DRAFTS,
            "Góp ý",
            f"{title} — Điều 1",
            "Đang hiển thị",
            PENDING_FATE,
            "Đồng ý: Phạm vi hợp lý.",
        ),
        (Section.DRAFTS, "Nhận định", "Cần hỗ trợ thêm.", "Đang biểu quyết", "", title),
        (
            Section.DRAFTS,
            "Biểu quyết",
            "Đủ rõ.",
            "Đang biểu quyết",
            "",
            f"Bạn chọn: Đồng ý — {title}",
        ),
        (Section.EXPERT, "Ý kiến chuyên gia", title, "Đã trả lời", PENDING_FATE, "Nên rõ hơn."),
    ]
    assert mine.items(people.officer)[0].title == "Đủ rõ."  # the officer's own statement only
    assert len(mine.items(people.officer)) == 1


def test_a_comment_links_to_its_own_page(contributed, people, draft):
    comment = contributed[0]
    [item] = [i for i in mine.items(people.citizen) if i.kind == "Góp ý"]
    assert item.url == f"/du-thao/{draft.pk}/gop-y/{comment.pk}/"


def test_what_became_of_a_comment_follows_the_issued_points_and_published_answers(
    contributed, people, draft
):
    comment = contributed[0]
    consolidating(draft, people)
    point = services.point_save(
        actor=people.officer,
        draft=draft,
        title="Về phạm vi",
        text="Giữ nguyên.",
        comment_ids=[comment.pk],
    )

    def fate() -> str:
        return next(i.fate for i in mine.items(people.citizen) if i.kind == "Góp ý")

    assert fate() == PENDING_FATE  # a point is not public before the document is issued
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    services.document_submit(actor=people.officer, document=document)
    services.document_issue(actor=people.leader, document=document)
    assert fate() == "Điểm 1 “Về phạm vi”: chờ cơ quan soạn thảo trả lời."
    opinion = next(i.fate for i in mine.items(people.citizen) if i.section == Section.EXPERT)
    assert opinion == "Văn bản phản biện đã ban hành; ý kiến này không được dẫn trong điểm nào."
    services.point_answer(actor=people.respondent, point=point, answer="accepted", text="Sẽ sửa.")
    assert fate() == "Điểm 1 “Về phạm vi”: Tiếp thu."


def test_export_holds_the_texts_with_labels_and_nobody_elses(contributed, people, draft):
    comment, their, _statement, _officers = contributed
    data = mine.export(people.citizen)
    assert [c["id"] for c in data["comments"]] == [comment.pk]
    exported = data["comments"][0]
    assert exported["stance"] == {"code": "agree", "label": "Đồng ý"}
    assert exported["reasons"] == "Phạm vi hợp lý."
    assert exported["clause"] == "Điều 1"
    assert exported["status"] == {"code": "visible", "label": "Đang hiển thị"}
    assert [s["text"] for s in data["statements"]] == ["Cần hỗ trợ thêm."]
    assert [(v["statement"], v["value"]) for v in data["votes"]] == [
        ("Đủ rõ.", {"code": 1, "label": "Đồng ý"})
    ]
    assert [(r["comment"], r["reason"]) for r in data["reports"]] == [(their.pk, "Lạc đề")]
    [opinion] = data["expert_opinions"]
    assert (opinion["text"], opinion["signed_name"]) == ("Nên rõ hơn.", "Võ Thanh Bình")
    assert "Hẹp." not in str(data)  # the other person's comment


def _aggregates(draft) -> tuple:
    comments = Comment.objects.filter(draft=draft)
    return (
        comments.count(),
        comments.values("participant").distinct().count(),
        sorted(Counter(comments.values_list("stance", flat=True)).items()),
        sorted(Counter(comments.values_list("author_kind", flat=True)).items()),
        sorted(Vote.objects.filter(draft=draft).values_list("statement_id", "value")),
        Vote.objects.filter(draft=draft).values("participant").distinct().count(),
        Statement.objects.filter(draft=draft, status=StatementStatus.ACTIVE).count(),
        CommentReport.objects.count(),
    )


def test_erase_leaves_every_contribution_and_count_and_attributes_them_to_no_one(
    contributed, people, draft
):
    comment, _their, statement, _officers = contributed
    old = f"u:{people.citizen.pk}"
    run = AnalysisRun.objects.create(
        draft=draft,
        kind=AnalysisKind.OPINION_GROUPS,
        status="done",
        result={"state": {"participants": [_pseudonym(old), _pseudonym("a:x")]}, "votes": 3},
    )
    before = _aggregates(draft)

    # comment + statement + vote + report + the run + the invitation's e-mail
    assert mine.erase(people.citizen) == 6

    assert _aggregates(draft) == before
    comment.refresh_from_db()
    statement.refresh_from_db()
    assert (comment.author, statement.author) == (None, None)
    new = comment.participant
    assert re.fullmatch(r"a:[0-9a-f]{32}", new)
    assert statement.participant == new
    assert set(Vote.objects.filter(participant=new).values_list("value", flat=True)) == {1}
    assert CommentReport.objects.get().participant == new
    assert not Comment.objects.filter(participant=old).exists()
    assert not Vote.objects.filter(participant=old).exists()
    run.refresh_from_db()
    assert run.result == {
        "state": {"participants": [_pseudonym(new), _pseudonym("a:x")]},
        "votes": 3,
    }
    assert Invitation.objects.get().email == ""
    # Nothing is the person's any more; the comment's text stays.
    assert mine.items(people.citizen) == [
        i for i in mine.items(people.citizen) if i.section == Section.EXPERT
    ]
    assert comment.reasons == "Phạm vi hợp lý."
    assert mine.erase(people.citizen) == 0  # nothing left to change
