"""A critique document recorded without its number and symbol (issued before the number was
required) is named "chưa có số" on the respondent's pages and the draft's page: no sentence
stops at "văn bản số"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import CritiqueDocument, DraftStatus
from ykien.consultations.tests.test_lifecycle import DOC
from ykien.consultations.tests.test_views import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(draft, people):
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.CONSOLIDATING)
    services.point_save(actor=people.officer, draft=draft, title="Vấn đề", text="Nội dung")
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    services.document_submit(actor=people.officer, document=document)
    return services.document_issue(actor=people.leader, document=document)


def _text(html: str) -> str:
    """The page's main text on one line (tags dropped, spaces folded)."""
    import re

    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_a_numbered_document_is_named_by_its_number(client, draft, people, issued):
    login_verified(client, people.respondent)
    page = _text(
        client.get(reverse("consultations:respondent_draft", args=[draft.pk])).content.decode()
    )
    date = issued.issue_date.strftime("%d/%m/%Y")
    assert f"văn bản số {issued.number_symbol} ngày {date}" in page


def test_an_unnumbered_document_says_it_has_no_number_yet(client, draft, people, issued):
    CritiqueDocument.objects.filter(pk=issued.pk).update(number_symbol="")
    date = issued.issue_date.strftime("%d/%m/%Y")
    login_verified(client, people.respondent)
    answer = _text(
        client.get(reverse("consultations:respondent_draft", args=[draft.pk])).content.decode()
    )
    assert f"văn bản (chưa có số) ngày {date}" in answer
    assert "văn bản số ngày" not in answer
    listing = _text(client.get(reverse("consultations:respondent_list")).content.decode())
    assert f"chưa có số, {date}" in listing
    public = _text(client.get(reverse("consultations:draft", args=[draft.pk])).content.decode())
    assert f"Văn bản phản biện (chưa có số) ngày {date}" in public
