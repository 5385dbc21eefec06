from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import markup, selectors, services
from ykien.portal.models import Article, ArticleStatus
from ykien.portal.tests.conftest import published, written

pytestmark = pytest.mark.django_db


def _draft(tree, officer, title="Tin thử nghiệm"):
    return written(officer, tree.prov_new, title)


def test_create_makes_a_draft_with_an_unaccented_slug_and_tags(tree, officer):
    article = written(
        officer,
        tree.prov_new,
        "Hội nghị phản biện xã hội về Đường tỉnh 911",
        tags=["Phản biện xã hội", "phản biện xã hội", "Giao thông"],
    )
    assert article.status == ArticleStatus.DRAFT
    assert article.slug == "hoi-nghi-phan-bien-xa-hoi-ve-duong-tinh-911"
    assert sorted(t.slug for t in article.tags.all()) == ["giao-thong", "phan-bien-xa-hoi"]
    assert article.byline == "Cán Bộ Tỉnh"
    assert (
        AuditEvent.objects.filter(action="portal.article.create", object_id=str(article.pk)).count()
        == 1
    )
    second = _draft(tree, officer, title="Hội nghị phản biện xã hội về Đường tỉnh 911")
    assert second.slug == "hoi-nghi-phan-bien-xa-hoi-ve-duong-tinh-911-2"


def test_create_refuses_an_empty_title(tree, officer):
    with pytest.raises(ValidationFailed) as exc:
        services.article_create(
            actor=officer, unit=tree.prov_new, title="  ", summary="a", body="b"
        )
    assert exc.value.field == "title"


def test_scheduling_needs_a_future_time(tree, officer):
    article = _draft(tree, officer)
    with pytest.raises(ValidationFailed) as exc:
        services.article_transition(
            actor=officer,
            article=article,
            to=ArticleStatus.SCHEDULED,
            publish_at=timezone.now() - dt.timedelta(minutes=1),
        )
    assert exc.value.code == "schedule_past"


def test_scheduled_article_appears_at_its_time_and_publish_due_records_it(tree, officer, client):
    with time_machine.travel(dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC), tick=False):
        article = _draft(tree, officer, title="Tin hẹn giờ")
        services.article_transition(
            actor=officer,
            article=article,
            to=ArticleStatus.SCHEDULED,
            publish_at=dt.datetime(2026, 11, 28, 1, 0, tzinfo=dt.UTC),
        )
        assert client.get(reverse("portal:article", args=[article.slug])).status_code == 404
        assert list(selectors.articles_public()) == []
        assert services.article_publish_due(actor=SYSTEM) == 0
    with time_machine.travel(dt.datetime(2026, 11, 28, 1, 1, tzinfo=dt.UTC), tick=False):
        assert client.get(reverse("portal:article", args=[article.slug])).status_code == 200
        assert services.article_publish_due(actor=SYSTEM) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.publish_at == dt.datetime(2026, 11, 28, 1, 0, tzinfo=dt.UTC)


def test_withdrawn_article_is_gone_from_public_pages(article, officer, client):
    services.article_transition(actor=officer, article=article, to=ArticleStatus.WITHDRAWN)
    assert client.get(reverse("portal:article", args=[article.slug])).status_code == 404
    assert client.get(reverse("portal:article_list")).context["page"].paginator.count == 0


