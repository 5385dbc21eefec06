from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.core.errors import InvalidTransition, PermissionDenied
from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import services
from ykien.portal.models import Feedback, FeedbackStatus
from ykien.portal.tests.conftest import solved_captcha
from ykien.portal.views import FEEDBACK_LIMIT

pytestmark = pytest.mark.django_db

TYPED = {
    "name": "Nguyễn Văn A",
    "title": "Góp ý về hòa giải",
    "content": "Nội dung góp ý dài của tôi.\nDòng thứ hai.",
}


def _post(client, article, **extra):
    return client.post(reverse("portal:feedback_submit", args=[article.slug]), {**TYPED, **extra})


def test_feedback_with_the_right_captcha_is_held_for_moderation(article, client):
    response = _post(client, article, **solved_captcha())
    feedback = Feedback.objects.get()
    assert response.url == reverse("portal:feedback_follow", args=[feedback.token])
    assert (feedback.status, feedback.name, feedback.content) == (
        FeedbackStatus.PENDING,
        "Nguyễn Văn A",
        "Nội dung góp ý dài của tôi.\nDòng thứ hai.",
    )
    assert len(feedback.token) == 32
    follow = client.get(response.url)
    assert "Chờ duyệt" in follow.content.decode()
    assert follow["X-Robots-Tag"] == "noindex"
    # not public until moderated
    assert "Góp ý về hòa giải" not in client.get(article.get_absolute_url()).content.decode()


def test_wrong_captcha_gives_a_clear_message_and_keeps_the_text(article, client):
    captcha = solved_captcha()
    response = _post(client, article, captcha_0=captcha["captcha_0"], captcha_1="sai")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Mã xác nhận không đúng." in html
    assert 'value="Nguyễn Văn A"' in html
    assert 'value="Góp ý về hòa giải"' in html
    assert "Nội dung góp ý dài của tôi.\nDòng thứ hai.</textarea>" in html
    assert Feedback.objects.count() == 0


def test_script_in_any_field_is_stored_as_typed_and_shown_as_text(article, officer, client):
    script = "<script>alert('x')</script>"
    _post(client, article, name=script, title=script, content=script, **solved_captcha())
    feedback = Feedback.objects.get()
    assert feedback.title == script
    services.feedback_reply(actor=officer, feedback=feedback, reply=f"Trả lời {script}")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert('x')" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") == 4


def test_a_flood_from_one_address_is_rate_limited_without_losing_the_text(article, client):
    for _ in range(FEEDBACK_LIMIT):
        assert _post(client, article, **solved_captcha()).status_code == 302
    response = _post(client, article, **solved_captcha())
    html = response.content.decode()
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều ý kiến trong thời gian ngắn" in html
    assert "Nội dung góp ý dài của tôi." in html
    assert Feedback.objects.count() == FEEDBACK_LIMIT


def test_another_address_is_not_limited(article, client):
    for _ in range(FEEDBACK_LIMIT + 1):
        _post(client, article, **solved_captcha())
    response = client.post(
        reverse("portal:feedback_submit", args=[article.slug]),
        {**TYPED, **solved_captcha()},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302


def _feedback(article):
    return services.feedback_submit(article=article, name="B", title="Tiêu đề", content="Nội dung")


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (FeedbackStatus.PENDING, FeedbackStatus.PUBLISHED),
        (FeedbackStatus.PENDING, FeedbackStatus.REJECTED),
        (FeedbackStatus.PUBLISHED, FeedbackStatus.REJECTED),
        (FeedbackStatus.REJECTED, FeedbackStatus.PUBLISHED),
    ],
)
def test_moderation_transitions(article, officer, start, to):
    feedback = _feedback(article)
    Feedback.objects.filter(pk=feedback.pk).update(status=start)
    moved = services.feedback_moderate(actor=officer, feedback=feedback, to=to, note="Trùng lặp")
    assert (moved.status, moved.moderated_by) == (to, officer)
    assert AuditEvent.objects.filter(action=f"portal.feedback.{to}").count() == 1


def test_moderation_refuses_a_move_to_pending(article, officer):
    feedback = _feedback(article)
    with pytest.raises(InvalidTransition):
        services.feedback_moderate(actor=officer, feedback=feedback, to=FeedbackStatus.PENDING)


def test_only_the_articles_unit_moderates(tree, article):
    other = UserFactory()
    grant(other, tree.prov_b, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.feedback_moderate(actor=other, feedback=_feedback(article), to="published")


def test_reply_publishes_and_shows_under_the_article_and_on_the_readers_page(
    article, officer, client
):
    feedback = _feedback(article)
    replied = services.feedback_reply(actor=officer, feedback=feedback, reply="Đơn vị đã tiếp thu.")
    assert (replied.status, replied.reply_unit) == (FeedbackStatus.PUBLISHED, article.unit)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Đơn vị đã tiếp thu." in page
    assert "Trả lời của Ủy ban MTTQ tỉnh Vĩnh Long" in page
    follow = client.get(reverse("portal:feedback_follow", args=[feedback.token])).content.decode()
    assert "Đơn vị đã tiếp thu." in follow
    assert "Đã đăng" in follow


def test_moderation_page_and_actions(article, officer, client):
    feedback = _feedback(article)
    client.force_login(officer)
    page = client.get(reverse("portal:moderation"))
    assert list(page.context["page"].object_list) == [feedback]
    client.post(
        reverse("portal:moderate", args=[feedback.pk]), {"action": "rejected", "note": "Quảng cáo"}
    )
    feedback.refresh_from_db()
    assert (feedback.status, feedback.moderation_note) == ("rejected", "Quảng cáo")
    client.post(
        reverse("portal:moderate", args=[feedback.pk]), {"action": "reply", "reply": "Cảm ơn"}
    )
    feedback.refresh_from_db()
    assert (feedback.status, feedback.reply) == ("rejected", "Cảm ơn")


def test_moderation_queue_is_on_the_officers_worklist(article, officer):
    from ykien.core.worklist import work_items
    from ykien.portal.tests.conftest import dt

    _feedback(article)
    items = [
        i
        for i in work_items(user=officer, today=dt.date(2026, 11, 26))
        if i.url == reverse("portal:moderation")
    ]
    assert [i.title for i in items] == ["1 ý kiến bạn đọc chờ duyệt"]


def test_unknown_token_is_404(client):
    assert client.get(reverse("portal:feedback_follow", args=["khong-co"])).status_code == 404


@pytest.mark.parametrize(
    ("n", "title"),
    [(1, "1 reader comment awaiting approval"), (2, "2 reader comments awaiting approval")],
)
def test_the_moderation_count_on_the_worklist_takes_the_english_plural(article, officer, n, title):
    from django.utils import translation

    from ykien.portal.tests.conftest import dt
    from ykien.portal.worklist import provider

    for _i in range(n):
        _feedback(article)
    with translation.override("en"):
        items = list(provider(officer, dt.date(2026, 11, 26)))
    assert [i.title for i in items] == [title]
