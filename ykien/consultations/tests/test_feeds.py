"""The Atom feed of a draft: its public steps, in the reader's language, dated in Vietnam's time
zone, with nothing personal and nothing of a draft that is not public."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from ykien.consultations import services
from ykien.consultations.models import CritiqueDocument, Draft, Node
from ykien.consultations.tests.conftest import DOC, TEXT, comment_on, consolidating, make_draft
from ykien.core.tests.atom import parse


def at(hour: int, day: int, month: int = 11):
    """A moment of 2026, given in Vietnam's time (UTC+7)."""
    return time_machine.travel(
        dt.datetime(2026, month, day, hour, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        tick=False,
    )


def answered_draft(draft: Draft, people) -> CritiqueDocument:
    """``draft`` (opened on 26/11/2026 at 16:00) gets a second version on the 27th, is closed
    early on the 28th, its critique document is issued on the 30th and its one point answered
    on 2 December 2026; a citizen commented with his e-mail address in the text."""
    comment_on(
        Node.objects.get(draft=draft, label="Điều 1"),
        people.citizen,
        stance="disagree",
        reasons="Liên hệ an.le@example.vn, 0912 345 678.",
    )
    with at(9, 27):
        v2 = services.version_upload(
            actor=people.officer,
            draft=draft,
            filename="v2.txt",
            data=TEXT.replace("2. Hỗ trợ tiền lương.", "2. Hỗ trợ tiền lương gấp đôi.").encode(),
        )
        services.version_publish(actor=people.officer, version=v2)
    with at(10, 28):
        consolidating(draft, people)
    with at(11, 30):
        services.point_save(
            actor=people.officer, draft=draft, title="Về mức hỗ trợ", text="Giữ mức 100%."
        )
        document = services.document_save(actor=people.officer, draft=draft, data=DOC)
        document = services.document_submit(actor=people.officer, document=document)
        document = services.document_issue(actor=people.leader, document=document)
    with at(12, 2, 12):
        services.point_answer(
            actor=people.respondent,
            point=draft.points.get(),
            answer="accepted",
            text="Tiếp thu, sẽ sửa Điều 3.",
        )
    return document


def test_the_feed_lists_the_public_steps_newest_first(client, draft, people):
    document = answered_draft(draft, people)
    point = draft.points.get()
    feed = parse(client.get(reverse("consultations:draft_feed", args=[draft.pk])))
    page = f"http://testserver/du-thao/{draft.pk}/"
    assert feed.feed.title == "Dự thảo Nghị quyết hỗ trợ hợp tác xã — diễn biến dự thảo"
    assert feed.feed.language == "vi"
    assert feed.feed.link == page
    assert feed.feed.author == "Ủy ban MTTQ tỉnh Vĩnh Long"
    assert feed.feed.updated == "2026-12-02T12:00:00+07:00"
    rows = [(e.title, e.summary, e.link, e.updated) for e in feed.entries]
    assert rows == [
        (
            "Trả lời điểm phản biện 1: Về mức hỗ trợ",
            "Tiếp thu: Tiếp thu, sẽ sửa Điều 3.",
            f"{page}#diem-{point.pk}",
            "2026-12-02T12:00:00+07:00",
        ),
        (
            "Đã ban hành văn bản phản biện",
            f"Văn bản phản biện số 12/VB-MTTQ-BTT ngày 30/11/2026; hạn trả lời: "
            f"{document.answer_due:%d/%m/%Y}.",
            f"{page}#versions",
            "2026-11-30T11:00:00+07:00",
        ),
        (
            "Kết thúc lấy ý kiến sớm",
            "Kết thúc ngày 28/11/2026, trước hạn đã công bố (10/12/2026) — lý do: Đã đủ ý kiến.",
            page,
            "2026-11-28T10:00:00+07:00",
        ),
        (
            "Công khai phiên bản 2 của dự thảo",
            "Phiên bản 2 thay thế phiên bản 1; xem những thay đổi.",
            f"http://testserver/du-thao/{draft.pk}/so-sanh/1/2/",
            "2026-11-27T09:00:00+07:00",
        ),
        (
            "Công khai phiên bản 1 của dự thảo",
            "Toàn văn dự thảo được công khai.",
            f"{page}#versions",
            "2026-11-26T16:00:00+07:00",
        ),
        (
            "Dự thảo được công khai, mở lấy ý kiến",
            "Lấy ý kiến Nhân dân từ ngày 26/11/2026 đến hết ngày 10/12/2026.",
            page,
            "2026-11-26T16:00:00+07:00",
        ),
    ]
    ids = [e.id for e in feed.entries]
    assert ids[0] == f"tag:testserver,2025:consultations/draft/{draft.pk}/point/{point.pk}"
    assert ids[3] == f"tag:testserver,2025:consultations/draft/{draft.pk}/version/2"
    assert len(set(ids)) == 6
    # The same ids the next time: a reader does not see the steps again.
    assert [e.id for e in parse(client.get(f"/du-thao/{draft.pk}/nguon-tin.atom")).entries] == ids


def test_a_reopening_and_a_close_at_the_end(client, draft, people):
    with at(10, 28):
        services.draft_transition(
            actor=people.officer, draft=draft, to="closed", reason="Đã đủ ý kiến."
        )
    with at(8, 1, 12):
        services.draft_transition(
            actor=people.officer, draft=draft, to="open", comment_end=dt.date(2026, 12, 20)
        )
    with at(0, 21, 12):
        assert services.close_expired_drafts(on=dt.date(2026, 12, 21)) == 1
    feed = parse(client.get(reverse("consultations:draft_feed", args=[draft.pk])))
    assert [(e.title, e.summary, e.updated) for e in feed.entries[:3]] == [
        (
            "Đã kết thúc lấy ý kiến",
            "Dự thảo không còn nhận góp ý; các ý kiến được tổng hợp để phản biện.",
            "2026-12-21T00:00:00+07:00",
        ),
        (
            "Đã mở lại lấy ý kiến",
            "Hạn góp ý mới: hết ngày 20/12/2026.",
            "2026-12-01T08:00:00+07:00",
        ),
        (
            "Kết thúc lấy ý kiến sớm",
            "Kết thúc ngày 28/11/2026, trước hạn đã công bố (20/12/2026) — lý do: Đã đủ ý kiến.",
            "2026-11-28T10:00:00+07:00",
        ),
    ]


def test_the_feed_follows_the_readers_language(client, draft, people):
    answered_draft(draft, people)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    feed = parse(client.get(reverse("consultations:draft_feed", args=[draft.pk])))
    assert feed.feed.language == "en"
    titles = [e.title for e in feed.entries]
    # A title the catalogue already translates, said exactly:
    assert titles[2] == "Comment period ended early"
    assert feed.entries[0].summary.startswith("Accepted: ")
    with translation.override("en"):
        assert titles == [
            gettext("Trả lời điểm phản biện %(n)s: %(title)s") % {"n": 1, "title": "Về mức hỗ trợ"},
            gettext("Đã ban hành văn bản phản biện"),
            pgettext("diễn biến dự thảo", "Kết thúc lấy ý kiến sớm"),
            gettext("Công khai phiên bản %(n)s của dự thảo") % {"n": 2},
            gettext("Công khai phiên bản %(n)s của dự thảo") % {"n": 1},
            gettext("Dự thảo được công khai, mở lấy ý kiến"),
        ]
    # No Vietnamese word of the site's own where English has one (the draft's title stays).
    assert "Kết thúc" not in feed.entries[2].title


def test_every_link_opens_a_public_page(client, draft, people):
    answered_draft(draft, people)
    feed = parse(client.get(reverse("consultations:draft_feed", args=[draft.pk])))
    for entry in feed.entries:
        path = entry.link.removeprefix("http://testserver").split("#")[0]
        assert client.get(path).status_code == 200, path


def test_nothing_personal_and_nothing_internal(client, draft, people):
    answered_draft(draft, people)
    body = client.get(reverse("consultations:draft_feed", args=[draft.pk])).content.decode()
    assert "@" not in body  # no e-mail address (the feed has no author e-mail either)
    for secret in (
        "0912",
        "Liên hệ",
        DOC["signer_name"],
        people.officer.username,
        people.respondent.username,
        people.leader.username,
        "accepted",
        "closed_early",
    ):
        assert secret not in body
    for user in (people.officer, people.leader, people.respondent, people.citizen):
        if user.full_name:
            assert user.full_name not in body


def test_a_draft_that_is_not_public_has_no_feed(client, tree, people):
    received = make_draft(tree, people.officer, publish=False)
    assert received.status == "review"
    assert client.get(reverse("consultations:draft_feed", args=[received.pk])).status_code == 404
    assert client.get(f"/du-thao/{received.pk + 1000}/nguon-tin.atom").status_code == 404
    assert client.get(f"/du-thao/{2**63}/nguon-tin.atom").status_code == 404
    # An officer of the draft's unit gets no feed of it either: feeds are public only.
    client.force_login(people.officer)
    assert client.get(reverse("consultations:draft_feed", args=[received.pk])).status_code == 404


def test_the_page_advertises_its_feed(client, draft):
    html = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    head = html.split("</head>", 1)[0]
    found = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head
    )
    assert found == [("Diễn biến dự thảo (Atom)", f"/du-thao/{draft.pk}/nguon-tin.atom")]
    assert (
        f'<a class="feed-follow" href="/du-thao/{draft.pk}/nguon-tin.atom" '
        'type="application/atom+xml">Theo dõi bằng nguồn tin (Atom)</a>'
    ) in html
    parse(client.get(found[0][1]))


