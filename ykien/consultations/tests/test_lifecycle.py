"""Every state transition of a draft, a version, a comment, a statement, a document and a point."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.consultations import selectors, services
from ykien.consultations.lifecycle import DRAFT
from ykien.consultations.models import (
    Comment,
    CommentStatus,
    CritiqueDocument,
    DocumentStatus,
    Draft,
    DraftStatus,
    Node,
    PointStatus,
    StatementStatus,
    VersionStatus,
)
from ykien.consultations.tests.conftest import (
    DOC,
    TEXT,
    comment_on,
    consolidating,
    make_draft,
    register,
)
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _citizen(people):
    return services.Participant.of_user(people.citizen)


def _issued(draft, people, n_points=2):
    draft = consolidating(draft, people)
    article = Node.objects.filter(draft=draft, kind="article").first()
    for i in range(n_points):
        services.point_save(
            actor=people.officer,
            draft=draft,
            title=f"Vấn đề {i + 1}",
            text="Nội dung",
            node_ids=[article.pk],
        )
    doc = services.document_save(actor=people.officer, draft=draft, data=DOC)
    services.document_submit(actor=people.officer, document=doc)
    return services.document_issue(actor=people.leader, document=doc)


# ------------------------------------------------------------------------------ draft


def test_register_with_file_goes_from_received_to_review(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    assert draft.status == DraftStatus.REVIEW
    assert list(
        AuditEvent.objects.filter(object_id=str(draft.pk), object_type="consultations.draft")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["draft.register", "consultations.draft.upload"]


def test_register_without_file_stays_received_then_upload_moves_to_review(tree, people):
    draft = register(people.officer, tree)
    assert draft.status == DraftStatus.RECEIVED
    version = services.version_upload(
        actor=people.officer, draft=draft, filename="a.txt", data=TEXT.encode()
    )
    draft.refresh_from_db()
    assert (draft.status, version.number, version.status) == (
        DraftStatus.REVIEW,
        1,
        VersionStatus.REVIEW,
    )


def test_publish_moves_review_to_open_and_creates_nodes(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    services.version_publish(
        actor=people.officer,
        version=draft.versions.get(),
        comment_start=dt.date(2026, 11, 26),
        comment_end=dt.date(2026, 12, 10),
    )
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    labels = list(
        Node.objects.filter(version=draft.current_version)
        .order_by("position")
        .values_list("kind", "label")
    )
    assert labels == [
        ("preamble", "Phần mở đầu"),
        ("chapter", "Chương I"),
        ("article", "Điều 1"),
        ("article", "Điều 2"),
        ("clause", "Điều 2, khoản 1"),
        ("clause", "Điều 2, khoản 2"),
        ("chapter", "Chương II"),
        ("article", "Điều 3"),
        ("clause", "Điều 3, khoản 1"),
        ("point", "Điều 3, khoản 1, điểm a"),
        ("point", "Điều 3, khoản 1, điểm b"),
        ("clause", "Điều 3, khoản 2"),
    ]
    point = Node.objects.get(version=draft.current_version, label="Điều 3, khoản 1, điểm a")
    assert point.parent.label == "Điều 3, khoản 1"
    assert point.parent.parent.label == "Điều 3"


def test_publish_needs_an_end_date(tree, people):
    draft = register(people.officer, tree, filename="a.txt", data=TEXT.encode())
    with pytest.raises(ValidationFailed) as exc:
        services.version_publish(actor=people.officer, version=draft.versions.get())
    assert exc.value.field == "comment_end"
    assert Node.objects.count() == 0


def test_open_to_closed_and_reopen(draft, people):
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    draft.refresh_from_db()
    # The announced end is kept; the early end is recorded beside it (test_early_end.py).
    assert (draft.status, draft.comment_end) == (DraftStatus.CLOSED, dt.date(2026, 12, 10))
    with pytest.raises(ValidationFailed):
        services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.OPEN)
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.OPEN, comment_end=dt.date(2026, 12, 20)
    )
    draft.refresh_from_db()
    assert (draft.status, draft.comment_end) == (DraftStatus.OPEN, dt.date(2026, 12, 20))


def test_closed_toconsolidating(draft, people):
    draft = consolidating(draft, people)
    assert draft.status == DraftStatus.CONSOLIDATING


def test_transitions_outside_the_map_are_refused(draft, people):
    with pytest.raises(InvalidTransition):
        services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.CONSOLIDATING)
    with pytest.raises(InvalidTransition):
        services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.ANSWERED)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_close_expired_drafts(tree, people):
    draft = make_draft(tree, people.officer, end=dt.date(2026, 11, 26))
    assert services.close_expired_drafts(on=dt.date(2026, 11, 27)) == 1
    draft.refresh_from_db()
    assert draft.status == DraftStatus.CLOSED


def test_consolidating_to_issued_sets_the_answer_due_date(draft, people):
    doc = _issued(draft, people)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ISSUED
    assert doc.status == DocumentStatus.ISSUED
    assert doc.issue_date == dt.date(2026, 11, 26)
    # 30 days from 26/11/2026 is Saturday 26/12/2026: the next working day, Monday 28/12.
    assert doc.answer_due == dt.date(2026, 12, 28)
    assert doc.answer_basis == (
        "30 ngày kể từ 26/11/2026 — Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; "
        "đơn vị ban hành ấn định (mặc định của nền tảng: 30 ngày)"
    )
    assert doc.docx.name.endswith(".docx")


def test_issued_to_answered_when_every_point_is_answered(draft, people):
    _issued(draft, people)
    first, second = list(draft.points.order_by("position"))
    services.point_answer(actor=people.respondent, point=first, answer="accepted", text="Tiếp thu.")
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.status, draft.status) == (PointStatus.ANSWERED, DraftStatus.ISSUED)
    # An answer may be changed until all are answered.
    services.point_answer(
        actor=people.respondent, point=first, answer="explained", text="Giải trình."
    )
    services.point_answer(
        actor=people.respondent,
        point=second,
        answer="rejected",
        text="Không tiếp thu vì đã có quy định.",
    )
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ANSWERED
    assert list(draft.points.order_by("position").values_list("status", "answer")) == [
        (PointStatus.PUBLISHED, "explained"),
        (PointStatus.PUBLISHED, "rejected"),
    ]
    with pytest.raises(InvalidTransition):
        services.point_answer(
            actor=people.respondent, point=first, answer="accepted", text="Đổi ý."
        )


# ---------------------------------------------------------------------------- version


def test_a_new_version_supersedes_the_old_and_comments_stay(draft, people):
    old = draft.current_version
    node = Node.objects.get(version=old, label="Điều 1")
    comment = comment_on(node, people.citizen, stance="agree", reasons="Đồng ý")
    new_text = TEXT.replace(
        "2. Hỗ trợ tiền lương.", "2. Hỗ trợ tiền lương bằng 1,2 lần lương cơ sở."
    )
    version = services.version_upload(
        actor=people.officer, draft=draft, filename="v2.txt", data=new_text.encode()
    )
    assert (version.number, version.status) == (2, VersionStatus.REVIEW)
    services.version_publish(actor=people.officer, version=version)
    old.refresh_from_db()
    draft.refresh_from_db()
    assert (old.status, draft.current_version_id, draft.status) == (
        VersionStatus.SUPERSEDED,
        version.pk,
        DraftStatus.OPEN,
    )
    comment.refresh_from_db()
    assert comment.version_id == old.pk
    diff = selectors.version_diff(old=old, new=version)
    changed = [
        (c["status"], c["new"]["ref"]) for c in diff["changes"] if c["status"] != "unchanged"
    ]
    assert changed == [("modified", ["Chương II", "Điều 3", "Khoản 2"])]
    with pytest.raises(ValidationFailed) as exc:
        comment_on(node, people.citizen, stance="agree", reasons="Đồng ý")
    assert exc.value.code == "old_version"


def test_tree_corrections_merge_split_retype(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    version = draft.versions.get()
    # Chương I is nodes[1]; its first article is [1, 0]; Điều 2 is [1, 1] with clauses.
    services.version_tree_edit(
        actor=people.officer,
        version=version,
        op="retype",
        path=[1, 0],
        kind="article",
        number="1",
        title="Phạm vi",
    )
    services.version_tree_edit(
        actor=people.officer, version=version, op="merge", path=[1, 1, 0], other=[1, 1, 1]
    )
    version.refresh_from_db()
    art2 = version.tree[1]["children"][1]
    assert version.tree[1]["children"][0]["title"] == "Phạm vi"
    assert [c["number"] for c in art2["children"]] == ["1"]
    assert art2["children"][0]["text"] == "Hợp tác xã nông nghiệp.\n2. Thành viên hợp tác xã."
    offset = art2["children"][0]["text"].index("2.")
    services.version_tree_edit(
        actor=people.officer, version=version, op="split", path=[1, 1, 0], offset=offset
    )
    version.refresh_from_db()
    assert [c["number"] for c in version.tree[1]["children"][1]["children"]] == ["1", "2"]
    with pytest.raises(ValidationFailed) as exc:
        services.version_tree_edit(
            actor=people.officer, version=version, op="merge", path=[0], other=[2]
        )
    assert exc.value.code == "not_adjacent"


@pytest.mark.parametrize(
    ("op", "args", "code", "message"),
    [
        (
            # Khoản 2 of Điều 2, the last node of Chương I, with Chương II after it.
            "merge",
            {"path": [1, 1, 1], "other": [2]},
            "not_adjacent",
            "Chỉ gộp được một phần với phần liền sau nó trong cùng phần chứa, hoặc với phần con "
            "đầu tiên của nó.",
        ),
        (
            # Điều 1 (in Chương I) and Chương II are not siblings.
            "merge",
            {"path": [1, 0], "other": [2]},
            "not_adjacent",
            "Chỉ gộp được một phần với phần liền sau nó trong cùng phần chứa, hoặc với phần con "
            "đầu tiên của nó.",
        ),
        (
            "retype",
            {"path": [1, 1, 0], "kind": "part", "number": "I"},
            "bad_hierarchy",
            "Thao tác làm sai thứ bậc của văn bản: mỗi phần chỉ chứa được phần thuộc cấp thấp hơn "
            "nó (thứ bậc từ cao xuống thấp: Phần, Chương, Mục, Điều, Khoản, Điểm); phần mở đầu và "
            "phần kết không chứa phần nào.",
        ),
        (
            "retype",
            {"path": [1, 1], "kind": "point", "number": "a"},
            "bad_hierarchy",
            "Thao tác làm sai thứ bậc của văn bản: mỗi phần chỉ chứa được phần thuộc cấp thấp hơn "
            "nó (thứ bậc từ cao xuống thấp: Phần, Chương, Mục, Điều, Khoản, Điểm); phần mở đầu và "
            "phần kết không chứa phần nào.",
        ),
    ],
)
def test_tree_corrections_that_break_the_hierarchy_change_nothing(
    tree, people, op, args, code, message
):
    draft = make_draft(tree, people.officer, publish=False)
    version = draft.versions.get()
    before = version.tree
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.version_tree_edit(actor=people.officer, version=version, op=op, **args)
    assert (exc.value.code, str(exc.value.message)) == (code, message)
    version.refresh_from_db()
    assert version.tree == before
    assert AuditEvent.objects.count() == events


def test_merge_with_a_sibling_of_a_higher_level_is_refused(tree, people):
    text = TEXT.replace("Chương II\nMỨC HỖ TRỢ\n", "")
    draft = make_draft(tree, people.officer, text=text, publish=False)
    version = draft.versions.get()
    # Chương I holds Điều 1–3; make Điều 3 a Mục: Điều 2 cannot absorb it.
    services.version_tree_edit(
        actor=people.officer, version=version, op="retype", path=[1, 2], kind="section", number="1"
    )
    version.refresh_from_db()
    before = version.tree
    with pytest.raises(ValidationFailed) as exc:
        services.version_tree_edit(
            actor=people.officer, version=version, op="merge", path=[1, 1], other=[1, 2]
        )
    assert exc.value.code == "higher_level"
    assert str(exc.value.message) == (
        "Không gộp được: phần liền sau thuộc cấp cao hơn phần được chọn (thứ bậc từ cao xuống "
        "thấp: Phần, Chương, Mục, Điều, Khoản, Điểm)."
    )
    version.refresh_from_db()
    assert version.tree == before


def test_published_version_cannot_be_edited(draft, people):
    with pytest.raises(InvalidTransition):
        services.version_tree_edit(
            actor=people.officer,
            version=draft.current_version,
            op="retype",
            path=[0],
            kind="preamble",
            number="",
        )


# ---------------------------------------------------------------------------- comments


def test_reports_hide_a_comment_pending_review_then_officer_approves(draft, people):
    comment = comment_on(draft, people.citizen, stance="disagree", reasons="Không phù hợp")
    for i in range(services.REPORT_THRESHOLD - 1):
        services.comment_report(
            comment=comment, participant=services.Participant.anonymous(f"s{i}")
        )
    services.comment_report(
        comment=comment, participant=services.Participant.anonymous("s0")
    )  # counted once
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (CommentStatus.VISIBLE, 2)
    services.comment_report(comment=comment, participant=services.Participant.anonymous("s9"))
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (CommentStatus.PENDING, 3)
    services.comment_moderate(actor=people.officer, comment=comment, to=CommentStatus.VISIBLE)
    comment.refresh_from_db()
    assert (comment.status, comment.reviewed) == (CommentStatus.VISIBLE, True)
    # Reviewed comments are not hidden again by more reports.
    services.comment_report(comment=comment, participant=services.Participant.anonymous("s10"))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE


def test_hide_needs_a_reason_and_nothing_is_deleted(draft, people):
    comment = comment_on(draft, people.citizen, stance="agree", reasons="Tốt")
    with pytest.raises(ValidationFailed):
        services.comment_moderate(
            actor=people.officer, comment=comment, to=CommentStatus.HIDDEN, reason=""
        )
    services.comment_moderate(
        actor=people.officer, comment=comment, to=CommentStatus.HIDDEN, reason="Lời lẽ xúc phạm"
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (CommentStatus.HIDDEN, "Lời lẽ xúc phạm")
    assert selectors.comments_public(draft=draft).count() == 0
    services.comment_moderate(actor=people.officer, comment=comment, to=CommentStatus.VISIBLE)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    assert Comment.objects.count() == 1


def test_pending_to_hidden(draft, people):
    comment = comment_on(draft, people.citizen, stance="agree", reasons="Tốt")
    for i in range(3):
        services.comment_report(
            comment=comment, participant=services.Participant.anonymous(f"x{i}")
        )
    services.comment_moderate(
        actor=people.officer, comment=comment, to=CommentStatus.HIDDEN, reason="Quảng cáo"
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN


# -------------------------------------------------------------------- statements, votes


def test_statements_officer_active_citizen_pending_then_moderated(draft, people):
    by_officer = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.officer),
        text="Mức hỗ trợ phù hợp.",
    )
    by_citizen = services.statement_propose(
        draft=draft, participant=_citizen(people), text="Cần ưu tiên vùng khó khăn."
    )
    assert (by_officer.status, by_citizen.status) == (
        StatementStatus.ACTIVE,
        StatementStatus.PENDING,
    )
    with pytest.raises(InvalidTransition):
        services.vote_cast(statement_id=by_citizen.pk, participant=_citizen(people), value=1)
    services.statement_moderate(
        actor=people.officer, statement=by_citizen, to=StatementStatus.ACTIVE
    )
    services.vote_cast(statement_id=by_citizen.pk, participant=_citizen(people), value=1)
    services.vote_cast(
        statement_id=by_citizen.pk, participant=_citizen(people), value=-1
    )  # replaces
    with pytest.raises(ValidationFailed):
        services.statement_moderate(
            actor=people.officer, statement=by_citizen, to=StatementStatus.REJECTED
        )
    services.statement_moderate(
        actor=people.officer,
        statement=by_citizen,
        to=StatementStatus.REJECTED,
        reason="Trùng nhận định khác",
    )
    services.statement_moderate(
        actor=people.officer, statement=by_citizen, to=StatementStatus.ACTIVE
    )
    rows = selectors.draft_vote_rows(draft_id=draft.pk)
    assert [(p, s, v) for p, s, v, _t in rows] == [(f"u:{people.citizen.pk}", by_citizen.pk, -1)]


def test_vote_on_a_closed_draft_is_refused(draft, people):
    statement = services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text="Nhận định"
    )
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    with pytest.raises(InvalidTransition) as exc:
        services.vote_cast(statement_id=statement.pk, participant=_citizen(people), value=1)
    assert exc.value.code == "draft_closed"
    assert str(exc.value.message) == "Dự thảo không còn trong thời gian lấy ý kiến."


# ------------------------------------------------------------------ document transitions


def test_document_draft_submitted_returned_submitted_issued(draft, people):
    draft = consolidating(draft, people)
    doc = services.document_save(actor=people.officer, draft=draft, data=DOC)
    with pytest.raises(ValidationFailed) as exc:
        services.document_submit(actor=people.officer, document=doc)
    assert exc.value.code == "no_points"
    services.point_save(actor=people.officer, draft=draft, title="Vấn đề", text="Nội dung")
    doc = services.document_submit(actor=people.officer, document=doc)
    assert doc.status == DocumentStatus.SUBMITTED
    with pytest.raises(InvalidTransition):
        services.point_save(actor=people.officer, draft=draft, title="Thêm", text="Nội dung")
    with pytest.raises(PermissionDenied):
        services.document_issue(actor=people.officer, document=doc)
    doc = services.document_return(actor=people.leader, document=doc, reason="Bổ sung số liệu")
    assert (doc.status, doc.return_reason) == (DocumentStatus.DRAFT, "Bổ sung số liệu")
    doc = services.document_submit(actor=people.officer, document=doc)
    doc = services.document_issue(actor=people.leader, document=doc)
    assert doc.status == DocumentStatus.ISSUED
    with pytest.raises(InvalidTransition):
        services.document_return(actor=people.leader, document=doc, reason="Quá muộn rồi")
    assert CritiqueDocument.objects.get().status == DocumentStatus.ISSUED


def test_overdue_points_are_counted_after_the_due_date(draft, people):
    doc = _issued(draft, people)
    assert selectors.overdue_points(draft=draft, on=doc.answer_due) == 0
    assert selectors.overdue_points(draft=draft, on=doc.answer_due + dt.timedelta(days=1)) == 2


def test_every_draft_status_is_in_the_transition_map():
    reached = {state for edge in DRAFT.edges for state in (*edge.sources, edge.target)}
    assert reached == set(DraftStatus.values)
    assert Draft._meta.get_field("status").default == DraftStatus.RECEIVED
