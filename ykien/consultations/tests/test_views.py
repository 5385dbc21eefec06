"""Pages: the flow by clicking (a .docx imported, reviewed, published, commented), bad input
with clear messages and nothing half-made, escaping, exports without personal data."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ykien.consultations import demo_texts, services
from ykien.consultations.models import (
    Comment,
    Draft,
    DraftStatus,
    DraftVersion,
    ExpertOpinion,
    Invitation,
    Node,
)
from ykien.consultations.tests.conftest import DOC, comment_on, consolidating, invite, register

pytestmark = pytest.mark.django_db


def login_verified(client, user) -> None:
    """Sign in a user whose role needs two-factor authentication, as if TOTP had passed."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=user, name="test")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _docx(chapters=None) -> bytes:
    chapters = chapters or demo_texts.cooperatives(1)
    head = demo_texts.preamble(
        "Nghị quyết",
        "Quy định chính sách hỗ trợ hợp tác xã",
        "Hội đồng nhân dân tỉnh",
        demo_texts.VL_BASES,
    )
    return demo_texts.as_docx(head, chapters, ["CHỦ TỊCH"])


def _register(client, tree, data: bytes, name: str = "du-thao.docx"):
    return client.post(
        reverse("consultations:register"),
        {
            "unit": tree.prov_new.pk,
            "drafting_unit": tree.agency_new.pk,
            "title": "Dự thảo Nghị quyết hỗ trợ hợp tác xã",
            "kind": "resolution",
            "form": "conference",
            "received_on": "2026-11-20",
            "comment_start": "2026-11-26",
            "comment_end": "2026-12-20",
            "file": SimpleUploadedFile(name, data),
        },
    )


