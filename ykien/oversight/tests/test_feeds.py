"""The Atom feeds of the accountability board and of a unit's supervision results: what the board
shows publicly (public recommendations' steps, those overdue), in the reader's language, dated in
Vietnam's time zone, with nobody's name and nothing of a recommendation that is not public."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from ykien.core.tests.atom import parse
from ykien.oversight import services as s
from ykien.oversight.models import AnswerKind, Recommendation
from ykien.oversight.tests.conftest import issued, reported_review, written

D = dt.date
VN = dt.timezone(dt.timedelta(hours=7))
pytestmark = pytest.mark.django_db


def at(hour: int, day: int, month: int):
    """A moment of 2026 in Vietnam's time."""
    return time_machine.travel(dt.datetime(2026, month, day, hour, tzinfo=VN), tick=False)


def public_world(w):
    """Sent on 22 April and answered (done) on 10 May; sent on 30 September with 20 days to
    answer and overdue today (26 November); one not public; one still a draft."""
    with at(9, 22, 4):
        done = issued(w, on=D(2026, 4, 22))
    with at(14, 10, 5):
        s.recommendation_answer(
            actor=w.respondent,
            recommendation=done,
            kind=AnswerKind.DONE,
            text="UBND tỉnh đã chỉ đạo thực hiện xong.",
            answered_on=D(2026, 5, 10),
        )
    with at(8, 30, 9):
        late = issued(w, on=D(2026, 9, 30), days=20)
        hidden = issued(w, on=D(2026, 9, 30))
        Recommendation.objects.filter(pk=hidden.pk).update(is_public=False)
        draft = written(w, reported_review(w), "Kiến nghị còn đang soạn.")
    late.refresh_from_db()
    return done, late, hidden, draft


def test_the_board_feed_lists_public_steps_and_overdue_newest_first(world, client):
    done, late, hidden, draft = public_world(world)
    feed = parse(client.get(reverse("oversight:board_feed")))
    assert feed.feed.title == "Bảng công khai trách nhiệm giải trình — kiến nghị sau giám sát"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/giam-sat/"
    due = late.answer_due
    rows = [(e.title, e.link, e.updated) for e in feed.entries]
    assert rows == [
        (
            f"Kiến nghị {late.code} — quá hạn",
            f"http://testserver/giam-sat/kien-nghi/{late.pk}/",
            f"{due + dt.timedelta(days=1):%Y-%m-%d}T00:00:00+07:00",
        ),
        (
            f"Kiến nghị {late.code} — Đã gửi, chờ trả lời",
            f"http://testserver/giam-sat/kien-nghi/{late.pk}/",
            "2026-09-30T08:00:00+07:00",
        ),
        (
            f"Kiến nghị {done.code} — Tiếp thu, đã thực hiện",
            f"http://testserver/giam-sat/kien-nghi/{done.pk}/",
            "2026-05-10T14:00:00+07:00",
        ),
        (
            f"Kiến nghị {done.code} — Đã gửi, chờ trả lời",
            f"http://testserver/giam-sat/kien-nghi/{done.pk}/",
            "2026-04-22T09:00:00+07:00",
        ),
    ]
    summaries = [e.summary for e in feed.entries]
    assert summaries[0] == (
        f"Ủy ban nhân dân tỉnh Vĩnh Long chưa trả lời kiến nghị; hạn trả lời là {due:%d/%m/%Y}."
    )
    assert summaries[1].startswith(
        "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long kiến nghị Ủy ban nhân dân tỉnh Vĩnh Long: "
        f"Rà soát, điều chỉnh bảng giá đất ven biển. (Hạn trả lời {due:%d/%m/%Y} — "
    )
    assert (
        summaries[2]
        == "Trả lời của Ủy ban nhân dân tỉnh Vĩnh Long: UBND tỉnh đã chỉ đạo thực hiện xong."
    )
    assert feed.entries[0].id == (
        f"tag:testserver,2025:oversight/recommendation/{late.pk}/overdue/{due.isoformat()}"
    )
    assert len({e.id for e in feed.entries}) == 4
    body = client.get(reverse("oversight:board_feed")).content.decode()
    assert hidden.code not in body
    assert draft.code not in body
    assert "Kiến nghị còn đang soạn." not in body


