"""The staff menu ("Khu vực cán bộ") for each demo role: every staff page the role may open is in
its menu, no other is, and every link answers 200; the breadcrumbs of staff pages."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from ykien.core import navigation
from ykien.core.models import Role, UnitKind, User
from ykien.core.tests.factories import UserFactory, grant, make_unit

STAFF_NAV = re.compile(r'<nav aria-label="Khu vực cán bộ"[^>]*>(.*?)</nav>', re.S)
CRUMBS = re.compile(r'<nav class="breadcrumbs" aria-label="Đường dẫn"[^>]*>\s*<ol>(.*?)</ol>', re.S)
HREF = re.compile(r'href="([^"]+)"')
STEP = re.compile(r"<li>(.*?)</li>", re.S)
TAG = re.compile(r"<[^>]+>")

# Every page of the staff menu (the lists, and the forms that start a flow), by the address the
# menu links to.
DRAFTS = ["/can-bo/du-thao/", "/can-bo/du-thao/moi/", "/can-bo/chuyen-gia/"]
RESPONDENT_DRAFTS = ["/tra-loi/phan-bien/"]
PETITIONS = [
    "/can-bo/don-thu/",
    "/can-bo/don-thu/tiep-nhan/",
    "/can-bo/don-thu/?mine=on",
    "/can-bo/don-thu/han/",
    "/can-bo/don-thu/da-chuyen-ngoai/",
]
SUPERVISION = [
    "/can-bo/giam-sat/",
    "/can-bo/giam-sat/chuong-trinh/moi/",
    "/can-bo/giam-sat/cuoc/moi/",
    "/can-bo/giam-sat/kien-nghi/",
]
INBOX_124 = ["/can-bo/giam-sat/phan-anh-124/"]
SUPERVISION_MORE = ["/can-bo/giam-sat/bao-cao-ky/", "/can-bo/giam-sat/chuc-danh/"]
TO_ANSWER = ["/can-bo/giam-sat/tra-loi/"]
RECEPTION_SUPERVISION = ["/can-bo/tiep-cong-dan/giam-sat/"]
RECEPTION_OFFICE = ["/can-bo/tiep-cong-dan/"]
DIALOGUES = ["/can-bo/doi-thoai/", "/can-bo/doi-thoai/moi/"]
COMMITMENTS = ["/can-bo/cam-ket-doi-thoai/"]
BRIEFINGS = ["/giao-ban/"]
NEWS = ["/can-bo/tin-tuc/", "/can-bo/tin-tuc/moi/", "/can-bo/y-kien-ban-doc/"]
AUDIT = ["/can-bo/nhat-ky/"]
ADMIN = [
    "/quan-tri/core/user/",
    "/quan-tri/core/rolegrant/",
    "/quan-tri/core/unit/",
    "/quan-tri/core/holidayoverride/",
    "/quan-tri/core/deadlinerule/",
]
EVERY_PAGE = (
    DRAFTS + RESPONDENT_DRAFTS + PETITIONS + SUPERVISION + INBOX_124 + SUPERVISION_MORE
    + TO_ANSWER + RECEPTION_SUPERVISION + RECEPTION_OFFICE + DIALOGUES + COMMITMENTS + BRIEFINGS
    + NEWS + AUDIT + ADMIN
)  # fmt: skip
# Lists that answer any signed-in person (empty for them), so "not in the menu" is all we check.
OPEN_TO_ANYONE = {"/can-bo/giam-sat/tra-loi/"}

# The demo's roles (core.demo.DEMO_USERS): the menu each one has, exactly, in order.
EXPECTED = {
    "officer": [
        ("Dự thảo", DRAFTS),
        ("Đơn thư", PETITIONS),
        ("Giám sát", SUPERVISION + INBOX_124 + SUPERVISION_MORE),
        ("Tiếp dân, đối thoại", RECEPTION_SUPERVISION + DIALOGUES),
        ("Giao ban", BRIEFINGS),
        ("Tin tức, hình ảnh", NEWS),
    ],
    "leader": [
        ("Dự thảo", DRAFTS),
        ("Đơn thư", PETITIONS),
        ("Giám sát", SUPERVISION + INBOX_124 + SUPERVISION_MORE),
        ("Tiếp dân, đối thoại", RECEPTION_SUPERVISION + DIALOGUES),
        ("Giao ban", BRIEFINGS),
        ("Tin tức, hình ảnh", NEWS),
        ("Quản trị", AUDIT),
    ],
    "handler": [("Đơn thư", PETITIONS), ("Giám sát", INBOX_124), ("Giao ban", BRIEFINGS)],
    "respondent": [
        ("Dự thảo", RESPONDENT_DRAFTS),
        ("Giám sát", TO_ANSWER),
        ("Tiếp dân, đối thoại", COMMITMENTS),
    ],
    # The head's office keeps the reception calendar and log and answers the head's commitments.
    "head_office": [("Tiếp dân, đối thoại", RECEPTION_OFFICE + COMMITMENTS)],
    "unit_admin": [
        ("Tiếp dân, đối thoại", RECEPTION_SUPERVISION),
        ("Giao ban", BRIEFINGS),
        ("Tin tức, hình ảnh", NEWS),
        ("Quản trị", AUDIT),
    ],
    "superuser": [
        ("Dự thảo", ["/can-bo/du-thao/", "/can-bo/chuyen-gia/"]),
        ("Đơn thư", PETITIONS),
        ("Giám sát", SUPERVISION + INBOX_124 + SUPERVISION_MORE),
        ("Tiếp dân, đối thoại", RECEPTION_SUPERVISION + RECEPTION_OFFICE + DIALOGUES),
        ("Giao ban", BRIEFINGS),
        ("Tin tức, hình ảnh", NEWS),
        ("Quản trị", AUDIT + ADMIN),
    ],
    "expert": [],
    "citizen": [],
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        dt.datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


@pytest.fixture(autouse=True)
def _no_otp():
    """Staff pages without the second factor (the sign-in itself is tested elsewhere)."""
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        yield


@pytest.fixture
def people(db) -> dict[str, User]:
    """The demo's roles in a small tree: a province front committee and its People's Committee."""
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level="central", code="TW")
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", parent=central, code="MTTQ-86")
    agency = make_unit(
        "Ủy ban nhân dân tỉnh Vĩnh Long", parent=province, kind=UnitKind.STATE, code="UBND-86"
    )
    people = {
        "officer": UserFactory(username="canbo.tinh", kind=User.Kind.OFFICER),
        "leader": UserFactory(username="lanhdao.tinh", kind=User.Kind.LEADER),
        "handler": UserFactory(username="xuly.tinh", kind=User.Kind.OFFICER),
        "respondent": UserFactory(username="traloi.ubnd", kind=User.Kind.RESPONDENT),
        "head_office": UserFactory(username="vanphong.tinh", kind=User.Kind.OFFICER),
        "unit_admin": UserFactory(username="quantri.tinh", kind=User.Kind.OFFICER),
        "superuser": UserFactory(
            username="quantri", kind=User.Kind.ADMIN, is_staff=True, is_superuser=True
        ),
        "expert": UserFactory(username="chuyengia", kind=User.Kind.EXPERT),
        "citizen": UserFactory(username="congdan", kind=User.Kind.CITIZEN),
    }
    grant(people["officer"], province, Role.OFFICER)
    grant(people["leader"], province, Role.LEADER)
    grant(people["handler"], province, Role.HANDLER)
    grant(people["respondent"], agency, Role.RESPONDENT)
    grant(people["head_office"], province, Role.HEAD_OFFICE)
    grant(people["unit_admin"], province, Role.ADMIN)
    return people


def staff_menu(html: str) -> list[tuple[str, list[str]]]:
    """The staff menu of a page: (area, [link, …]) in order; [] when the page has none."""
    match = STAFF_NAV.search(html)
    if match is None:
        return []
    areas = re.findall(r"<summary>(.*?)</summary>(.*?)</ul>", match.group(1), re.S)
    return [(name, [h.replace("&amp;", "&") for h in HREF.findall(ul)]) for name, ul in areas]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_finds_exactly_the_staff_pages_it_may_open(people, role):
    client = Client()
    client.force_login(people[role])
    page = client.get("/can-bo/") if role not in ("expert", "citizen") else client.get("/")
    menu = staff_menu(page.content.decode())
    assert menu == EXPECTED[role]
    offered = [href for _area, hrefs in menu for href in hrefs]
    for href in offered:
        assert client.get(href).status_code == 200, href
    for href in sorted(set(EVERY_PAGE) - set(offered) - OPEN_TO_ANYONE):
        assert client.get(href).status_code != 200, href


@pytest.mark.django_db
def test_the_documented_path_to_register_a_draft_exists(people):
    client = Client()
    client.force_login(people["officer"])
    menu = dict(staff_menu(client.get("/can-bo/don-thu/").content.decode()))
    assert "/can-bo/du-thao/moi/" in menu["Dự thảo"]
    html = client.get("/can-bo/du-thao/").content.decode()
    assert 'href="/can-bo/du-thao/moi/">Tiếp nhận dự thảo mới</a>' in html


@pytest.mark.django_db
def test_the_menu_is_in_english_for_an_english_reader(people):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(people["officer"])
    html = client.get("/can-bo/").content.decode()
    assert '<nav aria-label="Staff areas"' in html
    nav = html.split('<nav aria-label="Staff areas"', 1)[1].split("</nav>", 1)[0]
    names = re.findall(r"<summary>(.*?)</summary>", nav)
    assert names == [
        "Drafts",
        "Petitions",
        "Supervision",
        "Reception and dialogue",
        "Briefings",
        "News and photos",
    ]


@pytest.mark.django_db
def test_public_pages_have_no_staff_menu_or_breadcrumbs(people):
    client = Client()
    client.force_login(people["officer"])
    html = client.get("/du-thao/").content.decode()
    assert "Khu vực cán bộ" not in html
    assert 'aria-label="Đường dẫn"' not in html


def crumbs(html: str) -> list[tuple[str, str | None]]:
    match = CRUMBS.search(html)
    assert match is not None, "no breadcrumbs"
    steps = []
    for step in STEP.findall(match.group(1)):
        href = HREF.search(step)
        steps.append((TAG.sub("", step).strip(), href.group(1) if href else None))
    return steps


@pytest.mark.django_db
def test_breadcrumbs_name_the_workspace_the_area_the_list_and_the_page(people):
    client = Client()
    client.force_login(people["officer"])
    assert crumbs(client.get("/can-bo/").content.decode()) == [("Bàn làm việc", None)]
    assert crumbs(client.get("/can-bo/don-thu/han/").content.decode()) == [
        ("Bàn làm việc", "/can-bo/"),
        ("Đơn thư", None),
        ("Sắp đến hạn và quá hạn", None),
    ]
    assert crumbs(client.get("/can-bo/chuyen-gia/them/").content.decode()) == [
        ("Bàn làm việc", "/can-bo/"),
        ("Dự thảo", None),
        ("Chuyên gia", "/can-bo/chuyen-gia/"),
        ("Thêm chuyên gia", None),
    ]


def test_every_staff_page_has_a_title_in_the_breadcrumbs():
    """Each staff URL pattern (``/can-bo/…`` and the briefing pages) is a menu entry or has its
    title registered (``navigation.register_staff_page``)."""
    entries = {e.url_name for e in navigation.staff_entries()}
    titled = set(navigation._STAFF_PAGES)
    missing = [
        name
        for name, route in staff_patterns()
        if name not in entries and name not in titled and "goi-y" not in route
    ]
    assert missing == []


def staff_patterns() -> list[tuple[str, str]]:
    """(url name, route) of every staff page: under ``can-bo/`` or ``giao-ban/``."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                route = prefix + str(p.pattern)
                if route.startswith(("can-bo/", "giao-ban/", "^can-bo/")):
                    found.append((namespace + p.name, route))

    walk(get_resolver().url_patterns, "", "")
    return found


