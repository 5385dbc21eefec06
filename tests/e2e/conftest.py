"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
``live_server``. Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``
(``scripts/system-deps.sh --e2e`` installs it), or ``$CHROMIUM_PATH``."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; the Django ORM calls the
# tests make between browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
            "(`make test` does it with scripts/system-deps.sh --e2e) or set CHROMIUM_PATH."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@dataclass
class Site:
    url: str
    article: object  # with photos, audio and feedback
    other: object  # spelled with the new tone placement ("hoà")
    draft_url: str


@pytest.fixture
def site(live_server, settings, tmp_path) -> Site:
    """Public content built through the apps' services, indexed for search; audio made with the
    real espeak-ng (the background tasks run immediately under test settings)."""
    from django.core.cache import cache

    from ykien.consultations import services as consultations
    from ykien.core.models import Role, UnitKind
    from ykien.core.tests.factories import UserFactory, grant, make_unit
    from ykien.portal import services
    from ykien.portal.demo_photos import draw_photo
    from ykien.portal.models import AudioStatus, AudioTrack

    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng not installed (Debian package `espeak-ng`; `make test` installs it)")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    cache.clear()
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", code="MTTQ-86")
    agency = make_unit(
        "Ủy ban nhân dân tỉnh Vĩnh Long", parent=province, kind=UnitKind.STATE, code="UBND-86"
    )
    officer = UserFactory(username="canbo.e2e", full_name="Cán bộ Mặt trận")
    grant(officer, province, Role.OFFICER)

    article = services.article_create(
        actor=officer,
        unit=province,
        title="Giám sát việc hòa giải ở cơ sở tại xã Càng Long",
        summary="Đoàn giám sát của Mặt trận tỉnh làm việc với tổ hòa giải.",
        body="## Kết quả\nCác tổ hòa giải đã hòa giải thành phần lớn vụ việc.\n\n## Kiến nghị\nTăng cường tập huấn.",
        byline="Minh Thư",
        tags=["Giám sát"],
    )
    data = draw_photo("meeting", "HỘI NGHỊ GIÁM SÁT", seed=1)
    services.photo_add(
        actor=officer,
        article=article,
        upload=io.BytesIO(data),
        alt="Hội trường với băng rôn đỏ và đại biểu ngồi nghe",
        caption="Quang cảnh buổi làm việc của đoàn giám sát.",
        credit="Minh Thư",
    )
    article = services.article_transition(actor=officer, article=article, to="published")
    feedback = services.feedback_submit(
        article=article, name="Trần Văn Hòa", title="Cần tập huấn thêm", content="Đề nghị mở lớp."
    )
    services.feedback_reply(actor=officer, feedback=feedback, reply="Mặt trận tỉnh đã tiếp thu.")
    other = services.article_create(
        actor=officer,
        unit=province,
        title="Cựu chiến binh tham gia hoà giải ở ấp",
        summary="Tổ hoà giải có nhiều hội viên cựu chiến binh.",
        body="Nội dung.",
        byline="Đỗ Văn Hùng",
    )
    other = services.article_transition(actor=officer, article=other, to="published")

    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the same clock)
    draft = consultations.draft_register(
        actor=officer,
        unit=province,
        drafting_unit=agency,
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=today,
        comment_end=today + dt.timedelta(days=14),
        filename="du-thao.txt",
        data="NGHỊ QUYẾT\nQuy định chính sách hỗ trợ hợp tác xã\nĐiều 1. Phạm vi điều chỉnh\n"
        "Nghị quyết này quy định chính sách hỗ trợ hợp tác xã.\n".encode(),
    )
    consultations.version_publish(actor=officer, version=draft.versions.get(number=1))
    services.search_reindex()
    track = AudioTrack.objects.get(key=article.audio_key)
    assert track.status == AudioStatus.READY, track.error
    from django.urls import reverse

    return Site(live_server.url, article, other, reverse("consultations:draft", args=[draft.pk]))


@pytest.fixture
def solve_captcha():
    """Answer the captcha on a page from the captcha store (as a person reads the picture);
    the captcha stays enabled."""
    from captcha.models import CaptchaStore

    def solve(page) -> None:
        key = page.locator("input[name=captcha_0]").input_value()
        page.fill("input[name=captcha_1]", CaptchaStore.objects.get(hashkey=key).response)

    return solve
