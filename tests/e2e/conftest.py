"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
``live_server``. Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``
(``scripts/system-deps.sh --e2e`` installs it), or ``$CHROMIUM_PATH``."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
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


# Every page runs under the site's Content-Security-Policy; a violation (a refused inline script,
# event handler, style or foreign resource) fails the test. Chromium reports it twice: as a
# `securitypolicyviolation` event (caught by this script, which Playwright injects outside the
# page's CSP) and on the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__ykienCspViolation(`${e.violatedDirective} refused ${e.blockedURI || "inline"} `
    + `at ${e.sourceFile}:${e.lineNumber} on ${document.location.pathname}`);
});
"""
CSP_CONSOLE = re.compile(r"Content Security Policy", re.I)


def _open_page(browser, viewport: dict[str, int]) -> tuple[object, object, list[str]]:
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    context.set_default_timeout(15_000)
    violations: list[str] = []
    context.expose_function("__ykienCspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if CSP_CONSOLE.search(m.text) else None)
    return context, page, violations


@pytest.fixture
def page(browser):
    context, page, violations = _open_page(browser, {"width": 1280, "height": 900})
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations"


@pytest.fixture
def phone_page(browser):
    """A 390 x 844 screen (a common phone)."""
    context, page, violations = _open_page(browser, {"width": 390, "height": 844})
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations"


@dataclass
class Site:
    url: str
    article: object  # with photos, audio and feedback
    other: object  # spelled with the new tone placement ("hoà")
    draft_url: str


def _seed_deadline_rules() -> None:
    """The legal deadline rules, as the migrations seed them: a transactional test's flush (each
    browser test's, or another test's before it) empties the table."""
    from ykien.core.deadline_rules import SEED_RULES
    from ykien.core.models import DeadlineRule

    for rule in SEED_RULES:
        fields = {"direction": "after", "variants": {}, **rule}
        code = fields.pop("code")
        DeadlineRule.objects.update_or_create(code=code, valid_from="2000-01-01", defaults=fields)


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
    _seed_deadline_rules()
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


@dataclass
class World:
    """The site's public content plus one of each thing a citizen meets on the public pages."""

    site: Site
    draft: object
    node_url: str  # the page of Article 1 of the draft, with the comment form
    petition_code: str  # an answered petition, waiting for the sender's rating
    recommendation: object  # issued after a supervision, on the public board
    expert_url: str  # an invited expert's personal link
    citizen: object  # a signed-up citizen (password "mat-khau-du-dai-2026")


@pytest.fixture
def world(site) -> World:
    from django.urls import reverse

    from ykien.consultations import services as consultations
    from ykien.consultations.models import Draft, Node
    from ykien.core.models import Unit, User
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.core.tests.factories import UserFactory
    from ykien.experts.services import expert_create
    from ykien.oversight import services as oversight
    from ykien.oversight.models import ActivityForm
    from ykien.petitions import services as petitions

    officer = User.objects.get(username="canbo.e2e")
    province = Unit.objects.get(code="MTTQ-86")
    agency = Unit.objects.get(code="UBND-86")
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the same clock)
    day = dt.timedelta(days=1)

    draft = Draft.objects.get(title="Dự thảo Nghị quyết hỗ trợ hợp tác xã")
    article = Node.objects.filter(draft=draft, kind="article").order_by("position").first()
    consultations.statement_propose(
        draft=draft,
        participant=consultations.Participant.of_user(officer),
        text="Nên ưu tiên hợp tác xã do phụ nữ làm chủ.",
    )
    expert = expert_create(
        actor=officer,
        unit=province,
        data={
            "full_name": "Võ Thanh Bình",
            "kind": "scientist",
            "fields": "hợp tác xã",
            "email": "binh@example.vn",
            "consent_contact": True,
        },
    )
    [sent] = consultations.invitation_send(
        actor=officer, draft=draft, expert_ids=[expert.pk], due=today + 10 * day
    )

    petition = petitions.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Đèn đường ấp Tân An hỏng",
        content="Đèn đường ở ấp Tân An hỏng đã một tháng, buổi tối rất tối.",
        unit=province,
        identity=SenderIdentity(),
        anonymous=True,
    )
    petitions.petition_accept(actor=SYSTEM, petition=petition)
    petitions.petition_settle(actor=SYSTEM, petition=petition, conclusion="Đã sửa.")
    petitions.petition_answer(actor=SYSTEM, petition=petition, answer="Đã thay bóng đèn mới.")

    activity = oversight.activity_create(
        actor=officer,
        unit=province,
        form=ActivityForm.DOCUMENT_REVIEW,
        title="Xem xét quyết định về giá đất",
        content="Nghiên cứu các quyết định về giá đất năm nay.",
        subject=agency,
        planned_on=today - 40 * day,
    )
    oversight.activity_start(actor=officer, activity=activity, on=today - 38 * day)
    oversight.finding_add(actor=officer, activity=activity, text="Giá đất chưa sát thị trường.")
    activity = oversight.activity_report(
        actor=officer,
        activity=activity,
        report_date=today - 30 * day,
        report_number="12/BC-MTTQ",
        summary="Cần điều chỉnh một số mức giá.",
    )
    recommendation = oversight.recommendation_create(
        actor=officer,
        activity=activity,
        finding=activity.findings.first(),
        addressee=agency,
        text="Rà soát, điều chỉnh bảng giá đất ven biển.",
        created_on=today - 20 * day,
    )
    recommendation = oversight.recommendation_issue(
        actor=officer, recommendation=recommendation, on=today - 20 * day
    )
    oversight.position_create(actor=officer, unit=agency, title="Chủ tịch Ủy ban nhân dân tỉnh")

    return World(
        site=site,
        draft=draft,
        node_url=reverse("consultations:node", args=[draft.pk, article.pk]),
        petition_code=petition.display_code,
        recommendation=recommendation,
        expert_url="/" + sent.link.split("://", 1)[1].split("/", 1)[1],
        citizen=UserFactory(username="congdan.e2e", full_name="Lê Thị Cúc"),
    )
