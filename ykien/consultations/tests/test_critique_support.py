"""What each critique point rests on (clauses, comments by stance and by kind of author) on the
officers' page, the public page and in the critique document; numbers written the Vietnamese
way in the document; the document's date and answer basis in English mode; plural forms."""

from __future__ import annotations

import datetime as dt
import unicodedata
from io import BytesIO

import docx
import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ykien.consultations import selectors, services
from ykien.consultations.documents import document_docx, document_pdf, document_spec
from ykien.consultations.models import AuthorKind, Comment, Node
from ykien.consultations.tests.conftest import DOC, TEXT, consolidating
from ykien.core.calendar import describe_rule
from ykien.core.documents import Paragraph
from ykien.core.models import DeadlineRule

pytestmark = pytest.mark.django_db

INTRO_5 = (
    "Trong thời gian lấy ý kiến, Nhân dân đã gửi 5 góp ý trên nền tảng Ý Kiến; các ý kiến được "
    "tổng hợp theo từng vấn đề dưới đây."
)
SUPPORT_1 = (
    "Liên quan: Điều 3, khoản 1 (bản 1); Điều 3, khoản 1 (bản 2). 4 góp ý dẫn chứng — theo "
    "quan điểm: 1 đồng ý, 2 không đồng ý, 1 đề xuất cách viết khác; theo người góp ý: 2 người "
    "dân (ẩn danh), 1 công dân có tài khoản, 1 cán bộ."
)
SUPPORT_2 = "Liên quan: Điều 2, khoản 1. 1 góp ý dẫn chứng — theo quan điểm: 1 không đồng ý; " + (
    "theo người góp ý: 1 cán bộ. Từ kết luận hội nghị phản biện."
)


def _post(draft, node, participant, stance, **texts):
    return services.comment_post(
        draft_id=draft.pk, node_id=node.pk, participant=participant, stance=stance, **texts
    )


@pytest.fixture
def consolidated(draft, people):
    """Four comments on "Điều 3, khoản 1" of version 1 (two anonymous, a citizen, an officer),
    a version 2 and an officer's comment on it, then two points: one on that clause in both versions, one on "Điều 2, khoản 1"
    whose second node carries the same label in the same version."""
    v1 = draft.current_version
    clause_v1 = Node.objects.get(version=v1, label="Điều 3, khoản 1")
    officer = services.Participant.of_user(people.officer)
    comments = [
        _post(draft, clause_v1, services.Participant.anonymous("s1"), "disagree", reasons="Thấp."),
        _post(draft, clause_v1, services.Participant.anonymous("s2"), "disagree", reasons="Ít."),
        _post(draft, clause_v1, services.Participant.of_user(people.citizen), "agree"),
        _post(draft, clause_v1, officer, "reword", proposed_wording="Hỗ trợ 100% học phí."),
    ]
    v2 = services.version_upload(
        actor=people.officer,
        draft=draft,
        filename="v2.txt",
        data=TEXT.replace("2. Hỗ trợ tiền lương.", "2. Hỗ trợ tiền lương bằng 1,2 lần.").encode(),
    )
    services.version_publish(actor=people.officer, version=v2)
    clause_v2 = Node.objects.get(version=v2, label="Điều 3, khoản 1")
    other_v2 = Node.objects.get(version=v2, label="Điều 2, khoản 1")
    twin_v2 = Node.objects.get(version=v2, label="Điều 2, khoản 2")
    Node.objects.filter(pk=twin_v2.pk).update(label="Điều 2, khoản 1")
    on_v2 = _post(draft, other_v2, officer, "disagree", reasons="Thiếu hộ kinh doanh.")
    consolidating(draft, people)
    services.point_save(
        actor=people.officer,
        draft=draft,
        title="Về mức hỗ trợ học phí",
        text="Đề nghị giữ mức 100%.",
        node_ids=[clause_v2.pk, clause_v1.pk],
        comment_ids=[c.pk for c in comments],
    )
    services.point_save(
        actor=people.officer,
        draft=draft,
        title="Về đối tượng",
        text="Bổ sung hộ kinh doanh.",
        node_ids=[other_v2.pk, twin_v2.pk],
        comment_ids=[on_v2.pk],
        from_conference=True,
    )
    draft.refresh_from_db()
    return draft


def _issued(draft, people):
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    services.document_submit(actor=people.officer, document=document)
    return services.document_issue(actor=people.leader, document=document)


def _paragraphs(spec) -> list[str]:
    return [block.text for block in spec.body if isinstance(block, Paragraph)]


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# ------------------------------------------------------------------------------ selectors


