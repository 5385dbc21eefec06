"""A draft's followers and its commenters hear of each public step: the critique issued, each
point answered, the answers published, a new version; the actor is never told of their own act;
mail goes out at once (with a one-click unsubscribe) or in the day's digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Node
from ykien.consultations.tests import conftest as consultations
from ykien.consultations.tests.conftest import DOC, comment_on, consolidating
from ykien.core.tests.factories import UserFactory
from ykien.participation import services as participation
from ykien.participation.models import Delivery, Follow, Notification

pytestmark = pytest.mark.django_db(transaction=True)

# The consultations tests' fixtures: their clock, people and draft.
_today = consultations._today
_private_root = consultations._private_root
people = consultations.people
draft = consultations.draft


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "http://127.0.0.1:8000"


def _texts(user, client: Client | None = None) -> list[str]:
    client = client or Client()
    client.force_login(user)
    page = client.get(reverse("participation:list"))
    assert page.status_code == 200
    return [str(entry["told"].text) for entry in page.context["entries"]]  # newest first


def _critique_answered(draft, people, comment):
    """The draft consolidated with one point citing ``comment``, the document issued by the
    leader, the point answered (accepted) by the drafting body: every answer published."""
    consolidating(draft, people)
    point = services.point_save(
        actor=people.officer,
        draft=draft,
        title="Mức hỗ trợ học phí",
        text="Đề nghị nâng mức hỗ trợ.",
        comment_ids=[comment.pk],
    )
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    document = services.document_submit(actor=people.officer, document=document)
    services.document_issue(actor=people.leader, document=document)
    services.point_answer(
        actor=people.respondent, point=point, answer="accepted", text="Tiếp thu, nâng lên 100%."
    )
    return point


def test_a_follower_and_the_commenter_hear_of_the_critique_and_the_answer(draft, people):
    follower = UserFactory(username="theodoi", email="theodoi@example.vn")
    participation.follow_record(user=follower, kind="consultations.draft", object_id=str(draft.pk))
    node = Node.objects.get(draft=draft, label="Điều 3", version__number=1)
    comment = comment_on(node, people.citizen, stance="disagree", reasons="Nên hỗ trợ nhiều hơn.")
    people.citizen.email = "congdan@example.vn"
    people.citizen.save()
    mail.outbox.clear()

    _critique_answered(draft, people, comment)

    title = draft.title
    assert _texts(follower) == [
        # One notice when the answers are published (each point's answer reaches those who
        # follow its clauses, and its commenters).
        f"Cơ quan soạn thảo đã công khai trả lời phản biện về dự thảo “{title}”.",
        f"Văn bản phản biện xã hội về dự thảo “{title}” đã được ban hành.",
        f"Đã kết thúc lấy ý kiến về dự thảo “{title}”.",
    ]
    clause = f"Điều 3 — {title}"
    assert _texts(people.citizen) == [
        f"Cơ quan soạn thảo đã trả lời điểm phản biện rút ra từ góp ý của bạn ({clause}).",
        f"Văn bản phản biện đã được ban hành, có ý kiến rút ra từ góp ý của bạn ({clause}).",
    ]
    # The commenter's notices lead to the comment's own page.
    n = Notification.objects.filter(user=people.citizen).first()
    assert (n.kind, n.object_id, n.direct) == ("consultations.comment", str(comment.pk), True)
    # Mail at once, each with a one-click unsubscribe.
    to_follower = [m for m in mail.outbox if m.to == ["theodoi@example.vn"]]
    assert len(to_follower) == 3
    assert to_follower[0].subject == f"[Ý Kiến] Đã kết thúc lấy ý kiến về dự thảo “{title}”."
    assert to_follower[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        to_follower[0]
        .extra_headers["List-Unsubscribe"]
        .startswith("<http://127.0.0.1:8000/thong-bao/ngung-gui-thu/")
    )
    assert f"http://127.0.0.1:8000/du-thao/{draft.pk}/" in to_follower[0].body
    # The officers and the leader who acted are not told of their own acts.
    assert not Notification.objects.filter(
        user__in=[people.officer, people.leader, people.respondent]
    ).exists()


def test_the_english_reader_reads_the_same_notices_in_english(draft, people):
    follower = UserFactory(username="reader")
    participation.follow_record(user=follower, kind="consultations.draft", object_id=str(draft.pk))
    services.draft_transition(actor=people.officer, draft=draft, to="closed", reason="Đủ ý kiến.")
    client = Client()
    client.force_login(follower)
    page = client.get(reverse("participation:list"), HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("participation:list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Public comment on the draft “{draft.title}” has closed." in body
    assert "consultations.draft" not in body


def test_a_digest_reader_gets_one_mail_a_day_and_none_at_once(draft, people):
    follower = UserFactory(username="tonghop", email="tonghop@example.vn")
    participation.follow_record(user=follower, kind="consultations.draft", object_id=str(draft.pk))
    participation.set_delivery(user=follower, delivery=Delivery.DIGEST)
    comment = comment_on(draft, people.citizen, stance="agree", reasons="Đồng ý.")
    mail.outbox.clear()
    _critique_answered(draft, people, comment)
    assert [m for m in mail.outbox if m.to == ["tonghop@example.vn"]] == []

    assert participation.send_digests() == 1
    [digest] = [m for m in mail.outbox if m.to == ["tonghop@example.vn"]]
    assert digest.subject == "[Ý Kiến] 3 cập nhật về nội dung bạn theo dõi"
    assert digest.body.count("http://127.0.0.1:8000/") >= 3
    assert participation.send_digests() == 0  # nothing new


def _stop_link(draft, people, username: str):
    """A follower of ``draft`` mailed at once when the officer closes it; the follower and the
    path of the mail's ``List-Unsubscribe`` link."""
    follower = UserFactory(username=username, email=f"{username}@example.vn")
    participation.follow_record(user=follower, kind="consultations.draft", object_id=str(draft.pk))
    services.draft_transition(actor=people.officer, draft=draft, to="closed", reason="Đủ.")
    [first] = [m for m in mail.outbox if m.to == [f"{username}@example.vn"]]
    return follower, first.extra_headers["List-Unsubscribe"].strip("<>").split("8000", 1)[1]


