"""The feedback form under an article refuses text holding a character XML 1.0 does not allow
(the naughty strings of ``shared/data/security/blns.json``): the page comes back with a clear
message on the field (400), never a 500, nothing stored."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from ykien.core.tests.naughty import forbidden_naughty_strings, needs_blns
from ykien.portal.models import Feedback
from ykien.portal.tests.conftest import solved_captcha

pytestmark = pytest.mark.django_db
TYPED = {"name": "Nguyễn Văn A", "title": "Góp ý về hòa giải", "content": "Nội dung góp ý."}


@needs_blns
def test_feedback_with_a_forbidden_character_is_refused_on_its_field(article, client):
    url = reverse("portal:feedback_submit", args=[article.slug])
    for naughty in forbidden_naughty_strings():
        for field, label in (("name", "Họ và tên"), ("title", "Tiêu đề"), ("content", "Nội dung")):
            cache.clear()  # the per-address rate limit
            data = {**TYPED, field: f"{TYPED[field]} {naughty} hết", **solved_captcha()}
            response = client.post(url, data)
            assert response.status_code == 400, (field, naughty)
            html = response.content.decode()
            assert f"{label} chứa ký tự không được phép (U+" in html, (field, naughty)
    assert Feedback.objects.count() == 0
