"""`ykien demo --no-serve` end to end: the backup codes it prints are the ones that work, a second
run adds and changes nothing, the links it makes use the demo's port, the addresses are ASCII.

The demo is built around the day it is loaded, so it loads on any day — in Tết, on a holiday,
more than a year ahead — with the open draft, the deadlines and the news around that day, and
loads again forty days later without adding anything twice; the Q1/2024 briefing of Trà Vinh
keeps its exact figures whatever the day. (The whole demo loads in each: slow.)"""

from __future__ import annotations

import datetime as dt
import os
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.validators import EmailValidator
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from ykien.consultations.demo import VL_TITLE
from ykien.consultations.models import (
    AnalysisRun,
    Comment,
    Draft,
    ExpertOpinion,
    Invitation,
    Statement,
    Vote,
)
from ykien.consultations.services import invitation_link
from ykien.core.calendar import WorkingCalendar
from ykien.core.demo import DEMO_PASSWORD, DEMO_USERS, DemoDays, load_users
from ykien.core.management.commands.demo import site_url, use_site_url
from ykien.core.models import RoleGrant, Unit, User
from ykien.experts.models import Expert
from ykien.oversight.models import Activity, Programme, Recommendation, RecommendationStatus
from ykien.petitions.models import Petition
from ykien.portal.models import Article, ArticleStatus, Feedback
from ykien.reporting import selectors as reporting
from ykien.reporting.figures import format_figure
from ykien.reporting.models import Submission

pytestmark = pytest.mark.django_db
CODES_RE = re.compile(r"^  (\S+) .*\n\s+mã dự phòng 2FA / backup codes: ([a-z0-9 ]+)$", re.M)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TET = dt.datetime(2027, 2, 6, 10, 0, tzinfo=TZ)  # mùng 1 Tết Đinh Mùi, in the holidays 4–10/2
# The Q1/2024 briefing of the Trà Vinh front committee, as quoted.
QUOTED = {
    "PB-CHU-TRI": "5", "PB-TO-CHUC": "3", "DV-VAN-DONG": "5,8 tỷ đồng", "DV-DUOC-VAY": "1.068",
    "DV-CON-KHO-KHAN": "336", "MH-TONG": "2.713", "MH-TAP-THE": "1.986", "MH-CA-NHAN": "727",
    "MH-NHAN-RONG": "604", "KD-TAP-THE": "2.325", "KD-DANG-VIEN": "39.700",
}  # fmt: skip
# What a later run must not add to (the figures of a quarter that fell due since may be added).
KEPT = [Unit, User, RoleGrant, StaticToken, Expert, Draft, Comment, Statement, Vote, Invitation,
        ExpertOpinion, Petition, Programme, Activity, Recommendation, Article, Feedback,
        AnalysisRun]  # fmt: skip


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def _demo(*args: str) -> tuple[str, dict[str, list[str]]]:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    text = out.getvalue()
    return text, {user: codes.split() for user, codes in CODES_RE.findall(text)}


@pytest.fixture
def demo_env(settings, tmp_path, monkeypatch):
    """The demo writes under a scratch var/; SITE_URL not exported (restored afterwards)."""
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.SITE_URL = "http://127.0.0.1:8000"  # what the command changes is undone after
    monkeypatch.delenv("SITE_URL", raising=False)
    settings.SITE_URL_EXPORTED = False
    return settings


def _q1_2024_briefing() -> dict[str, str]:
    report = reporting.briefing(
        unit=Unit.objects.get(code="MTTQ-84"), code="2024-Q1", today=timezone.localdate()
    )
    return {
        row.indicator.code: format_figure(row.indicator, row.value)
        for row in report.rows
        if row.indicator.code in QUOTED
    }


