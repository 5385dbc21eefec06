"""The petition picker and the forms that use pickers: transfer to a picked unit, merge into a
picked petition; a typed code is no longer needed; what is out of scope or former is refused."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.petitions import services
from ykien.petitions.models import Kind, Petition

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db


def suggest(client, q, **params):
    return client.get(reverse("petitions:suggest"), {"q": q, **params})


def transfer(client, p, unit, note="Không thuộc thẩm quyền của đơn vị"):
    return client.post(
        reverse("petitions:staff_action", args=[p.pk, "transfer"]),
        {"transfer-unit": unit, "transfer-note": note},
    )


def test_transfer_to_a_picked_unit(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    response = transfer(client, p, str(tree.agency_new.pk))
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.unit == tree.agency_new


def test_transfer_without_javascript_resolves_typed_words(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    assert transfer(client, p, "ubnd tinh vinh long").status_code == 302
    p.refresh_from_db()
    assert p.unit == tree.agency_new


def test_transfer_ambiguous_or_unknown_words_are_refused_with_the_candidates(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    response = transfer(client, p, "vinh long")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có nhiều đơn vị khớp với “vinh long”" in html
    assert "Ủy ban MTTQ tỉnh Vĩnh Long; Ủy ban nhân dân tỉnh Vĩnh Long. Hãy gõ rõ hơn." in html
    response = transfer(client, p, "hà giang")
    assert "Không tìm thấy đơn vị nào khớp với “hà giang”." in response.content.decode()
    p.refresh_from_db()
    assert p.unit == tree.prov_new


def test_transfer_to_a_former_unit_is_refused_naming_its_successor(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    response = transfer(client, p, str(tree.prov_a.pk))
    assert response.status_code == 200
    assert (
        "Ủy ban MTTQ tỉnh Trà Vinh không còn hoạt động; hãy chọn đơn vị hiện nay: "
        "Ủy ban MTTQ tỉnh Vĩnh Long." in response.content.decode()
    )
    p.refresh_from_db()
    assert p.unit == tree.prov_new


def test_transfer_form_renders_a_picker_not_a_code_box(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    html = client.get(reverse("petitions:staff_detail", args=[p.pk])).content.decode()
    assert 'data-picker="/can-bo/goi-y/don-vi/?hien-hanh=1"' in html
    assert "Mã đơn vị" not in html
    assert "unit-codes" not in html
    assert "vendor/tom-select/js/tom-select.complete.min.js" in html


def test_merge_into_a_picked_petition(client, tree, people):
    first = submit(tree.prov_new)
    second = submit(tree.prov_new, subject="Đường liên ấp lại xuống cấp")
    otp_login(client, people.handler)
    response = client.post(
        reverse("petitions:staff_action", args=[second.pk, "merge"]),
        {"merge-into": str(first.pk), "merge-note": ""},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.merged_into == first


def test_merge_into_a_petition_out_of_scope_is_refused(client, tree, people):
    other = submit(tree.prov_b)
    mine = submit(tree.prov_new)
    otp_login(client, people.handler)
    response = client.post(
        reverse("petitions:staff_action", args=[mine.pk, "merge"]),
        {"merge-into": str(other.pk), "merge-note": ""},
    )
    assert response.status_code == 200
    assert (
        "Không có đơn này (có thể đã bị xóa hoặc bạn không được chọn)." in response.content.decode()
    )
    mine.refresh_from_db()
    assert mine.merged_into is None


def test_petition_suggestions_by_number_and_words_in_scope(client, tree, people):
    road = submit(tree.prov_new, subject="Đường liên ấp xuống cấp")
    light = submit(tree.prov_new, subject="Đèn đường hư")
    submit(tree.prov_b, subject="Đường ở Cà Mau")
    otp_login(client, people.officer)
    data = suggest(client, "duong").json()["results"]
    assert [r["id"] for r in data] == [light.pk, road.pk]
    assert data[0]["text"] == f"#{light.pk} — Đèn đường hư"
    assert suggest(client, f"#{road.pk}").json()["results"][0]["id"] == road.pk
    assert suggest(client, "duong", tru=str(light.pk)).json()["results"] == [
        {
            "id": road.pk,
            "text": f"#{road.pk} — Đường liên ấp xuống cấp",
            "note": f"Phản ánh · Đã tiếp nhận, chờ thụ lý · {road.received_on:%d/%m/%Y}",
            "disabled": False,
        }
    ]


def test_a_denunciation_is_found_by_number_only(client, tree, people):
    d = submit(tree.prov_new, kind=Kind.DENUNCIATION, subject="Cán bộ xã nhận tiền")
    services.petition_assign(actor=SYSTEM, petition=d, handler=people.handler)
    otp_login(client, people.handler)
    assert suggest(client, "nhan tien").json()["results"] == []
    (only,) = suggest(client, str(d.pk)).json()["results"]
    assert only["text"] == f"#{d.pk} — (đơn tố cáo — xem chi tiết)"


def test_petition_suggestions_need_an_officer_and_a_bounded_query(client, tree, people):
    assert suggest(client, "duong").status_code == 403
    client.force_login(people.citizen)
    response = suggest(client, "duong")
    assert response.status_code == 403
    assert response.json() == {"error": "Bạn không có quyền xem gợi ý này."}
    otp_login(client, people.officer)
    response = suggest(client, "x" * 101)
    assert response.status_code == 400
    assert response.json() == {"error": "Từ khóa tìm kiếm dài quá 100 ký tự; hãy gõ ngắn hơn."}
    assert suggest(client, "duong", tru="abc").status_code == 400
    for _n in range(25):
        submit(tree.prov_new)
    assert len(suggest(client, "duong").json()["results"]) == 20
    assert Petition.objects.count() == 25


def statistics(client, unit):
    return client.get(reverse("petitions:statistics"), {"year": "2026", "unit": unit})


def test_public_statistics_take_a_unit_by_name(client, tree):
    submit(tree.prov_new)
    html = statistics(client, "mttq tinh vinh long").content.decode()
    assert 'value="Ủy ban MTTQ tỉnh Vĩnh Long"' in html
    assert "Mã đơn vị" not in html
    assert "data-picker" not in html  # the public page has no suggestion endpoint


def test_public_statistics_explain_an_unknown_or_ambiguous_unit(client, tree):
    html = statistics(client, "vinh long").content.decode()
    assert "Có nhiều đơn vị khớp với “vinh long”" in html
    html = statistics(client, "ha giang").content.decode()
    assert "Không tìm thấy đơn vị nào khớp với “ha giang”." in html


def test_public_statistics_still_read_a_bookmarked_unit_code(client, tree):
    html = statistics(client, "n-ubnd").content.decode()
    assert 'value="Ủy ban nhân dân tỉnh Vĩnh Long"' in html


def test_the_merge_picker_offers_the_senders_other_petitions_by_their_words(client, tree, people):
    first = submit(tree.prov_new, subject="Đường liên ấp xuống cấp")
    hidden = submit(tree.prov_new, kind=Kind.DENUNCIATION, subject="Cán bộ xã nhận tiền")
    services.petition_assign(actor=SYSTEM, petition=hidden, handler=people.handler)
    second = submit(tree.prov_new, subject="Đường liên ấp lại xuống cấp")
    submit(tree.prov_b, subject="Đường ở Cà Mau")  # same sender, out of the handler's scope
    otp_login(client, people.handler)
    html = client.get(reverse("petitions:staff_detail", args=[second.pk])).content.decode()
    merge = html.split('id="action-merge"')[1].split("</form>")[0]
    offered = re.search(r"data-picker-offered=\"([^\"]*)\"", merge)
    assert offered is not None
    texts = [o["text"] for o in json.loads(unescape(offered[1]))]
    assert texts == [
        f"#{first.pk} — Đường liên ấp xuống cấp",
        f"#{hidden.pk} — (đơn tố cáo — xem chi tiết)",
    ]
    assert "nội dung gần trùng" in unescape(offered[1])
    assert "Cán bộ xã nhận tiền" not in html
    # The same sender's petitions listed above the forms say what they are about.
    assert f"#{first.pk}</a> Đường liên ấp xuống cấp ·" in html
