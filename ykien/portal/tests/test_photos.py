from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ykien.core.errors import ValidationFailed
from ykien.portal import images, services
from ykien.portal.models import ArticlePhoto

pytestmark = pytest.mark.django_db


def _jpeg_with_exif(size=(2400, 1200)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x8825] = {2: (10.0, 15.0, 0.0)}  # a GPS position
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photo_is_reencoded_resized_and_stripped_of_metadata(article, officer):
    data = _jpeg_with_exif()
    assert b"Camera Maker" in data
    photo = services.photo_add(
        actor=officer,
        article=article,
        upload=io.BytesIO(data),
        alt="Hội trường",
        caption="Hội nghị",
    )
    stored = photo.image.read()
    assert b"Camera Maker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (1600, 800))
        assert not image.getexif()
    assert (photo.width, photo.height, photo.position) == (1600, 800, 0)
    assert photo.image.name.startswith("portal/anh/")
    assert photo.image.name.endswith(".jpg")


def test_png_with_transparency_becomes_jpeg_on_white(article, officer):
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = services.photo_add(
        actor=officer, article=article, upload=io.BytesIO(out.getvalue()), alt="x"
    )
    with Image.open(photo.image.path) as stored:
        assert stored.getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize(
    "payload",
    [
        b"<html><script>alert(1)</script></html>",
        b"%PDF-1.7 not an image",
        b"\xff\xd8\xff\xe0 truncated jpeg",
        b"",
    ],
)
def test_non_images_are_refused(article, officer, payload):
    with pytest.raises(ValidationFailed) as exc:
        services.photo_add(actor=officer, article=article, upload=io.BytesIO(payload), alt="x")
    assert (exc.value.code, exc.value.field) == ("photo_not_image", "image")
    assert ArticlePhoto.objects.count() == 0


def test_oversize_photo_is_refused(article, officer):
    with pytest.raises(ValidationFailed) as exc:
        services.photo_add(
            actor=officer,
            article=article,
            upload=io.BytesIO(b"\x00" * (images.MAX_BYTES + 1)),
            alt="x",
        )
    assert exc.value.code == "photo_too_large"


def test_alt_text_is_required(article, officer):
    with pytest.raises(ValidationFailed) as exc:
        services.photo_add(
            actor=officer, article=article, upload=io.BytesIO(_jpeg_with_exif()), alt=" "
        )
    assert exc.value.field == "alt"


def test_upload_form_shows_the_error_and_keeps_the_text(article, officer, client):
    client.force_login(officer)
    upload = SimpleUploadedFile("anh.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = client.post(
        reverse("portal:manage_photo_add", args=[article.pk]),
        {"image": upload, "alt": "Mô tả tôi đã gõ", "caption": "Chú thích tôi đã gõ"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tệp tải lên không phải là ảnh" in html
    assert 'value="Mô tả tôi đã gõ"' in html
    assert 'value="Chú thích tôi đã gõ"' in html


def test_upload_form_adds_a_photo_shown_on_the_article(article, officer, client):
    client.force_login(officer)
    upload = SimpleUploadedFile(
        "x.bin", _jpeg_with_exif((800, 600)), content_type="application/octet-stream"
    )
    response = client.post(
        reverse("portal:manage_photo_add", args=[article.pk]),
        {
            "image": upload,
            "alt": "Đoàn giám sát",
            "caption": "Đoàn giám sát tại xã",
            "credit": "Minh Thư",
        },
    )
    assert response.status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Đoàn giám sát"' in html
    assert "Đoàn giám sát tại xã" in html
    assert "(Ảnh: Minh Thư)" in html
    photo = ArticlePhoto.objects.get()
    client.post(reverse("portal:manage_photo_remove", args=[photo.pk]))
    assert ArticlePhoto.objects.count() == 0
