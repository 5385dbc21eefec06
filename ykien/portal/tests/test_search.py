from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ykien.core import search as core_search
from ykien.core.search import SearchDocument
from ykien.portal import selectors, services
from ykien.portal.models import ArticleStatus, SearchEntry

pytestmark = pytest.mark.django_db

OTHER_DOCS = [
    SearchDocument(
        kind="draft",
        key="12",
        title="Dự thảo Nghị quyết về giám sát đầu tư công",
        body="Quy định việc giám sát của cộng đồng đối với dự án đầu tư công.",
        url="/du-thao/12/",
    ),
    SearchDocument(
        kind="clause",
        key="12-4",
        title="Điều 4. Hoà giải ở cơ sở",
        body="Tổ hoà giải ở cơ sở được thành lập ở ấp, khóm.",
        url="/du-thao/12/#dieu-4",
    ),
    SearchDocument(
        kind="recommendation",
        key="3",
        title="Kiến nghị về xây dựng khu tái định cư",
        body="Đề nghị hoàn thành hạ tầng khu tái định cư; giải quyết dứt điểm khiếu nại về hòa giải đất đai.",
        url="/giam-sat/kien-nghi/3/",
        unit="Ủy ban MTTQ tỉnh Vĩnh Long",
    ),
    SearchDocument(
        kind="draft",
        key="99",
        title="Dự thảo chưa đến ngày công bố về giám sát",
        body="Chưa công bố.",
        url="/du-thao/99/",
        published=timezone.now() + dt.timedelta(days=3),
    ),
]


@pytest.fixture
def indexed(article, monkeypatch):
    own = list(core_search.all_documents())
    monkeypatch.setattr(services, "all_documents", lambda: iter(own + OTHER_DOCS))
    services.search_reindex()
    return article


def _titles(query, **kwargs):
    return [hit.title for hit in selectors.search(query=query, **kwargs).hits]


def test_query_without_diacritics_finds_text_with_them(indexed):
    assert sorted(_titles("giam sat")) == [
        "Dự thảo Nghị quyết về giám sát đầu tư công",
        "Giám sát việc hòa giải ở cơ sở",
    ]


def test_old_and_new_tone_placement_match_each_other(indexed):
    found = set(_titles("hoa giai"))
    assert found == {
        "Giám sát việc hòa giải ở cơ sở",  # hòa
        "Điều 4. Hoà giải ở cơ sở",  # hoà
        "Kiến nghị về xây dựng khu tái định cư",  # hòa in the body
    }
    assert set(_titles("hoà")) == set(_titles("hòa")) == set(_titles("hoa"))


def test_title_matches_rank_before_body_matches(indexed):
    titles = _titles("hoa giai")
    assert titles.index("Kiến nghị về xây dựng khu tái định cư") == 2


def test_documents_not_yet_published_are_hidden(indexed):
    assert "Dự thảo chưa đến ngày công bố về giám sát" not in _titles("giam sat")
    assert SearchEntry.objects.filter(kind="draft", key="99").exists()


def test_kind_filter_and_counts(indexed):
    results = selectors.search(query="hoa giai", kind="clause")
    assert [h.title for h in results.hits] == ["Điều 4. Hoà giải ở cơ sở"]
    assert sorted(results.kinds) == sorted(
        [
            ("article", "Tin tức", 1),
            ("clause", "Điều khoản dự thảo", 1),
            ("recommendation", "Kiến nghị sau giám sát", 1),
        ]
    )


def test_snippet_marks_the_original_words(indexed):
    hit = next(h for h in selectors.search(query="cong dong").hits)
    assert ("cộng", True) in hit.snippet
    assert ("đồng", False) not in hit.snippet


def test_punctuation_and_operators_in_the_query_are_harmless(indexed):
    assert _titles('giám "sát" * (^') == _titles("giam sat")
    assert _titles("giam OR sat NEAR") == []  # operators are ordinary words here
    assert selectors.search(query="!!! ...").total == 0


def test_reindex_updates_changed_and_removes_withdrawn(indexed, officer, monkeypatch):
    assert services.search_reindex() == {"added": 0, "updated": 0, "removed": 0, "unchanged": 5}
    services.article_update(
        actor=officer,
        article=indexed,
        title="Bản tin về môi trường",
        summary="s",
        body="Nội dung mới",
        byline="x",
    )
    own = list(core_search.all_documents())
    monkeypatch.setattr(services, "all_documents", lambda: iter(own + OTHER_DOCS))
    assert services.search_reindex(kind="article")["updated"] == 1
    assert _titles("moi truong") == ["Bản tin về môi trường"]
    assert "Bản tin về môi trường" not in _titles("giam sat")
    services.article_transition(actor=officer, article=indexed, to=ArticleStatus.WITHDRAWN)
    own = list(core_search.all_documents())
    assert services.search_reindex(kind="article")["removed"] == 1
    assert _titles("moi truong") == []


def test_publishing_reindexes_through_the_listener(
    tree, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = services.article_create(
            actor=officer, unit=tree.prov_new, title="Tiếp xúc cử tri", summary="s", body="b"
        )
        services.article_transition(actor=officer, article=article, to=ArticleStatus.PUBLISHED)
    assert _titles("tiep xuc cu tri") == ["Tiếp xúc cử tri"]


def test_search_page(indexed, client):
    response = client.get(reverse("portal:search"), {"q": "giam sat"})
    html = response.content.decode()
    assert response.context["results"].total == 2
    assert "<mark>giám</mark> <mark>sát</mark>" in html or "<mark>giám</mark>" in html
    assert 'href="/du-thao/12/"' in html
    assert client.get(reverse("portal:search")).context["results"] is None


def test_phrase_matches_rank_before_scattered_words(indexed, monkeypatch):
    scattered = SearchDocument(
        kind="recommendation",
        key="9",
        title="Giải quyết kiến nghị về văn hóa",
        body="Hỗ trợ giải quyết thủ tục; bảo tồn văn hóa.",
        url="/giam-sat/kien-nghi/9/",
    )
    own = list(core_search.all_documents())
    monkeypatch.setattr(services, "all_documents", lambda: iter([*own, *OTHER_DOCS, scattered]))
    services.search_reindex()
    titles = _titles("hoa giai")
    assert titles[-1] == "Giải quyết kiến nghị về văn hóa"
    assert len(titles) == 4