@pytest.fixture
def records(people, settings, tmp_path):
    """One real record of each kind a staff page is about, made by the province's leader."""
    from cryptography.fernet import Fernet

    from ykien.consultations import services as consultations
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.core.selectors import unit_get
    from ykien.experts import services as experts
    from ykien.oversight import services as oversight
    from ykien.petitions import services as petitions
    from ykien.portal import services as portal
    from ykien.reporting import services as reporting

    settings.PII_KEYS = Fernet.generate_key().decode()
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    leader = people["leader"]
    province, agency = unit_get(code="MTTQ-86"), unit_get(code="UBND-86")
    today = dt.date(2026, 11, 26)
    draft = consultations.draft_register(
        actor=leader,
        unit=province,
        drafting_unit=agency,
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=today,
        comment_end=today + dt.timedelta(days=30),
        filename="du-thao.txt",
        data="NGHỊ QUYẾT\nĐiều 1. Phạm vi điều chỉnh\nNghị quyết này quy định.\n".encode(),
    )
    petition = petitions.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Đường liên ấp xuống cấp",
        content="Đoạn đường liên ấp dài 2 km bị sụt lún nhiều chỗ, xe cộ đi lại khó khăn.",
        unit=province,
        identity=SenderIdentity(name="Nguyễn Văn A", phone="0912345678"),
        anonymous=False,
    )
    article = portal.article_create(
        actor=leader, unit=province, title="Tin giám sát", summary="Tóm tắt.", body="Nội dung."
    )
    expert = experts.expert_create(
        actor=leader,
        unit=province,
        data={"full_name": "Kim Thị Sóc Khanh", "kind": "respected", "fields": "dân tộc"},
    )
    programme = oversight.programme_create(
        actor=leader, unit=province, year=2027, title="Chương trình 2027", made_on=today
    )
    period = reporting.period_ensure(actor=SYSTEM, code="2026-Q4")
    return {
        "consultations": {"pk": draft.pk, "number": 1},
        "petitions": {"pk": petition.pk},
        "portal": {"pk": article.pk},
        "experts": {"pk": expert.pk},
        "oversight": {"pk": programme.pk},
        "reporting": {"code": "MTTQ-86", "period": period.code, "fmt": "csv"},
    }


