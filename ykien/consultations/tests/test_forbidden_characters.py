"""The comment API refuses text holding a character XML 1.0 does not allow or UTF-8 cannot encode
(the naughty strings of ``shared/data/security/blns.json``, a lone surrogate sent as a JSON
escape): a 400 naming the field and the character, never a 500, nothing stored."""

from __future__ import annotations

import json

import pytest

from ykien.consultations.models import Comment
from ykien.core.tests.naughty import forbidden_naughty_strings, needs_blns

from .test_api import _auth

pytestmark = pytest.mark.django_db


@needs_blns
def test_the_comment_api_refuses_forbidden_characters(client, draft, people):
    headers = _auth(people)
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    naughty = [*forbidden_naughty_strings(), "\ud800", "\udfff"]
    assert len(naughty) == 8
    for text in naughty:
        for field, label in (("reasons", "Lý do"), ("proposed_wording", "Đề xuất cách viết")):
            body = json.dumps({"stance": "reword", field: f"Đề nghị {text} sửa lại"})
            response = client.post(url, body, content_type="application/json", **headers)
            assert response.status_code == 400, (field, text)
            detail = response.json()["detail"]
            assert detail.startswith(f"forbidden_character: {label} chứa ký tự không được phép (U+")
            assert detail.endswith("; hãy xóa ký tự đó rồi gửi lại.")
    assert Comment.objects.count() == 0
    body = json.dumps({"stance": "agree", "reasons": "Đề nghị \ud800 sửa"})
    response = client.post(url, body, content_type="application/json", **headers)
    assert response.json()["detail"] == (
        "forbidden_character: Lý do chứa ký tự không được phép (U+D800, ký tự thứ 9); hãy xóa ký "
        "tự đó rồi gửi lại."
    )
