"""The notifications page offers "mark all read" only while something is unread."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.core.tests.factories import UserFactory
from ykien.participation.models import Notification

pytestmark = pytest.mark.django_db

BUTTON = "Đánh dấu tất cả là đã đọc"


def test_mark_all_read_is_offered_while_something_is_unread_and_then_not(client):
    user = UserFactory()
    for n in range(2):
        Notification.objects.create(user=user, event="draft.published", kind="draft", object_id=n)
    client.force_login(user)
    url = reverse("participation:list")
    assert BUTTON in client.get(url).content.decode()
    answer = client.post(url, follow=True)
    html = answer.content.decode()
    assert "Đã đánh dấu 2 thông báo là đã đọc." in html
    assert BUTTON not in html  # nothing left to mark
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    # A new unread notification offers it again.
    Notification.objects.create(user=user, event="draft.published", kind="draft", object_id=9)
    assert BUTTON in client.get(url).content.decode()
