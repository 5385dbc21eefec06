"""What anonymous visitors get: personal data typed into public texts replaced by a label on the
public pages (officers' screens keep the text as typed); a captcha before an anonymous vote or
statement, as before an anonymous comment."""

from __future__ import annotations

import datetime as dt

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Node, Statement, Vote
from ykien.consultations.tests.conftest import (
    PERSONAL,
    REDACTED,
    comment_on,
    personal_comment,
    personal_comment_and_statement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, and the clock is frozen: start each test at 0."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


TYPED = ("0912 345 678", "nguyenvana@gmail.com", "079201001234", "an.le@example.vn", "0987.654.321")


def test_public_pages_show_comments_and_statements_without_personal_data(client, draft, people):
    node, comment, statement = personal_comment_and_statement(draft, people)
    node_page = client.get(reverse("consultations:node", args=[draft.pk, node.pk])).content
    draft_page = client.get(reverse("consultations:draft", args=[draft.pk])).content
    for page in (node_page.decode(), draft_page.decode()):
        assert '<blockquote class="body">Liên hệ tôi: [email]</blockquote>' in page
        assert f'<p class="body">{REDACTED}</p>' in page
        assert f'id="gop-y-{comment.pk}"' in page
        for typed in TYPED:
            assert typed not in page
    assert "<p><strong>Hỏi thêm qua số [số điện thoại]</strong></p>" in draft_page.decode()
    comment.refresh_from_db()
    statement.refresh_from_db()
    assert (comment.reasons, comment.proposed_wording, statement.text) == (
        PERSONAL,
        "Liên hệ tôi: an.le@example.vn",
        "Hỏi thêm qua số 0987.654.321",
    )


def test_officers_screens_show_the_text_as_typed(client, draft, people):
    _node, _comment = personal_comment(draft, people)
    services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.citizen),
        text="Hỏi thêm qua số 0987.654.321",
    )
    client.force_login(people.officer)
    moderation = client.get(
        reverse("consultations:moderation", args=[draft.pk]), {"status": "visible"}
    ).content.decode()
    assert '<blockquote class="body">Liên hệ tôi: an.le@example.vn</blockquote>' in moderation
    assert f'<p class="body">{PERSONAL}</p>' in moderation
    assert "<td>Hỏi thêm qua số 0987.654.321</td>" in moderation
    points = client.get(reverse("consultations:points", args=[draft.pk])).content.decode()
    assert f'<p class="body">{PERSONAL}</p>' in points
    assert "[email]" not in moderation + points


def test_html_in_a_redacted_comment_stays_escaped(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1")
    comment_on(node, people.citizen, stance="agree", reasons="<b>0912345678</b>")
    page = client.get(reverse("consultations:node", args=[draft.pk, node.pk])).content.decode()
    assert '<p class="body">&lt;b&gt;[số điện thoại]&lt;/b&gt;</p>' in page


# ------------------------------------------------------------------ captcha for anonymous votes

ASK_VOTE = (
    "Biểu quyết của bạn chưa được ghi nhận: khi chưa đăng nhập, xin nhập mã xác nhận rồi gửi "
    "lại. Sau đó bạn biểu quyết tiếp trong 30 phút mà không phải nhập lại mã."
)
ASK_STATEMENT = (
    "Nhận định của bạn chưa được gửi: khi chưa đăng nhập, xin nhập mã xác nhận rồi gửi lại. "
    "Sau đó bạn không phải nhập lại mã trong 30 phút."
)
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC).timestamp()


def _statements(draft, people, n=1) -> list[Statement]:
    return [
        services.statement_propose(
            draft=draft,
            participant=services.Participant.of_user(people.officer),
            text=f"Nhận định {i}",
        )
        for i in range(n)
    ]


def _captcha(right: bool = True) -> dict[str, str]:
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    return {"captcha_0": key, "captcha_1": answer if right else "sai"}


