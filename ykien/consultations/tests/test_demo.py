"""The consultations demo: the five Trà Vinh drafts of Q1/2024 carry comments in every state,
statements with votes and expert opinions; loading again adds nothing; addresses are ASCII."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.validators import EmailValidator

from ykien.consultations import demo
from ykien.consultations.models import (
    Comment,
    CommentReport,
    CritiqueDocument,
    CritiquePoint,
    Draft,
    ExpertOpinion,
    Invitation,
    Statement,
    Vote,
)
from ykien.core import services
from ykien.core.models import UnitKind
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db
MODELS = [
    Draft,
    Comment,
    CommentReport,
    Statement,
    Vote,
    Invitation,
    ExpertOpinion,
    CritiquePoint,
    CritiqueDocument,
    Expert,
]


@pytest.fixture
def loaded(settings, tmp_path):
    """The units the demo uses (as the core demo names them), then the demo loaded twice."""
    settings.VAR_DIR = tmp_path
    end = dt.date(2025, 6, 30)
    tra_vinh = make_unit("Ủy ban MTTQ Việt Nam tỉnh Trà Vinh", code="MTTQ-84", valid_to=end)
    make_unit("Huyện Càng Long", parent=tra_vinh, level="district", code="MTTQ-844", valid_to=end)
    agency = make_unit("UBND tỉnh Trà Vinh", parent=tra_vinh, kind=UnitKind.STATE, code="UBND-84",
                       valid_to=end)  # fmt: skip
    make_unit("Sở NN và MT tỉnh Trà Vinh", parent=tra_vinh, kind=UnitKind.STATE, code="STNMT-84",
              valid_to=end)  # fmt: skip
    start = end + dt.timedelta(days=1)
    vinh_long = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", code="MTTQ-86", valid_from=start)
    successor = make_unit("UBND tỉnh Vĩnh Long", parent=vinh_long, kind=UnitKind.STATE,
                          code="UBND-86", valid_from=start)  # fmt: skip
    # The respondent of the new province answers for the former Trà Vinh agency.
    services.unit_merge(actor=SYSTEM, predecessors=[agency], successor=successor, effective=start)
    services.unit_merge(actor=SYSTEM, predecessors=[tra_vinh], successor=vinh_long, effective=start)
    demo.load(StringIO())
    counts = {model.__name__: model.objects.count() for model in MODELS}
    demo.load(StringIO())
    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    return list(Draft.objects.filter(unit=tra_vinh).order_by("received_on"))


def test_the_2024_drafts_have_statements_votes_moderation_and_opinions(loaded):
    assert len(loaded) == 5
    for n, draft in enumerate(loaded, start=1):
        statements = Statement.objects.filter(draft=draft)
        assert statements.filter(status="active").count() == 3
        for statement in statements.filter(status="active"):
            assert Vote.objects.filter(statement=statement).exists()
        proposed = statements.exclude(status="active").get()
        assert proposed.status == ("rejected" if n in (2, 4) else "pending")
        assert (proposed.moderation_reason != "") == (n in (2, 4))
        # Everything happened in 2024.
        assert {c.created_at.year for c in Comment.objects.filter(draft=draft)} == {2024}
        # Closed when its period ended, not early (built "now", then moved back in time).
        assert (draft.closed_early_at, draft.closed_early_reason) == (None, "")
        assert {v.created_at.year for v in Vote.objects.filter(draft=draft)} == {2024}
        assert {s.created_at.year for s in statements} == {2024}

    hidden = Comment.objects.filter(draft__in=loaded, status="hidden").order_by(
        "draft__received_on"
    )
    assert [(c.draft_id, c.moderation_reason) for c in hidden] == [
        (loaded[0].pk, "Có lời lẽ xúc phạm, quy chụp cán bộ ấp, khóm khi chưa có căn cứ"),
        (loaded[2].pk, "Quảng cáo dịch vụ, không liên quan đến nội dung dự thảo"),
    ]
    assert all(c.moderated_at.year == 2024 for c in hidden)
    pending = Comment.objects.filter(draft__in=loaded, status="pending")
    assert sorted(c.draft_id for c in pending) == [loaded[1].pk, loaded[4].pk]
    assert all(c.report_count == 3 for c in pending)

    # Expert opinions on every draft that went to critique (the three issued and the one
    # awaiting the leader), none on the draft closed without a critique.
    critiqued = set(
        CritiqueDocument.objects.filter(draft__in=loaded, status="issued").values_list(
            "draft_id", flat=True
        )
    )
    assert critiqued == {loaded[0].pk, loaded[1].pk, loaded[2].pk}
    with_opinions = set(
        ExpertOpinion.objects.filter(draft__in=loaded).values_list("draft_id", flat=True)
    )
    assert with_opinions == critiqued | {loaded[4].pk}
    answered = Invitation.objects.filter(draft__in=loaded, answered_at__isnull=False)
    assert answered.count() == 5
    assert {i.answered_at.date().year for i in answered} == {2024}


def test_the_q1_2024_briefing_still_counts_five_drafts_and_three_critiqued(loaded):
    from ykien.reporting.demo import _drafts_computed

    assert _drafts_computed() is True


def test_demo_addresses_are_ascii(loaded):
    assert demo.demo_email("Kim Thị Sóc Khanh") == "kim.thi.soc.khanh@example.vn"
    assert demo.demo_email("Đặng Minh Khoa") == "dang.minh.khoa@example.vn"
    assert demo.demo_email("Thạch Thị Sa Rươne") == "thach.thi.sa.ruone@example.vn"
    validate = EmailValidator()
    emails = [e for e in Expert.objects.values_list("email", flat=True) if e]
    emails += list(Invitation.objects.values_list("email", flat=True))
    assert len(emails) == 7 + Invitation.objects.count()  # one expert gave no contact consent
    for email in emails:
        assert email.isascii(), email
        validate(email)


def test_the_demo_has_a_comment_with_a_complete_chain_and_one_explained(loaded, settings):
    from ykien.consultations import demo_fate, selectors

    complete = Comment.objects.get(reasons=demo_fate.COMPLETE_REASONS)
    fate = selectors.comment_fate(complete)
    assert fate.stage == "answered"
    assert [(p.title, p.answer.answer) for p in fate.points] == [
        ("Về đối tượng áp dụng", "accepted")
    ]
    assert fate.points[0].answer.text == demo.ANSWERS["accepted"]
    assert (fate.clause.status, fate.clause.old_label, fate.clause.new_version) == (
        "modified",
        "Điều 2, khoản 1",
        2,
    )
    assert [s["text"] for s in fate.clause.rows[0]["text_diff"] if s["op"] == "insert"] == [
        demo_fate.ADDED
    ]
    explained = selectors.comment_fate(Comment.objects.get(reasons=demo_fate.EXPLAINED_REASONS))
    assert [(p.title, p.answer.answer) for p in explained.points] == [
        ("Về mức hỗ trợ", "explained")
    ]
    assert explained.clause.status == "unchanged"
    out = StringIO()
    demo_fate.urls(out)
    base = settings.SITE_URL.rstrip("/")
    assert out.getvalue().splitlines() == [
        f"Kết quả của một góp ý (trọn chuỗi): {base}/du-thao/{complete.draft_id}/gop-y/{complete.pk}/",
        f"Ý kiến của Nhân dân và kết quả tiếp thu: {base}/du-thao/{complete.draft_id}/ban-da-noi/",
    ]


def test_the_open_vinh_long_draft_shows_summaries_per_clause(loaded, client):
    """The demo's analyses (``load_analyses``) summarise the open Vĩnh Long draft clause by
    clause; its "you said — we did" page shows each under its clause."""
    from django.urls import reverse

    from ykien.consultations.models import AnalysisRun

    draft = Draft.objects.get(title=demo.VL_TITLE)
    result = AnalysisRun.objects.get(draft=draft, kind="topics", status="done").result
    clauses = result["clauses"]
    assert (len(clauses), result["clauses_skipped"], result["clause_minimum"]) == (46, 15, 3)
    assert {c["version"] for c in clauses} == {1, 2}
    assert all(c["size"] >= 3 and c["by_stance"] for c in clauses)
    assert max(c["size"] for c in clauses) == 32  # Điều 4 of version 2
    page = client.get(reverse("consultations:you_said", args=[draft.pk])).content.decode()
    assert page.count('data-testid="clause-summary"') == 46
    assert "15 điều, khoản có dưới 3 góp ý nên không được tóm tắt." in page
