"""Every edge of the portal's lifecycles (``portal.lifecycle``: news articles, readers' feedback),
walked by every role (``core.tests.lifecycle_matrix``): anonymous, citizen, officer of another
unit, officer of this unit, leader, respondent, the system and a superuser. An allowed move
changes the state and writes the audit record and the event; a refused one raises and changes
nothing. Every move a lifecycle does not declare is refused, even to the system. The officers'
pages offer exactly what the lifecycle allows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ykien.core.errors import PermissionDenied
from ykien.core.permissions import SYSTEM
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.portal import services
from ykien.portal.lifecycle import ARTICLE, FEEDBACK
from ykien.portal.models import Article, ArticleStatus, FeedbackStatus
from ykien.portal.tests.conftest import written

pytestmark = pytest.mark.django_db
# Officers, leaders and administrators of the article's unit write, publish and moderate
# (portal.permissions); Django's policy gives a superuser every permission.
EDITORS = {"officer", "leader", "system", "superuser"}
LIFECYCLES = {"article": ARTICLE, "feedback": FEEDBACK}


@pytest.fixture
def actors(tree, officer):
    return matrix.unit_actors(
        unit=tree.prov_new, leader_unit=tree.prov_new, other_unit=tree.prov_b, officer=officer
    )


@pytest.fixture
def draft(tree):
    return written(SYSTEM, tree.prov_new, "Tin thử vòng đời", byline="Minh Thư")


@pytest.fixture
def feedback(draft):
    Article.objects.filter(pk=draft.pk).update(status=ArticleStatus.PUBLISHED)
    draft.refresh_from_db()
    return services.feedback_submit(article=draft, name="B", title="Tiêu đề", content="Nội dung")


def _set(obj, state):
    type(obj).objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()


def _take(key, action):
    if key == "article":
        future = timezone.now() + dt.timedelta(days=2)
        publish_at = future if action == ArticleStatus.SCHEDULED else None
        return lambda actor, article: services.article_transition(
            actor=actor, article=article, to=action, publish_at=publish_at
        )
    if action in ("reply", "reply_publish"):
        return lambda actor, feedback: services.feedback_reply(
            actor=actor, feedback=feedback, reply="Cảm ơn bạn đọc."
        )
    return lambda actor, feedback: services.feedback_moderate(
        actor=actor, feedback=feedback, to=action, note="Trùng"
    )


@pytest.mark.parametrize(("key", "action", "source"), matrix.edge_cases(LIFECYCLES))
def test_every_edge_for_every_role(draft, feedback, actors, key, action, source):
    lifecycle, record = LIFECYCLES[key], {"article": draft, "feedback": feedback}[key]
    matrix.walk_edge(
        lifecycle,
        matrix.set_state(lifecycle, record, source),
        action,
        actors=actors,
        permitted=EDITORS,
        people=matrix.UNIT_PEOPLE,
        take=_take(key, action),
    )


@pytest.mark.parametrize(("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES))
def test_every_move_not_declared_is_refused_even_to_the_system(draft, feedback, key, action, state):
    lifecycle, record = LIFECYCLES[key], {"article": draft, "feedback": feedback}[key]
    # An article is moved by the one service the edit page calls (refusing what the lifecycle
    # does not declare); a reader's feedback by the engine (the service picks the reply's action).
    take = _take(key, action) if key == "article" else None
    matrix.refuse_undeclared(lifecycle, matrix.set_state(lifecycle, record, state), action, take)


def test_none_is_not_an_actor(draft, feedback):
    with pytest.raises(PermissionDenied):
        services.article_transition(actor=None, article=draft, to=ArticleStatus.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.article_update(
            actor=None, article=draft, title="x", summary="y", body="z", byline="b"
        )
    with pytest.raises(PermissionDenied):
        services.feedback_moderate(actor=None, feedback=feedback, to=FeedbackStatus.REJECTED)
    Article.objects.filter(pk=draft.pk).update(
        status=ArticleStatus.SCHEDULED, publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(PermissionDenied):
        services.article_publish_due(actor=None)
    assert services.article_publish_due(actor=SYSTEM) == 1


def test_the_edit_page_offers_what_the_lifecycle_allows(draft, officer, client):
    client.force_login(officer)
    url = reverse("portal:manage_edit", args=[draft.pk])
    page = client.get(url).content.decode()
    assert '<option value="scheduled">Hẹn giờ đăng</option>' in page
    assert '<option value="published">Đăng ngay</option>' in page
    assert 'value="withdrawn"' not in page
    assert 'value="draft"' not in page
    _set(draft, ArticleStatus.PUBLISHED)
    page = client.get(url).content.decode()
    assert '<option value="withdrawn">Gỡ khỏi trang công khai</option>' in page
    assert 'value="published"' not in page


def test_the_moderation_page_offers_what_the_lifecycle_allows(feedback, officer, client):
    client.force_login(officer)
    _set(feedback, FeedbackStatus.PUBLISHED)
    page = client.get(reverse("portal:moderation")).content.decode()
    assert 'name="action" value="rejected"' in page
    assert 'name="action" value="reply"' in page
    assert 'name="action" value="published"' not in page
    _set(feedback, FeedbackStatus.REJECTED)
    page = client.get(reverse("portal:moderation")).content.decode()
    assert 'name="action" value="published"' in page
    assert 'name="action" value="rejected"' not in page