def _placed_around_today() -> None:
    """The demo's "now" is the day it was loaded: the draft open for comment, deadlines due soon
    and overdue, the next supervision session ahead, news of the last days, nothing later."""
    today, now = timezone.localdate(), timezone.now()
    calendar = WorkingCalendar()
    draft = Draft.objects.get(title=VL_TITLE)
    assert draft.phase_on(today) == "open"
    assert draft.received_on < draft.comment_start < today < draft.comment_end
    assert calendar.is_working_day(draft.comment_end)
    dues = set(Invitation.objects.filter(draft=draft).values_list("due", flat=True))
    assert dues == {calendar.add_working_days(today, 5)}
    assert not Comment.objects.filter(created_at__gt=now).exists()

    awaiting = Recommendation.objects.filter(status__in=RecommendationStatus.awaiting())
    assert any(rec.is_overdue(today) for rec in awaiting)
    assert any(rec.answer_due >= today for rec in awaiting)
    assert not Recommendation.objects.filter(issued_on__gt=today).exists()
    upcoming = Activity.objects.filter(session_date__gt=today, session_held_on=None)
    assert upcoming.count() == 1
    assert calendar.is_working_day(upcoming.get().session_date)
    assert Programme.objects.get().year in (today.year - 1, today.year)

    assert Petition.objects.overdue(today).exists()
    assert not Petition.objects.filter(received_on__gt=today).exists()
    assert Petition.objects.filter(received_on__gte=today - dt.timedelta(days=30)).exists()

    scheduled = Article.objects.get(status=ArticleStatus.SCHEDULED)
    assert timezone.localdate(scheduled.publish_at) == today + dt.timedelta(days=2)
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    assert not published.filter(publish_at__gt=now).exists()
    assert published.filter(publish_at__gte=now - dt.timedelta(days=3)).exists()
    assert not Feedback.objects.filter(created_at__gt=now).exists()


def _travel(moment: dt.datetime):
    return time_machine.travel(moment, tick=True)


@pytest.mark.slow
def test_the_full_demo_prints_working_codes_makes_port_links_and_loads_once(demo_env, client):
    """Loaded in Tết (a holiday, a Saturday): every date of the demo is placed around it."""
    with _travel(TET):
        _full_demo_loads_once(demo_env, client)


