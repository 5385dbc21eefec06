"""The public lists of dialogues (``/doi-thoai/``) and of commitments (``/doi-thoai/cam-ket/``)
on the list layer (``core.lists``): search ignoring diacritics, filters by status, place and
period, sort, pages, everything in the URL; a bad value is a translated 400, never a 500."""

from __future__ import annotations

import re

import pytest

from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.models import DialogueStatus
from ykien.dialogue.tests.conftest import DUE, D, dialogue_in, new_dialogue

pytestmark = pytest.mark.django_db


def _topics(response) -> list[str]:
    return re.findall(r'<a href="/doi-thoai/\d+/">([^<]+)</a>', response.content.decode())


def _codes(response) -> list[str]:
    return re.findall(r'<a href="/doi-thoai/cam-ket/\d+/">(CK-\d+)</a>', response.content.decode())


@pytest.fixture
def dialogues(world):
    """Three public dialogues (held 10/09, announced 01/12, closed 10/09 on water) and one still
    planned (never shown)."""
    held = dialogue_in(world, DialogueStatus.HELD)
    later = s.dialogue_create(
        actor=SYSTEM,
        unit=world.commune,
        head_unit=world.ubnd_xa,
        head_name="Nguyễn Văn Thành",
        head_title="Chủ tịch Ủy ban nhân dân xã",
        topic="Đối thoại về nước sạch",
        held_on=D(2026, 12, 1),
        place="Nhà văn hóa ấp 3",
    )
    later = s.dialogue_announce(actor=SYSTEM, dialogue=later)
    planned = new_dialogue(world, held_on=D(2026, 12, 20))
    return held, later, planned


def test_the_dialogues_searched_without_diacritics(dialogues, client):
    response = client.get("/doi-thoai/", {"q": "doi thoai nuoc sach"})
    assert response.status_code == 200
    assert _topics(response) == ["Đối thoại về nước sạch"]
    assert _topics(client.get("/doi-thoai/", {"q": "GIAO THONG"})) == [
        "Đối thoại về giao thông nông thôn"
    ]


def test_the_dialogues_filtered_sorted_and_paged_with_the_filters_in_the_url(
    dialogues, client, world
):
    assert _topics(client.get("/doi-thoai/")) == [
        "Đối thoại về nước sạch",  # the latest session first
        "Đối thoại về giao thông nông thôn",
    ]
    assert _topics(client.get("/doi-thoai/", {"status": "held"})) == [
        "Đối thoại về giao thông nông thôn"
    ]
    assert _topics(client.get("/doi-thoai/", {"date_from": "2026-11-01"})) == [
        "Đối thoại về nước sạch"
    ]
    assert _topics(client.get("/doi-thoai/", {"place": world.province.pk, "sort": "day"})) == [
        "Đối thoại về giao thông nông thôn",
        "Đối thoại về nước sạch",
    ]
    assert _topics(client.get("/doi-thoai/", {"place": world.ubnd_xa.pk, "sort": "-topic"})) == [
        "Đối thoại về nước sạch",
        "Đối thoại về giao thông nông thôn",
    ]
    # A planned dialogue is never a status a visitor can ask for.
    planned = client.get("/doi-thoai/", {"status": "planned"})
    assert planned.status_code == 400
    text = planned.content.decode()
    # Said once at the top, naming the field and leading to it, and once beside the field.
    assert (
        '<p><a href="#id_status">Trạng thái</a>: Lựa chọn không hợp lệ; hãy chọn lại trong danh '
        "sách.</p>" in text
    )
    assert text.count("Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.") == 2
    # A hidden field's error (the page number) has no field to stand beside: said at the top.
    bad_page = client.get("/doi-thoai/", {"page": "99999999999999999999999"}).content.decode()
    assert bad_page.count("Số trang không hợp lệ.") == 1
    # The sort links keep the filters.
    page = client.get("/doi-thoai/", {"q": "doi thoai", "status": "held"}).content.decode()
    assert 'href="?q=doi+thoai&amp;status=held&amp;sort=topic"' in page


def test_the_dialogues_page_by_twenty(world, client):
    for n in range(21):
        d = new_dialogue(world, held_on=D(2026, 12, 1 + n % 20))
        s.dialogue_announce(actor=SYSTEM, dialogue=d)
    first = client.get("/doi-thoai/")
    assert (first.status_code, len(_topics(first))) == (200, 20)
    assert "Trang 1/2" in first.content.decode()
    second = client.get("/doi-thoai/", {"page": "2"})
    assert (second.status_code, len(_topics(second))) == (200, 1)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "99999999999999999999999"}, "Số trang không hợp lệ."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "0"}, "Số trang không hợp lệ."),
        ({"page": "3"}, "Trang 3 không tồn tại."),
        ({"status": "bogus"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"place": "NaN"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"place": "18446744073709551617"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        (
            {"place": "'; DROP TABLE users; --"},
            "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.",
        ),
        ({"sort": "password"}, "Không thể sắp xếp theo cột này."),
        ({"date_from": "<script>alert(1)</script>"}, "Nhập một ngày hợp lệ."),
        ({"q": "x" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
    ],
)
@pytest.mark.parametrize("url", ["/doi-thoai/", "/doi-thoai/cam-ket/"])
def test_bad_parameters_are_a_translated_400(dialogues, client, url, params, message):
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_naughty_search_strings_find_nothing_and_break_nothing(dialogues, client):
    for q in ("\u202e", "%", "_", "' OR 1=1 --", "𝕯𝖔𝖎 𝖙𝖍𝖔𝖆𝖎", "\x00"):
        for url in ("/doi-thoai/", "/doi-thoai/cam-ket/"):
            assert client.get(url, {"q": q}).status_code in (200, 400), (url, q)


@pytest.fixture
def commitments(world, dialogues):
    """CK on the held dialogue: one open past due (15/10), one kept, one due in 2027."""
    held = dialogues[0]

    def make(text, due):
        return s.commitment_create(
            actor=SYSTEM, dialogue=held, text=text, addressee=world.ubnd_xa, due_on=due
        )

    late = make("Sửa xong tuyến đường liên ấp.", DUE)
    kept = make("Lắp đèn chiếu sáng đường ấp 2.", D(2026, 10, 1))
    s.commitment_answer(actor=SYSTEM, commitment=kept, kept=True, text="Đã lắp.", on=D(2026, 9, 30))
    future = make("Nạo vét kênh thủy lợi.", D(2027, 3, 1))
    return late, kept, future


def test_the_commitments_searched_filtered_sorted(commitments, client, world):
    late, kept, future = commitments
    assert _codes(client.get("/doi-thoai/cam-ket/")) == [kept.code, late.code, future.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"q": "duong lien ap"})) == [late.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"q": "den chieu sang"})) == [kept.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"status": "kept"})) == [kept.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"overdue": "on"})) == [late.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"date_from": "2027-01-01"})) == [future.code]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"sort": "-due"})) == [
        future.code,
        late.code,
        kept.code,
    ]
    assert _codes(client.get("/doi-thoai/cam-ket/", {"place": world.ubnd_xa.pk})) == [
        kept.code,
        late.code,
        future.code,
    ]
    page = client.get("/doi-thoai/cam-ket/", {"overdue": "on"}).content.decode()
    assert "quá hạn" in page
    assert "1 cam kết" in page