def test_the_feeds_follow_the_readers_language(world, client):
    done, late, _hidden, _draft = public_world(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    feed = parse(client.get(reverse("oversight:board_feed")))
    assert feed.feed.language == "en"
    assert [e.title for e in feed.entries] == [
        f"Recommendation {late.code} — overdue",
        f"Recommendation {late.code} — Sent, awaiting reply",
        f"Recommendation {done.code} — Accepted, implemented",
        f"Recommendation {done.code} — Sent, awaiting reply",
    ]
    unit = parse(client.get(reverse("oversight:unit_feed", args=[world.ubnd.code])))
    assert unit.feed.language == "en"
    assert unit.entries[0].title == f"Recommendation {late.code} — overdue"


def test_nobodys_name_and_no_address(world, client):
    public_world(world)
    for url in (
        reverse("oversight:board_feed"),
        reverse("oversight:unit_feed", args=[world.ubnd.code]),
        reverse("oversight:unit_feed", args=[world.province.code]),
    ):
        body = client.get(url).content.decode()
        assert "@" not in body
        for user in (world.officer, world.leader, world.respondent):
            assert user.full_name not in body
            assert user.username not in body


def test_a_units_feed_keeps_what_it_sent_or_received(world, client):
    w = world
    done, late, _hidden, _draft = public_world(w)
    addressee = parse(client.get(reverse("oversight:unit_feed", args=[w.ubnd.code])))
    assert addressee.feed.title == "Kết quả giám sát — Ủy ban nhân dân tỉnh Vĩnh Long"
    assert addressee.feed.link == f"http://testserver/don-vi/{w.ubnd.code}/"
    assert [e.title for e in addressee.entries] == [
        f"Kiến nghị {late.code} — quá hạn",
        f"Kiến nghị {late.code} — Đã gửi, chờ trả lời",
        f"Kiến nghị {done.code} — Tiếp thu, đã thực hiện",
        f"Kiến nghị {done.code} — Đã gửi, chờ trả lời",
    ]
    # The issuing front: the same steps, and the reports of its activities that led to a public
    # recommendation (the one behind the hidden recommendation and the draft's are not).
    issuer = parse(client.get(reverse("oversight:unit_feed", args=[w.province.code])))
    reports = [
        (e.title, e.summary, e.link, e.updated)
        for e in issuer.entries
        if e.title.startswith("Báo cáo kết quả giám sát")
    ]
    assert reports == [
        (
            "Báo cáo kết quả giám sát: Xem xét quyết định giá đất",
            "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long giám sát Ủy ban nhân dân tỉnh Vĩnh Long "
            "(Nghiên cứu, xem xét văn bản), báo cáo kết quả ngày 27/02/2026; 1 kiến nghị công khai.",
            f"http://testserver/giam-sat/kien-nghi/{pk}/",
            "2026-02-27T00:00:00+07:00",
        )
        for pk in (late.pk, done.pk)
    ]
    assert len(issuer.entries) == 6
    # Another province sent and received nothing: an empty feed, not an error.
    assert parse(client.get(reverse("oversight:unit_feed", args=[w.other.code]))).entries == []
    assert client.get("/giam-sat/don-vi/KHONG-CO/nguon-tin.atom").status_code == 404


def test_every_link_opens_a_public_page(world, client):
    public_world(world)
    for url in (
        reverse("oversight:board_feed"),
        reverse("oversight:unit_feed", args=[world.province.code]),
    ):
        for entry in parse(client.get(url)).entries:
            assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200


def _advertised(html: str) -> list[tuple[str, str]]:
    head = html.split("</head>", 1)[0]
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head
    )


def test_the_board_and_the_unit_page_advertise_their_feeds(world, client):
    board = client.get(reverse("oversight:board")).content.decode()
    assert _advertised(board) == [("Kiến nghị sau giám sát (Atom)", "/giam-sat/nguon-tin.atom")]
    assert (
        '<a class="feed-follow" href="/giam-sat/nguon-tin.atom" type="application/atom+xml">'
        "Theo dõi bằng nguồn tin (Atom)</a>"
    ) in board
    unit = client.get(reverse("core:unit_detail", args=[world.ubnd.code])).content.decode()
    href = f"/giam-sat/don-vi/{world.ubnd.code}/nguon-tin.atom"
    assert _advertised(unit) == [("Kết quả giám sát (Atom)", href)]
    assert f'<a class="feed-follow" href="{href}" type="application/atom+xml">' in unit
    for _title, url in (*_advertised(board), *_advertised(unit)):
        parse(client.get(url))


def test_a_bounded_number_of_queries_and_the_latest_50(
    world, client, django_assert_max_num_queries
):
    w = world
    public_world(w)
    urls = (
        reverse("oversight:board_feed"),
        reverse("oversight:unit_feed", args=[w.province.code]),
    )
    for url in urls:
        with django_assert_max_num_queries(12):
            parse(client.get(url))
    activity = reported_review(w)
    with at(8, 1, 10):
        for _n in range(60):
            issued(w, on=D(2026, 10, 1), days=10, activity=activity)
    for url in urls:
        with django_assert_max_num_queries(12):
            entries = parse(client.get(url)).entries
        assert len(entries) == 50
