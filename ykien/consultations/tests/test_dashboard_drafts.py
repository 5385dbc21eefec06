"""The drafts' counts on the staff dashboard (``consultations.dashboard``, clock pinned to Thursday
26/11/2026): drafts open for comment whose period ends today, within seven days, or has ended
while still open, and those received in the last seven days, for the units' subtrees only; each
count links to the drafts list filtered the same way, which lists exactly those drafts; the
leader's approvals stay as they were."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from ykien.consultations import services
from ykien.consultations.models import CritiqueDocument, DocumentStatus, Draft, DraftStatus
from ykien.consultations.tests.conftest import TODAY, make_draft
from ykien.consultations.tests.test_views import login_verified
from ykien.core.dashboard import last_months
from ykien.core.tests.test_dashboard import _figures

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
WORKSPACE = "/can-bo/"
LIST = "/can-bo/du-thao/"


def _tiles(html: str) -> dict[str, tuple[int, str]]:
    section = re.search(
        r'<section class="card dashboard-area" aria-labelledby="area-consultations">(.*?)</section>',
        html,
        re.S,
    )
    assert section, "no drafts area"
    found = re.findall(
        r'<li class="tile tile-(\w+)"><a href="([^"]+)"><span class="tile-count">(\d+)</span>',
        section.group(1),
    )
    return {bucket: (int(count), unescape(url)) for bucket, url, count in found}


def _listed(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [d.pk for d in response.context["page"]]


@pytest.fixture
def drafts(tree, people):
    """Open drafts of Vĩnh Long (received 20 days ago) whose period ends today, in six days and
    ended yesterday; one closed early whose period ended last week; one received today and not
    published; an open draft of Cà Mau ending today."""

    def dated(title: str, *, end: dt.date, received: dt.date, publish: bool = True) -> Draft:
        draft = make_draft(tree, people.officer, title=title, publish=publish)
        Draft.objects.filter(pk=draft.pk).update(comment_end=end, received_on=received)
        draft.refresh_from_db()
        return draft

    out = {
        "today": dated("Dự thảo hết hạn hôm nay", end=TODAY, received=TODAY - 20 * DAY),
        "week": dated("Dự thảo hết hạn tuần này", end=TODAY + 6 * DAY, received=TODAY - 20 * DAY),
        "late": dated("Dự thảo quá hạn góp ý", end=TODAY - DAY, received=TODAY - 20 * DAY),
        "closed": dated("Dự thảo đã đóng", end=TODAY - 7 * DAY, received=TODAY - 20 * DAY),
        "new": dated("Dự thảo mới nhận", end=TODAY + 30 * DAY, received=TODAY, publish=False),
    }
    services.draft_transition(
        actor=people.officer, draft=out["closed"], to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    other = services.draft_register(
        actor=people.other_officer,
        unit=tree.prov_b,
        drafting_unit=tree.agency_new,
        title="Dự thảo của tỉnh khác",
        kind="plan",
        form="written",
        received_on=TODAY,
        comment_end=TODAY,
    )
    Draft.objects.filter(pk=other.pk).update(status=DraftStatus.OPEN)
    return out


def test_officer_sees_exact_counts_that_link_to_the_filtered_list(client, people, drafts):
    client.force_login(people.officer)
    tiles = _tiles(client.get(WORKSPACE).content.decode())
    assert tiles == {
        "today": (1, f"{LIST}?due=today"),
        "week": (2, f"{LIST}?due=week"),
        "overdue": (1, f"{LIST}?due=overdue"),
        "new": (1, f"{LIST}?recent=1"),
    }
    assert _listed(client, tiles["today"][1]) == [drafts["today"].pk]
    assert sorted(_listed(client, tiles["week"][1])) == sorted(
        [drafts["today"].pk, drafts["week"].pk]
    )
    assert _listed(client, tiles["overdue"][1]) == [drafts["late"].pk]
    assert _listed(client, tiles["new"][1]) == [drafts["new"].pk]
    # The filters combine with search and the other filters, and stay in the page's links.
    assert _listed(client, f"{LIST}?due=week&q=tuan+nay") == [drafts["week"].pk]
    assert _listed(client, f"{LIST}?due=overdue&status=closed") == []


def test_another_province_counts_only_its_own(client, people, drafts):
    client.force_login(people.other_officer)
    tiles = _tiles(client.get(WORKSPACE).content.decode())
    assert {b: c for b, (c, _u) in tiles.items()} == {"today": 1, "week": 1, "overdue": 0, "new": 1}


def test_a_leader_sees_the_counts_and_a_respondent_no_area(client, people, drafts):
    login_verified(client, people.leader)  # a leader's role needs the second factor
    tiles = _tiles(client.get(WORKSPACE).content.decode())
    assert {b: c for b, (c, _u) in tiles.items()} == {"today": 1, "week": 2, "overdue": 1, "new": 1}
    client.force_login(people.respondent)
    response = client.get(WORKSPACE)
    assert 'aria-labelledby="area-consultations"' not in response.content.decode()


def test_the_list_refuses_an_unknown_period(client, people, drafts):
    client.force_login(people.officer)
    response = client.get(LIST, {"due": "nam-sau"})
    assert response.status_code == 400
    assert response.context["page"] is None
    assert "Lựa chọn không hợp lệ" in response.content.decode()


def _document(draft: Draft, *, issued: dt.date | None) -> None:
    CritiqueDocument.objects.create(
        draft=draft,
        status=DocumentStatus.ISSUED if issued else DocumentStatus.DRAFT,
        number_symbol="01/PB-MTTQ",
        place="Vĩnh Long",
        issue_date=issued,
        intro="Phần mở đầu.",
        recipients="Nơi nhận",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn A",
    )


def test_the_months_chart_counts_drafts_received_and_critiques_issued_on_time_or_late(
    client, people, drafts
):
    # Issued by the end of its comment period, and after it; one still being written.
    _document(drafts["closed"], issued=TODAY - 8 * DAY)
    _document(drafts["late"], issued=TODAY)
    _document(drafts["today"], issued=None)
    client.force_login(people.officer)
    html = client.get(WORKSPACE).content.decode()
    figures = _figures(html, "consultations")
    months = last_months(TODAY)
    # November 2026: five drafts received (Cà Mau's is another province's), one critique on
    # time and one late; every other month nothing.
    assert figures["table"] == [[0, 0, 0]] * 11 + [[5, 1, 1]]
    assert figures["chart"] == figures["table"]
    assert months[-1] == dt.date(2026, 11, 1)
    assert "Ban hành phản biện trễ hạn" in html
