"""A reader's own feedback under the news (``portal.mine``): linked when sent signed in, listed on
"my page" with its status and whether the unit answered, exported for its sender only, and
unlinked and unnamed when the account is deleted — the feedback itself, and every count, stay."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from ykien.core import mine as contract
from ykien.core.mine import MyItem, Section
from ykien.core.models import AuditEvent
from ykien.core.tests.factories import UserFactory
from ykien.portal import mine, selectors, services
from ykien.portal.models import Feedback, FeedbackStatus
from ykien.portal.tests.conftest import solved_captcha

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TYPED = {"name": "Lê Thị Cúc", "title": "Cần thêm lớp hòa giải", "content": "Đề nghị mở lớp."}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def citizen():
    return UserFactory(username="cuc", full_name="Lê Thị Cúc")


def _send(article, author, **fields):
    return services.feedback_submit(article=article, author=author, **(TYPED | fields))


@pytest.fixture
def sent(article, officer, citizen, _today):
    """The citizen's feedback — one answered (and so published) the next day, one rejected with
    a reason, one pending —, another reader's, and one the citizen sent without signing in."""
    answered = _send(article, citizen)
    rejected = _send(article, citizen, title="Ý kiến thứ hai", content="Nội dung   thứ\nhai.")
    _today.shift(dt.timedelta(days=1))
    services.feedback_reply(actor=officer, feedback=answered, reply="Tháng 4 sẽ mở lớp.")
    services.feedback_moderate(
        actor=officer, feedback=rejected, to=FeedbackStatus.REJECTED, note="Trùng ý kiến đã đăng."
    )
    pending = _send(article, citizen, title="Ý kiến thứ ba", content="Chưa duyệt.")
    other = _send(
        article, UserFactory(username="khac"), name="Trần Văn Hòa", title="Của người khác"
    )
    unsigned = _send(article, None, title="Gửi không đăng nhập")
    for feedback in (answered, rejected, pending, other, unsigned):
        feedback.refresh_from_db()
    return answered, rejected, pending, other, unsigned


# ---------------------------------------------------------------------------- the link itself


def test_feedback_sent_signed_in_is_linked_and_a_visitors_is_not(article, client, citizen):
    url = reverse("portal:feedback_submit", args=[article.slug])
    assert client.post(url, TYPED | solved_captcha()).status_code == 302
    client.force_login(citizen)
    assert client.post(url, TYPED | solved_captcha()).status_code == 302
    assert list(Feedback.objects.order_by("id").values_list("author", flat=True)) == [
        None,
        citizen.pk,
    ]
    # The submission's audit record names no one and copies nothing of the sender.
    events = AuditEvent.objects.filter(action="portal.feedback.submit")
    assert [(e.actor, e.before, e.after) for e in events] == [(None, None, None)] * 2


def test_the_account_never_reaches_the_audit_log_of_a_move(sent, officer):
    _answered, rejected, *_rest = sent
    services.feedback_moderate(actor=officer, feedback=rejected, to=FeedbackStatus.PUBLISHED)
    moves = AuditEvent.objects.filter(
        action__in=[
            "portal.feedback.published",
            "portal.feedback.reply_publish",
            "portal.feedback.rejected",
        ]
    )
    assert moves.count() == 3
    for event in moves:
        assert "author" not in (event.before or {})
        assert "author" not in (event.after or {})


def test_service_ignores_an_anonymous_user_as_author(article):
    from django.contrib.auth.models import AnonymousUser

    assert _send(article, AnonymousUser()).author is None


# ------------------------------------------------------------------------------------- items


def test_items_list_the_persons_feedback_with_status_and_fate(sent, citizen, article):
    answered, rejected, pending, _other, _unsigned = sent
    title = "Giám sát việc hòa giải ở cơ sở"
    assert mine.items(citizen) == [
        MyItem(
            section=Section.FEEDBACK,
            kind="Ý kiến bạn đọc",
            title=title,
            url=f"/tin-tuc/y-kien/{pending.token}/",
            date=T0 + dt.timedelta(days=1),
            status="Chờ duyệt",
            fate="Đơn vị chưa trả lời.",
            detail="Ý kiến thứ ba: Chưa duyệt.",
        ),
        MyItem(
            section=Section.FEEDBACK,
            kind="Ý kiến bạn đọc",
            title=title,
            url=f"/tin-tuc/y-kien/{rejected.token}/",
            date=T0,
            status="Không đăng",
            fate="Lý do không đăng: Trùng ý kiến đã đăng.",
            detail="Ý kiến thứ hai: Nội dung thứ hai.",
        ),
        MyItem(
            section=Section.FEEDBACK,
            kind="Ý kiến bạn đọc",
            title=title,
            url=f"/tin-tuc/y-kien/{answered.token}/",
            date=T0,
            status="Đã đăng",
            fate="Ủy ban MTTQ tỉnh Vĩnh Long đã trả lời ngày 03/03/2026.",
            detail="Cần thêm lớp hòa giải: Đề nghị mở lớp.",
        ),
    ]
    assert [i.url for i in contract.items_for(citizen)["portal"]][::-1] == [
        f"/tin-tuc/y-kien/{f.token}/" for f in (answered, rejected, pending)
    ]


def test_no_one_else_sees_the_persons_feedback(sent):
    stranger = UserFactory(username="nguoila")
    assert mine.items(stranger) == []
    assert mine.export(stranger) == {"feedback": []}


