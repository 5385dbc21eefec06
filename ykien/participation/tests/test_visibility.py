"""Visibility is asked at delivery, for each person: someone who lost the right to see a record
is told nothing about it, a record that stops being public stops every notice, the actor is not
told of their own act, and a rule that breaks tells no one."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ykien.core import follow
from ykien.core.events import Event
from ykien.core.tests.factories import UserFactory
from ykien.participation import delivery
from ykien.participation.models import Follow, Notification
from ykien.participation.text import told

pytestmark = pytest.mark.django_db

KIND = "tests.case"
EVENT = "tests.case.decide"
STATE = {"public": False, "allowed": set(), "broken": False}


def _visible(user, obj) -> bool:
    if STATE["broken"]:
        raise RuntimeError("a rule that breaks")
    return STATE["public"] or (user is not None and user.pk in STATE["allowed"])


@pytest.fixture(autouse=True)
def _registered(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    item = follow.Followable(
        kind=KIND,
        label="hồ sơ",
        get=lambda object_id: SimpleNamespace(pk=object_id) if object_id == "7" else None,
        title=lambda obj: "Hồ sơ số 7",
        url=lambda obj: "/ho-so/7/",
        visible=_visible,
    )
    notice = follow.Notice(
        EVENT, "“%(title)s” đã có quyết định.", subject=lambda e: (KIND, e.object_id)
    )
    follow.register([item], [notice])
    STATE.update(public=False, allowed=set(), broken=False)
    yield
    follow._followables.pop(KIND)
    follow._notices.pop(EVENT)


def _event(actor=None) -> Event:
    return Event(EVENT, KIND, "7", getattr(actor, "pk", None), None, "a", "b")


def _follower(name: str):
    user = UserFactory(username=name, email=f"{name}@example.vn")
    Follow.objects.create(user=user, kind=KIND, object_id="7", confirmed_at="2026-11-26T00:00Z")
    return user


def test_only_those_who_may_see_it_now_are_told():
    kept, lost = _follower("con.quyen"), _follower("mat.quyen")
    STATE["allowed"] = {kept.pk, lost.pk}
    assert delivery.deliver(_event()) == 2
    STATE["allowed"] = {kept.pk}  # the second lost the role that let them see it
    Notification.objects.all().delete()
    assert delivery.deliver(_event()) == 1
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["con.quyen"]


def test_a_record_that_stopped_being_public_reaches_no_follower():
    a, b = _follower("a"), _follower("b")
    STATE["public"] = True
    assert delivery.deliver(_event()) == 2
    STATE["public"] = False
    assert delivery.deliver(_event()) == 0
    # What they were told before is no longer named to them either.
    n = Notification.objects.filter(user=a).first()
    said = told(n.event, (n.kind, n.object_id), user=a)
    assert said.url == ""
    assert "Hồ sơ số 7" not in said.text
    assert b.notifications.count() == 1


def test_the_actor_is_not_told_and_a_broken_rule_tells_no_one():
    actor, other = _follower("nguoi.lam"), _follower("nguoi.khac")
    STATE["public"] = True
    assert delivery.deliver(_event(actor)) == 1
    assert Notification.objects.get().user == other
    STATE["broken"] = True
    assert delivery.deliver(_event()) == 0


def test_an_unconfirmed_address_and_an_unknown_record_are_told_nothing(mailoutbox):
    STATE["public"] = True
    Follow.objects.create(email="chua.xac.nhan@example.vn", kind=KIND, object_id="7")
    assert delivery.deliver(_event()) == 0
    assert mailoutbox == []
    _follower("theo.doi")
    gone = Event(EVENT, KIND, "8", None, None, "a", "b")
    assert delivery.deliver(gone) == 0
    assert delivery.deliver(_event()) == 1


def test_the_demo_history_is_nobodys_news():
    from ykien.core.demo import loading

    STATE["public"] = True
    _follower("khach")
    with loading():
        delivery.on_event(_event())
    assert Notification.objects.count() == 0
    delivery.on_event(_event())  # the test settings run tasks at once
    assert Notification.objects.count() == 1
