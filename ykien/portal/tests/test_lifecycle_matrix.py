"""Every edge of the portal's lifecycles (``portal.lifecycle``: news articles, readers' feedback),
walked by every role: anonymous, citizen, officer of another unit, officer of this unit, leader,
respondent, the system and a superuser. An allowed move changes the state and writes the audit
record and the event; a refused one raises and changes nothing. Every move a lifecycle does not
declare is refused, even to the system. The officers' pages offer exactly what the lifecycle
allows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ykien.core import events
from ykien.core.errors import InvalidTransition, PermissionDenied
from ykien.core.lifecycle import Lifecycle, transition
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import services
from ykien.portal.lifecycle import ARTICLE, FEEDBACK
from ykien.portal.models import Article, ArticleStatus, FeedbackStatus

pytestmark = pytest.mark.django_db
ROLES = (
    "anonymous",
    "citizen",
    "officer_other",
    "officer",
    "leader",
    "respondent",
    "system",
    "superuser",
)
# Officers, leaders and administrators of the article's unit write, publish and moderate
# (portal.permissions); Django's policy gives a superuser every permission.
EDITORS = {"officer", "leader", "system", "superuser"}


@pytest.fixture
def actors(tree, officer):
    since = dt.date(2025, 7, 1)

    def person(name, unit=None, role=None, **extra):
        user = UserFactory(username=name, **extra)
        if role is not None:
            grant(user, unit, role, valid_from=since)
        return user

    return {
        "anonymous": AnonymousUser(),
        "citizen": person("dan"),
        "officer_other": person("canbo.khac", tree.prov_b, Role.OFFICER),
        "officer": officer,  # at the article's unit, the province
        "leader": person("lanhdao.tinh", tree.prov_new, Role.LEADER),
        "respondent": person("traloi", tree.prov_new, Role.RESPONDENT),
        "system": SYSTEM,
        "superuser": person("quantri", is_superuser=True),
    }


@pytest.fixture
def draft(tree):
    return services.article_create(
        actor=SYSTEM,
        unit=tree.prov_new,
        title="Tin thử vòng đời",
        summary="Tóm tắt.",
        body="Nội dung.",
        byline="Minh Thư",
    )


@pytest.fixture
def feedback(draft):
    Article.objects.filter(pk=draft.pk).update(status=ArticleStatus.PUBLISHED)
    draft.refresh_from_db()
    return services.feedback_submit(article=draft, name="B", title="Tiêu đề", content="Nội dung")


@pytest.fixture
def received():
    got: list[events.Event] = []
    for pattern in ("portal.article.*", "portal.feedback.*"):
        events.subscribe(pattern, got.append)
    yield got
    for pattern in ("portal.article.*", "portal.feedback.*"):
        events.unsubscribe(pattern, got.append)


def _set(obj, state):
    type(obj).objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()


def _move_article(actor, article, action):
    future = timezone.now() + dt.timedelta(days=2)
    publish_at = future if action == ArticleStatus.SCHEDULED else None
    return services.article_transition(
        actor=actor, article=article, to=action, publish_at=publish_at
    )


def _move_feedback(actor, feedback, action):
    if action in ("reply", "reply_publish"):
        return services.feedback_reply(actor=actor, feedback=feedback, reply="Cảm ơn bạn đọc.")
    return services.feedback_moderate(actor=actor, feedback=feedback, to=action, note="Trùng")


def _walk(lifecycle: Lifecycle, obj, move, actor, role, action, source, received, capture):
    _set(obj, source)
    received.clear()
    event = lifecycle.event_name(action)
    if role not in EDITORS:
        with pytest.raises(PermissionDenied):
            move(actor, obj, action)
        obj.refresh_from_db()
        assert obj.status == source
        assert not AuditEvent.objects.filter(action=event).exists()
        return
    with capture(execute=True):
        moved = move(actor, obj, action)
    target = lifecycle.edge(action).target or source
    assert moved.status == target
    audit = AuditEvent.objects.get(action=event)
    person = None if actor is SYSTEM else actor
    assert (audit.actor, audit.object_id, audit.unit) == (person, str(obj.pk), obj.unit)
    if target != source:
        assert (audit.before["status"], audit.after["status"]) == (source, target)
    assert [(e.name, e.before, e.after) for e in received] == [(event, source, target)]


ARTICLE_EDGES = [(e.action, s) for e in ARTICLE.edges for s in sorted(e.sources)]
FEEDBACK_EDGES = [(e.action, s) for e in FEEDBACK.edges for s in sorted(e.sources)]


def _every_role(walk) -> None:
    for role in ROLES:  # each role from the same starting point (a savepoint rolled back)
        savepoint = transaction.savepoint()
        try:
            walk(role)
        except AssertionError as failed:
            raise AssertionError(f"{role}: {failed}") from failed
        finally:
            transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize(("action", "source"), ARTICLE_EDGES)
def test_every_article_edge_for_every_role(
    draft, actors, received, django_capture_on_commit_callbacks, action, source
):
    _every_role(
        lambda role: _walk(
            ARTICLE,
            draft,
            _move_article,
            actors[role],
            role,
            action,
            source,
            received,
            django_capture_on_commit_callbacks,
        )
    )


@pytest.mark.parametrize(("action", "source"), FEEDBACK_EDGES)
def test_every_feedback_edge_for_every_role(
    feedback, actors, received, django_capture_on_commit_callbacks, action, source
):
    _every_role(
        lambda role: _walk(
            FEEDBACK,
            feedback,
            _move_feedback,
            actors[role],
            role,
            action,
            source,
            received,
            django_capture_on_commit_callbacks,
        )
    )


@pytest.mark.parametrize(
    ("lifecycle", "action", "state"),
    [
        (lc.name, edge.action, state)
        for lc in (ARTICLE, FEEDBACK)
        for edge in lc.edges
        for state in lc.states.values
        if state not in edge.sources
    ],
)
def test_every_move_not_declared_is_refused_even_to_the_system(
    draft, feedback, lifecycle, action, state
):
    lc, obj = (ARTICLE, draft) if lifecycle == ARTICLE.name else (FEEDBACK, feedback)
    _set(obj, state)
    with pytest.raises(InvalidTransition):
        transition(lc, actor=SYSTEM, obj=obj, action=action)
    obj.refresh_from_db()
    assert obj.status == state
    assert not AuditEvent.objects.filter(action=lc.event_name(action)).exists()


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
    page = client.get(reverse("portal:moderation"), {"trang-thai": "tat-ca"}).content.decode()
    assert 'name="action" value="rejected"' in page
    assert 'name="action" value="reply"' in page
    assert 'name="action" value="published"' not in page
    _set(feedback, FeedbackStatus.REJECTED)
    page = client.get(reverse("portal:moderation"), {"trang-thai": "tat-ca"}).content.decode()
    assert 'name="action" value="published"' in page
    assert 'name="action" value="rejected"' not in page
