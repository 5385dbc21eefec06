"""The public pages: the ballot form (signed out: a message and the sign-in link; signed in: the
form with the current ballot), posting it, and the results page with its table and map."""

from __future__ import annotations

import time

import pytest

from ykien.identity.session import SESSION_KEY
from ykien.national import services
from ykien.national.models import Ballot, BallotHistory
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
    posted = client.post(f"/tham-van-quoc-gia/{mode.draft_id}/", {"overall": "agree"})
    assert posted.status_code == 403
    assert Ballot.objects.count() == 0


def test_a_signed_in_citizen_votes_then_changes_the_ballot(client, mode):
    person = voter(7, province="86")
    _sign_in(client, person)
    page = client.get(f"/tham-van-quoc-gia/{mode.draft_id}/").content.decode()
    assert 'id="ballot-form"' in page
    assert "Bạn chưa gửi phiếu." in page
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
