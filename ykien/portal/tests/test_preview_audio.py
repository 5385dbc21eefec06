"""The officers' preview of an article not yet public offers no audio player: the audio is made
when the article is published and served only while it is public, so a player there would point
at a file that answers 404 (or read an older text). A public article's preview keeps its player."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ykien.portal import services
from ykien.portal.models import AudioStatus, AudioTrack
from ykien.portal.tests.conftest import published
from ykien.portal.tests.test_audio import fake_espeak  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

NOT_YET = "Bản nghe được tạo tự động khi tin bài được đăng."


@pytest.fixture
def heard(tree, officer, fake_espeak, django_capture_on_commit_callbacks):  # noqa: F811
    """A published article whose audio was made."""
    with django_capture_on_commit_callbacks(execute=True):
        article = published(officer, tree.prov_new, "Tin có bản nghe")
    assert AudioTrack.objects.get(key=article.audio_key).status == AudioStatus.READY
    return article


def test_a_public_articles_preview_keeps_its_player(client, officer, heard):
    client.force_login(officer)
    html = client.get(reverse("portal:manage_preview", args=[heard.pk])).content.decode()
    player = reverse("portal:audio", args=[heard.audio_key])
    assert f'<source src="{player}" type="audio/wav">' in html
    assert client.get(player).status_code == 200


def test_a_scheduled_articles_preview_offers_no_audio_that_would_not_play(
    client, officer, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = services.article_transition(actor=officer, article=heard, to="withdrawn")
        article = services.article_transition(actor=officer, article=article, to="draft")
        article = services.article_transition(
            actor=officer,
            article=article,
            to="scheduled",
            publish_at=timezone.now() + dt.timedelta(days=2),
        )
    player = reverse("portal:audio", args=[article.audio_key])
    assert client.get(player).status_code == 404  # not public: the file is not served
    client.force_login(officer)
    html = client.get(reverse("portal:manage_preview", args=[article.pk])).content.decode()
    assert "<audio" not in html
    assert player not in html
    assert f'<p class="muted" data-testid="audio-unavailable">{NOT_YET}</p>' in html
