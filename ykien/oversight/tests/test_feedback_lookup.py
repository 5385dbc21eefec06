"""The public look-up of a Regulation 124 feedback by its tracking code: the dated steps and the
outcome, never the sender, the content, the handler or the officers' conclusion; the same
translated "not found" whatever is wrong with the code; rate limited per address."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from ykien.core.errors import NotFound
from ykien.core.pii import SenderIdentity
from ykien.oversight import selectors
from ykien.oversight import services as s
from ykien.oversight.views.feedback import LOOKUP_LIMIT

pytestmark = pytest.mark.django_db
SENDER = SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ", phone="0912345678")
CONTENT = "Người giữ chức vụ này dùng xe công đi việc riêng vào ngày nghỉ."
CONCLUSION = "Đã báo cáo Ban Thường vụ Tỉnh ủy, đề nghị kiểm điểm ông Trần Văn Tư."
NOT_FOUND = "Không tìm thấy phản ánh với mã tra cứu này."
URL = "/giam-sat/phan-anh-can-bo/tra-cuu/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def concluded(world):
    w = world
    position = s.position_create(actor=w.officer, unit=w.ubnd, title="Giám đốc Sở Xây dựng")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        feedback = s.feedback_submit(position=position, content=CONTENT, identity=SENDER)
        s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC), tick=False):
        s.feedback_set_status(actor=w.leader, feedback=feedback, status="reviewing")
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC), tick=False):
        s.feedback_set_status(
            actor=w.leader, feedback=feedback, status="concluded", conclusion=CONCLUSION
        )
    feedback.refresh_from_db()
    return feedback


def test_the_steps_and_the_outcome_by_the_code_in_any_spelling(world, concluded):
    code = concluded.tracking_code  # "PA124-XXXXXXXX"
    for typed in (code, code.lower(), code.replace("-", " "), code.split("-")[1]):
        found = selectors.feedback_by_code(code=typed)
        assert found.code == code
    assert found.steps == [
        (dt.date(2026, 3, 2), "Đã tiếp nhận"),
        (dt.date(2026, 3, 10), "Đang xem xét, xác minh"),
        (dt.date(2026, 4, 20), "Đã tổng hợp, báo cáo cấp có thẩm quyền"),
    ]
    assert (found.status_label, found.is_open) == ("Đã tổng hợp, báo cáo cấp có thẩm quyền", False)
    assert (found.position, found.front) == ("Giám đốc Sở Xây dựng", world.province.name)


@pytest.mark.parametrize(
    "typed", ["", "PA124-", "PA124-ZZZZZZZZ", "ZZZZZZZZ", "x" * 40, "'; DROP TABLE", "PA124-\x00"]
)
def test_any_wrong_code_is_the_same_not_found(world, concluded, client, typed):
    with pytest.raises(NotFound) as exc:
        selectors.feedback_by_code(code=typed)
    assert str(exc.value.message) == NOT_FOUND
    response = client.get(URL, {"ma": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert NOT_FOUND in body
    assert "Giám đốc Sở Xây dựng" not in body


def test_the_page_shows_no_sender_no_content_no_notes(world, concluded, client):
    response = client.get(URL, {"ma": concluded.tracking_code.lower()})
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    for shown in ("Giám đốc Sở Xây dựng", "02/03/2026", "10/03/2026", "20/04/2026"):
        assert shown in body
    assert "Đã tổng hợp, báo cáo cấp có thẩm quyền" in body
    for secret in ("Lý Văn Hòa", "0912345678", "Ấp 2", CONTENT, CONCLUSION, "xuly"):
        assert secret not in body
    assert "reviewing" not in body  # no state code
    assert "concluded" not in body


def test_an_open_feedback_says_no_outcome_yet(world, client):
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    feedback = s.feedback_submit(position=position, content=CONTENT, identity=SENDER)
    body = client.get(URL, {"ma": feedback.tracking_code}).content.decode()
    assert "Đang xem xét, chưa có kết quả" in body


def test_look_ups_are_rate_limited_per_address(world, concluded, client):
    for _i in range(LOOKUP_LIMIT[0]):
        assert client.get(URL, {"ma": "PA124-ZZZZZZZZ"}).status_code == 400
    limited = client.get(URL, {"ma": concluded.tracking_code})
    assert limited.status_code == 429
    assert "Giám đốc Sở Xây dựng" not in limited.content.decode()
    assert client.get(URL).status_code == 200  # the empty form is not a look-up


def test_the_code_page_links_the_look_up(world, client, monkeypatch):
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    form = client.get("/giam-sat/phan-anh-can-bo/").content.decode()
    assert URL in form
    done = client.post(
        "/giam-sat/phan-anh-can-bo/",
        {
            "position": position.pk,
            "content": CONTENT,
            "full_name": "Lý Văn Hòa",
            "address": "Ấp 2, xã Long Hồ",
            "captcha_0": "x",
            "captcha_1": "PASSED",
        },
    )
    assert done.status_code == 200, done.content.decode()[:2000]
    body = done.content.decode()
    code = position.feedback.get().tracking_code
    assert f"{URL}?ma={code}" in body
    assert f'action="{URL}"' in body


def test_steps_of_a_feedback_moved_before_they_were_kept_come_from_the_audit(world, concluded):
    import importlib

    from django.apps import apps

    from ykien.oversight.models import FeedbackStep

    migration = importlib.import_module(
        "ykien.oversight.migrations.0003_programme_item_history_feedback_steps"
    )
    FeedbackStep.objects.all().delete()
    migration.steps_from_audit(apps, None)
    assert selectors.feedback_by_code(code=concluded.tracking_code).steps == [
        (dt.date(2026, 3, 2), "Đã tiếp nhận"),
        (dt.date(2026, 3, 10), "Đang xem xét, xác minh"),
        (dt.date(2026, 4, 20), "Đã tổng hợp, báo cáo cấp có thẩm quyền"),
    ]
