"""The public form keeps the files already chosen when it comes back with an error: stored
encrypted, tied to the form's token and the session, listed with a box to remove each, attached
when the form is sent, removed once it is sent or expired."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ykien.petitions import files, services
from ykien.petitions.models import Attachment, PendingUpload, Petition

from .test_public import EXE, PDF, PNG, form_data

pytestmark = pytest.mark.django_db
URL = reverse("petitions:submit")


def upload(name: str, data: bytes) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def token_of(response) -> str:
    found = re.search(r'name="upload_token" value="([^"]+)"', response.content.decode())
    assert found, "no upload token on the page"
    return found.group(1)


def pending_dir(settings):
    return settings.PRIVATE_ROOT / "petitions"


def test_a_form_sent_back_keeps_its_files_and_sends_them_later(
    client, tree, settings, django_capture_on_commit_callbacks
):
    response = client.post(
        URL, {**form_data(tree, subject=""), "attachments": [upload("ho-so.pdf", PDF)]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Các tệp đính kèm đã tải lên được giữ lại, không cần chọn lại." in html
    assert "ho-so.pdf (PDF," in html
    kept = PendingUpload.objects.get()
    stored = (pending_dir(settings) / kept.path).read_bytes()
    assert not stored.startswith(b"%PDF")  # encrypted, like an attachment
    assert "ho-so" not in kept.name_ciphertext
    token = token_of(response)
    assert kept.token_digest != token  # only its hash is stored

    # corrected, sent with one more file: both attached, nothing left pending
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {**form_data(tree), "upload_token": token, "attachments": [upload("anh.png", PNG)]},
        )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert sorted(a.file_type for a in petition.attachments.all()) == ["pdf", "png"]
    pdf = petition.attachments.get(file_type="pdf")
    assert files.read(pdf.path) == PDF
    assert PendingUpload.objects.count() == 0
    assert not (pending_dir(settings) / kept.path).exists()


def test_each_kept_file_can_be_removed(client, tree):
    response = client.post(
        URL,
        {
            **form_data(tree, captcha_1="sai"),
            "attachments": [upload("a.pdf", PDF), upload("b.png", PNG)],
        },
    )
    token = token_of(response)
    a = PendingUpload.objects.get(file_type="pdf")
    # ticking "remove" and sending again with an error: the file is gone from the list
    response = client.post(
        URL,
        {**form_data(tree, captcha_1="sai"), "upload_token": token, "pending_remove": [a.pk]},
    )
    html = response.content.decode()
    assert "a.pdf" not in html
    assert "b.png" in html
    assert list(PendingUpload.objects.values_list("file_type", flat=True)) == ["png"]
    response = client.post(URL, {**form_data(tree), "upload_token": token})
    assert response.status_code == 302
    assert list(Attachment.objects.values_list("file_type", flat=True)) == ["png"]


def test_bad_files_are_refused_as_before_and_not_kept(client, tree):
    response = client.post(URL, {**form_data(tree), "attachments": [upload("x.pdf", EXE)]})
    assert response.status_code == 200
    assert "không phải là PDF như tên tệp cho biết" in response.content.decode()
    assert PendingUpload.objects.count() == 0
    assert Petition.objects.count() == 0


def test_no_more_than_five_files_in_all(client, tree):
    first = client.post(
        URL,
        {
            **form_data(tree, subject=""),
            "attachments": [upload(f"{i}.pdf", PDF) for i in range(4)],
        },
    )
    token = token_of(first)
    response = client.post(
        URL,
        {
            **form_data(tree),
            "upload_token": token,
            "attachments": [upload("5.pdf", PDF), upload("6.pdf", PDF)],
        },
    )
    assert response.status_code == 200
    assert "Tối đa 5 tệp đính kèm; bạn đã có 4 tệp ở trên." in response.content.decode()
    assert PendingUpload.objects.count() == 4  # the two over the limit are not kept
    assert Petition.objects.count() == 0


def test_past_the_limit_of_tries_new_files_are_not_kept(client, tree, time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)
    first = client.post(URL, {**form_data(tree, subject=""), "attachments": [upload("a.pdf", PDF)]})
    token = token_of(first)
    for _ in range(29):
        client.post(URL, {**form_data(tree, captcha_1="sai"), "upload_token": token})
    response = client.post(
        URL,
        {**form_data(tree), "upload_token": token, "attachments": [upload("b.pdf", PDF)]},
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Các tệp vừa chọn chưa được giữ lại; xin chọn lại khi gửi lại." in html
    assert "a.pdf" in html  # the file kept before is still offered
    assert PendingUpload.objects.count() == 1
    assert Petition.objects.count() == 0


def test_a_token_from_another_session_is_ignored(client, tree, django_user_model):
    response = client.post(
        URL, {**form_data(tree, subject=""), "attachments": [upload("ho-so.pdf", PDF)]}
    )
    token = token_of(response)
    from django.test import Client

    stranger = Client()
    response = stranger.post(URL, {**form_data(tree), "upload_token": token})
    assert response.status_code == 302
    assert Attachment.objects.count() == 0  # the other session's file is not taken
    assert PendingUpload.objects.count() == 1
    # nor removed by ticking its number
    stranger.post(
        URL,
        {
            **form_data(tree, subject=""),
            "upload_token": token,
            "pending_remove": [PendingUpload.objects.get().pk, "x", "9" * 40],
        },
    )
    assert PendingUpload.objects.count() == 1


def test_expired_files_are_not_offered_and_are_purged(
    client, tree, settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)
    response = client.post(
        URL, {**form_data(tree, subject=""), "attachments": [upload("ho-so.pdf", PDF)]}
    )
    token = token_of(response)
    kept = PendingUpload.objects.get()
    assert kept.expires_at == timezone.now() + services.PENDING_TTL
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2, seconds=1), tick=False)
    response = client.post(URL, {**form_data(tree, subject=""), "upload_token": token})
    assert "ho-so.pdf" not in response.content.decode()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("petitions", "purge-uploads", stdout=out)
    assert out.getvalue().strip() == "Đã xóa 1 tệp hết hạn."
    assert PendingUpload.objects.count() == 0
    assert not (pending_dir(settings) / kept.path).exists()


def test_the_purge_task_removes_expired_files_only(
    tree, settings, django_capture_on_commit_callbacks
):
    fresh = services.pending_keep(token="a" * 32, uploads=[files.check_upload("a.pdf", PDF)])[0]
    old = services.pending_keep(token="b" * 32, uploads=[files.check_upload("b.pdf", PDF)])[0]
    PendingUpload.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    from ykien.petitions.tasks import purge_pending_uploads

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_pending_uploads.call() == 1
    assert not (pending_dir(settings) / old.path).exists()
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert (pending_dir(settings) / fresh.path).exists()
    assert (
        repr(services.pending_files(token="a" * 32)[0])
        == f"PendingFile({fresh.pk}, pdf, {len(PDF)} B)"
    )


def test_the_command_queues_the_purge_task(tree, settings, django_capture_on_commit_callbacks):
    old = services.pending_keep(token="c" * 32, uploads=[files.check_upload("c.pdf", PDF)])[0]
    PendingUpload.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("petitions", "purge-uploads", "--queue", stdout=out)
    assert out.getvalue().startswith("Đã đưa vào hàng đợi: ")
    assert PendingUpload.objects.count() == 0  # the test settings run tasks at once
    assert not (pending_dir(settings) / old.path).exists()