def test_permissions_matrix(tree, article):
    other = UserFactory()
    grant(other, tree.prov_b, Role.OFFICER)
    leader = UserFactory()
    grant(leader, tree.prov_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    citizen = UserFactory()
    respondent = UserFactory()
    grant(respondent, tree.agency_new, Role.RESPONDENT, valid_from=dt.date(2025, 7, 1))
    assert not citizen.has_perm("portal.manage_article", article)
    assert not other.has_perm("portal.manage_article", article)
    assert not respondent.has_perm("portal.manage_article", article)
    assert leader.has_perm("portal.manage_article", article)
    with pytest.raises(PermissionDenied):
        services.article_update(
            actor=other, article=article, title="x", summary="y", body="z", byline="b"
        )


def test_officer_of_a_merged_province_edits_its_old_articles(tree, officer):
    old = services.article_create(
        actor=SYSTEM, unit=tree.prov_a, title="Tin của tỉnh cũ", summary="a", body="b", byline="c"
    )
    assert officer.has_perm("portal.manage_article", old)


def test_body_markup_is_escaped_and_headings_anchored():
    blocks = markup.blocks("## Mục <b>một</b>\nDòng 1\nDòng 2\n\n<script>alert(1)</script>")
    assert [(b.kind, b.text, b.anchor) for b in blocks] == [
        ("h2", "Mục <b>một</b>", "muc-bmotb"),
        ("p", "Dòng 1 Dòng 2", ""),
        ("p", "<script>alert(1)</script>", ""),
    ]


def test_article_page_renders_script_in_fields_as_text(tree, officer, client):
    article = published(
        officer,
        tree.prov_new,
        "Tiêu đề <script>alert('t')</script>",
        summary="<img src=x onerror=alert(1)>",
        body="## <script>alert('h')</script>\nđoạn",
        byline="<b>Tác giả</b>",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;h&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_list_filters_by_tag_and_unit_and_paginates(tree, officer, client):
    for i in range(12):
        a = _draft(tree, officer, title=f"Tin số {i}")
        services.article_update(
            actor=officer,
            article=a,
            title=a.title,
            summary="s",
            body="b",
            byline="x",
            tags=["Giám sát"] if i % 2 else ["Môi trường"],
        )
        services.article_transition(actor=officer, article=a, to=ArticleStatus.PUBLISHED)
    page = client.get(reverse("portal:article_list")).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (12, 10)
    tagged = client.get(reverse("portal:article_list"), {"chu-de": "giam-sat"}).context["page"]
    assert tagged.paginator.count == 6
    other_unit = client.get(reverse("portal:article_list"), {"don-vi": tree.prov_b.code})
    assert other_unit.context["page"].paginator.count == 0
    second = client.get(reverse("portal:article_list"), {"trang": "2"}).context["page"]
    assert len(second.object_list) == 2


def test_feeds_list_public_articles(article, client):
    rss = client.get(reverse("portal:feed_rss"))
    atom = client.get(reverse("portal:feed_atom"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Giám sát việc hòa giải ở cơ sở" in rss.content.decode()
    assert "<category>Giám sát</category>" in rss.content.decode()
    assert article.get_absolute_url() in atom.content.decode()


def test_officer_pages_create_edit_and_publish(tree, officer, client):
    client.force_login(officer)
    response = client.post(
        reverse("portal:manage_create"),
        {
            "unit": tree.prov_new.code,
            "title": "Tin mới từ trang cán bộ",
            "byline": "Minh Thư",
            "summary": "Tóm tắt",
            "body": "## Mục\nNội dung",
            "tags": "Giám sát, Phản biện xã hội",
        },
    )
    article = Article.objects.get(title="Tin mới từ trang cán bộ")
    assert response.url == reverse("portal:manage_edit", args=[article.pk])
    assert client.get(response.url).status_code == 200
    response = client.post(
        reverse("portal:manage_transition", args=[article.pk]), {"to": "published"}
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert client.get(reverse("portal:manage_list")).status_code == 200


def test_officer_pages_refuse_citizens_and_other_units(tree, article, client):
    citizen = UserFactory()
    client.force_login(citizen)
    assert client.get(reverse("portal:manage_list")).status_code == 403
    other = UserFactory()
    grant(other, tree.prov_b, Role.OFFICER)
    client.force_login(other)
    assert client.get(reverse("portal:manage_edit", args=[article.pk])).status_code == 403
    response = client.post(
        reverse("portal:manage_transition", args=[article.pk]), {"to": "withdrawn"}
    )
    assert response.status_code == 403