def test_site_only_means_no_mail_and_the_stop_link_turns_mail_off(draft, people):
    follower, link = _stop_link(draft, people, "motlan")
    # RFC 8058: the mail client POSTs without a session or a CSRF token.
    client = Client(enforce_csrf_checks=True)
    assert 'data-testid="mail-stopped"' not in client.get(link).content.decode()
    answer = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert participation.delivery_of(follower) == Delivery.SITE
    assert 'data-testid="mail-stopped"' in client.get(link).content.decode()
    mail.outbox.clear()
    services.draft_transition(
        actor=people.officer,
        draft=draft,
        to="open",
        reason="Mở lại.",
        comment_end=dt.date(2026, 12, 20),
    )
    assert mail.outbox == []
    assert Notification.objects.filter(user=follower).count() == 2


def test_a_tampered_stop_link_changes_nothing(draft, people):
    follower, link = _stop_link(draft, people, "sua")
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    answer = Client().post(forged)
    assert answer.status_code == 400
    assert "không hợp lệ hoặc đã bị sửa đổi" in answer.content.decode()
    assert participation.delivery_of(follower) == Delivery.IMMEDIATE


def test_no_one_can_follow_a_draft_that_is_not_public(tree, people):
    from ykien.consultations.tests.conftest import make_draft

    hidden = make_draft(tree, people.officer, publish=False)
    client = Client()
    client.force_login(people.citizen)
    answer = client.post(
        reverse("participation:follow"),
        {"kind": "consultations.draft", "object_id": str(hidden.pk)},
    )
    assert answer.status_code == 404
    assert Follow.objects.count() == 0
    for bad in ("x", "99999999999999999999999", "-1", ""):
        answer = client.post(
            reverse("participation:follow"), {"kind": "consultations.draft", "object_id": bad}
        )
        assert answer.status_code in (400, 404)
    answer = client.post(reverse("participation:follow"), {"kind": "core.user", "object_id": "1"})
    assert answer.status_code == 404
    assert Follow.objects.count() == 0


