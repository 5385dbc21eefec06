"""The page of petitions due soon and overdue tells officers what to do in words: no command of
the platform's administration is shown to them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import otp_login

pytestmark = pytest.mark.django_db


def test_the_due_page_says_what_to_do_without_naming_a_command(tree, people, client):
    otp_login(client, people.handler)
    html = client.get(reverse("petitions:staff_due")).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert (
        "Sắp đến hạn: trong 5 ngày tới. Hãy mở từng đơn để xử lý trước hạn. Thư điện tử nhắc hạn"
        " được gửi cho cán bộ xử lý theo lịch do quản trị hệ thống đặt."
    ) in main
    for command in ("ykien", "remind", "lệnh"):
        assert command not in main, command
