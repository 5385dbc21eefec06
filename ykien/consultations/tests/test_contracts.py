"""What other apps use: analysis rows, search documents, indicators, the worklist, the home block."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.consultations import selectors, services
from ykien.consultations.apps import home_context
from ykien.consultations.indicators import INDICATORS
from ykien.consultations.models import Node
from ykien.consultations.search import search_documents
from ykien.consultations.tests.conftest import comment_on, drafted_document
from ykien.consultations.worklist import provider

pytestmark = pytest.mark.django_db


def test_comment_rows_for_the_analysis(draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1")
    who = services.Participant.of_user(people.citizen)
    c = services.comment_post(
        draft_id=draft.pk,
        node_id=node.pk,
        participant=who,
        stance="reword",
        proposed_wording="Sửa A",
        reasons="Vì B",
    )
    rows = selectors.draft_comment_rows(draft_id=draft.pk)
    assert rows == [(c.pk, "Sửa A\n\nVì B", c.created_at, f"u:{people.citizen.pk}")]


def test_search_documents_cover_the_draft_and_its_clauses(draft):
    docs = list(search_documents())
    assert [(d.kind, d.title) for d in docs][:3] == [
        ("draft", "Dự thảo Nghị quyết hỗ trợ hợp tác xã"),
        ("clause", "Điều 1. Phạm vi điều chỉnh — Dự thảo Nghị quyết hỗ trợ hợp tác xã"),
        ("clause", "Điều 2. Đối tượng áp dụng — Dự thảo Nghị quyết hỗ trợ hợp tác xã"),
    ]
    assert len([d for d in docs if d.kind == "clause"]) == 7


def test_indicators(tree, draft, people):
    comment_on(
        Node.objects.get(draft=draft, label="Điều 1"), people.citizen, stance="agree", reasons="Tốt"
    )
    values = {
        i.code: i.compute({tree.prov_new.pk}, dt.date(2026, 10, 1), dt.date(2026, 12, 31))
        for i in INDICATORS
    }
    assert values == {
        "consultations.drafts_received": 1,
        "consultations.drafts_critiqued": 0,
        "consultations.comments": 1,
        "consultations.expert_opinions": 0,
    }


def test_worklist_and_overdue_on_both_sides(draft, people, time_machine):
    doc = services.document_submit(actor=people.officer, document=drafted_document(draft, people))
    items = list(provider(people.officer, dt.date(2026, 11, 26)))
    assert [i.title for i in items] == [
        "Duyệt văn bản phản biện: Dự thảo Nghị quyết hỗ trợ hợp tác xã"
    ]
    doc = services.document_issue(actor=people.leader, document=doc)
    late = doc.answer_due + dt.timedelta(days=1)
    officer_items = list(provider(people.officer, late))
    respondent_items = list(provider(people.respondent, late))
    assert [(i.title, i.due) for i in officer_items] == [
        ("Quá hạn trả lời 1 điểm phản biện: Dự thảo Nghị quyết hỗ trợ hợp tác xã", doc.answer_due)
    ]
    assert [(i.title, i.due) for i in respondent_items] == [
        ("Quá hạn: trả lời 1 điểm phản biện — Dự thảo Nghị quyết hỗ trợ hợp tác xã", doc.answer_due)
    ]
    assert list(provider(people.citizen, late)) == []


def test_home_block_lists_open_drafts(draft):
    assert home_context() == {"drafts": [draft]}
    assert home_context(object()) == {"drafts": [draft]}