def _full_demo_loads_once(demo_env, client) -> None:
    _text, printed = _demo("--port", "8123")
    assert _q1_2024_briefing() == QUOTED
    _placed_around_today()
    assert sorted(printed) == ["lanhdao.tinh", "lanhdao.travinh", "vanphong.tinh", "xuly.tinh"]
    assert all(len(codes) == 5 for codes in printed.values())
    counts = _row_counts()

    # The demo's history is nobody's news: the citizen's notifications are the four the demo
    # dates in its story, no delivery is queued and no mail is sent while it loads.
    from ykien.participation.models import Notification

    assert Notification.objects.filter(user__username="congdan").count() == 4
    assert mail.outbox == []

    # A second run (every app's loader calls the users' loader again) changes nothing.
    again, printed_again = _demo("--port", "8123")
    assert printed_again == printed
    assert _row_counts() == counts

    # What is printed is what is stored, and signs the leader in.
    for username, codes in printed.items():
        stored = StaticToken.objects.filter(device__user__username=username)
        assert sorted(stored.values_list("token", flat=True)) == sorted(codes)
    client.post(reverse("core:login"), {"username": "lanhdao.tinh", "password": DEMO_PASSWORD})
    response = client.get(reverse("core:workspace"))
    assert response["Location"].startswith(reverse("core:otp_verify"))
    response = client.post(
        reverse("core:otp_verify") + "?next=/can-bo/", {"token": printed["lanhdao.tinh"][2]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/can-bo/"
    assert client.get(reverse("core:workspace")).status_code == 200
    # The code is used up; the others stay, and loading the users again keeps them as they are.
    remaining = [c for i, c in enumerate(printed["lanhdao.tinh"]) if i != 2]
    assert sorted(
        StaticToken.objects.filter(device__user__username="lanhdao.tinh").values_list(
            "token", flat=True
        )
    ) == sorted(remaining)

    # Links point at the demo's port (this process, and what the worker and server inherit).
    assert "Trang web / site: http://127.0.0.1:8123/" in again
    assert demo_env.SITE_URL == "http://127.0.0.1:8123"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8123"
    assert invitation_link("abc") == "http://127.0.0.1:8123/y-kien-chuyen-gia/abc/"

    # Every address the demo made is a valid (ASCII) address.
    validate = EmailValidator()
    emails = [e for e in Expert.objects.values_list("email", flat=True) if e]
    emails += list(Invitation.objects.values_list("email", flat=True))
    emails += [e for e in User.objects.values_list("email", flat=True) if e]
    assert "kim.thi.soc.khanh@example.vn" in emails
    for email in emails:
        assert email.isascii(), email
        validate(email)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("moment", "again"),
    [
        (dt.datetime(2028, 3, 15, 10, 0, tzinfo=TZ), dt.datetime(2028, 4, 24, 10, 0, tzinfo=TZ)),
        (dt.datetime(2027, 9, 2, 16, 30, tzinfo=TZ), None),  # National Day, a Thursday
    ],
    ids=["2028-03-15-then-40-days-later", "2027-09-02"],
)
def test_the_demo_loads_on_any_day_around_that_day(demo_env, moment, again):
    with _travel(moment):
        _demo()
        assert _q1_2024_briefing() == QUOTED
        _placed_around_today()
        counts = {model.__name__: model.objects.count() for model in KEPT}
    if again is None:
        return
    # Forty days later: nothing added twice, nothing fails; the figures of a quarter that fell
    # due since may be added, once per unit.
    with _travel(again):
        _demo()
        assert {model.__name__: model.objects.count() for model in KEPT} == counts
        assert _q1_2024_briefing() == QUOTED
    twice = Submission.objects.values("unit", "period").annotate(n=Count("id")).filter(n__gt=1)
    assert not twice.exists()


@pytest.mark.parametrize(
    ("today", "shift_days", "story_today", "session"),
    [
        # The story's own day: nothing moves.
        (dt.date(2026, 11, 26), 0, dt.date(2026, 11, 26), dt.date(2026, 12, 3)),
        # Thirteen days later: one whole week (the weekdays are kept), nothing after today.
        (dt.date(2026, 12, 9), 7, dt.date(2026, 12, 3), dt.date(2026, 12, 10)),
        # In Tết 2027 (holidays 4–10/2): the story's day falls on 4/2, a holiday, so what was
        # done that day is dated the working day before; the session moves after the holidays.
        (dt.date(2027, 2, 6), 70, dt.date(2027, 2, 3), dt.date(2027, 2, 11)),
    ],
)
def test_demo_days_move_the_story_by_whole_weeks_onto_working_days(
    today, shift_days, story_today, session
):
    days = DemoDays(today)
    assert days.shift == dt.timedelta(days=shift_days)
    assert days.past(dt.date(2026, 11, 26)) == story_today
    assert days.ahead(dt.date(2026, 12, 3)) == session
    assert days.past(dt.date(2026, 4, 22)).weekday() == 2  # a Wednesday stays a Wednesday


def test_demo_days_count_from_today_on_working_days():
    tet = DemoDays(dt.date(2027, 2, 6))
    assert tet.ago(0) == dt.date(2027, 2, 3)
    assert tet.ago(3) == dt.date(2027, 2, 3)
    assert tet.working_days_ahead(1) == dt.date(2027, 2, 11)
    assert tet.working_days_ahead(5) == dt.date(2027, 2, 17)


def test_loading_the_users_again_keeps_their_codes_and_tops_up_used_ones(db):
    from ykien.core.models import UnitLevel
    from ykien.core.tests.factories import make_unit

    for code in sorted({spec.unit_code for spec in DEMO_USERS if spec.unit_code}):
        make_unit(code, code=code, level=UnitLevel.PROVINCE)
    first = {spec.username: codes for spec, codes in load_users(StringIO())}
    assert first == {spec.username: codes for spec, codes in load_users(StringIO())}
    StaticToken.objects.filter(token=first["xuly.tinh"][0]).delete()  # a code used to sign in
    second = {spec.username: codes for spec, codes in load_users(StringIO())}
    assert second["xuly.tinh"][:4] == first["xuly.tinh"][1:]
    assert len(second["xuly.tinh"]) == 5
    assert second["xuly.tinh"][4] not in first["xuly.tinh"]
    assert second["lanhdao.tinh"] == first["lanhdao.tinh"]


def test_the_demo_site_url_follows_the_port_unless_site_url_is_exported(settings, monkeypatch):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site_url("127.0.0.1", 8123) == "http://127.0.0.1:8123"
    assert site_url("0.0.0.0", 9000) == "http://127.0.0.1:9000"  # noqa: S104
    assert site_url("::1", 9000) == "http://[::1]:9000"

    monkeypatch.setenv("SITE_URL", "https://ykien.example.vn")
    settings.SITE_URL = "https://ykien.example.vn"
    settings.SITE_URL_EXPORTED = True
    assert use_site_url("http://127.0.0.1:8123") == "https://ykien.example.vn"
    assert settings.SITE_URL == "https://ykien.example.vn"
    assert os.environ["SITE_URL"] == "https://ykien.example.vn"

    monkeypatch.delenv("SITE_URL")
    settings.SITE_URL_EXPORTED = False
    assert use_site_url("http://127.0.0.1:8123") == "http://127.0.0.1:8123"
    assert settings.SITE_URL == "http://127.0.0.1:8123"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8123"