def test_a_bounded_number_of_queries_and_the_latest_50(
    client, draft, people, django_assert_max_num_queries
):
    url = reverse("consultations:draft_feed", args=[draft.pk])
    with django_assert_max_num_queries(8):
        assert len(parse(client.get(url)).entries) == 2
    consolidating(draft, people)
    for n in range(60):
        services.point_save(actor=people.officer, draft=draft, title=f"Vấn đề {n}", text="Nội dung")
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    document = services.document_submit(actor=people.officer, document=document)
    services.document_issue(actor=people.leader, document=document)
    with at(12, 2, 12):
        for point in draft.points.all():
            services.point_answer(
                actor=people.respondent, point=point, answer="explained", text="Vì."
            )
    with django_assert_max_num_queries(8):
        entries = parse(client.get(url)).entries
    # The 60 answers, published together, are the newest steps: 50 of them are listed.
    assert len(entries) == 50
    assert {e.title.split(":")[0] for e in entries} <= {
        f"Trả lời điểm phản biện {n}" for n in range(1, 61)
    }
    assert {e.updated for e in entries} == {"2026-12-02T12:00:00+07:00"}


@pytest.mark.parametrize("path", ["/du-thao/abc/nguon-tin.atom", "/du-thao/-1/nguon-tin.atom"])
def test_malformed_paths_are_not_found(client, path):
    assert client.get(path).status_code == 404
