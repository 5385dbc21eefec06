"""Every captcha in the project speaks Vietnamese: core.forms.CaptchaField, not the library's
("Invalid CAPTCHA")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django import forms
from django.utils import translation

from ykien.core.forms import CaptchaField

pytestmark = pytest.mark.django_db

WRONG = "Mã xác nhận không đúng, xin nhập lại."
MISSING = "Xin nhập mã xác nhận."


def _comment_form(data: dict) -> forms.Form:
    from ykien.consultations.forms import CommentForm

    return CommentForm(data, anonymous=True)


def _oversight_feedback(data: dict) -> forms.Form:
    from ykien.oversight.forms import FeedbackForm

    return FeedbackForm(data)


def _petition(data: dict) -> forms.Form:
    from ykien.petitions.forms import PublicPetitionForm

    return PublicPetitionForm(data)


@pytest.mark.parametrize("make", [_comment_form, _oversight_feedback, _petition])
def test_a_wrong_or_missing_code_is_refused_in_vietnamese(make):
    with translation.override("vi"):
        wrong = make({"captcha_0": "khong-co", "captcha_1": "sai"})
        assert not wrong.is_valid()
        assert wrong.errors["captcha"] == [WRONG]
        missing = make({"captcha_0": "khong-co", "captcha_1": ""})
        assert not missing.is_valid()
        assert missing.errors["captcha"] == [MISSING]
        assert isinstance(wrong.fields["captcha"], CaptchaField)


def test_the_portal_form_keeps_its_own_wording():
    from ykien.portal.forms import FeedbackForm

    with translation.override("vi"):
        form = FeedbackForm({"captcha_0": "khong-co", "captcha_1": "sai"})
        assert not form.is_valid()
        assert form.errors["captcha"] == [
            "Mã xác nhận không đúng. Nội dung bạn viết vẫn được giữ nguyên; "
            "xin nhập mã trong hình mới."
        ]
        assert isinstance(form.fields["captcha"], CaptchaField)


def test_no_form_uses_the_library_field_directly():
    package = Path(__file__).resolve().parents[2]  # ykien/
    users = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"\bcaptcha\.fields\b", path.read_text(encoding="utf-8"))
    )
    assert users == ["core/forms.py"]


@pytest.mark.parametrize("make", [_comment_form, _oversight_feedback, _petition])
def test_the_captcha_image_has_a_vietnamese_alt(make):
    with translation.override("vi"):
        html = str(make(None)["captcha"])
    assert '<img src="/captcha/image/' in html
    assert 'alt="Mã xác nhận dạng ảnh" class="captcha"' in html
    assert 'alt="captcha"' not in html
    # The inputs keep the library's names (the hidden key and the answer).
    assert 'name="captcha_0"' in html
    assert 'name="captcha_1"' in html


# make_draft's draft is open for comment from 26/11 to 10/12/2026: the day of its fixtures.
@time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_captcha_alt_is_on_the_public_comment_page(client, tree):
    from ykien.consultations.tests.conftest import make_draft
    from ykien.core.models import Role
    from ykien.core.tests.factories import UserFactory, grant

    officer = UserFactory(username="officer-captcha")
    grant(officer, tree.prov_new, Role.OFFICER)
    draft = make_draft(tree, officer)
    page = client.get(f"/du-thao/{draft.pk}/y-kien-chung/").content.decode()
    assert 'alt="Mã xác nhận dạng ảnh"' in page
    assert 'alt="captcha"' not in page
