"""Per-clause summaries of a topics run: each clause summarised from its own comments, stances
kept apart, every sentence quoted as written with its comments; clauses below the minimum
counted; shown on the officer's screen, under each clause of "you said — we did" and in the
API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.consultations import selectors_analysis
from ykien.consultations import services as cs
from ykien.consultations.models import AnalysisKind, Comment, Node, NodeKind
from ykien.consultations.services.analysis_results import compute_topics
from ykien.consultations.tests.conftest import make_draft
from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

AGREE = [
    "Tôi đồng ý quy định hòa giải tranh chấp đất đai tại Ủy ban nhân dân xã.",
    "Đồng ý, hòa giải tranh chấp đất đai ở cơ sở giúp giữ tình làng nghĩa xóm.",
    "Tôi ủng hộ việc bắt buộc hòa giải tranh chấp đất đai trước khi khởi kiện.",
]
DISAGREE = [
    "Tôi không đồng ý vì hòa giải tranh chấp đất đai ở xã kéo dài quá lâu.",
    "Không nên bắt buộc hòa giải, người dân mất thêm thời gian đi lại nhiều lần.",
    "Tôi phản đối vì tổ hòa giải ở thôn thiếu hiểu biết pháp luật đất đai.",
]
REWORD = [
    "Sửa thành: Thời hạn hòa giải tranh chấp đất đai không quá 30 ngày.",
    "Đề nghị viết lại: Hòa giải viên phải được tập huấn pháp luật đất đai hằng năm.",
]
FEW = ["Điều này cần quy định rõ thời hạn cấp giấy chứng nhận.", "Tôi đồng ý với điều này."]


@pytest.fixture
def officer(tree) -> User:
    user = UserFactory(username="officer", kind=User.Kind.OFFICER)
    grant(user, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def draft(tree, officer):
    """The first article: three comments that agree, three that disagree, two other wordings;
    the second article: two comments (below the minimum)."""
    draft = make_draft(tree, officer)
    first, second = Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position")[:2]
    n = 0
    for node, stance, texts in (
        (first, "agree", AGREE),
        (first, "disagree", DISAGREE),
        (first, "reword", REWORD),
        (second, "agree", FEW),
    ):
        for text in texts:
            n += 1
            fields = {"proposed_wording": text} if stance == "reword" else {"reasons": text}
            cs.comment_post(
                draft_id=draft.pk,
                node_id=node.pk,
                participant=cs.Participant.anonymous(f"c{n}"),
                stance=stance,
                **fields,
            )
    return draft


def _ids(texts: list[str]) -> list[int]:
    by_text = {
        (c.reasons or c.proposed_wording): c.pk for c in Comment.objects.order_by("created_at")
    }
    return [by_text[t] for t in texts]


def test_each_clause_is_summarised_apart_and_a_small_one_is_counted(draft):
    result = compute_topics(draft.pk, lambda _: None)
    first = Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position").first()
    assert result["clause_minimum"] == 3
    assert result["clauses_skipped"] == 1  # the second article: two comments
    assert len(result["clauses"]) == 1
    clause = result["clauses"][0]
    agree, disagree, reword = _ids(AGREE), _ids(DISAGREE), _ids(REWORD)
    assert clause == {
        "version": 1,
        "node": first.pk,
        "label": first.label,
        "comments": 8,
        "size": 8,
        "key_phrases": ["tranh chấp đất đai", "hòa giải", "pháp luật"],
        "by_stance": [
            {
                "stance": "agree",
                "sentences": [
                    {"text": t, "sources": [pk]} for t, pk in zip(AGREE, agree, strict=True)
                ],
            },
            {
                "stance": "disagree",
                "sentences": [
                    {"text": t, "sources": [pk]} for t, pk in zip(DISAGREE, disagree, strict=True)
                ],
            },
            {
                "stance": "reword",
                "sentences": [
                    {"text": t, "sources": [pk]} for t, pk in zip(REWORD, reword, strict=True)
                ],
            },
        ],
    }
    quoted = {
        part["stance"]: [x["text"] for x in part["sentences"]] for part in clause["by_stance"]
    }
    assert not set(quoted["disagree"]) & set(AGREE)  # an agreeing sentence is never "disagree"
    # byte for byte as the citizen typed it ("Hòa", never respelled "Hoà")
    assert quoted["reword"][1].encode() == REWORD[1].encode()
    assert "Hoà" not in str(result["clauses"])


def test_an_empty_draft_has_no_clause_and_no_crash(tree, officer):
    draft = make_draft(tree, officer)
    result = compute_topics(draft.pk, lambda _: None)
    assert result["clauses"] == []
    assert result["clauses_skipped"] == 0
    assert result["clause_minimum"] == 3


def test_comment_clauses_are_in_document_order(draft):
    nodes = list(Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position")[:2])
    cs.comment_post(
        draft_id=draft.pk,
        node_id=None,
        participant=cs.Participant.anonymous("general"),
        stance="agree",
        reasons="Dự thảo cần thiết.",
    )
    rows = selectors_analysis.comment_clauses(draft_id=draft.pk)
    assert [(v, node) for _, v, node, _ in rows] == [(1, None)] + [(1, nodes[0].pk)] * 8 + [
        (1, nodes[1].pk)
    ] * 2
    assert [label for *_, label in rows][:2] == ["", nodes[0].label]


def _run_topics(client, draft, officer, capture) -> None:
    client.force_login(officer)
    with capture(execute=True):
        client.post(reverse("consultations:analysis", args=[draft.pk]), {"kind": "topics"})


def test_the_screen_the_public_page_and_the_api_show_each_clause(
    client, draft, officer, django_capture_on_commit_callbacks, settings
):
    _run_topics(client, draft, officer, django_capture_on_commit_callbacks)
    first = Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position").first()
    disagree = _ids(DISAGREE)

    page = client.get(reverse("consultations:analysis", args=[draft.pk])).content.decode()
    block = page.split('data-testid="clause-summaries"')[1].split("</section>")[0]
    assert "Tóm tắt theo điều, khoản" in block
    assert "1 điều, khoản có dưới 3 góp ý nên không được tóm tắt." in block
    clauses = block.split('data-testid="clause-summary"')[1:]
    assert len(clauses) == 1
    assert (
        f'{reverse("consultations:node", args=[draft.pk, first.pk])}">{first.label}</a>'
        in (clauses[0])
    )
    assert "8 góp ý" in clauses[0]
    against = clauses[0].split("Ý kiến không đồng ý")[1].split("Đề xuất cách viết khác")[0]
    assert [t for t in DISAGREE if f"<q>{t}</q>" in against] == DISAGREE
    assert not [t for t in AGREE if t in against]
    # Each source links to the comment's own page, not to an anchor on the clause's page
    # (which shows only the newest comments).
    link = f"/du-thao/{draft.pk}/gop-y/{disagree[0]}/"
    assert f'<a href="{link}">#{disagree[0]}</a>' in against
    assert "#gop-y-" not in page
    assert f"<q>{REWORD[1]}</q>" in clauses[0]
    client.logout()

    public = client.get(reverse("consultations:you_said", args=[draft.pk])).content.decode()
    assert "1 điều, khoản có dưới 3 góp ý nên không được tóm tắt." in public
    rows = public.split('data-testid="clause-row"')[1:]
    assert len(rows) == 2
    assert 'data-testid="clause-summary"' not in rows[1]  # below the minimum
    # Folded under its title (a draft of 120 articles stays readable on a phone).
    assert (
        '<details class="clause-summary" data-testid="clause-summary"><summary><h4>Góp ý tóm '
        "tắt theo quan điểm</h4></summary>" in rows[0]
    )
    mine = rows[0].split('data-testid="clause-summary"')[1]
    against = mine.split("Ý kiến không đồng ý")[1].split("Đề xuất cách viết khác")[0]
    assert [t for t in DISAGREE if f"<q>{t}</q>" in against] == DISAGREE
    assert not [t for t in AGREE if t in against]
    fate = reverse("consultations:comment_fate", args=[draft.pk, disagree[0]])
    assert f'<a href="{fate}">#{disagree[0]}</a>' in against
    assert f"<q>{REWORD[1]}</q>" in mine

    data = client.get(f"/api/v1/consultations/drafts/{draft.pk}/common-ground").json()
    summaries = data["summaries"]
    assert summaries["clauses_skipped"] == 1
    assert summaries["clause_minimum"] == 3
    [clause] = summaries["clauses"]
    assert (clause["version"], clause["node_id"], clause["label"], clause["size"]) == (
        1,
        first.pk,
        first.label,
        8,
    )
    assert [p["stance"] for p in clause["by_stance"]] == ["agree", "disagree", "reword"]
    assert [x["text"] for x in clause["by_stance"][1]["sentences"]] == DISAGREE
    assert [x["comment_ids"] for x in clause["by_stance"][1]["sentences"]] == [
        [pk] for pk in disagree
    ]

    # in English: the stance labels translated, no code shown
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("consultations:you_said", args=[draft.pk])).content.decode()
    row = english.split('data-testid="clause-row"')[1]
    block = row.split('data-testid="clause-summary"')[1]
    assert "<h4>Comments summarised by stance</h4>" in block
    for label in ("Those who agree", "Those who disagree", "Propose alternative wording"):
        assert f'">{label}</span></h5>' in block
    for code in (">agree<", ">disagree<", ">reword<"):
        assert code not in block


def test_a_hidden_comment_is_no_longer_quoted_under_its_clause(
    client, draft, officer, django_capture_on_commit_callbacks
):
    _run_topics(client, draft, officer, django_capture_on_commit_callbacks)
    Comment.objects.filter(reasons__in=DISAGREE).update(status="hidden")
    found = selectors_analysis.common_ground_of(draft_id=draft.pk)
    [clause] = found["summaries"]["clauses"]
    assert [p["stance"] for p in clause["by_stance"]] == ["agree", "reword"]


def test_a_run_from_before_per_clause_summaries_still_shows(
    client, draft, officer, django_capture_on_commit_callbacks
):
    _run_topics(client, draft, officer, django_capture_on_commit_callbacks)
    run = selectors_analysis.latest_done(draft_id=draft.pk, kind=AnalysisKind.TOPICS)
    for key in ("clauses", "clauses_skipped", "clause_minimum"):
        run.result.pop(key)
    run.save(update_fields=["result"])
    page = client.get(reverse("consultations:analysis", args=[draft.pk])).content.decode()
    assert 'data-testid="clause-summaries"' not in page
    assert client.get(reverse("consultations:you_said", args=[draft.pk])).status_code == 200
    data = client.get(f"/api/v1/consultations/drafts/{draft.pk}/common-ground").json()
    assert data["summaries"]["clauses"] == []
    assert data["summaries"]["clauses_skipped"] == 0


def test_the_openapi_document_describes_the_per_clause_summaries(client):
    spec = client.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    summaries = schemas["SummariesOut"]
    assert summaries["properties"]["clauses"] == {
        "items": {"$ref": "#/components/schemas/ClauseSummaryOut"},
        "title": "Clauses",
        "type": "array",
    }
    assert {"clauses", "clauses_skipped", "clause_minimum"} <= set(summaries["required"])
    clause = schemas["ClauseSummaryOut"]
    assert set(clause["properties"]) == {
        "version",
        "node_id",
        "label",
        "size",
        "key_phrases",
        "by_stance",
    }
    assert clause["properties"]["by_stance"]["items"] == {
        "$ref": "#/components/schemas/StanceSummaryOut"
    }