def test_my_page_shows_the_feedback_section_with_labels_not_codes(client, sent, citizen):
    answered, *_rest = sent
    client.force_login(citizen)
    html = client.get(reverse("core:mine")).content.decode()
    section = html.split('id="muc-feedback"', 1)[1].split("</section>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    for shown in ("Ý kiến bạn đọc", "Giám sát việc hòa giải ở cơ sở", "Chờ duyệt", "Không đăng"):
        assert shown in text, shown
    assert "Ủy ban MTTQ tỉnh Vĩnh Long đã trả lời ngày 03/03/2026." in text
    assert f'href="/tin-tuc/y-kien/{answered.token}/"' in section
    for code in ("pending", "published", "rejected"):
        assert not re.search(rf"\b{code}\b", text), code
    assert "Của người khác" not in html
    assert "Gửi không đăng nhập" not in html


def test_the_feedback_section_is_shown_empty(client):
    client.force_login(UserFactory(username="moi"))
    html = client.get(reverse("core:mine")).content.decode()
    section = html.split('id="muc-feedback"', 1)[1].split("</section>", 1)[0]
    assert "Chưa có." in section


# ------------------------------------------------------------------------------------ export


def test_export_holds_the_texts_name_status_and_reply(sent, citizen, article):
    answered, rejected, pending, _other, _unsigned = sent
    common = {
        "article": "Giám sát việc hòa giải ở cơ sở",
        "article_url": article.get_absolute_url(),
        "name": "Lê Thị Cúc",
    }
    day2 = "2026-03-03T09:00:00+00:00"
    assert mine.export(citizen) == {
        "feedback": [
            common
            | {
                "url": f"/tin-tuc/y-kien/{pending.token}/",
                "title": "Ý kiến thứ ba",
                "content": "Chưa duyệt.",
                "status": {"code": "pending", "label": "Chờ duyệt"},
                "moderation_note": "",
                "reply": "",
                "reply_unit": "",
                "created_at": day2,
                "moderated_at": None,
                "replied_at": None,
                "what_became_of_it": "Đơn vị chưa trả lời.",
            },
            common
            | {
                "url": f"/tin-tuc/y-kien/{rejected.token}/",
                "title": "Ý kiến thứ hai",
                "content": "Nội dung   thứ\nhai.",
                "status": {"code": "rejected", "label": "Không đăng"},
                "moderation_note": "Trùng ý kiến đã đăng.",
                "reply": "",
                "reply_unit": "",
                "created_at": "2026-03-02T09:00:00+00:00",
                "moderated_at": day2,
                "replied_at": None,
                "what_became_of_it": "Lý do không đăng: Trùng ý kiến đã đăng.",
            },
            common
            | {
                "url": f"/tin-tuc/y-kien/{answered.token}/",
                "title": "Cần thêm lớp hòa giải",
                "content": "Đề nghị mở lớp.",
                "status": {"code": "published", "label": "Đã đăng"},
                "moderation_note": "",
                "reply": "Tháng 4 sẽ mở lớp.",
                "reply_unit": "Ủy ban MTTQ tỉnh Vĩnh Long",
                "created_at": "2026-03-02T09:00:00+00:00",
                "moderated_at": day2,
                "replied_at": day2,
                "what_became_of_it": "Ủy ban MTTQ tỉnh Vĩnh Long đã trả lời ngày 03/03/2026.",
            },
        ]
    }


def test_download_my_data_includes_the_feedback(client, sent, citizen):
    client.force_login(citizen)
    data = client.get(reverse("core:mine_data")).json()
    titles = [f["title"] for f in data["contributions"]["portal"]["feedback"]]
    assert titles == ["Ý kiến thứ ba", "Ý kiến thứ hai", "Cần thêm lớp hòa giải"]


# ------------------------------------------------------------------------------------- erase


def test_erase_unlinks_and_unnames_the_feedback_and_keeps_it_and_every_count(
    client, sent, citizen, article
):
    answered, rejected, pending, other, unsigned = sent
    figures = selectors.feedback_figures()
    assert mine.erase(citizen) == 3
    for feedback in (answered, rejected, pending):
        before = (feedback.title, feedback.content, feedback.status, feedback.reply)
        feedback.refresh_from_db()
        assert (feedback.author, feedback.name) == (None, "")
        assert (feedback.title, feedback.content, feedback.status, feedback.reply) == before
    other.refresh_from_db()
    unsigned.refresh_from_db()
    assert (other.author.username, other.name) == ("khac", "Trần Văn Hòa")
    assert (unsigned.author, unsigned.name) == (None, "Lê Thị Cúc")
    assert selectors.feedback_figures() == figures
    assert Feedback.objects.count() == 5
    assert mine.items(citizen) == []
    assert mine.export(citizen) == {"feedback": []}
    assert mine.erase(citizen) == 0
    # Still published with its reply, signed "a reader".
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Cần thêm lớp hòa giải" in html
    assert "Tháng 4 sẽ mở lớp." in html
    published = html.split(f'id="fb{answered.pk}"', 1)[1].split("</article>", 1)[0]
    assert '<p class="news-meta">Bạn đọc · <time' in published
    follow = client.get(reverse("portal:feedback_follow", args=[answered.token])).content.decode()
    assert '<p class="news-meta">Bạn đọc</p>' in follow


def test_erase_all_counts_the_feedback(sent, citizen):
    assert contract.erase_all(citizen)["portal"] == 3
