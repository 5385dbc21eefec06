"""The public pages: the ballot form (signed out: a message and the sign-in link; signed in: the
form with the current ballot), posting it, and the results page with its table and map."""

from __future__ import annotations

import time

import pytest

from ykien.identity.session import SESSION_KEY
from ykien.national import services
from ykien.national.models import Ballot, BallotComment, BallotHistory
from ykien.national.tests.conftest import voter

pytestmark = pytest.mark.django_db


def _sign_in(client, person):
    session = client.session
    session[SESSION_KEY] = {
        "subject_hash": person.subject_hash,
        "province_code": person.province_code,
        "age_band": person.age_band,
        "sex": person.sex,
        "until": time.time() + 3600,
    }
    session.save()


def test_signed_out_the_page_says_so_and_links_to_sign_in(client, mode):
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Đăng nhập bằng định danh điện tử" in html
    assert f"/dinh-danh/dang-nhap/?next=%2Ftham-van-quoc-gia%2F{mode.draft_id}%2F" in html
    assert 'id="ballot-form"' not in html
    assert '<p><a class="btn" href="/dinh-danh/dang-nhap/?next=' in html  # the site's button
    posted = client.post(f"/tham-van-quoc-gia/{mode.draft_id}/", {"overall": "agree"})
    assert posted.status_code == 403
    assert Ballot.objects.count() == 0


def test_a_signed_in_citizen_votes_then_changes_the_ballot(client, mode):
    person = voter(7, province="86")
    _sign_in(client, person)
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/").content.decode()
    assert 'id="ballot-form"' in page
    assert "Bạn chưa gửi phiếu." in page
    assert '<button type="submit" class="btn">Gửi phiếu</button>' in page
    assert 'class="btn btn-small btn-secondary" data-testid="identity-sign-out"' in page
    assert "tỉnh, thành phố: Vĩnh Long" in page
    answer = client.post(
        f"/tham-van-quoc-gia/{mode.draft_id}/",
        {"overall": "agree", "stance-1": "disagree", "comment-1": "Nên bỏ", "stance-2": "agree"},
    )
    assert answer.status_code == 302
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/").content.decode()
    assert "Đã ghi nhận phiếu của bạn." in page
    assert 'name="stance-1" value="disagree" checked' in page
    assert "Nên bỏ</textarea>" in page
    client.post(f"/tham-van-quoc-gia/{mode.draft_id}/", {"overall": "disagree"})
    assert Ballot.objects.get().revision == 2
    assert BallotHistory.objects.count() == 1
    # The ballot page itself offers the way out of the identity.
    url = f"/tham-van-quoc-gia/{mode.draft_id}/"
    page = client.get(url).content.decode()
    assert 'action="/dinh-danh/dang-xuat/"' in page
    assert client.post("/dinh-danh/dang-xuat/", {"next": url}).status_code == 302
    assert "Đăng nhập bằng định danh điện tử" in client.get(url).content.decode()


def test_a_refused_form_shows_why_and_keeps_what_was_typed(client, mode):
    _sign_in(client, voter(8))
    answer = client.post(
        f"/tham-van-quoc-gia/{mode.draft_id}/",
        {"overall": "agree", "stance-1": "agree", "comment-1": "x" * 2001},
    )
    assert answer.status_code == 400
    assert "Góp ý về Điều 1 dài quá 2.000 ký tự." in answer.content.decode()
    assert Ballot.objects.count() == 0


def test_results_page_table_and_map(client, mode):
    services.ballot_submit(
        draft_id=mode.draft_id,
        voter=voter(1, "79"),
        overall="agree",
        articles={"1": services.ArticleChoice("disagree")},
    )
    services.rollup(draft_id=mode.draft_id)
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/ket-qua/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "max-age=30" in page["Cache-Control"]
    assert "1 phiếu" in html
    assert "<td>1 (100,0%)</td>" in html
    assert "data-national-map" in html
    assert f'data-results="/api/v1/national/drafts/{mode.draft_id}/results"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert html.count('<a href="?tinh=') == 34
    hcm = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/ket-qua/?tinh=79").content.decode()
    assert "Hồ Chí Minh" in hcm


def test_a_draft_without_a_national_ballot_is_404(client, tree, assembly):
    assert client.get("/tham-van-quoc-gia/424242/").status_code == 404
    assert client.get("/tham-van-quoc-gia/424242/ket-qua/").status_code == 404


def test_results_page_is_one_shared_page_for_visitors_not_signed_in(
    client, mode, django_assert_max_num_queries
):
    services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(1, "79"), overall="agree", articles={}
    )
    services.rollup(draft_id=mode.draft_id)
    url = f"/tham-van-quoc-gia/{mode.draft_id}/ket-qua/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=30"
    assert not first.cookies  # no CSRF or session cookie: a shared cache may keep it
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with django_assert_max_num_queries(1):  # the mode; the page is not rendered again
        again = client.get(url)
    assert again.content == first.content
    # A new rollup forgets the page: the next visitor sees the new count.
    services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(2, "01"), overall="agree", articles={}
    )
    services.rollup(draft_id=mode.draft_id)
    assert "2 phiếu" in client.get(url).content.decode()
    # Another language is another page.
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert "2 ballots" in english


