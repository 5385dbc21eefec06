"""The comment intake path: one conditional INSERT when the draft is open; the checked path
says why when it stores nothing; PostgreSQL prepares the statements of the path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ykien.consultations import selectors, services
from ykien.consultations.models import Comment, DraftStatus, Node
from ykien.core import prepared
from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db


def _post(draft, people, node_id, **kwargs):
    return services.comment_post(
        draft_id=kwargs.pop("draft_id", draft.pk),
        node_id=node_id,
        participant=services.Participant.of_user(people.citizen),
        stance=kwargs.pop("stance", "disagree"),
        reasons=kwargs.pop("reasons", "Mức hỗ trợ quá thấp."),
        **kwargs,
    )


def test_an_open_draft_takes_a_comment_in_one_statement(draft, people):
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    with CaptureQueriesContext(connection) as queries:
        comment = _post(draft, people, node.pk, stance="reword", proposed_wording="Hỗ trợ 70%.")
    # The node's visible-comment counter is written with it: in the same statement on
    # PostgreSQL, by a second one in the same transaction on SQLite.
    statements = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    if connection.vendor == "postgresql":
        assert len(statements) == 1
        assert statements[0].startswith('WITH c AS (INSERT INTO "consultations_comment"')
    else:
        assert [s.split(" (")[0] for s in statements] == [
            'INSERT INTO "consultations_comment"',
            'INSERT INTO "consultations_commentcount"',
        ]
    assert selectors.node_comment_counts(version=draft.current_version) == {node.pk: 1}
    stored = Comment.objects.get(pk=comment.pk)
    assert (
        stored.draft_id,
        stored.version_id,
        stored.node_id,
        stored.stance,
        stored.proposed_wording,
        stored.reasons,
        stored.author_id,
        stored.author_kind,
        stored.participant,
        stored.status,
        stored.report_count,
        stored.reviewed,
        stored.created_at,
    ) == (
        draft.pk,
        draft.current_version_id,
        node.pk,
        "reword",
        "Hỗ trợ 70%.",
        "Mức hỗ trợ quá thấp.",
        people.citizen.pk,
        "citizen",
        f"u:{people.citizen.pk}",
        "visible",
        0,
        False,
        dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC),
    )
    assert (comment.version_id, comment.created_at) == (stored.version_id, stored.created_at)
    assert comment._state.adding is False


def test_a_comment_on_the_whole_draft(draft, people):
    comment = _post(draft, people, None, stance="agree", reasons="")
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.node_id, stored.version_id, stored.stance) == (
        None,
        draft.current_version_id,
        "agree",
    )


def test_refusals_store_nothing_and_say_why(draft, people, tree):
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    with pytest.raises(NotFound) as missing_draft:
        _post(draft, people, node.pk, draft_id=draft.pk + 1000)
    with pytest.raises(NotFound) as missing_node:
        _post(draft, people, node.pk + 1000)
    with pytest.raises(NotFound) as missing_whole:
        _post(draft, people, None, draft_id=draft.pk + 1000)
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    with pytest.raises(InvalidTransition) as closed:
        _post(draft, people, node.pk)
    with pytest.raises(InvalidTransition) as closed_whole:
        _post(draft, people, None)
    assert [str(e.value) for e in (missing_draft, missing_node, missing_whole)] == [
        "Không tìm thấy dự thảo.",
        "Không tìm thấy điều, khoản được góp ý.",
        "Không tìm thấy dự thảo.",
    ]
    assert (closed.value.code, closed_whole.value.code) == ("draft_closed", "draft_closed")
    assert Comment.objects.count() == 0


def test_a_node_of_another_draft_is_refused(draft, people, tree):
    from ykien.consultations.tests.conftest import make_draft

    other = make_draft(tree, people.officer)
    foreign = Node.objects.filter(version=other.current_version).first()
    with pytest.raises(NotFound):
        _post(draft, people, foreign.pk)
    assert Comment.objects.count() == 0


def test_before_the_period_starts_nothing_is_stored(draft, people):
    draft.comment_start = dt.date(2026, 11, 27)
    draft.save(update_fields=["comment_start"])
    with pytest.raises(InvalidTransition):
        _post(draft, people, None)
    draft.comment_start = dt.date(2026, 11, 26)
    draft.comment_end = dt.date(2026, 11, 26)
    draft.save(update_fields=["comment_start", "comment_end"])
    assert _post(draft, people, None).pk  # the first and the last day are open


def test_when_the_draft_opens_between_the_two_statements_the_checked_path_stores_it(
    draft, people, monkeypatch
):
    monkeypatch.setattr(services.intake, "_conditional_insert", lambda comment: False)
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    comment = _post(draft, people, node.pk)
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.node_id, stored.version_id) == (node.pk, draft.current_version_id)


def test_bad_input_is_refused_before_any_statement(draft, people):
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationFailed):
        _post(draft, people, None, stance="maybe")
    with pytest.raises(ValidationFailed) as long:
        _post(draft, people, None, reasons="x" * 100_001)
    assert (len(queries), long.value.field) == (0, "reasons")
    assert Comment.objects.count() == 0


# ----------------------------------------------------------------------- prepared statements


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_the_intake_statement_is_prepared_on_postgresql_only(draft, people, settings):
    settings.DB_PREPARED_STATEMENTS = True
    report_count = Comment._meta.get_field("report_count")
    node = Node.objects.get(version=draft.current_version, label="Điều 2")
    for _ in range(3):
        _post(draft, people, node.pk)
    assert Comment.objects.filter(node=node).count() == 3
    if connection.vendor == "sqlite":  # the driver keeps compiled statements itself
        assert prepared.placeholder(report_count) == "%s"
        with prepared.cursor() as cursor:
            assert type(cursor.cursor) is type(connection.cursor().cursor)
        return
    assert prepared.placeholder(report_count) == "CAST(%s AS integer)"
    assert prepared.placeholder(Comment._meta.get_field("reasons")) == "%s"
    statements = [s for s in _prepared_statements() if "consultations_comment" in s]
    assert len(statements) == 1
    assert statements[0].startswith('WITH c AS (INSERT INTO "consultations_comment"')


def test_prepared_statements_can_be_switched_off_for_a_pooler(settings):
    settings.DB_PREPARED_STATEMENTS = False
    for _ in range(3):
        with prepared.cursor() as cursor:
            cursor.execute("SELECT CAST(%s AS integer) + 41", [1])
            assert cursor.fetchone() == (42,)
    if connection.vendor == "postgresql":
        assert connection.connection.prepare_threshold is None
        assert not [s for s in _prepared_statements() if "+ 41" in s]


def test_markup_is_kept_as_typed_and_control_characters_refused(draft, people):
    comment = _post(draft, people, None, reasons="<script>alert(1)</script> Đề nghị sửa")
    assert Comment.objects.get(pk=comment.pk).reasons == "<script>alert(1)</script> Đề nghị sửa"
    with pytest.raises(ValidationFailed) as exc:
        _post(draft, people, None, reasons="Đề nghị\x07 sửa")
    assert (exc.value.code, exc.value.field) == ("forbidden_character", "reasons")
    assert Comment.objects.count() == 1


def test_a_chapter_heading_takes_no_comment(draft, people):
    chapter = Node.objects.get(version=draft.current_version, kind="chapter", number="I")
    preamble = Node.objects.filter(version=draft.current_version, kind="preamble").first()
    for node in (chapter, preamble):
        with pytest.raises(ValidationFailed) as exc:
            _post(draft, people, node.pk)
        assert (exc.value.code, exc.value.field) == ("not_commentable", "node")
    assert Comment.objects.count() == 0


def test_position_labels_are_stored_in_vietnamese_and_shown_in_the_reader_language():
    from django.utils import translation

    from ykien.consultations.models.draft import label_in_language

    label = "Điều 3, khoản 1, điểm a"
    with translation.override("en"):
        assert label_in_language(label) == "Article 3, clause 1, point a"
        assert label_in_language("Phần mở đầu") == "Introduction"
        assert label_in_language("Chương II, Mục 1") == "Chapter II, Section 1"
        assert Node(kind="clause", label="Điều 2, khoản 2").label_text == "Article 2, clause 2"
    with translation.override("vi"):
        assert label_in_language(label) == label
        assert str(Node(kind="preamble", label="")) == "Phần mở đầu"
