"""The staff dashboard on the workspace (``core.dashboard``): exact counts and the links to the
filtered lists for an officer, a handler and a leader; nothing of another province; the leader's
approvals; the month charts equal their tables; English without Vietnamese or codes; a fixed
number of queries whatever the number of records."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from ykien.core.dashboard import last_months
from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.oversight import services as oversight
from ykien.oversight.models import ActivityForm, Recommendation
from ykien.petitions import services as petitions
from ykien.petitions.models import Petition, Status

TODAY = dt.date(2026, 11, 26)  # a Thursday
DAY = dt.timedelta(days=1)
WORKSPACE = "/can-bo/"
PETITIONS = "/can-bo/don-thu/"


@pytest.fixture(autouse=True)
def _clock(settings, tmp_path):
    settings.PII_KEYS = Fernet.generate_key().decode()
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    # 23:30 in Hà Nội on the 26th is still the 26th there (16:30 UTC).
    with time_machine.travel(dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC), tick=False):
        yield


def _petition(unit, **dates) -> Petition:
    petition = petitions.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Đèn đường hỏng",
        content="Đèn đường ở ấp Tân An hỏng đã một tháng.",
        unit=unit,
        identity=SenderIdentity(),
        anonymous=True,
    )
    Petition.objects.filter(pk=petition.pk).update(**dates)
    return petition


@pytest.fixture
def world(tree):
    """Petitions and a recommendation of the Vĩnh Long province (``prov_new``), one petition of
    Cà Mau (``prov_b``); an officer, a handler and a leader of Vĩnh Long."""
    people = {}
    for name, role in (("canbo", Role.OFFICER), ("xuly", Role.HANDLER), ("lanhdao", Role.LEADER)):
        people[name] = UserFactory(username=name)
        grant(people[name], tree.prov_new, role, valid_from=dt.date(2025, 7, 1))
    # Open: due today, in three days, two days ago; received yesterday, 10 and 20 days ago.
    _petition(tree.prov_new, due_date=TODAY, received_on=TODAY - DAY)
    _petition(tree.prov_new, due_date=TODAY + 3 * DAY, received_on=TODAY - 10 * DAY)
    _petition(tree.prov_new, due_date=TODAY - 2 * DAY, received_on=TODAY - 20 * DAY)
    closed = {"status": Status.ANSWERED, "due_date": None}
    # Received in September, settled on time in October.
    _petition(
        tree.commune_new,
        received_on=dt.date(2026, 9, 15),
        settled_on=dt.date(2026, 10, 1),
        settle_due=dt.date(2026, 10, 10),
        **closed,
    )
    # Received before the twelve months shown, settled late in January.
    _petition(
        tree.prov_new,
        received_on=dt.date(2025, 11, 20),
        settled_on=dt.date(2026, 1, 15),
        settle_due=dt.date(2026, 1, 10),
        **closed,
    )
    # Another province: never counted.
    _petition(tree.prov_b, due_date=TODAY, received_on=TODAY)
    _petition(
        tree.prov_b,
        received_on=dt.date(2026, 10, 2),
        settled_on=dt.date(2026, 10, 5),
        settle_due=dt.date(2026, 10, 9),
        **closed,
    )
    officer = people["canbo"]
    activity = oversight.activity_create(
        actor=officer,
        unit=tree.prov_new,
        form=ActivityForm.DOCUMENT_REVIEW,
        title="Xem xét quyết định về giá đất",
        content="Nghiên cứu các quyết định về giá đất năm nay.",
        subject=tree.agency_new,
        planned_on=TODAY - 40 * DAY,
    )
    oversight.activity_start(actor=officer, activity=activity, on=TODAY - 38 * DAY)
    oversight.finding_add(actor=officer, activity=activity, text="Giá đất chưa sát thị trường.")
    activity = oversight.activity_report(
        actor=officer,
        activity=activity,
        report_date=TODAY - 30 * DAY,
        report_number="12/BC-MTTQ",
        summary="Cần điều chỉnh một số mức giá.",
    )
    for offset in (20, 3):  # issued 20 and 3 days ago
        rec = oversight.recommendation_create(
            actor=officer,
            activity=activity,
            finding=activity.findings.first(),
            addressee=tree.agency_new,
            text="Rà soát, điều chỉnh bảng giá đất ven biển.",
            created_on=TODAY - offset * DAY,
        )
        oversight.recommendation_issue(actor=officer, recommendation=rec, on=TODAY - offset * DAY)
    # The first one's answer is due tomorrow; the second's on the day the unit set.
    first = Recommendation.objects.order_by("pk").first()
    Recommendation.objects.filter(pk=first.pk).update(answer_due=TODAY + DAY)
    return people


def _login(client, user) -> None:
    """Sign in, as if TOTP had been passed (a handler holds a confidential role)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="test")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def _section(html: str, key: str) -> str:
    match = re.search(
        rf'<section class="card dashboard-area" aria-labelledby="area-{key}">(.*?)</section>',
        html,
        re.S,
    )
    assert match, key
    return match.group(1)