def test_results_page_for_a_signed_in_citizen_stays_private(client, mode):
    _sign_in(client, voter(3, "79"))
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/ket-qua/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, max-age=30"


def _vote_and_roll_up(mode, n: int = 1) -> None:
    services.ballot_submit(
        draft_id=mode.draft_id, voter=voter(n, "79"), overall="agree", articles={}
    )
    services.rollup(draft_id=mode.draft_id)


def _results_html(client, mode) -> str:
    from ykien.national import selectors

    selectors._CACHE.clear()
    selectors._PAGES.clear()
    return client.get(f"/tham-van-quoc-gia/{mode.draft_id}/ket-qua/").content.decode()


def test_results_say_when_the_counts_are_late(client, mode, time_machine):
    """While the ballot is open, counts not rolled up for ``STALE_AFTER`` seconds (the worker
    down or behind) are said to be late, instead of "updated about every minute"."""
    _vote_and_roll_up(mode)
    fresh = _results_html(client, mode)
    assert "số liệu tổng hợp lúc 10:00:00 26/11/2026 (cập nhật khoảng mỗi phút)" in fresh
    assert "Số liệu đang chậm" not in fresh
    time_machine.move_to("2026-11-26T03:01:59+00:00")  # within STALE_AFTER: not yet late
    assert "Số liệu đang chậm" not in _results_html(client, mode)
    time_machine.move_to("2026-11-26T03:02:01+00:00")
    late = _results_html(client, mode)
    assert "số liệu tổng hợp lúc 10:00:00 26/11/2026</p>" in late
    assert "(cập nhật khoảng mỗi phút)" not in late
    assert (
        '<p class="notice" role="status">Số liệu đang chậm: chưa được tổng hợp lại từ lúc trên.'
        in late
    )
    client.cookies["django_language"] = "en"
    assert "The figures are late: they have not been rolled up again" in _results_html(client, mode)


def test_after_the_ballot_the_results_neither_promise_updates_nor_say_late(
    client, mode, time_machine
):
    _vote_and_roll_up(mode)
    time_machine.move_to("2026-12-01T03:00:00+00:00")  # the period ended on 30 November
    html = _results_html(client, mode)
    assert "Đã kết thúc lấy phiếu." in html
    assert "số liệu tổng hợp lúc 10:00:00 26/11/2026</p>" in html
    assert "Số liệu đang chậm" not in html


def test_the_draft_page_leads_to_the_ballot_and_its_results(client, mode, tree, assembly):
    from ykien.national.tests.conftest import make_mode

    page = client.get(f"/du-thao/{mode.draft_id}/").content.decode()
    assert '<h2 id="national-box-title">Lấy phiếu ý kiến toàn quốc</h2>' in page
    assert "Đang lấy phiếu từ ngày 20/11/2026 đến hết ngày 30/11/2026." in page
    assert f'<a class="btn" href="/tham-van-quoc-gia/{mode.draft_id}/">Gửi phiếu ý kiến</a>' in page
    assert f'<a href="/tham-van-quoc-gia/{mode.draft_id}/ket-qua/">Kết quả lấy phiếu</a>' in page
    client.cookies["django_language"] = "en"
    english = client.get(f"/du-thao/{mode.draft_id}/").content.decode()
    assert ">National ballot</h2>" in english
    assert ">Send your ballot</a>" in english
    del client.cookies["django_language"]
    # Planned only (not yet open to anyone): nothing on the draft page.
    planned = make_mode(tree, assembly, open_now=False, title="Dự thảo khác")
    assert "national-box" not in client.get(f"/du-thao/{planned.draft_id}/").content.decode()


def test_the_draft_page_after_the_ballot_links_to_the_results_only(client, mode, time_machine):
    time_machine.move_to("2026-12-01T03:00:00+00:00")
    page = client.get(f"/du-thao/{mode.draft_id}/").content.decode()
    assert "Đã kết thúc lấy phiếu." in page
    assert "Gửi phiếu ý kiến" not in page
    assert f'<a href="/tham-van-quoc-gia/{mode.draft_id}/ket-qua/">Kết quả lấy phiếu</a>' in page


def test_the_ballot_form_states_the_comment_limit_and_the_version_in_english(client, mode):
    person = voter(8)
    _sign_in(client, person)
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/").content.decode()
    assert "Góp ý (không bắt buộc, tối đa 2.000 ký tự)" in page
    assert 'maxlength="2000"' in page
    client.post(f"/tham-van-quoc-gia/{mode.draft_id}/", {"overall": "agree"})
    client.post(f"/tham-van-quoc-gia/{mode.draft_id}/", {"overall": "none"})
    client.cookies["django_language"] = "en"
    english = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/").content.decode()
    assert "(version 2); sending again replaces it." in english
    assert "Comment (optional, at most 2,000 characters)" in english


def test_a_comment_of_invisible_characters_only_is_no_comment(client, mode):
    _sign_in(client, voter(9))
    answer = client.post(
        f"/tham-van-quoc-gia/{mode.draft_id}/",
        {
            "overall": "agree",
            "stance-1": "agree",
            "comment-1": "\u200b\u200b",
            "stance-2": "agree",
            "comment-2": "\u200b Có chữ \u200b",
        },
    )
    assert answer.status_code == 302
    assert list(BallotComment.objects.values_list("article", "text")) == [
        ("2", "\u200b Có chữ \u200b")
    ]