def test_points_support_counts_by_stance_and_kind_with_version_marked_labels(consolidated):
    first, second = consolidated.points.order_by("position")
    support = selectors.points_support(points=[first, second])
    one, two = support[first.pk], support[second.pk]
    assert one.nodes == ["Điều 3, khoản 1 (bản 1)", "Điều 3, khoản 1 (bản 2)"]
    assert (one.total, one.opinions, one.from_conference) == (4, 0, False)
    assert one.by_stance == [
        ("agree", "Đồng ý", 1),
        ("disagree", "Không đồng ý", 2),
        ("reword", "Đề xuất cách viết khác", 1),
    ]
    assert one.by_kind == [
        ("anonymous", "Người dân (ẩn danh)", 2),
        ("citizen", "Công dân có tài khoản", 1),
        ("officer", "Cán bộ", 1),
    ]
    # Two nodes of one version with the same label: listed once, without a version marker.
    assert two.nodes == ["Điều 2, khoản 1"]
    assert (two.total, two.by_kind, two.from_conference) == (
        1,
        [("officer", "Cán bộ", 1)],
        True,
    )
    assert selectors.points_support(points=[first])[first.pk] == one


def test_points_support_of_a_bare_point_is_empty(draft, people):
    consolidating(draft, people)
    point = services.point_save(actor=people.officer, draft=draft, title="A", text="B")
    support = selectors.points_support(points=[point])[point.pk]
    assert not support
    assert (support.nodes, support.by_stance, support.by_kind) == ([], [], [])


# ------------------------------------------------------------------------------- document


def test_document_body_states_counts_by_stance_and_kind(consolidated, people):
    document = _issued(consolidated, people)
    paragraphs = _paragraphs(document_spec(document))
    assert paragraphs[1] == INTRO_5
    assert SUPPORT_1 in paragraphs
    assert SUPPORT_2 in paragraphs
    word = docx.Document(BytesIO(document_docx(document)))
    texts = [p.text for p in word.paragraphs]
    assert INTRO_5 in texts
    assert SUPPORT_1 in texts
    reader = pypdf.PdfReader(BytesIO(document_pdf(document)))
    pdf = _squash(" ".join(page.extract_text() for page in reader.pages))
    assert "Trong thời gian lấy ý kiến, Nhân dân đã gửi 5 góp ý trên nền tảng Ý Kiến;" in pdf
    assert "Liên quan: Điều 3, khoản 1 (bản 1); Điều 3, khoản 1 (bản 2)." in pdf


def test_document_is_vietnamese_when_asked_from_an_english_page(consolidated, people):
    with translation.override("en"):
        document = _issued(consolidated, people)
        paragraphs = _paragraphs(document_spec(document))
    assert SUPPORT_1 in paragraphs
    # The answer basis is recorded in Vietnamese whatever the leader's language.
    assert document.answer_basis == (
        "30 ngày kể từ 26/11/2026 — Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; "
        "đơn vị ban hành ấn định (mặc định của nền tảng: 30 ngày)"
    )


def test_thousands_are_grouped_with_a_dot_and_the_sentence_keeps_its_comma(consolidated, people):
    version = consolidated.current_version
    node = Node.objects.filter(version=version, label="Điều 1").get()
    Comment.objects.bulk_create(
        Comment(
            draft=consolidated,
            version=version,
            node=node,
            stance="agree",
            author_kind=AuthorKind.ANONYMOUS,
            participant=f"a:{i}",
        )
        for i in range(1063)
    )
    document = _issued(consolidated, people)
    paragraphs = _paragraphs(document_spec(document))
    assert paragraphs[1] == (
        "Trong thời gian lấy ý kiến, Nhân dân đã gửi 1.068 góp ý trên nền tảng Ý Kiến; các ý "
        "kiến được tổng hợp theo từng vấn đề dưới đây."
    )


# ---------------------------------------------------------------------------------- pages

SUPPORT_HTML_VI = (
    '<ul class="muted point-support">\n'
    "  <li>Liên quan: Điều 3, khoản 1 (bản 1); Điều 3, khoản 1 (bản 2)</li>\n"
    "  <li>4 góp ý dẫn chứng</li>\n"
    "  <li>Theo quan điểm: Đồng ý 1 · Không đồng ý 2 · Đề xuất cách viết khác 1</li>\n"
    "  <li>Theo người góp ý: Người dân (ẩn danh) 2 · Công dân có tài khoản 1 · Cán bộ 1</li>\n"
    "</ul>"
)
SUPPORT_HTML_VI_2 = (
    '<ul class="muted point-support">\n'
    "  <li>Liên quan: Điều 2, khoản 1</li>\n"
    "  <li>1 góp ý dẫn chứng · từ kết luận hội nghị phản biện</li>\n"
    "  <li>Theo quan điểm: Không đồng ý 1</li>\n"
    "  <li>Theo người góp ý: Cán bộ 1</li>\n"
    "</ul>"
)