def test_follow_and_unfollow_from_the_page(draft, people):
    client = Client()
    client.force_login(people.citizen)
    page = client.get(reverse("consultations:draft", kwargs={"pk": draft.pk}))
    assert 'data-testid="follow-box"' in page.content.decode()
    answer = client.post(
        reverse("participation:follow"),
        {
            "kind": "consultations.draft",
            "object_id": str(draft.pk),
            "next": f"/du-thao/{draft.pk}/",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/du-thao/{draft.pk}/"
    assert participation.is_following(people.citizen, "consultations.draft", str(draft.pk))
    # Signed in, the e-mail form sends them back to the button.
    by_mail = client.get(
        reverse("participation:follow_email"), {"kind": "consultations.draft", "id": draft.pk}
    )
    assert by_mail.status_code == 302
    assert by_mail["Location"] == f"/du-thao/{draft.pk}/"
    again = client.post(
        reverse("participation:follow"),
        {
            "kind": "consultations.draft",
            "object_id": str(draft.pk),
            "next": "https://evil.example/",
        },
    )
    assert again["Location"] == "/"  # never sent to another site
    assert Follow.objects.filter(user=people.citizen).count() == 1
    client.post(
        reverse("participation:follow"),
        {"kind": "consultations.draft", "object_id": str(draft.pk), "action": "unfollow"},
    )
    assert Follow.objects.filter(user=people.citizen).count() == 0


def test_reading_and_marking_notifications(draft, people):
    follower = UserFactory(username="doc")
    participation.follow_record(user=follower, kind="consultations.draft", object_id=str(draft.pk))
    services.draft_transition(actor=people.officer, draft=draft, to="closed", reason="Đủ.")
    services.draft_transition(
        actor=people.officer,
        draft=draft,
        to="open",
        reason="Mở lại.",
        comment_end=dt.date(2026, 12, 20),
    )
    client = Client()
    client.force_login(follower)
    home = client.get("/")
    assert 'data-testid="notifications-link"' in home.content.decode()
    assert home.context["unread_notifications"]() == 2
    first = Notification.objects.filter(user=follower).first()
    opened = client.get(reverse("participation:open", args=[first.pk]))  # a link opened directly
    assert opened.status_code == 302
    assert opened["Location"] == f"/du-thao/{draft.pk}/"
    assert Notification.objects.filter(user=follower, read_at__isnull=True).count() == 1
    # Someone else's notification, or a number past 64 bits: not found, nothing changes.
    other = Client()
    other.force_login(people.citizen)
    assert other.post(reverse("participation:open", args=[first.pk + 1])).status_code == 404
    assert other.post(f"/tai-khoan/thong-bao/{2**64}/mo/").status_code == 404
    client.post(reverse("participation:list"))
    assert Notification.objects.filter(user=follower, read_at__isnull=True).count() == 0
    unread = client.get(reverse("participation:list") + "?chua-doc=1")
    assert unread.context["entries"] == []
    assert "Không có thông báo chưa đọc." in unread.content.decode()


def test_a_new_version_reaches_followers_of_a_clause(draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1", version__number=1)
    follower = UserFactory(username="dieu1")
    participation.follow_record(user=follower, kind="consultations.node", object_id=str(node.pk))
    consolidating(draft, people)
    Notification.objects.all().delete()
    version = services.version_upload(
        actor=people.officer, draft=draft, filename="v2.txt", data=b"Dieu 1. Pham vi\nNoi dung."
    )
    services.version_publish(actor=people.officer, version=version)
    assert _texts(follower) == [f"Dự thảo “{draft.title}” có phiên bản mới."]


def test_the_mail_is_in_the_language_of_the_profile(draft, people):
    from ykien.accounts.models import Profile

    reader = UserFactory(username="doc.gia", email="reader@example.vn")
    Profile.objects.create(user=reader, language="en")
    participation.follow_record(user=reader, kind="consultations.draft", object_id=str(draft.pk))
    services.draft_transition(actor=people.officer, draft=draft, to="closed", reason="Đủ.")
    [message] = [m for m in mail.outbox if m.to == ["reader@example.vn"]]
    assert message.subject == f"[Ý Kiến] Public comment on the draft “{draft.title}” has closed."
    assert "Stop these mails:" in message.body


def test_a_points_answer_reaches_those_who_follow_its_clause(draft, people):
    node = Node.objects.get(draft=draft, label="Điều 3", version__number=1)
    follower = UserFactory(username="dieu3")
    participation.follow_record(user=follower, kind="consultations.node", object_id=str(node.pk))
    consolidating(draft, people)
    point = services.point_save(
        actor=people.officer, draft=draft, title="Mức hỗ trợ", text="Nâng.", node_ids=[node.pk]
    )
    document = services.document_save(actor=people.officer, draft=draft, data=DOC)
    document = services.document_submit(actor=people.officer, document=document)
    services.document_issue(actor=people.leader, document=document)
    services.point_answer(actor=people.respondent, point=point, answer="rejected", text="Không.")
    assert _texts(follower) == ["Cơ quan soạn thảo đã trả lời điểm phản biện “Mức hỗ trợ”."]
