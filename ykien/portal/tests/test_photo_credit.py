"""A photo's credit on the article page: "Photo:" in English (not "Images:", the heading of the
editor's photo list), a name as typed, the standard credit of the demo's drawn pictures
("Minh họa") translated; the Vietnamese page unchanged."""

from __future__ import annotations

import io

import pytest
from django.conf import settings

from ykien.portal import services

from .test_photos import _jpeg_with_exif

pytestmark = pytest.mark.django_db


def _add(article, officer, credit):
    data = _jpeg_with_exif((800, 600))
    services.photo_add(actor=officer, article=article, upload=io.BytesIO(data), size=len(data),
                       alt="Đoàn giám sát", caption="Đoàn giám sát tại xã", credit=credit)  # fmt: skip


def test_credits_read_in_the_reader_language(article, officer, client):
    _add(article, officer, "Minh họa")
    _add(article, officer, "Minh Thư")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="credit">(Ảnh: Minh họa)</span>' in html
    assert '<span class="credit">(Ảnh: Minh Thư)</span>' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="credit">(Photo: Illustration)</span>' in html
    assert '<span class="credit">(Photo: Minh Thư)</span>' in html
    assert "Images:" not in html
