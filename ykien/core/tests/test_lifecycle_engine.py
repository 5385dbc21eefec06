"""The lifecycle engine (core.lifecycle) and the event stream (core.events), exercised on a real
entity with a small declared lifecycle (news articles: draft → published → withdrawn)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from ykien.core import events
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.lifecycle import Edge, Lifecycle, transition
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.portal.models import Article, ArticleStatus

S = ArticleStatus
history: list[tuple[str, str, str]] = []

ARTICLE = Lifecycle(
    name="portal.article",
    model=Article,
    states=S,
    edges=(
        Edge("publish", {S.DRAFT, S.WITHDRAWN}, S.PUBLISHED, "portal.manage_article", "Đăng"),
        Edge("withdraw", {S.PUBLISHED}, S.WITHDRAWN, "portal.manage_article", "Gỡ"),
        Edge("touch", {S.PUBLISHED}, None, "portal.manage_article"),
    ),
    history=lambda step: history.append((step.edge.action, step.before, step.after)),
)


@pytest.fixture
def world(db):
    history.clear()
    unit = make_unit("Ủy ban MTTQ tỉnh Vĩnh Long", code="VL")
    other = make_unit("Ủy ban MTTQ tỉnh Cà Mau", code="CM")
    editor = UserFactory(username="editor")
    grant(editor, unit, Role.OFFICER)
    stranger = UserFactory(username="stranger")
    grant(stranger, other, Role.OFFICER)
    citizen = UserFactory(username="citizen")
    article = Article.objects.create(
        unit=unit, byline="Ban Tuyên giáo", title="Tin", slug="tin", summary="Tóm tắt", body="Bài"
    )
    return {
        "article": article,
        "editor": editor,
        "stranger": stranger,
        "citizen": citizen,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def received():
    got: list[events.Event] = []
    events.subscribe("portal.article.*", got.append)
    yield got
    events.unsubscribe("portal.article.*", got.append)


def test_transition_moves_writes_history_audit_and_publishes_on_commit(
    world, received, django_capture_on_commit_callbacks
):
    article, editor = world["article"], world["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        transition(ARTICLE, actor=editor, obj=article, action="publish", reason="đủ nội dung")
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert history == [("publish", "draft", "published")]
    audit = AuditEvent.objects.get(action="portal.article.publish")
    assert audit.actor == editor
    assert audit.before["status"] == "draft"
    assert audit.after["status"] == "published"
    assert set(audit.after) <= {"status", "updated_at"}
    assert audit.reason == "đủ nội dung"
    assert [(e.name, e.before, e.after, e.actor_id) for e in received] == [
        ("portal.article.publish", "draft", "published", editor.pk)
    ]
    assert received[0].object_type == "portal.article"
    assert received[0].object_id == str(article.pk)
    assert received[0].unit_id == article.unit_id


def test_edge_without_target_keeps_the_state_and_applies_the_change(world, received):
    article = world["article"]
    transition(ARTICLE, actor=SYSTEM, obj=article, action="publish")
    transition(
        ARTICLE,
        actor=world["editor"],
        obj=article,
        action="touch",
        apply=lambda a: setattr(a, "summary", "Mới"),
    )
    article.refresh_from_db()
    assert (article.status, article.summary) == (S.PUBLISHED, "Mới")
    assert history[-1] == ("touch", "published", "published")


@pytest.mark.parametrize("who", ["anonymous", "citizen", "stranger"])
def test_transition_refused_without_permission_changes_nothing(world, received, who):
    article = world["article"]
    with pytest.raises(PermissionDenied):
        transition(ARTICLE, actor=world[who], obj=article, action="publish")
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert history == []
    assert not AuditEvent.objects.filter(action__startswith="portal.article.").exists()


def test_none_is_never_an_actor(world):
    with pytest.raises(PermissionDenied):
        transition(ARTICLE, actor=None, obj=world["article"], action="publish")


def test_edge_not_allowed_from_state_is_refused_with_labels(world, received):
    article = world["article"]
    with translation.override("vi"), pytest.raises(InvalidTransition) as refused:
        transition(ARTICLE, actor=world["editor"], obj=article, action="withdraw")
    assert str(refused.value.message) == (
        "Không thể thực hiện “Gỡ” khi đang ở trạng thái “Bản nháp”."
    )
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert not AuditEvent.objects.filter(action__startswith="portal.article.").exists()


def test_unknown_action_is_refused(world):
    with pytest.raises(InvalidTransition) as refused:
        transition(ARTICLE, actor=SYSTEM, obj=world["article"], action="explode")
    assert refused.value.code == "unknown_action"


def test_apply_refusing_rolls_everything_back(world, received, django_capture_on_commit_callbacks):
    article = world["article"]

    def refuse(_locked):
        raise ValidationFailed("Thiếu ảnh.", field="photo")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
        transition(ARTICLE, actor=world["editor"], obj=article, action="publish", apply=refuse)
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert history == []
    assert received == []
    assert not AuditEvent.objects.filter(action__startswith="portal.article.").exists()


def test_system_actor_is_audited_as_no_person(world):
    transition(ARTICLE, actor=SYSTEM, obj=world["article"], action="publish")
    assert AuditEvent.objects.get(action="portal.article.publish").actor is None


def test_actions_lists_what_the_actor_may_do_now(world):
    article = world["article"]
    assert [e.action for e in ARTICLE.actions(world["editor"], article)] == ["publish"]
    assert ARTICLE.actions(world["stranger"], article) == []
    assert ARTICLE.actions(world["anonymous"], article) == []
    transition(ARTICLE, actor=SYSTEM, obj=article, action="publish")
    assert [e.action for e in ARTICLE.actions(world["editor"], article)] == ["withdraw", "touch"]
    assert ARTICLE.can(world["editor"], article, "withdraw")
    assert not ARTICLE.can(world["editor"], article, "publish")
    assert not ARTICLE.can(world["editor"], article, "explode")


def test_declaration_is_checked():
    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle(
            name="x.y",
            model=Article,
            states=S,
            edges=(Edge("go", {"nowhere"}, S.DRAFT, "p"),),
        )
    with pytest.raises(ValueError, match="declared twice"):
        Lifecycle(
            name="x.y",
            model=Article,
            states=S,
            edges=(
                Edge("go", {S.DRAFT}, S.PUBLISHED, "p"),
                Edge("go", {S.PUBLISHED}, S.DRAFT, "p"),
            ),
        )


def _event(name: str, object_id: str, before: str, after: str) -> events.Event:
    """The event of the move ``name`` (``<app>.<entity>.<action>``) of a record, by no one."""
    object_type = name.rsplit(".", 1)[0]
    return events.Event(name, object_type, object_id, None, None, before, after)


def test_events_reach_exact_and_wildcard_subscribers_and_survive_a_broken_one(
    db,
    django_capture_on_commit_callbacks,
):
    got: list[str] = []

    def broken(event):
        raise RuntimeError("boom")

    def exact(event):
        got.append("exact:" + event.name)

    def anything(event):
        got.append("any:" + event.name)

    events.subscribe("petitions.petition.accept", broken)
    events.subscribe("petitions.petition.accept", exact)
    events.subscribe("*", anything)
    try:
        event = _event("petitions.petition.accept", "1", "received", "accepted")
        with django_capture_on_commit_callbacks(execute=True):
            events.publish(event)
        assert got == ["exact:petitions.petition.accept", "any:petitions.petition.accept"]
        other = _event("oversight.recommendation.issue", "2", "draft", "issued")
        got.clear()
        with django_capture_on_commit_callbacks(execute=True):
            events.publish(other)
        assert got == ["any:oversight.recommendation.issue"]
    finally:
        events.unsubscribe("petitions.petition.accept", broken)
        events.unsubscribe("petitions.petition.accept", exact)
        events.unsubscribe("*", anything)