def test_docx_imported_reviewed_published_and_commented_by_clicking(client, tree, people):
    client.force_login(people.officer)
    response = _register(client, tree, _docx())
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:review", args=[draft.pk, 1])
    page = client.get(response["Location"])
    assert "Điều 4" in page.content.decode()
    # Re-type the first article's title, then publish.
    version = draft.versions.get()
    client.post(
        response["Location"],
        {
            "op": "retype",
            "path": "1.0",
            "kind": "article",
            "number": "1",
            "title": "Phạm vi điều chỉnh của Nghị quyết",
        },
    )
    version.refresh_from_db()
    assert version.tree[1]["children"][0]["title"] == "Phạm vi điều chỉnh của Nghị quyết"
    response = client.post(
        reverse("consultations:review", args=[draft.pk, 1]),
        {"publish": "1", "comment_start": "2026-11-26", "comment_end": "2026-12-20"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    client.logout()
    public = client.get(reverse("consultations:draft", args=[draft.pk]))
    assert public.status_code == 200
    assert "Phạm vi điều chỉnh của Nghị quyết" in public.content.decode()
    client.force_login(people.citizen)
    node = Node.objects.get(draft=draft, label="Điều 5, khoản 1")
    url = reverse("consultations:node", args=[draft.pk, node.pk])
    response = client.post(
        url,
        {"stance": "reword", "proposed_wording": "Hỗ trợ 70% chi phí.", "reasons": "Chi phí tăng."},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.node_id, comment.author_id, comment.author_kind) == (
        node.pk,
        people.citizen.pk,
        "citizen",
    )
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert 'aria-label="Điều 5, khoản 1: 1 góp ý"' in page


def test_unpublished_draft_is_404_for_the_public(client, tree, people):
    client.force_login(people.officer)
    _register(client, tree, _docx())
    draft = Draft.objects.get()
    client.logout()
    assert client.get(reverse("consultations:draft", args=[draft.pk])).status_code == 404
    assert client.get(reverse("consultations:version_file", args=[draft.pk, 1])).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("du-thao.pdf", b"%PDF-1.4\n garbage without objects", "Tệp PDF bị hỏng, không đọc được."),
        ("du-thao.docx", None, "Tệp Word không có nội dung."),
        (
            "du-thao.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "Tệp Word được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại.",
        ),
        (
            "anh.png",
            b"\x89PNG\r\n\x1a\n" + b"0" * 100,
            "Không đọc được loại tệp này; hãy tải lên tệp .docx, .pdf hoặc .txt.",
        ),
    ],
)
def test_unreadable_uploads_are_refused_and_nothing_is_stored(
    client, tree, people, name, data, message
):
    if data is None:
        from docx import Document

        buffer = io.BytesIO()
        Document().save(buffer)
        data = buffer.getvalue()
    client.force_login(people.officer)
    response = _register(client, tree, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Dự thảo Nghị quyết hỗ trợ hợp tác xã" in response.content.decode()  # the form keeps it
    assert (Draft.objects.count(), DraftVersion.objects.count()) == (0, 0)


def test_an_over_size_upload_is_refused_before_reading(client, tree, people):
    client.force_login(people.officer)
    big = b"a" * (services.MAX_UPLOAD_BYTES + 1)
    response = _register(client, tree, big, "du-thao.txt")
    assert "vượt quá giới hạn 20 MB" in response.content.decode()
    assert Draft.objects.count() == 0


def test_text_without_articles_is_one_node_with_a_warning(tree, people):
    draft = register(
        people.officer,
        tree,
        title="Kế hoạch",
        filename="k.txt",
        data="Kế hoạch tuyên truyền.\nNội dung thứ nhất.\nNội dung thứ hai.".encode(),
    )
    version = draft.versions.get()
    assert [w["code"] for w in version.warnings] == ["no_articles"]
    assert (
        version.warnings[0]["vi"]
        == "Không tìm thấy tiêu đề Điều nào; văn bản được giữ nguyên thành một khối."
    )
    assert len(version.tree) == 1


def test_html_in_a_comment_is_stored_as_written_and_displayed_escaped(client, draft, people):
    client.force_login(people.citizen)
    node = Node.objects.get(draft=draft, label="Điều 1")
    script = "<script>alert('x')</script> Cafe\u0301"
    client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "disagree", "reasons": script},
    )
    comment = Comment.objects.get()
    assert comment.reasons == "<script>alert('x')</script> Café"  # NFC
    page = client.get(reverse("consultations:node", args=[draft.pk, node.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Café" in page


def test_a_100000_character_comment_is_refused_and_the_form_keeps_it(client, draft, people):
    client.force_login(people.citizen)
    node = Node.objects.get(draft=draft, label="Điều 1")
    text = "ý" * 100_000
    response = client.post(
        reverse("consultations:node", args=[draft.pk, node.pk]),
        {"stance": "disagree", "reasons": text},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lý do dài 100.000 ký tự, vượt quá giới hạn 20.000 ký tự." in body
    assert text in body
    assert Comment.objects.count() == 0


def test_anonymous_comment_needs_the_captcha(client, draft):
    from captcha.models import CaptchaStore

    node = Node.objects.get(draft=draft, label="Điều 1")
    url = reverse("consultations:node", args=[draft.pk, node.pk])
    response = client.post(
        url, {"stance": "agree", "reasons": "Tốt", "captcha_0": "x", "captcha_1": "sai"}
    )
    assert response.status_code == 200
    assert "Mã xác nhận không đúng, xin nhập lại." in response.content.decode()
    assert "Invalid CAPTCHA" not in response.content.decode()
    assert Comment.objects.count() == 0
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(
        url, {"stance": "agree", "reasons": "Tốt", "captcha_0": key, "captcha_1": answer}
    )
    assert response.status_code == 302
    assert Comment.objects.get().author_kind == "anonymous"
    assert client.session["captcha_ok_until"] > 0


def test_vote_on_a_closed_draft_shows_the_message(client, draft, people):
    statement = services.statement_propose(
        draft=draft, participant=services.Participant.of_user(people.officer), text="Nhận định"
    )
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    client.force_login(people.citizen)
    response = client.post(
        reverse("consultations:vote", args=[draft.pk]),
        {"statement": statement.pk, "value": 1},
        follow=True,
    )
    assert "Dự thảo không còn trong thời gian lấy ý kiến." in response.content.decode()
    assert statement.votes.count() == 0


def test_expert_link_records_opening_answer_and_refuses_reuse_after_the_period(
    client, tree, draft, people, time_machine
):
    url, raw = invite(draft, people, tree, title="PGS.TS.")
    page = client.get(url)
    assert page.status_code == 200
    invitation = Invitation.objects.get()
    expert = invitation.expert
    assert invitation.state == "opened"
    node = Node.objects.get(draft=draft, label="Điều 2")
    response = client.post(
        url,
        {
            "overall": "Cơ bản đồng ý.",
            f"node_{node.pk}": "Bổ sung đối tượng.",
            "signed_name": "PGS.TS. Võ Thanh Bình",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "answered"
    assert len(invitation.signature) == 64
    assert list(ExpertOpinion.objects.order_by("id").values_list("node_id", "text")) == [
        (None, "Cơ bản đồng ý."),
        (node.pk, "Bổ sung đối tượng."),
    ]
    expert.refresh_from_db()
    assert expert.participation_count == 1
    # A second submission is refused.
    with pytest.raises(Exception) as exc:
        services.opinion_submit(
            raw=raw,
            overall="Lần hai",
            per_node={},
            signed_name="B",
            confirmed=True,
        )
    assert exc.value.code == "already_answered"
    # Another expert's link used after the period.
    url, _raw = invite(
        draft,
        people,
        tree,
        due=dt.date(2026, 11, 30),
        full_name="Nguyễn Hân",
        kind="lawyer",
        fields="luật",
        email="han@example.vn",
    )
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))
    page = client.get(url).content.decode()
    assert "Đã hết hạn gửi ý kiến theo lời mời này (hạn 30/11/2026)." in page
    response = client.post(url, {"overall": "Muộn", "signed_name": "Nguyễn Hân", "confirmed": "on"})
    assert "Đã hết hạn gửi ý kiến theo lời mời này (hạn 30/11/2026)." in response.content.decode()
    assert ExpertOpinion.objects.count() == 2


def test_unknown_expert_link(client, draft):
    response = client.get("/y-kien-chuyen-gia/khong-ton-tai/")
    assert response.status_code == 404
    assert "Đường dẫn mời góp ý không đúng hoặc đã bị thu hồi." in response.content.decode()


def test_exports_leave_out_personal_data(client, draft, people):
    comment_on(
        Node.objects.get(draft=draft, label="Điều 1"),
        people.citizen,
        stance="agree",
        reasons="Đồng ý",
    )
    data = json.loads(client.get(reverse("consultations:export", args=[draft.pk, "json"])).content)
    assert list(data["comments"][0]) == [
        "id",
        "version",
        "node",
        "stance",
        "proposed_wording",
        "reasons",
        "author_kind",
        "created",
        "created_at",
    ]
    assert data["comments"][0]["node"] == "Điều 1"
    assert data["comments"][0]["author_kind"] == "citizen"
    csv_text = client.get(reverse("consultations:export", args=[draft.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0] == (
        "id,version,node,stance,stance_code,proposed_wording,reasons,author_kind,author_kind_code,"
        "created,created_at"
    )
    assert f"u:{people.citizen.pk}" not in csv_text
    assert people.citizen.email not in csv_text
    assert str(people.citizen.full_name) not in csv_text


def test_exports_remove_personal_data_typed_in_comments_and_formulas(client, draft, people):
    comment = comment_on(
        Node.objects.get(draft=draft, label="Điều 1"),
        people.citizen,
        stance="reword",
        proposed_wording='=HYPERLINK("http://x.vn","Bấm")',
        reasons="- Gọi tôi: 0912 345 678 hoặc an.nguyen@gmail.com\nCCCD 079123456789, CMND 123456789."
        " Mức phạt 200.000.000 đồng.",
    )
    assert comment.created_at == dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
    data = json.loads(client.get(reverse("consultations:export", args=[draft.pk, "json"])).content)
    assert data["comments"] == [
        {
            "id": comment.pk,
            "version": 1,
            "node": "Điều 1",
            "stance": "reword",
            "proposed_wording": '=HYPERLINK("http://x.vn","Bấm")',
            "reasons": "- Gọi tôi: [số điện thoại] hoặc [email]\nCCCD [số giấy tờ], "
            "CMND [số giấy tờ]. Mức phạt 200.000.000 đồng.",
            "author_kind": "citizen",
            "created": "2026-11-26",
            "created_at": "2026-11-26T16:00:00+07:00",
        }
    ]
    response = client.get(reverse("consultations:export", args=[draft.pk, "csv"]))
    header = (
        "\ufeffid,version,node,stance,stance_code,proposed_wording,reasons,author_kind,"
        "author_kind_code,created,created_at\r\n"
    )
    assert response.content.decode("utf-8") == (
        f"{header}"
        f'{comment.pk},1,Điều 1,Đề xuất cách viết khác,reword,"\'=HYPERLINK(""http://x.vn"",""Bấm"")",'
        "\"'- Gọi tôi: [số điện thoại] hoặc [email]\nCCCD [số giấy tờ], CMND [số giấy tờ]. "
        'Mức phạt 200.000.000 đồng.",Công dân có tài khoản,citizen,2026-11-26,'
        "2026-11-26T16:00:00+07:00\r\n"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    english = client.get(reverse("consultations:export", args=[draft.pk, "csv"])).content.decode()
    assert ",Propose alternative wording,reword," in english
    assert ",Citizen with an account,citizen," in english


def test_exports_exist_only_as_csv_and_json(client, draft):
    for fmt in ("xml", "xlsx", "CSV", "html"):
        assert client.get(f"/du-thao/{draft.pk}/gop-y.{fmt}").status_code == 404
    assert client.get(f"/du-thao/{draft.pk}/van-ban-phan-bien.xml").status_code == 404


def test_staff_pages_refuse_outsiders(client, draft, people):
    for user in (people.citizen, people.other_officer, people.respondent):
        client.force_login(user)
        assert client.get(reverse("consultations:staff_draft", args=[draft.pk])).status_code == 403
        assert client.get(reverse("consultations:moderation", args=[draft.pk])).status_code == 403
    client.force_login(people.officer)
    for name in ("staff_draft", "moderation", "experts", "conference", "points", "document"):
        assert client.get(reverse(f"consultations:{name}", args=[draft.pk])).status_code == 200, (
            name
        )
    assert client.get(reverse("consultations:review", args=[draft.pk, 1])).status_code == 200
    assert client.get(reverse("consultations:stats", args=[draft.pk])).status_code == 200


def test_leader_issues_and_respondent_answers_by_clicking(client, draft, people):
    consolidating(draft, people)
    client.force_login(people.officer)
    client.post(
        reverse("consultations:points", args=[draft.pk]),
        {"title": "Về đối tượng", "text": "Bổ sung hộ cận nghèo.", "comments": ""},
    )
    client.post(reverse("consultations:document", args=[draft.pk]), {"action": "save", **DOC})
    client.post(reverse("consultations:document", args=[draft.pk]), {"action": "submit"})
    login_verified(client, people.leader)
    response = client.post(reverse("consultations:document", args=[draft.pk]), {"action": "issue"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ISSUED
    pdf = client.get(reverse("consultations:document_file", args=[draft.pk, "docx"]))
    assert pdf.content[:2] == b"PK"
    client.force_login(people.respondent)
    point = draft.points.get()
    response = client.post(
        reverse("consultations:respondent_draft", args=[draft.pk]),
        {
            "point": point.pk,
            f"p{point.pk}-answer": "accepted",
            f"p{point.pk}-answer_text": "Tiếp thu, bổ sung vào Điều 2.",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ANSWERED
    client.logout()
    page = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Tiếp thu, bổ sung vào Điều 2." in page
