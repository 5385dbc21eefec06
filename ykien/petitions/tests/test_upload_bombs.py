"""An attachment that is a zip bomb (named .pdf) is refused with a clear message, in bounded
memory, and nothing is stored."""

import io
import tracemalloc

import pytest
from django.urls import reverse

from ykien.core.errors import ValidationFailed
from ykien.core.tests.bombs import MB, lying_docx
from ykien.petitions import files
from ykien.petitions.models import Attachment, Petition

from .test_public import form_data

pytestmark = pytest.mark.django_db
MESSAGE = "Tệp “bien-ban.pdf”: Tệp nén giải nén ra quá lớn so với giới hạn cho phép (200 MB)"


def test_check_upload_refuses_a_zip_bomb_in_bounded_memory():
    tracemalloc.start()
    try:
        with pytest.raises(ValidationFailed) as excinfo:
            files.check_upload("bien-ban.pdf", lying_docx())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * MB
    assert (excinfo.value.code, excinfo.value.field) == ("archive_too_large", "attachments")
    assert str(excinfo.value.message).startswith(MESSAGE)


def test_the_public_form_refuses_a_zip_bomb_and_stores_nothing(client, tree, settings):
    upload = io.BytesIO(lying_docx())
    upload.name = "bien-ban.pdf"
    response = client.post(
        reverse("petitions:submit"), {**form_data(tree), "attachments": [upload]}
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert (Petition.objects.count(), Attachment.objects.count()) == (0, 0)
    private = settings.PRIVATE_ROOT / "petitions"
    assert not private.exists() or not any(private.iterdir())