def test_an_anonymous_vote_without_captcha_is_refused_and_the_captcha_shown(client, draft, people):
    [statement] = _statements(draft, people)
    url = reverse("consultations:vote", args=[draft.pk])
    response = client.post(url, {"statement": statement.pk, "value": -1})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<p class="message" role="status">{ASK_VOTE}</p>' in page
    assert "<p><strong>Nhận định 0</strong></p>" in page
    assert "<p>Biểu quyết của bạn: <strong>Không đồng ý</strong></p>" in page
    assert f'<input type="hidden" name="statement" value="{statement.pk}"' in page
    assert '<input type="hidden" name="value" value="-1">' in page
    assert 'name="captcha_1"' in page
    assert f'action="{url}"' in page
    assert Vote.objects.count() == 0
    assert "captcha_ok_until" not in client.session
    response = client.post(url, {"statement": statement.pk, "value": -1, **_captcha(right=False)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mã xác nhận không đúng, xin nhập lại." in page
    assert ASK_VOTE in page
    assert Vote.objects.count() == 0


def test_an_anonymous_vote_with_the_captcha_is_stored_and_the_session_trusted(
    client, draft, people
):
    first, second = _statements(draft, people, 2)
    url = reverse("consultations:vote", args=[draft.pk])
    response = client.post(url, {"statement": first.pk, "value": 1, **_captcha()})
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:draft", args=[draft.pk]) + "#bieu-quyet"
    vote = Vote.objects.get()
    assert (vote.statement_id, vote.value, vote.participant[:2]) == (first.pk, 1, "a:")
    assert client.session["captcha_ok_until"] == NOW + 30 * 60
    # Within 30 minutes the same session votes without a captcha again.
    response = client.post(url, {"statement": second.pk, "value": 0})
    assert response.status_code == 302
    assert sorted(Vote.objects.values_list("statement_id", "value", "participant")) == sorted(
        [(first.pk, 1, vote.participant), (second.pk, 0, vote.participant)]
    )
    # Once the 30 minutes are over, the captcha is asked again.
    session = client.session
    session["captcha_ok_until"] = NOW
    session.save()
    response = client.post(url, {"statement": second.pk, "value": 1})
    assert response.status_code == 200
    assert ASK_VOTE in response.content.decode()
    assert Vote.objects.get(statement=second).value == 0


def test_a_session_that_passed_the_comment_captcha_votes_without_another(client, draft, people):
    [statement] = _statements(draft, people)
    node = Node.objects.get(draft=draft, label="Điều 1")
    client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "agree", "reasons": "Tốt", **_captcha()},
    )
    response = client.post(
        reverse("consultations:vote", args=[draft.pk]), {"statement": statement.pk, "value": 1}
    )
    assert response.status_code == 302
    assert Vote.objects.get().value == 1


def test_a_signed_in_citizen_votes_without_a_captcha(client, draft, people):
    [statement] = _statements(draft, people)
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:vote", args=[draft.pk]),
        {"statement": statement.pk, "value": 1},
        follow=True,
    )
    assert "Đã ghi nhận biểu quyết của bạn." in response.content.decode()
    assert Vote.objects.get().participant == f"u:{people.citizen.pk}"


def test_the_vote_rate_limit_still_applies(client, draft, people, monkeypatch):
    from ykien.consultations.views import public

    monkeypatch.setattr(public, "VOTES_PER_HOUR", 1)
    first, second = _statements(draft, people, 2)
    client.force_login(people.citizen)
    url = reverse("consultations:vote", args=[draft.pk])
    client.post(url, {"statement": first.pk, "value": 1})
    response = client.post(url, {"statement": second.pk, "value": 1}, follow=True)
    assert "Bạn đã biểu quyết quá nhiều trong một giờ; xin thử lại sau." in (
        response.content.decode()
    )
    assert list(Vote.objects.values_list("statement_id", flat=True)) == [first.pk]


def test_an_anonymous_statement_needs_the_captcha(client, draft, people):
    url = reverse("consultations:statement_propose", args=[draft.pk])
    response = client.post(url, {"text": "Nên tăng mức hỗ trợ"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<p class="message" role="status">{ASK_STATEMENT}</p>' in page
    assert ">\nNên tăng mức hỗ trợ</textarea>" in page
    assert 'name="captcha_1"' in page
    assert f'action="{url}"' in page
    assert Statement.objects.count() == 0
    response = client.post(url, {"text": "Nên tăng mức hỗ trợ", **_captcha(right=False)})
    assert "Mã xác nhận không đúng, xin nhập lại." in response.content.decode()
    assert Statement.objects.count() == 0
    response = client.post(url, {"text": "Nên tăng mức hỗ trợ", **_captcha()}, follow=True)
    assert "Cảm ơn bạn! Nhận định sẽ được đưa ra biểu quyết sau khi cán bộ duyệt." in (
        response.content.decode()
    )
    statement = Statement.objects.get()
    assert (statement.text, statement.status, statement.participant[:2]) == (
        "Nên tăng mức hỗ trợ",
        "pending",
        "a:",
    )


def test_a_signed_in_citizen_proposes_a_statement_without_a_captcha(client, draft, people):
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:statement_propose", args=[draft.pk]),
        {"text": "Nên tăng mức hỗ trợ"},
    )
    assert response.status_code == 302
    assert Statement.objects.get().participant == f"u:{people.citizen.pk}"
