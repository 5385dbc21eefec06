"""Issuing the critique document: a real number is required (never the "…/VB-MTTQ-BTT" of the
draft), the respondents of the drafting unit (or of the unit it became) are mailed on commit;
the draft's title reads "dự thảo …" inside a sentence; chapters read "Chương I. TITLE"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.documents import document_spec
from ykien.consultations.models import CritiqueDocument, DocumentStatus, DraftStatus
from ykien.consultations.tests.conftest import DOC, consolidating
from ykien.consultations.tests.test_views import login_verified
from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent, Role, UnitKind, User
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.core.text import title_in_sentence

pytestmark = pytest.mark.django_db

PLACEHOLDER = "…/VB-MTTQ-BTT"
NO_NUMBER = (
    "Văn bản chưa có số: hãy ghi số, ký hiệu theo sổ đăng ký văn bản của đơn vị "
    "(ví dụ 12/VB-MTTQ-BTT) trước khi ban hành."
)


def _submitted(draft, people, number: str = PLACEHOLDER) -> CritiqueDocument:
    consolidating(draft, people)
    services.point_save(actor=people.officer, draft=draft, title="Về đối tượng", text="Bổ sung.")
    doc = services.document_save(
        actor=people.officer, draft=draft, data={**DOC, "number_symbol": number}
    )
    return services.document_submit(actor=people.officer, document=doc)


# ------------------------------------------------------------------------------ the number


@pytest.mark.parametrize(
    "value", ["12/VB-MTTQ-BTT", "05/2025/NQ-HĐND", "1/VB", " 7/VB-MTTQ-BTT ", "120/QĐ-MTTQ"]
)
def test_real_numbers_are_accepted(value):
    assert services.is_issued_number(value)


@pytest.mark.parametrize(
    "value",
    [
        PLACEHOLDER,
        "...",
        "…",
        "",
        "/VB-MTTQ-BTT",
        "0/VB-MTTQ-BTT",
        "00/VB",
        "12",
        "12/",
        "12 /VB",
        "…12/VB",
        "12/VB…",
        "Số 12/VB",
        "\u00a0" * 8 + "/VB-MTTQ-BTT",
    ],
)
def test_placeholders_and_malformed_numbers_are_refused(value):
    assert not services.is_issued_number(value)


def test_issuing_with_the_placeholder_is_refused_and_changes_nothing(draft, people):
    doc = _submitted(draft, people)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.document_issue(actor=people.leader, document=doc)
    assert (exc.value.code, exc.value.field, str(exc.value.message)) == (
        "number_missing",
        "number_symbol",
        NO_NUMBER,
    )
    with pytest.raises(ValidationFailed):
        services.document_issue(actor=people.leader, document=doc, number_symbol="…/VB")
    doc.refresh_from_db()
    draft.refresh_from_db()
    assert (doc.status, doc.number_symbol, doc.issue_date, doc.answer_due, doc.docx.name) == (
        DocumentStatus.SUBMITTED,
        PLACEHOLDER,
        None,
        None,
        "",
    )
    assert draft.status == DraftStatus.CONSOLIDATING
    assert AuditEvent.objects.count() == events


def test_the_leader_writes_the_number_when_issuing(draft, people):
    doc = _submitted(draft, people)
    doc = services.document_issue(
        actor=people.leader, document=doc, number_symbol="  15/VB-MTTQ-BTT "
    )
    doc.refresh_from_db()
    assert (doc.status, doc.number_symbol) == (DocumentStatus.ISSUED, "15/VB-MTTQ-BTT")
    event = AuditEvent.objects.get(action="consultations.document.issue")
    assert event.after["number_symbol"] == "15/VB-MTTQ-BTT"
    assert document_spec(doc).number_symbol == "15/VB-MTTQ-BTT"


def test_the_number_written_while_drafting_is_kept_when_none_is_given(draft, people):
    doc = _submitted(draft, people, number="12/VB-MTTQ-BTT")
    doc = services.document_issue(actor=people.leader, document=doc, number_symbol="")
    assert (doc.status, doc.number_symbol) == (DocumentStatus.ISSUED, "12/VB-MTTQ-BTT")


def test_the_leader_issues_by_clicking_only_with_a_real_number(client, draft, people):
    _submitted(draft, people)
    login_verified(client, people.leader)
    url = reverse("consultations:document", args=[draft.pk])
    page = client.get(url).content.decode()
    assert f'name="issue-number_symbol" value="{PLACEHOLDER}"' in page
    response = client.post(url, {"action": "issue", "issue-number_symbol": PLACEHOLDER})
    assert response.status_code == 200
    assert NO_NUMBER in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.CONSOLIDATING
    response = client.post(url, {"action": "issue", "issue-number_symbol": "15/VB-MTTQ-BTT"})
    assert response.status_code == 302
    client.logout()
    public = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "15/VB-MTTQ-BTT" in public
    assert "…/VB" not in public
    client.force_login(people.respondent)
    listing = client.get(reverse("consultations:respondent_list")).content.decode()
    assert "15/VB-MTTQ-BTT" in listing
    assert "…/VB" not in listing


# ------------------------------------------------------------------------------- the mail


def test_the_drafting_units_respondents_are_mailed_when_issued(
    tree, draft, people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://ykien.example.vn/"
    # The drafting unit is merged into another one before the document is issued: the
    # respondents of both are told; nobody else.
    successor = make_unit(
        "Sở Tài chính tỉnh Vĩnh Long", parent=tree.prov_new, kind=UnitKind.STATE, code="N-STC"
    )
    new_respondent = UserFactory(username="new-respondent", kind=User.Kind.RESPONDENT)
    grant(new_respondent, successor, Role.RESPONDENT, valid_from=dt.date(2026, 11, 27))
    ended = UserFactory(username="ended", kind=User.Kind.RESPONDENT)
    grant(
        ended, tree.agency_new, Role.RESPONDENT, valid_to=dt.date(2026, 11, 20)
    )  # ended before the issue date
    no_mail = UserFactory(username="no-mail", email="", kind=User.Kind.RESPONDENT)
    grant(no_mail, tree.agency_new, Role.RESPONDENT)
    gone = UserFactory(username="gone", kind=User.Kind.RESPONDENT, is_active=False)
    grant(gone, tree.agency_new, Role.RESPONDENT)
    clerk = UserFactory(username="clerk", kind=User.Kind.OFFICER)
    grant(clerk, tree.agency_new, Role.OFFICER)
    elsewhere = UserFactory(username="elsewhere", kind=User.Kind.RESPONDENT)
    grant(elsewhere, make_unit("Sở Tư pháp", parent=tree.prov_b, code="STP-B"), Role.RESPONDENT)

    doc = _submitted(draft, people)
    from ykien.core.services import unit_merge

    unit_merge(
        actor=SYSTEM,
        predecessors=[tree.agency_new],
        successor=successor,
        effective=dt.date(2026, 11, 27),
    )
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.document_issue(
            actor=people.leader,
            document=doc,
            issue_date=dt.date(2026, 12, 1),
            number_symbol="15/VB-MTTQ-BTT",
        )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["new-respondent@example.vn", "respondent@example.vn"]
    assert mail.subject == (
        "Văn bản phản biện xã hội số 15/VB-MTTQ-BTT: Dự thảo Nghị quyết hỗ trợ hợp tác xã"
    )
    assert doc.answer_basis
    assert mail.body == (
        "Ủy ban MTTQ tỉnh Vĩnh Long đã ban hành Văn bản phản biện xã hội số 15/VB-MTTQ-BTT ngày "
        "01/12/2026 đối với dự thảo Nghị quyết hỗ trợ hợp tác xã.\n\n"
        f"Đề nghị {tree.agency_new.name} trả lời từng điểm phản biện trước ngày "
        f"{doc.answer_due:%d/%m/%Y} ({doc.answer_basis}).\n\n"
        f"Xem văn bản và trả lời tại https://ykien.example.vn/tra-loi/phan-bien/{draft.pk}/"
    )


def test_no_mail_when_the_issue_is_refused_or_nobody_answers(
    tree, draft, people, mailoutbox, django_capture_on_commit_callbacks
):
    doc = _submitted(draft, people)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
        services.document_issue(actor=people.leader, document=doc)
    assert mailoutbox == []
    people.respondent.email = ""
    people.respondent.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.document_issue(actor=people.leader, document=doc, number_symbol="15/VB-MTTQ")
    assert doc.status == DocumentStatus.ISSUED
    assert mailoutbox == []


# -------------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Dự thảo Quyết định ban hành quy chế", "dự thảo Quyết định ban hành quy chế"),
        ("Dự thảo", "dự thảo"),
        ("Luật Đất đai (sửa đổi)", "Luật Đất đai (sửa đổi)"),
        ("Nghị quyết về học phí", "Nghị quyết về học phí"),
        ("Dự thảoX", "Dự thảoX"),
        ("Du\u031b\u0323 tha\u0309o Luật", "dự thảo Luật"),  # decomposed: read as NFC
    ],
)
def test_the_title_inside_a_sentence(title, expected):
    assert title_in_sentence(title) == expected


def test_the_intro_and_the_document_title_read_du_thao_in_lower_case(client, draft, people):
    consolidating(draft, people)
    client.force_login(people.officer)
    page = client.get(reverse("consultations:document", args=[draft.pk])).content.decode()
    assert (
        "đã tổ chức phản biện xã hội đối với dự thảo Nghị quyết hỗ trợ hợp tác xã do "
        f"{draft.drafting_unit.name} soạn thảo." in page
    )
    assert "đối với Dự thảo" not in page
    doc = services.document_save(actor=people.officer, draft=draft, data=DOC)
    assert document_spec(doc).title == "đối với dự thảo Nghị quyết hỗ trợ hợp tác xã"
    draft.title = "Nghị quyết hỗ trợ hợp tác xã"
    assert document_spec(doc).title == "đối với Nghị quyết hỗ trợ hợp tác xã"


def test_a_chapter_heading_reads_like_an_article_heading(client, draft, people):
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert '<span class="head">Chương I. QUY ĐỊNH CHUNG</span>' in page
    assert '<span class="head">Chương II. MỨC HỖ TRỢ</span>' in page
    assert '<span class="head">Điều 1. Phạm vi điều chỉnh</span>' in page
    assert "Chương I QUY" not in page
    stats = client.get(reverse("consultations:stats", args=[draft.pk])).content.decode()
    assert "Chương I. QUY ĐỊNH CHUNG</li>" in stats
    assert "Chương I QUY" not in stats


def test_the_vote_section_is_labelled_by_its_heading(client, draft):
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert '<section aria-labelledby="bq-h" id="bieu-quyet">' in page
    assert '<h2 id="bq-h">Biểu quyết các nhận định</h2>' in page