# Staff pages the walk does not open with 200, and why: a record this small tree does not have
# (an activity, a recommendation, a board, a comment …), a file download, a POST-only step. The
# pickers' suggestions (``…/goi-y/…``, JSON) are left out.
NOT_WALKED = {
    "consultations:analysis_status",  # JSON for the analysis screen
    "consultations:analysis_topic_point",  # needs an analysis run
    "consultations:attachment",  # needs a conference document
    "consultations:conference_edit",  # needs a conference
    "consultations:moderate_comment",  # needs a comment
    "consultations:moderate_statement",  # needs a statement
    "consultations:moderation_bulk",  # POST only
    "consultations:moderation_export",  # a file
    "consultations:moderation_export_xlsx",  # a file
    "consultations:point_edit",  # needs a critique point
    "consultations:staff_export",  # a file
    "consultations:staff_export_xlsx",  # a file
    "consultations:statements_bulk",  # POST only
    "consultations:transition",  # POST only
    "core:audit_export",  # a file
    "dialogue:action",  # POST only
    "dialogue:commitment_action",  # POST only
    "dialogue:commitment_answer",  # needs a commitment
    "dialogue:commitment_create",  # POST only
    "dialogue:desk_export",  # a file
    "dialogue:desk_export_xlsx",  # a file
    "dialogue:grouped",  # needs a dialogue
    "dialogue:grouped_document",  # a file
    "dialogue:manage",  # needs a dialogue
    "dialogue:question_action",  # POST only
    "dialogue:raise",  # POST only
    "dialogue:to_answer",  # the head's office's and respondents'
    "experts:export",  # a file
    "experts:export_xlsx",  # a file
    "oversight:activity_action",
    "oversight:activity_detail",
    "oversight:activity_document",
    "oversight:activity_report_file",
    "oversight:answer",
    "oversight:board_detail",
    "oversight:feedback_detail",
    "oversight:feedback_inbox_export",  # a file
    "oversight:positions_export",  # a file
    "oversight:programme_agree",  # POST only
    "oversight:programme_item_add",  # POST only
    "oversight:programme_item_cancel",  # POST only
    "oversight:programme_item_edit",  # needs a programme item
    "oversight:recommendation_action",
    "oversight:recommendation_detail",
    "oversight:recommendation_export",  # a file
    "oversight:recommendation_remind",  # POST only
    "oversight:respondent_export",  # a file
    "petitions:staff_action",
    "petitions:staff_attachment",
    "petitions:staff_bulk",  # POST only
    "petitions:staff_export",  # a file
    "petitions:staff_export_xlsx",  # a file
    "portal:manage_export",  # a file
    "portal:manage_export_xlsx",  # a file
    "portal:manage_photo_add",  # POST only
    "portal:manage_photo_remove",
    "portal:manage_transition",  # POST only
    "portal:moderate",
    "portal:moderation_bulk",  # POST only
    "portal:moderation_export",  # a file
    "portal:moderation_export_xlsx",  # a file
    "national:manage",  # national-level front staff, a draft in national mode
    "reception:entry_create",  # the head's office's
    "reception:entry_reveal",  # needs a log line
    "reception:office",  # the head's office's
    "reception:office_export",  # a file, the head's office's
    "reception:office_export_xlsx",  # a file, the head's office's
    "reception:session",  # needs a session
    "reception:session_transition",  # POST only
    "reporting:decide",  # POST only
    "reporting:download",  # a file
    "reporting:open_data",  # a file
    "reporting:period_bulk",  # POST only
    "reporting:period_export",  # a file
    "reporting:upload_confirm",  # POST only
    "reporting:upload_template",  # a file
}


def _kwargs(name: str, route: str, records: dict) -> dict:
    app = name.split(":", 1)[0]
    wanted = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    values = records.get(app, {})
    kwargs = {}
    for a, b in wanted:
        key = a or b
        kwargs[key] = values.get(key, 1)
    return kwargs


@pytest.mark.django_db
def test_every_staff_page_has_breadcrumbs_whose_links_open(people, records):
    from django.urls import NoReverseMatch, reverse

    client = Client()
    client.force_login(people["leader"])
    walked, not_walked = [], set()
    for name, route in staff_patterns():
        if "goi-y" in route:  # the pickers' suggestions (JSON)
            continue
        try:
            url = reverse(name, kwargs=_kwargs(name, route, records) or None)
        except NoReverseMatch:
            not_walked.add(name)
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            not_walked.add(name)
            continue
        html = response.content.decode()
        assert html.count('aria-label="Đường dẫn"') == 1, url
        steps = crumbs(html)
        assert steps[0][0] == "Bàn làm việc", url
        assert steps[-1][1] is None, url  # this page, not a link
        for _label, href in steps:
            if href:
                assert client.get(href).status_code == 200, (url, href)
        walked.append(name)
    assert not_walked == NOT_WALKED
    assert len(walked) >= 30
