"""Fixtures of the portal's tests: media in a temporary folder, a clean cache (rate limits,
flush schedule), no speech synthesis unless a test asks for it, an officer and an article."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from captcha.models import CaptchaStore

from ykien.core import audio as tts
from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import services
from ykien.portal.models import Article, ArticleStatus

BODY = """## Kết quả giám sát
Đoàn giám sát đã làm việc với Ủy ban nhân dân xã về hòa giải ở cơ sở.

Đoạn thứ hai của bài viết.

## Kiến nghị
Đề nghị khắc phục trước ngày 31/12/2026."""


@pytest.fixture(autouse=True)
def _portal_env(settings, tmp_path, monkeypatch):
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    monkeypatch.setattr(tts, "espeak_path", lambda: None)
    yield
    cache.clear()


@pytest.fixture
def officer(tree):
    user = UserFactory(username="canbo", full_name="Cán Bộ Tỉnh")
    grant(user, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


def written(actor, unit, title: str = "Tin thử nghiệm", **fields: Any) -> Article:
    """An article ``actor`` writes for ``unit``, still a draft: a short summary and body unless
    ``fields`` say otherwise."""
    return services.article_create(
        **{"actor": actor, "unit": unit, "title": title, "summary": "Tóm tắt.", "body": "Nội dung."}
        | fields
    )


def published(actor, unit, title: str = "Tin thử nghiệm", **fields: Any) -> Article:
    """An article ``actor`` writes for ``unit`` and publishes at once."""
    created = written(actor, unit, title, **fields)
    return services.article_transition(actor=actor, article=created, to=ArticleStatus.PUBLISHED)


@pytest.fixture
def article(tree, officer, django_capture_on_commit_callbacks):
    """A published article; the on-commit work (search index, audio request) has run."""
    with django_capture_on_commit_callbacks(execute=True):
        return published(
            officer,
            tree.prov_new,
            "Giám sát việc hòa giải ở cơ sở",
            summary="Đoàn giám sát của Mặt trận tỉnh làm việc tại xã.",
            body=BODY,
            byline="Minh Thư",
            tags=["Giám sát", "Hòa giải"],
        )


def solved_captcha() -> dict[str, str]:
    """A captcha answered the way a reader would: the text shown in the picture."""
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
