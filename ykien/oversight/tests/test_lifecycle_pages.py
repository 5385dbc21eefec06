"""The pages offer what the lifecycle lets the reader do now, and nothing else: the step forms of
an activity, the buttons of a recommendation, the answer link, the statuses of a feedback."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ykien.core.tests.factories import UserFactory
from ykien.oversight import services as s
from ykien.oversight.models import Activity
from ykien.oversight.tests.conftest import (
    board_review,
    decide,
    issued,
    notify,
    planned,
    written,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _summaries(page: str) -> list[str]:
    section = page.split('id="next"', 1)[1].split("</section>", 1)[0] if 'id="next"' in page else ""
    return re.findall(r"<summary>([^<]+)</summary>", section)


def _notified(w) -> Activity:
    return notify(w.officer, decide(w.officer, planned(w)))


def test_activity_page_offers_the_steps_of_its_form_once(world, client, no_otp):
    w = world
    activity = _notified(w)
    url = f"/can-bo/giam-sat/cuoc/{activity.pk}/"
    client.force_login(w.officer)
    assert _summaries(client.get(url).content.decode()) == [
        "Nhận báo cáo của đối tượng giám sát",
        "Làm việc với đối tượng (biên bản, khảo sát thực tế)",
        "Hủy cuộc giám sát",
    ]
    client.force_login(w.handler)  # may see the activity, not move it
    assert _summaries(client.get(url).content.decode()) == []
    client.force_login(w.officer)
    assert client.post(f"{url}subject-report/", {"received_on": "2026-04-01"}).status_code == 302
    assert _summaries(client.get(url).content.decode()) == [
        "Làm việc với đối tượng (biên bản, khảo sát thực tế)",
        "Hủy cuộc giám sát",
    ]
    again = client.post(f"{url}subject-report/", {"received_on": "2026-04-03"})
    assert again.status_code == 400
    assert "Đã ghi nhận báo cáo của đối tượng ngày 01/04/2026." in again.content.decode()
    assert Activity.objects.get(pk=activity.pk).subject_report_received_on == D(2026, 4, 1)


def test_a_step_of_another_form_is_refused_by_name(world, client, no_otp):
    w = world
    activity = _notified(w)
    client.force_login(w.officer)
    response = client.post(f"/can-bo/giam-sat/cuoc/{activity.pk}/start/", {"on": "2026-04-01"})
    assert response.status_code == 400
    assert (
        "Cuộc giám sát theo hình thức “Đoàn giám sát” không có bước “Bắt đầu giám sát”."
        in response.content.decode()
    )


def _buttons(page: str) -> set[str]:
    return set(re.findall(r"/kien-nghi/\d+/(countersign|issue|escalate|close|tra-loi)/", page))


def test_recommendation_page_buttons_follow_the_lifecycle(world, client, no_otp):
    w = world
    rec = written(w, board_review(w), "Công khai thu chi quỹ", created_on=D(2026, 6, 5))
    url = f"/can-bo/giam-sat/kien-nghi/{rec.pk}/"
    client.force_login(w.officer)
    assert _buttons(client.get(url).content.decode()) == {"countersign"}
    s.recommendation_countersign(actor=w.officer, recommendation=rec)
    assert _buttons(client.get(url).content.decode()) == {"issue"}
    overdue = issued(w, on=D(2026, 9, 30), days=20)
    url = f"/can-bo/giam-sat/kien-nghi/{overdue.pk}/"
    assert _buttons(client.get(url).content.decode()) == {"escalate"}
    client.force_login(w.respondent)
    assert _buttons(client.get(url).content.decode()) == {"tra-loi"}
    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    assert _buttons(client.get(url).content.decode()) == {"escalate"}  # never answers for a unit
