"""The news feed is Atom, advertised on the news pages, dated in Vietnam's time zone, in the
reader's language, and bounded."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from ykien.core.tests.atom import parse
from ykien.portal.tests.conftest import published, written

pytestmark = pytest.mark.django_db
VN = dt.timezone(dt.timedelta(hours=7))


def test_the_news_feed_is_atom_dated_in_vietnam_time(tree, officer, client):
    with time_machine.travel(dt.datetime(2026, 11, 26, 8, 30, tzinfo=VN), tick=False):
        article = published(officer, tree.prov_new, "Giám sát việc hòa giải ở cơ sở")
    written(officer, tree.prov_new, "Tin chưa đăng")
    feed = parse(client.get(reverse("portal:feed_atom")))
    assert feed.feed.title == "Ý Kiến — Tin tức Mặt trận Tổ quốc"
    assert feed.feed.language == "vi"
    [entry] = feed.entries
    assert entry.title == "Giám sát việc hòa giải ở cơ sở"
    assert entry.id == f"http://testserver{article.get_absolute_url()}"
    assert entry.updated == "2026-11-26T08:30:00+07:00"
    assert entry.published == "2026-11-26T08:30:00+07:00"
    assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200
    assert "Tin chưa đăng" not in client.get(reverse("portal:feed_atom")).content.decode()


def test_the_news_feed_follows_the_readers_language(article, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    feed = parse(client.get(reverse("portal:feed_atom")))
    assert feed.feed.language == "en"
    assert feed.feed.title == "Ý Kiến — Fatherland Front news"


@pytest.mark.parametrize("name", ["portal:article_list", "portal:home"])
def test_the_news_pages_advertise_the_atom_feed(article, client, name):
    html = client.get(reverse(name)).content.decode()
    head = html.split("</head>", 1)[0]
    found = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head
    )
    assert found == [("Tin tức (Atom)", "/tin-tuc/atom/")]
    assert (
        '<a class="feed-follow" href="/tin-tuc/atom/" type="application/atom+xml">'
        "Theo dõi bằng nguồn tin (Atom)</a>"
    ) in html
    assert parse(client.get(found[0][1])).entries[0].title == "Giám sát việc hòa giải ở cơ sở"


def test_the_latest_50_in_a_bounded_number_of_queries(
    tree, officer, client, django_assert_max_num_queries
):
    for n in range(55):
        published(officer, tree.prov_new, f"Tin số {n}", tags=["Giám sát"])
    with django_assert_max_num_queries(6):
        entries = parse(client.get(reverse("portal:feed_atom"))).entries
    assert len(entries) == 50