def test_officers_points_page_shows_both_counts(client, consolidated, people):
    client.force_login(people.officer)
    page = client.get(reverse("consultations:points", args=[consolidated.pk])).content.decode()
    assert SUPPORT_HTML_VI in page
    assert SUPPORT_HTML_VI_2 in page


def test_officers_points_page_in_english_uses_the_translated_labels(client, consolidated, people):
    client.force_login(people.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:points", args=[consolidated.pk])).content.decode()
    assert "Disagree 2" in page
    assert "Member of the public (anonymous) 2 · Citizen with an account 1 · Officer 1" in page
    assert "4 cited comments" in page
    assert "1 cited comment ·" in page
    assert "Không đồng ý 2" not in page


def test_public_page_and_respondent_page_show_both_counts_and_the_dated_document(
    client, consolidated, people
):
    _issued(consolidated, people)
    page = client.get(reverse("consultations:draft", args=[consolidated.pk])).content.decode()
    assert SUPPORT_HTML_VI in page
    assert SUPPORT_HTML_VI_2 in page
    assert "<strong>Văn bản phản biện</strong> 12/VB-MTTQ-BTT ngày 26/11/2026:" in page
    assert (
        "(30 ngày kể từ 26/11/2026 — Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; "
        "đơn vị ban hành ấn định (mặc định của nền tảng: 30 ngày))"
    ) in page
    client.force_login(people.respondent)
    page = client.get(
        reverse("consultations:respondent_draft", args=[consolidated.pk])
    ).content.decode()
    assert SUPPORT_HTML_VI in page
    assert "văn bản số 12/VB-MTTQ-BTT ngày 26/11/2026" in page


def test_english_public_page_dates_the_document_and_describes_the_basis_again(
    client, consolidated, people
):
    document = _issued(consolidated, people)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:draft", args=[consolidated.pk])).content.decode()
    # "ngày" before a document's date has its own context: never "days 26/11/2026".
    assert "12/VB-MTTQ-BTT days 26/11/2026" not in page
    with translation.override("en"):
        basis = describe_rule("answer.default", dt.date(2026, 11, 26), length=30)
        assert document.answer_basis_text == basis
    assert f"({basis})" in page
    assert "Disagree 2" in page
    # Comment counts on the text take the plural form; positions are in English.
    assert 'aria-label="Article 2, clause 1: 1 comment"' in page
    assert 'aria-label="Article 3, clause 1: 0 comments"' in page


def test_english_answer_basis_is_translated_from_the_rule_table_at_display_time(
    client, consolidated, people
):
    # A rule version whose basis has a catalogue entry ("Luật" → "Law"): the stored record stays
    # Vietnamese, the English page translates it when it shows it.
    DeadlineRule.objects.create(
        code="answer.default",
        name="Trả lời văn bản phản biện",
        length=30,
        counting="calendar",
        legal_basis="Luật",
        valid_from=dt.date(2026, 11, 1),
    )
    document = _issued(consolidated, people)
    assert document.answer_basis == "30 ngày kể từ 26/11/2026 — Luật"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:draft", args=[consolidated.pk])).content.decode()
    assert "26/11/2026 — Law)" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(reverse("consultations:draft", args=[consolidated.pk])).content.decode()
    assert "(30 ngày kể từ 26/11/2026 — Luật)" in page


def test_stats_counts_use_plural_forms(client, consolidated):
    page = client.get(reverse("consultations:stats", args=[consolidated.pk])).content.decode()
    assert '<span class="stat">5</span>góp ý đang hiển thị</p>' in page
    assert '<span class="stat">4</span>người góp ý</p>' in page
    assert "<td>0 ý kiến</td>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:stats", args=[consolidated.pk])).content.decode()
    assert '<span class="stat">4</span>commenter</p>' not in page
    assert "<td>0 opinion</td>" not in page


def test_a_cited_comment_number_past_64_bits_is_refused_and_stores_nothing(client, draft, people):
    """A number no database can hold names no comment of the draft: the form says so (it was a
    server error), and no point is stored."""
    from ykien.consultations.tests.conftest import consolidating

    consolidating(draft, people)
    client.force_login(people.officer)
    page = client.post(
        reverse("consultations:points", args=[draft.pk]),
        {"title": "Vấn đề", "text": "Nội dung", "comments": f"1, {2**64}"},
    )
    assert page.status_code == 400
    assert f"Không tìm thấy góp ý nào khớp với “{2**64}”." in page.content.decode()
    assert draft.points.count() == 0


def test_the_points_page_offers_no_form_once_the_document_is_with_the_leader(client, draft, people):
    from ykien.consultations.tests.conftest import drafted_document

    document = drafted_document(draft, people)
    services.document_submit(actor=people.officer, document=document)
    client.force_login(people.officer)
    page = client.get(reverse("consultations:points", args=[draft.pk])).content.decode()
    assert "văn bản chưa trình lãnh đạo" in page
    assert 'name="title"' not in page
