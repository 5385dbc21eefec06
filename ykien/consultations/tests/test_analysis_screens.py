"""The officer's analysis screen of a draft: permission, a run computed through the task, topic →
point, the selectors for routing and the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.consultations import selectors_analysis
from ykien.consultations import services as cs
from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    CritiquePoint,
    DraftStatus,
    Node,
    NodeKind,
    RunStatus,
)
from ykien.consultations.services.analysis_results import compute_opinion_groups
from ykien.consultations.tests.conftest import make_draft
from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

THEMES = {
    "hoc phi": [
        "Mức hỗ trợ học phí cho thành viên hợp tác xã nên nâng lên toàn bộ chi phí đào tạo nghề.",
        "Đề nghị hỗ trợ học phí đào tạo nghề cho thành viên hợp tác xã ở vùng sâu vùng xa.",
        "Học phí đào tạo nghề cho thành viên hợp tác xã cần được ngân sách tỉnh hỗ trợ đầy đủ.",
        "Hỗ trợ học phí đào tạo nghề phải đến tận tay thành viên hợp tác xã, tránh thủ tục rườm rà.",
        "Chính sách học phí đào tạo nghề cho thành viên hợp tác xã cần rõ đối tượng được hưởng.",
    ],
    "tien luong": [
        "Tiền lương cán bộ quản lý hợp tác xã được hỗ trợ quá thấp so với mặt bằng chung.",
        "Đề nghị tăng mức hỗ trợ tiền lương cho giám đốc hợp tác xã có trình độ đại học.",
        "Thời gian hỗ trợ tiền lương cho cán bộ trẻ về làm việc tại hợp tác xã nên kéo dài năm năm.",
        "Mức hỗ trợ tiền lương cho cán bộ hợp tác xã cần điều chỉnh theo lương cơ sở hằng năm.",
        "Hỗ trợ tiền lương giúp hợp tác xã giữ chân cán bộ quản lý giỏi, nên tăng kinh phí.",
    ],
}
COPY = "Đề nghị bỏ quy định hợp tác xã phải có trên năm mươi thành viên mới được hỗ trợ kinh phí."
STATEMENTS = [
    "Mức hỗ trợ học phí là phù hợp.",
    "Nên tăng hỗ trợ tiền lương.",
    "Thủ tục nhận hỗ trợ nên làm trực tuyến.",
    "Ưu tiên hợp tác xã vùng đồng bào dân tộc thiểu số.",
    "Kéo dài chính sách đến năm 2035.",
    "Ngân sách tỉnh đủ sức chi trả.",
    "Cần công khai danh sách được hỗ trợ.",
    "Hỗ trợ nên tập trung cho hợp tác xã lớn.",
]


@pytest.fixture
def officer(tree) -> User:
    user = UserFactory(username="officer", kind=User.Kind.OFFICER)
    grant(user, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def other(tree) -> User:
    user = UserFactory(username="other", kind=User.Kind.OFFICER)
    grant(user, tree.prov_b, Role.OFFICER)
    return user


@pytest.fixture
def draft(tree, officer):
    """An open draft with comments on two themes, three copies of one comment, and votes of
    two camps on eight statements; then consolidated."""
    draft = make_draft(tree, officer)
    node = Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position").first()
    n = 0
    for texts in THEMES.values():
        for text in texts:
            n += 1
            cs.comment_post(
                draft_id=draft.pk,
                node_id=node.pk,
                participant=cs.Participant.anonymous(f"c{n}"),
                stance="agree",
                reasons=text,
            )
    for i in range(3):
        cs.comment_post(
            draft_id=draft.pk,
            node_id=None,
            participant=cs.Participant.anonymous(f"copy{i}"),
            stance="disagree",
            reasons=COPY,
        )
    statements = [
        cs.statement_propose(draft=draft, participant=cs.Participant.of_user(officer), text=t)
        for t in STATEMENTS
    ]
    for v in range(20):
        camp = 1 if v < 10 else -1
        voter = cs.Participant.anonymous(f"voter{v}")
        for j, s in enumerate(statements):
            value = camp if j % 2 == 0 else (1 if j == 1 else -camp)
            cs.vote_cast(statement_id=s.pk, participant=voter, value=value)
    cs.draft_transition(actor=officer, draft=draft, to=DraftStatus.CLOSED, reason="Đủ ý kiến.")
    return cs.draft_transition(actor=officer, draft=draft, to=DraftStatus.CONSOLIDATING)


def _url(draft) -> str:
    return reverse("consultations:analysis", args=[draft.pk])


def test_officer_of_the_unit_sees_the_screen_others_are_refused(client, draft, officer, other):
    client.force_login(officer)
    response = client.get(_url(draft))
    assert response.status_code == 200
    assert "Góp ý trùng lặp" in response.content.decode()
    client.force_login(other)
    assert client.get(_url(draft)).status_code == 403
    assert client.get(reverse("consultations:analysis_status", args=[draft.pk])).status_code == 403
    assert client.post(_url(draft), {"kind": "duplicates"}).status_code == 403
    assert AnalysisRun.objects.count() == 0
    client.logout()
    assert client.get(_url(draft)).status_code == 302


def test_requesting_the_runs_computes_the_three_analyses(
    client, draft, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(draft), {"kind": "all"})
    assert response.status_code == 302
    runs = {r.kind: r for r in AnalysisRun.objects.filter(draft=draft)}
    assert sorted(runs) == sorted(AnalysisKind.values)
    assert {r.status for r in runs.values()} == {RunStatus.DONE}
    assert {r.progress for r in runs.values()} == {100}

    dup = runs[AnalysisKind.DUPLICATES].result
    assert dup["comments"] == 13
    assert [g["size"] for g in dup["groups"]] == [3]
    assert {m["text"] for m in dup["groups"][0]["members"]} == {COPY}

    top = runs[AnalysisKind.TOPICS].result
    assert len(top["topics"]) >= 2
    assert all(t["key_phrases"] and t["representatives"] for t in top["topics"])
    assert any(t["summary"] == COPY for t in top["topics"])
    # per clause, in document order: the comments on the whole draft, then the article
    node = Node.objects.filter(draft=draft, kind=NodeKind.ARTICLE).order_by("position").first()
    assert [(c["node"], c["comments"], c["size"]) for c in top["clauses"]] == [
        (None, 3, 3),
        (node.pk, 10, 10),
    ]
    assert top["clauses_skipped"] == 0
    general, article = top["clauses"]
    assert [(p["stance"], [x["text"] for x in p["sentences"]]) for p in general["by_stance"]] == [
        ("disagree", [COPY])
    ]
    assert len(general["by_stance"][0]["sentences"][0]["sources"]) == 3  # the three copies
    assert [p["stance"] for p in article["by_stance"]] == ["agree"]
    themes = [t for texts in THEMES.values() for t in texts]
    assert all(x["text"] in themes for x in article["by_stance"][0]["sentences"])
    assert 1 <= len(article["by_stance"][0]["sentences"]) <= 3

    ops = runs[AnalysisKind.OPINION_GROUPS].result
    assert ops["participants"] == 20
    assert ops["votes"] == 160
    assert len(ops["groups"]) == 2
    assert sorted(g["size"] for g in ops["groups"]) == [10, 10]
    assert len(ops["points"]) == 20
    assert {c["text"] for c in ops["consensus"]["agree"]} == {STATEMENTS[1]}

    status = client.get(reverse("consultations:analysis_status", args=[draft.pk])).json()
    assert status["runs"]["topics"] == {"status": "done", "progress": 100, "active": False}
    page = client.get(_url(draft)).content.decode()
    assert "<svg" in page
    assert "Tạo điểm phản biện" in page
    assert "1 nhóm góp ý trùng hoặc gần trùng trong 13 góp ý." in page
    assert "Nhóm 1: 3 góp ý" in page
    assert f"{top['used']} trong 13 góp ý được xếp vào các cụm." in page
    assert "20 người tham gia, 160 phiếu biểu quyết, 2 nhóm ý kiến." in page
    by_clause = page.split('data-testid="clause-summaries"')[1].split("</section>")[0]
    blocks = by_clause.split('data-testid="clause-summary"')[1:]
    assert len(blocks) == 2
    assert "Góp ý chung</a> — 3 góp ý" in blocks[0]
    assert f"{node.label}</a> — 10 góp ý" in blocks[1]
    assert f"<q>{COPY}</q>" in blocks[0].split("Ý kiến không đồng ý")[1]
    assert "dưới 3 góp ý" not in by_clause  # none skipped
    assert STATEMENTS[1] in page
    assert "progress.js" not in page  # nothing left to poll
    # Every comment link (duplicates, representatives, topics' and clauses' summaries) goes to
    # the comment's own page, never to an anchor on its clause's paged list.
    copies = sorted(m["id"] for m in dup["groups"][0]["members"])
    for pk in copies:
        assert f'<a href="/du-thao/{draft.pk}/gop-y/{pk}/">#{pk}</a> — {COPY}' in page
    rep = top["topics"][0]["representatives"][0]["id"]
    assert f'<a href="/du-thao/{draft.pk}/gop-y/{rep}/">#{rep}</a> — ' in page
    first_source = general["by_stance"][0]["sentences"][0]["sources"][0]
    assert f'<a href="/du-thao/{draft.pk}/gop-y/{first_source}/">#{first_source}</a>' in (blocks[0])
    assert "#gop-y-" not in page
    assert "/dieu-khoan/" not in page.split('id="duplicates-h"')[1].split("</section>")[0]


def test_a_second_request_while_queued_reuses_the_run(client, draft, officer):
    client.force_login(officer)
    client.post(_url(draft), {"kind": "duplicates"})  # on_commit not run: stays queued
    client.post(_url(draft), {"kind": "duplicates"})
    run = AnalysisRun.objects.get(draft=draft)
    assert run.status == RunStatus.QUEUED
    page = client.get(_url(draft)).content.decode()
    assert "consultations/analysis/progress.js" in page
    assert reverse("consultations:analysis_status", args=[draft.pk]) in page


def test_create_point_from_a_topic(client, draft, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "topics"})
    run = AnalysisRun.objects.get(draft=draft, kind="topics")
    topic = next(t for t in run.result["topics"] if t["summary"])
    response = client.post(
        reverse("consultations:analysis_topic_point", args=[draft.pk, run.pk, topic["topic"]])
    )
    point = CritiquePoint.objects.get(draft=draft)
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:point_edit", args=[draft.pk, point.pk])
    # the summary by stance, each part labelled, in the commenters' own words
    assert point.text == "\n\n".join(
        {"agree": "Ý kiến đồng ý", "disagree": "Ý kiến không đồng ý"}[part["stance"]]
        + ": "
        + " ".join(x["text"] for x in part["sentences"])
        for part in topic["by_stance"]
    )
    assert point.title.startswith(f"Chủ đề {topic['topic']}: ")
    assert sorted(point.comments.values_list("pk", flat=True)) == sorted(topic["ids"])


def test_a_comment_longer_than_the_analysis_piece_is_analysed_whole_and_said(
    client, draft, officer, django_capture_on_commit_callbacks
):
    from ykien.consultations.models import Comment

    # Wording and reasons each under the intake limit, together past the analysis' piece.
    sentence = "Mức hỗ trợ học phí đào tạo nghề cho thành viên hợp tác xã nên nâng lên. "
    long = Comment.objects.filter(draft=draft).order_by("pk").first()
    long.pk = None
    long.participant = "long"
    long.proposed_wording = (sentence * 170).strip()
    long.reasons = (sentence * 170).strip()
    long.save()
    length = len(long.proposed_wording) + 2 + len(long.reasons)
    assert 20_000 < length <= 2 * 20_000
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "topics"})
    result = AnalysisRun.objects.get(draft=draft, kind="topics").result
    assert result["pieced"] == {"count": 1, "longest": length, "piece": 20_000}
    assert any(long.pk in t["ids"] for t in result["topics"])
    page = client.get(_url(draft)).content.decode()
    assert (
        f"1 góp ý dài hơn 20000 ký tự (dài nhất {length} ký tự) được phân tích toàn bộ, "
        "theo từng đoạn; không góp ý nào bị cắt bớt." in page
    )


def test_a_screen_without_long_comments_says_nothing_of_pieces(
    client, draft, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "topics"})
    assert AnalysisRun.objects.get(draft=draft, kind="topics").result["pieced"]["count"] == 0
    assert "theo từng đoạn" not in client.get(_url(draft)).content.decode()


def test_create_point_is_refused_to_another_unit(
    client, draft, officer, other, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "topics"})
    run = AnalysisRun.objects.get(draft=draft, kind="topics")
    client.force_login(other)
    response = client.post(
        reverse("consultations:analysis_topic_point", args=[draft.pk, run.pk, 1])
    )
    assert response.status_code == 403
    assert CritiquePoint.objects.count() == 0


def test_the_screen_says_why_a_campaign_is_one_and_shows_common_ground_and_stances(
    client, draft, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "all"})
    dup = AnalysisRun.objects.get(draft=draft, kind="duplicates").result
    group = dup["groups"][0]
    assert group["campaign"] == ["burst"]  # three copies within the same hour
    assert group["evidence"]["identities"]["anonymous"] == 3
    assert [s["text"] for s in group["evidence"]["template"]["sentences"]] == [COPY]
    ops = AnalysisRun.objects.get(draft=draft, kind="opinion_groups").result
    assert [c["text"] for c in ops["common_ground"]] == [STATEMENTS[1]]
    assert {d["text"] for d in ops["differences"]} == set(STATEMENTS) - {STATEMENTS[1]}
    assert ops["bridging"][0]["text"] == STATEMENTS[1]
    assert "state" in ops
    assert ops["warm_start"] is False
    top = AnalysisRun.objects.get(draft=draft, kind="topics").result
    assert {p["stance"] for t in top["topics"] for p in t["by_stance"]} == {"agree", "disagree"}

    page = client.get(_url(draft)).content.decode()
    assert "Vì sao coi là vận động hàng loạt" in page
    assert "3 trong 3 bản được gửi trong vòng 6 giờ" in page
    assert "0 tài khoản, 3 phiên ẩn danh (chỉ lưu mã băm)" in page
    assert "Mẫu thư chung" in page
    assert "Điểm chung giữa các nhóm" in page
    assert "Khác biệt giữa các nhóm" in page
    assert "Ý kiến đồng ý" in page
    assert "từ góp ý" in page

    # a second run continues from the first: the same group numbers
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "opinion_groups"})
    again = AnalysisRun.objects.filter(draft=draft, kind="opinion_groups").order_by("-id").first()
    assert again.result["warm_start"] is True
    first_of = {tuple(p[:2]): p[2] for p in ops["points"]}
    assert all(first_of[tuple(p[:2])] == p[2] for p in again.result["points"])
    assert "mỗi nhóm giữ số và màu của mình" in client.get(_url(draft)).content.decode()


def test_selectors_for_routing_and_the_public_page(
    client, draft, officer, django_capture_on_commit_callbacks
):
    import numpy as np

    latest = selectors_analysis.latest_done  # the public summary is read from the latest run
    assert latest(draft_id=draft.pk, kind=AnalysisKind.OPINION_GROUPS) is None
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(draft), {"kind": "opinion_groups"})
    public = selectors_analysis.common_ground_in(
        latest(draft_id=draft.pk, kind=AnalysisKind.OPINION_GROUPS)
    )
    assert [s["text"] for s in public["common_ground"]] == [STATEMENTS[1]]
    assert len(public["differences"]) == 7
    assert "state" not in public
    assert "points" not in public
    # the public draft page shows it, and no participant
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Các nhóm ý kiến: điểm chung và khác biệt" in page
    assert STATEMENTS[1] in page.split('id="nhom-y-kien"')[1]
    assert "voter0" not in page
    # someone who voted on everything has nothing left; a newcomer gets a statement
    voter = cs.Participant.anonymous("voter0").key
    assert selectors_analysis.next_statement(draft_id=draft.pk, participant=voter) is None
    rng = np.random.default_rng(0)
    picks = {
        selectors_analysis.next_statement(draft_id=draft.pk, participant="a:newcomer", rng=rng)
        for _ in range(30)
    }
    assert picks <= {s.pk for s in draft.statements.all()}
    assert len(picks) > 1


def test_all_passes_give_a_clear_message_not_a_crash(tree, officer):
    draft = make_draft(tree, officer)
    statements = [
        cs.statement_propose(draft=draft, participant=cs.Participant.of_user(officer), text=t)
        for t in STATEMENTS[:3]
    ]
    for v in range(6):
        voter = cs.Participant.anonymous(f"pass{v}")
        for s in statements:
            cs.vote_cast(statement_id=s.pk, participant=voter, value=0)
    result = compute_opinion_groups(draft.pk, lambda _: None)
    assert result["groups"] == []
    assert result["notes"] == ["no_groups"]
    assert result["common_ground"] == []
    assert result["differences"] == []
