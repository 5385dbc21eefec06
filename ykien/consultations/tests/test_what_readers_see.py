"""What a reader sees: open-data dates in Vietnam's time zone, the text of each clause above the
expert's box, and the choice a participant voted (signed in or as an anonymous session)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Node, StatementStatus
from ykien.consultations.tests.conftest import comment_on, invite, make_draft
from ykien.consultations.tests.test_public_safety import _captcha

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------- open data, Vietnam time


def test_exports_date_a_comment_in_vietnam_time(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1")
    # 20:44 UTC on 6 December is 03:44 on 7 December in Vietnam.
    with time_machine.travel(dt.datetime(2026, 12, 6, 20, 44, tzinfo=dt.UTC), tick=False):
        comment = comment_on(node, people.citizen, stance="agree", reasons="Đồng ý")
    data = json.loads(client.get(reverse("consultations:export", args=[draft.pk, "json"])).content)
    assert {k: data["comments"][0][k] for k in ("id", "created", "created_at")} == {
        "id": comment.pk,
        "created": "2026-12-07",
        "created_at": "2026-12-07T03:44:00+07:00",
    }
    assert data["draft"]["time_zone"] == "Asia/Ho_Chi_Minh"
    csv_text = client.get(reverse("consultations:export", args=[draft.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[1].endswith(",citizen,2026-12-07,2026-12-07T03:44:00+07:00")


def test_the_draft_page_says_the_exports_are_in_vietnam_time(client, draft):
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "ngày giờ theo giờ Việt Nam (UTC+07:00)" in page


# --------------------------------------------------------------- the expert sees the clauses


TEXT_WITH_MARKUP = """NGHỊ QUYẾT
Quy định chính sách hỗ trợ hợp tác xã
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ <b>hợp tác xã</b> & thành viên.
Điều 2. Mức hỗ trợ
1. Hỗ trợ 100% học phí.
2. Hỗ trợ tiền lương.
"""


def test_the_expert_page_shows_each_node_heading_and_text_above_its_box(client, tree, people):
    draft = make_draft(tree, people.officer, text=TEXT_WITH_MARKUP)
    url, _raw = invite(draft, people, tree)
    page = client.get(url).content.decode()
    nodes = {
        n.label: n.pk for n in Node.objects.filter(draft=draft, kind__in=["article", "clause"])
    }
    article, clause = nodes["Điều 1"], nodes["Điều 2, khoản 1"]
    expected_article = (
        f'<h3 id="nh-{article}">Điều 1. Phạm vi điều chỉnh</h3>\n'
        '      <p class="node-text">Nghị quyết này quy định mức hỗ trợ &lt;b&gt;hợp tác xã'
        "&lt;/b&gt; &amp; thành viên.</p>\n      \n"
        f'<div class="field">\n  <label for="id_node_{article}">Ý kiến về Điều 1:</label>\n  \n'
        f'  <textarea name="node_{article}"'
    )
    assert expected_article in page
    expected_clause = (
        f'<h3 id="nh-{clause}">Điều 2, khoản 1</h3>\n'
        '      <p class="node-text">Hỗ trợ 100% học phí.</p>\n      \n'
        f'<div class="field">\n  <label for="id_node_{clause}">Ý kiến về Điều 2, khoản 1:</label>'
    )
    assert expected_clause in page
    assert "<b>hợp tác xã</b>" not in page
    # Each text comes before its own box, in reading order.
    assert page.index(expected_article) < page.index(expected_clause)


# ------------------------------------------------------------------- the choice one voted


def _statement(draft, people, text="Mức hỗ trợ phù hợp"):
    return services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text=text
    )


@pytest.mark.parametrize(("value", "label"), [(1, "Đồng ý"), (-1, "Không đồng ý"), (0, "Bỏ qua")])
def test_a_signed_in_voter_sees_how_they_voted(client, draft, people, value, label):
    statement = _statement(draft, people)
    client.force_login(people.citizen)
    client.post(
        reverse("consultations:vote", args=[draft.pk]), {"statement": statement.pk, "value": value}
    )
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert f"Bạn đã biểu quyết: <strong>{label}</strong>" in page


def test_an_anonymous_voter_sees_their_choice_in_their_session_only(client, draft, people):
    statement = _statement(draft, people)
    client.post(
        reverse("consultations:vote", args=[draft.pk]),
        {"statement": statement.pk, "value": -1, **_captcha()},
    )
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Bạn đã biểu quyết: <strong>Không đồng ý</strong>" in page
    client.cookies.clear()
    other = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Bạn đã biểu quyết" not in other


def test_a_participant_sees_the_statements_they_proposed_and_what_became_of_them(
    client, draft, people
):
    client.force_login(people.citizen)
    citizen = services.Participant.of_user(people.citizen)
    pending = services.statement_propose(draft=draft, participant=citizen, text="Cần hỗ trợ <thêm>")
    withdrawn = services.statement_propose(draft=draft, participant=citizen, text="Trùng lặp")
    services.statement_moderate(
        actor=people.officer,
        statement=withdrawn,
        to=StatementStatus.REJECTED,
        reason="Trùng nhận định khác",
    )
    active = services.statement_propose(draft=draft, participant=citizen, text="Nên giữ nguyên")
    services.statement_moderate(actor=people.officer, statement=active, to=StatementStatus.ACTIVE)
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Cần hỗ trợ &lt;thêm&gt; — <em>Chờ cán bộ duyệt</em>" in page
    assert "Trùng lặp — <em>Không đưa ra biểu quyết</em> (lý do: Trùng nhận định khác)" in page
    assert (
        '<p><strong>Nên giữ nguyên</strong> <small class="muted">(bạn đề xuất)</small></p>' in page
    )
    assert pending.status == StatementStatus.PENDING
    client.logout()
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Chờ cán bộ duyệt" not in page
    assert "(bạn đề xuất)" not in page
