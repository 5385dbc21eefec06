from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from ykien.core import navigation
from ykien.portal import services
from ykien.portal.models import Article

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_figures_and_the_petition_lookup(article, client):
    services.feedback_submit(article=article, name="A", title="T", content="C")
    response = client.get("/")
    html = response.content.decode()
    assert [a.pk for a in response.context["latest"]] == [article.pk]
    assert "Giám sát việc hòa giải ở cơ sở" in html
    assert response.context["figures"].received == 1
    # the "follow by code" form goes straight to the petitions app's status page
    assert f'action="{reverse("petitions:lookup")}"' in html
    assert 'role="search"' in html


def test_home_renders_registered_sections_in_their_place(client, monkeypatch):
    sections = [
        navigation.HomeSection(
            "consultations", "portal/tests/section.html", lambda r: {"label": "DỰ THẢO"}
        ),
        navigation.HomeSection(
            "oversight", "portal/tests/section.html", lambda r: {"label": "GIẢI TRÌNH"}
        ),
    ]
    monkeypatch.setattr("ykien.portal.views.navigation.home_sections", lambda: sections)
    html = client.get("/").content.decode()
    assert "<p>DỰ THẢO</p>" in html
    assert "<p>GIẢI TRÌNH</p>" in html
    assert "Chưa có dự thảo nào đang lấy ý kiến." not in html
    assert html.index("DỰ THẢO") < html.index("Tin mới") < html.index("GIẢI TRÌNH")


def test_petition_lookup_without_the_petitions_page_says_so(client, monkeypatch):
    monkeypatch.setattr("ykien.portal.views.PETITION_TRACK_URLS", ("khong:co",))
    response = client.get(reverse("portal:petition_lookup"), {"ma": "ab12"}, follow=True)
    assert "Chức năng tra cứu phản ánh, kiến nghị chưa sẵn sàng." in response.content.decode()


def test_petition_lookup_forwards_to_the_status_page(client, monkeypatch):
    monkeypatch.setattr("ykien.portal.views.PETITION_TRACK_URLS", ("portal:search",))
    response = client.get(reverse("portal:petition_lookup"), {"ma": "k7m-4qx"})
    assert response.url == reverse("portal:search") + "?ma=K7M-4QX"


def test_news_and_search_are_in_the_navigation(client):
    labels = [str(item["label"]) for item in navigation.items()]
    assert "Tin tức" in labels
    assert "Tìm kiếm" in labels


def test_portal_command(article, capsys):
    services.view_record(article=article, visitor_basis="v1")
    call_command("portal", "flush-views")
    call_command("portal", "publish-due")
    call_command("portal", "reindex")
    out = capsys.readouterr().out
    assert "views added: 1" in out
    assert "articles published: 0" in out
    assert Article.objects.get(pk=article.pk).view_count == 1
