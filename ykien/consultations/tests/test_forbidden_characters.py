"""The comment API refuses text holding a character XML 1.0 does not allow or UTF-8 cannot encode
(the naughty strings of ``shared/data/security/blns.json``, a lone surrogate sent as a JSON
escape): a 400 naming the field and the character, never a 500, nothing stored. Every text typed
in the critique (a comment, a proposed statement, a draft's title and summary) refuses a
bidirectional control (U+202A–U+202E, U+2066–U+2069) the same way, on the API and the pages."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Comment, CommentReport, Draft, Node, Statement
from ykien.core.errors import ValidationFailed
from ykien.core.tests.naughty import forbidden_naughty_strings, needs_blns

from .conftest import comment_on, make_draft
from .test_api import _auth
from .test_public_safety import _captcha

pytestmark = pytest.mark.django_db


@needs_blns
def test_the_comment_api_refuses_forbidden_characters(client, draft, people):
    headers = _auth(people)
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    naughty = [*forbidden_naughty_strings(), "\ud800", "\udfff"]
    assert len(naughty) == 8
    for text in naughty:
        for field, label in (("reasons", "Lý do"), ("proposed_wording", "Đề xuất cách viết")):
            body = json.dumps({"stance": "reword", field: f"Đề nghị {text} sửa lại"})
            response = client.post(url, body, content_type="application/json", **headers)
            assert response.status_code == 400, (field, text)
            detail = response.json()["detail"]
            assert detail.startswith(f"forbidden_character: {label} chứa ký tự không được phép (U+")
            assert detail.endswith("; hãy xóa ký tự đó rồi gửi lại.")
    assert Comment.objects.count() == 0
    body = json.dumps({"stance": "agree", "reasons": "Đề nghị \ud800 sửa"})
    response = client.post(url, body, content_type="application/json", **headers)
    assert response.json()["detail"] == (
        "forbidden_character: Lý do chứa ký tự không được phép (U+D800, ký tự thứ 9); hãy xóa ký "
        "tự đó rồi gửi lại."
    )


# A right-to-left override (U+202E) typed 9th: "Đề nghị ‮sửa lại".
RLO = "Đề nghị \u202esửa lại"


def _refused(label: str, n: int = 9, char: str = "U+202E") -> str:
    return (
        f"{label} chứa ký tự không được phép ({char}, ký tự thứ {n}); hãy xóa ký tự đó rồi gửi lại."
    )


@pytest.mark.parametrize(
    ("field", "label"), [("reasons", "Lý do"), ("proposed_wording", "Đề xuất cách viết")]
)
def test_the_comment_api_refuses_a_bidirectional_control(client, draft, people, field, label):
    body = json.dumps({"stance": "reword", "proposed_wording": "Sửa lại", field: RLO})
    response = client.post(
        f"/api/v1/consultations/drafts/{draft.pk}/comments",
        body,
        content_type="application/json",
        **_auth(people),
    )
    assert response.status_code == 400
    assert response.json() == {"detail": f"forbidden_character: {_refused(label)}"}
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "label"), [("reasons", "Lý do"), ("proposed_wording", "Đề xuất cách viết")]
)
def test_the_public_comment_form_refuses_a_bidirectional_control(
    client, draft, people, field, label
):
    node = Node.objects.get(version=draft.current_version, label="Điều 2, khoản 1")
    client.force_login(people.citizen)
    data = {"stance": "reword", "proposed_wording": "Sửa lại", "reasons": "", field: RLO}
    response = client.post(reverse("consultations:node", args=[draft.pk, node.pk]), data)
    # The form again, with the error on the field and the text typed kept.
    assert response.status_code == 200
    assert _refused(label) in response.content.decode()
    assert Comment.objects.count() == 0
    # Anonymous, with the captcha: the same refusal.
    client.logout()
    data |= _captcha()
    response = client.post(reverse("consultations:node", args=[draft.pk, node.pk]), data)
    assert response.status_code == 200
    assert _refused(label) in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_proposed_statement_refuses_a_bidirectional_control(client, draft, people):
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:statement_propose", args=[draft.pk]),
        {"text": "Nên tăng \u2066mức hỗ trợ"},
    )
    # As every refusal of this form: the draft's page, with the reason as a message.
    assert (response.status_code, response["Location"]) == (302, f"/du-thao/{draft.pk}/#bieu-quyet")
    response = client.get(response["Location"])
    assert _refused("Nhận định", n=10, char="U+2066") in response.content.decode()
    assert Statement.objects.count() == 0


def test_a_draft_title_typed_by_staff_refuses_a_bidirectional_control(client, tree, people):
    with pytest.raises(ValidationFailed) as caught:
        make_draft(tree, people.officer, title="Dự thảo \u202bNghị quyết")
    assert (caught.value.field, str(caught.value.message)) == (
        "title",
        _refused("Tên dự thảo", char="U+202B"),
    )
    assert Draft.objects.count() == 0
    draft = make_draft(tree, people.officer)
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:edit", args=[draft.pk]),
        {
            "title": "Dự thảo \u202eNghị quyết",
            "kind": draft.kind,
            "form": draft.form,
            "received_on": draft.received_on.isoformat(),
            "comment_end": draft.comment_end.isoformat(),
            "summary": "Tóm \u2069tắt",
        },
    )
    assert response.status_code == 200
    assert _refused("Tên dự thảo") in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Dự thảo Nghị quyết hỗ trợ hợp tác xã"
    with pytest.raises(ValidationFailed) as caught:
        services.draft_update(actor=people.officer, draft=draft, data={"summary": "Tóm \u2069tắt"})
    assert str(caught.value.message) == _refused("Tóm tắt", n=5, char="U+2069")
    draft.refresh_from_db()
    assert draft.summary == ""


def test_a_report_of_a_comment_refuses_a_bidirectional_control(client, draft, people):
    node = Node.objects.get(version=draft.current_version, label="Điều 2, khoản 1")
    comment = comment_on(node, people.officer, stance="agree", reasons="Đồng ý")
    client.force_login(people.citizen)
    url = reverse("consultations:comment_report", args=[draft.pk, comment.pk])
    response = client.post(url, {"reason": "Sai \u202esự thật"})
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("consultations:node", args=[draft.pk, node.pk]),
    )
    page = client.get(response["Location"]).content.decode()
    assert _refused("Lý do báo cáo", n=5) in page
    assert CommentReport.objects.count() == 0
