"""What became of a comment, in a real browser: from the draft's page a reader follows a
comment to its page (the point citing it, the drafting body's answer, the clause changed in
version 2), then opens "you said — we did"; axe-core finds no serious problem on either."""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from stories import ANSWER, critique_answered  # tests/e2e/stories.py

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def answered(site):
    """The site's draft: a citizen's comment on Điều 1, version 2 rewording it, the critique
    issued with a point citing the comment, and the drafting body's answer (accepted)."""
    from ykien.consultations import services
    from ykien.consultations.models import Draft, Node
    from ykien.core.tests.factories import UserFactory

    citizen = UserFactory(username="congdan.fate", full_name="Lê Thị Cúc")
    draft = Draft.objects.get(title="Dự thảo Nghị quyết hỗ trợ hợp tác xã")
    article = Node.objects.get(draft=draft, label="Điều 1")
    comment = services.comment_post(
        draft_id=draft.pk,
        node_id=article.pk,
        participant=services.Participant.of_user(citizen),
        stance="reword",
        proposed_wording="Thêm “và liên hiệp hợp tác xã”.",
        reasons="Liên hiệp hợp tác xã cũng cần được hỗ trợ.",
    )
    critique_answered(draft, comment)
    return comment


def test_follow_a_comment_to_its_fate_then_you_said(site, answered, page):
    page.goto(site.url + site.draft_url)
    page.get_by_role("link", name=f"Theo dõi kết quả góp ý số {answered.pk}").click()
    page.wait_for_url(re.compile(rf"/gop-y/{answered.pk}/$"))
    main = page.locator("main")
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Kết quả của góp ý số {answered.pk}"
    )
    assert "Cơ quan soạn thảo đã trả lời công khai." in main.inner_text()
    point = page.locator("article.card", has_text="Về phạm vi điều chỉnh")
    assert point.locator(".answer strong").inner_text() == "Tiếp thu"
    assert ANSWER in point.inner_text()
    clause = page.get_by_test_id("clause")
    assert "Điều, khoản này đã được sửa trong phiên bản 2 (Điều 1)." in clause.inner_text()
    assert clause.locator("ins.diff").all_inner_texts() == [" và liên hiệp hợp tác xã"]
    assert_accessible(page)

    page.get_by_role("link", name="Ý kiến của Nhân dân và kết quả tiếp thu").click()
    page.wait_for_url(re.compile(r"/ban-da-noi/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ý kiến của Nhân dân và kết quả tiếp thu"
    )
    row = page.get_by_test_id("clause-row")
    assert row.get_by_role("heading", level=3).inner_text() == "Điều 1. Phạm vi điều chỉnh"
    assert "1 góp ý: Đề xuất cách viết khác 1" in row.inner_text()
    assert row.locator(".answer strong").inner_text() == "Tiếp thu"
    assert row.locator("ins.diff").all_inner_texts() == [" và liên hiệp hợp tác xã"]
    assert_accessible(page)


def test_you_said_is_linked_from_the_draft_page(site, answered, page):
    page.goto(site.url + site.draft_url)
    page.get_by_role("link", name="Ý kiến của Nhân dân và kết quả tiếp thu").click()
    page.wait_for_url(re.compile(r"/ban-da-noi/$"))
    assert page.get_by_test_id("totals").inner_text().startswith("1 góp ý đang hiển thị")