def _tiles(html: str, key: str) -> dict[str, tuple[int, str]]:
    """bucket → (count, link) of an area's tiles."""
    found = re.findall(
        r'<li class="tile tile-(\w+)"><a href="([^"]+)"><span class="tile-count">(\d+)</span>',
        _section(html, key),
    )
    return {bucket: (int(count), unescape(url)) for bucket, url, count in found}


def _rows_in_list(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return len(
        re.findall(r'href="/can-bo/(?:don-thu|giam-sat/kien-nghi)/\d+/"', response.content.decode())
    )


def test_officer_sees_exact_counts_linking_to_the_filtered_lists(client, world):
    _login(client, world["canbo"])
    html = client.get(WORKSPACE).content.decode()
    petition_tiles = _tiles(html, "petitions")
    assert petition_tiles == {
        "today": (1, f"{PETITIONS}?due=today"),
        "week": (2, f"{PETITIONS}?due=week"),
        "overdue": (1, f"{PETITIONS}?due=overdue"),
        "new": (1, f"{PETITIONS}?recent=1"),
    }
    recs = "/can-bo/giam-sat/kien-nghi/"
    assert _tiles(html, "recommendations") == {
        "today": (0, f"{recs}?due=today"),
        "week": (1, f"{recs}?due=week"),
        "overdue": (0, f"{recs}?due=overdue"),
        "new": (1, f"{recs}?recent=1"),
    }
    # Each link lists exactly the records counted.
    for count, url in [*petition_tiles.values(), *_tiles(html, "recommendations").values()]:
        assert _rows_in_list(client, url) == count, url
    assert "Chờ tôi duyệt" not in html


def test_handler_sees_the_petitions_of_the_province_and_no_supervision(client, world):
    _login(client, world["xuly"])
    html = client.get(WORKSPACE).content.decode()
    assert {b: c for b, (c, _u) in _tiles(html, "petitions").items()} == {
        "today": 1,
        "week": 2,
        "overdue": 1,
        "new": 1,
    }
    assert 'aria-labelledby="area-recommendations"' not in html
    assert "Chờ tôi duyệt" not in html


def test_another_province_sees_none_of_these_records(client, world, tree):
    other = UserFactory(username="canbo.b")
    grant(other, tree.prov_b, Role.OFFICER)
    _login(client, other)
    html = client.get(WORKSPACE).content.decode()
    assert {b: c for b, (c, _u) in _tiles(html, "petitions").items()} == {
        "today": 1,
        "week": 1,
        "overdue": 0,
        "new": 1,
    }
    assert {b: c for b, (c, _u) in _tiles(html, "recommendations").items()} == {
        "today": 0,
        "week": 0,
        "overdue": 0,
        "new": 0,
    }
    # October: received and settled on time; November: received today.
    assert _figures(html, "petitions")["table"][-2:] == [[1, 1, 0], [1, 0, 0]]


def _figures(html: str, key: str) -> dict[str, list[list[int]]]:
    """The month figures of an area's chart (its bars' tooltips) and of its table."""
    section = _section(html, key)
    tips = re.findall(r"<rect [^>]*><title>[^<]*: (\d+)</title></rect>", section)
    bars = [int(n) for n in tips]
    chart = [bars[i : i + 3] for i in range(0, len(bars), 3)]
    body = re.search(r'<table class="visually-hidden".*?<tbody>(.*?)</tbody>', section, re.S)
    assert body
    table = [
        [int(n) for n in re.findall(r"<td>(\d+)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]
    return {"chart": chart, "table": table}


def test_month_chart_equals_its_table_with_exact_figures(client, world):
    _login(client, world["canbo"])
    html = client.get(WORKSPACE).content.decode()
    figures = _figures(html, "petitions")
    months = last_months(TODAY)
    assert months[0] == dt.date(2025, 12, 1)
    assert months[-1] == dt.date(2026, 11, 1)
    expected = {
        dt.date(2026, 1, 1): [0, 0, 1],  # settled late (received before the window)
        dt.date(2026, 9, 1): [1, 0, 0],
        dt.date(2026, 10, 1): [0, 1, 0],
        dt.date(2026, 11, 1): [3, 0, 0],
    }
    assert figures["table"] == [expected.get(m, [0, 0, 0]) for m in months]
    assert figures["chart"] == figures["table"]
    # Recommendations: two sent this month, none answered yet.
    recommendations = _figures(html, "recommendations")
    assert recommendations["chart"] == recommendations["table"]
    assert recommendations["table"][-1] == [2, 0, 0]
    # The month axis in Vietnamese; the table's months in full.
    section = _section(html, "petitions")
    assert ">T12</text>" in section
    assert ">T11</text>" in section
    assert "Tháng 11/2026" in section


def test_months_follow_vietnam_time_zone(client, world):
    # 17:30 UTC on 30 November is 00:30 on 1 December in Hà Nội: December is the last month.
    with time_machine.travel(dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC), tick=False):
        _login(client, world["canbo"])
        html = client.get(WORKSPACE).content.decode()
    assert "Tháng 12/2026" in _section(html, "petitions")
    assert "Tháng 12/2025" not in _section(html, "petitions")


def _submitted_document(tree, officer, leader):
    from ykien.consultations import services as consultations
    from ykien.consultations.tests.conftest import DOC, TEXT

    draft = consultations.draft_register(
        actor=officer,
        unit=tree.prov_new,
        drafting_unit=tree.agency_new,
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=TODAY,
        comment_end=TODAY + 14 * DAY,
        filename="du-thao.txt",
        data=TEXT.encode(),
    )
    consultations.version_publish(actor=officer, version=draft.versions.get(number=1))
    draft.refresh_from_db()
    consultations.draft_transition(actor=officer, draft=draft, to="closed", reason="Đã đủ ý kiến.")
    consultations.draft_transition(actor=officer, draft=draft, to="consolidating")
    consultations.point_save(actor=officer, draft=draft, title="Vấn đề", text="Nội dung")
    document = consultations.document_save(actor=officer, draft=draft, data=DOC)
    consultations.document_submit(actor=officer, document=document)
    return draft


def _submitted_figures(tree, officer):
    from ykien.reporting import services as reporting

    period = reporting.period_ensure(actor=SYSTEM, code="2026-Q3")
    submission = reporting.submission_save(
        actor=officer, unit=tree.prov_new, period=period, values={}
    )
    reporting.submission_transition(actor=officer, submission=submission, to="submitted")
    return period


def test_leader_sees_what_awaits_their_approval(client, world, tree):
    officer, leader = world["canbo"], world["lanhdao"]
    draft = _submitted_document(tree, officer, leader)
    period = _submitted_figures(tree, officer)
    _login(client, leader)
    html = client.get(WORKSPACE).content.decode()
    block = re.search(r'aria-labelledby="my-approvals">(.*?)</section>', html, re.S)
    assert block
    approvals = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a> <span class="badge badge-soon">(\d+)</span></li>',
        block.group(1),
    )
    assert [(unescape(u), unescape(t), int(n)) for u, t, n in approvals] == [
        (
            reverse("consultations:document", args=[draft.pk]),
            "Văn bản phản biện: Dự thảo Nghị quyết hỗ trợ hợp tác xã",
            1,
        ),
        (
            reverse("reporting:period", kwargs={"period": "2026-Q3"}) + "?status=submitted",
            f"Số liệu giao ban {period.title}",
            1,
        ),
    ]
    for url, _t, _n in approvals:
        assert client.get(unescape(url)).status_code == 200
    # The officer who submitted them approves neither.
    _login(client, officer)
    assert "my-approvals" not in client.get(WORKSPACE).content.decode()
    # A leader of another province sees none of them.
    other = UserFactory(username="lanhdao.b")
    grant(other, tree.prov_b, Role.LEADER)
    _login(client, other)
    assert "my-approvals" not in client.get(WORKSPACE).content.decode()


VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
CODES = ("overdue", "recent", "received", "answered", "submitted", "petitions.", "oversight.")


def _visible_text(html: str) -> str:
    """The dashboard's text (before the task list, whose titles quote records)."""
    main = re.search(r"<main.*?<section class=\"card dashboard-tasks\"", html, re.S)
    assert main
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", main.group(0), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)  # tags and their attributes (links, classes)
    return unescape(text)


def test_english_has_no_vietnamese_left_and_no_codes(client, world, tree):
    _submitted_document(tree, world["canbo"], world["lanhdao"])
    _submitted_figures(tree, world["canbo"])
    for who in ("canbo", "lanhdao"):
        _login(client, world[who])
        client.cookies["django_language"] = "en"
        html = client.get(WORKSPACE, headers={"accept-language": "en"}).content.decode()
        assert 'lang="en"' in html
        text = _visible_text(html)
        # Names of units, people and records are data, not interface: remove them first.
        for data in (
            "Ủy ban MTTQ tỉnh Vĩnh Long",
            "Dự thảo Nghị quyết hỗ trợ hợp tác xã",
            "Xem xét quyết định về giá đất",
            "Ủy ban nhân dân tỉnh Vĩnh Long",
            "Rà soát, điều chỉnh bảng giá đất ven biển.",
        ):
            text = text.replace(data, "")
        dashboard = text
        assert not VIETNAMESE.findall(dashboard), VIETNAMESE.findall(dashboard)[:20]
        for code in CODES:
            assert code not in dashboard, code
        assert "Due today" in dashboard
        assert ">Jan</text>" in html


# Queries of the dashboard itself (the scope of each area: role grants, the unit subtree and
# its predecessors; then its counts and months) and of the whole page (sign-in, menu, permissions,
# the task list) for each role: fixed, whatever the number of records.
# Drafts and the Regulation 124 inbox each read their scope (the grants' subtrees) once.
BOUNDS = {"canbo": (35, 150), "xuly": (19, 95), "lanhdao": (53, 175)}


def _count(client, user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(WORKSPACE).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["canbo", "xuly", "lanhdao"])
def test_a_fixed_number_of_queries_whatever_the_records(
    client, world, tree, django_assert_max_num_queries, who
):
    from ykien.core.dashboard import dashboard
    from ykien.core.models import User

    own, page = BOUNDS[who]
    user = User.objects.get(pk=world[who].pk)
    with django_assert_max_num_queries(own):
        dashboard(user=user, today=TODAY)
    _login(client, user)
    with django_assert_max_num_queries(page):
        client.get(WORKSPACE)
    before = _count(client, user)
    for offset in range(8):  # more petitions, in and out of every count and month
        _petition(tree.prov_new, due_date=TODAY + offset * DAY, received_on=TODAY - offset * DAY)
        _petition(
            tree.commune_new,
            received_on=dt.date(2026, 3, 1 + offset),
            settled_on=dt.date(2026, 4, 1 + offset),
            settle_due=dt.date(2026, 4, 4),
            status=Status.ANSWERED,
            due_date=None,
        )
    assert _count(client, user) == before


def test_the_lists_refuse_unknown_filter_values(client, world):
    _login(client, world["canbo"])
    # Both lists refuse an unknown period with a 400 and list nothing …
    for url in (f"{PETITIONS}?due=nam-sau", "/can-bo/giam-sat/kien-nghi/?due=nam-sau"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.context["page"] is None
    # … and combine the dashboard's filters: nothing due this week was sent in the last week.
    assert _rows_in_list(client, "/can-bo/giam-sat/kien-nghi/?due=week&recent=1") == 0
