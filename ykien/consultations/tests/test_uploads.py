"""Uploaded drafts: read and split before any transaction opens (a long read must not lock the
database's writes), within a time budget, and zip bombs refused by what they really inflate to,
with a translated message and nothing stored."""

from __future__ import annotations

import datetime as dt
import threading
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from ykien.consultations import services, splitter
from ykien.consultations.models import (
    Conference,
    ConferenceAttachment,
    Draft,
    DraftStatus,
    DraftVersion,
)
from ykien.consultations.tests.conftest import TEXT, TODAY, make_draft
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.models import User
from ykien.core.tests.bombs import MB, lying_docx

pytestmark = pytest.mark.django_db
BOMB_MESSAGE = (
    "Tệp nén giải nén ra quá lớn (vượt 50 MB); tệp có thể bị hỏng hoặc độc hại. Hãy mở, lưu "
    "lại tài liệu rồi tải lên."
)


def _register(**extra):
    return dict(
        unit=extra.pop("unit"),
        drafting_unit=extra.pop("drafting_unit"),
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=TODAY,
        **extra,
    )


# ---------------------------------------------------------------------------------------------
# Outside the transaction


@pytest.mark.django_db(transaction=True)
def test_the_file_is_read_and_split_outside_any_transaction_and_others_can_write(
    tree, people, monkeypatch
):
    seen: list[tuple[str, bool, str]] = []
    real_extract, real_split = services.versions.extract_text, splitter.split

    def write_from_another_connection() -> str:
        # What another request does while the file is read: with a write transaction open
        # here, SQLite refused it ("database is locked").
        outcome: list[str] = []

        def work() -> None:
            try:
                User.objects.create(username=f"during-{len(seen)}")
                outcome.append("written")
            except Exception as exc:
                outcome.append(type(exc).__name__)
            finally:
                connection.close()

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=30)
        return outcome[0] if outcome else "blocked"

    def extract_spy(*args, **kwargs):
        seen.append(("extract", connection.in_atomic_block, write_from_another_connection()))
        return real_extract(*args, **kwargs)

    def split_spy(*args, **kwargs):
        seen.append(("split", connection.in_atomic_block, write_from_another_connection()))
        return real_split(*args, **kwargs)

    monkeypatch.setattr(services.versions, "extract_text", extract_spy)
    monkeypatch.setattr(splitter, "split", split_spy)
    draft = services.draft_register(
        actor=people.officer,
        **_register(unit=tree.prov_new, drafting_unit=tree.agency_new),
        filename="du-thao.txt",
        data=TEXT.encode(),
    )
    services.version_upload(
        actor=people.officer, draft=draft, filename="du-thao.txt", data=TEXT.encode()
    )
    assert seen == [
        ("extract", False, "written"),
        ("split", False, "written"),
        ("extract", False, "written"),
        ("split", False, "written"),
    ]
    assert draft.versions.get().number == 1  # the second upload replaced the one under review


def test_a_version_upload_is_refused_if_the_draft_moved_on_while_the_file_was_read(
    tree, people, monkeypatch
):
    draft = make_draft(tree, people.officer)
    real_split = splitter.split

    def issued_meanwhile(*args, **kwargs):
        Draft.objects.filter(pk=draft.pk).update(status=DraftStatus.ISSUED)
        return real_split(*args, **kwargs)

    monkeypatch.setattr(splitter, "split", issued_meanwhile)
    with pytest.raises(InvalidTransition) as excinfo:
        services.version_upload(
            actor=people.officer, draft=draft, filename="du-thao.txt", data=TEXT.encode()
        )
    assert excinfo.value.message == "Văn bản phản biện đã ban hành; không tải lên phiên bản mới."
    assert draft.versions.count() == 1


def test_a_file_that_takes_too_long_is_refused_and_nothing_is_stored(
    tree, people, settings, monkeypatch
):
    settings.DRAFT_PARSE_SECONDS = 0.01
    real_split = splitter.split

    def slow_split(*args, **kwargs):
        time.sleep(0.05)
        return real_split(*args, **kwargs)

    monkeypatch.setattr(splitter, "split", slow_split)
    with pytest.raises(ValidationFailed) as excinfo:
        services.draft_register(
            actor=people.officer,
            **_register(unit=tree.prov_new, drafting_unit=tree.agency_new),
            filename="du-thao.txt",
            data=TEXT.encode(),
        )
    assert (excinfo.value.code, excinfo.value.field) == ("too_slow", "file")
    assert excinfo.value.message == (
        "Đọc tệp mất quá nhiều thời gian (hơn 0.01 giây); hãy chia thành các tệp nhỏ hơn hoặc "
        "lưu lại thành tệp .docx thông thường."
    )
    assert (Draft.objects.count(), DraftVersion.objects.count()) == (0, 0)


def test_the_unpacked_limit_is_a_setting(tree, people, settings):
    settings.DRAFT_MAX_UNPACKED = 10
    with pytest.raises(ValidationFailed) as excinfo:
        services.draft_register(
            actor=people.officer,
            **_register(unit=tree.prov_new, drafting_unit=tree.agency_new),
            filename="du-thao.txt",
            data=TEXT.encode(),
        )
    assert excinfo.value.code == "text_too_large"
    assert Draft.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Zip bombs, on every upload of the app


def _bounded(call):
    tracemalloc.start()
    try:
        result = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * MB
    return result


def test_registering_with_a_docx_that_unpacks_too_large_gives_a_form_error(client, tree, people):
    client.force_login(people.officer)
    data = {
        "unit": tree.prov_new.pk,
        "drafting_unit": tree.agency_new.pk,
        "title": "Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        "kind": "resolution",
        "form": "conference",
        "received_on": "2026-11-20",
        "file": SimpleUploadedFile("du-thao.docx", lying_docx()),
    }
    response = _bounded(lambda: client.post(reverse("consultations:register"), data))
    assert response.status_code == 200
    page = response.content.decode()
    assert BOMB_MESSAGE in page
    assert "vượt quá giới hạn 20 MB" not in page  # not the message of an oversized upload
    assert (Draft.objects.count(), DraftVersion.objects.count()) == (0, 0)


def test_uploading_a_version_that_unpacks_too_large_gives_a_form_error(client, tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    client.force_login(people.officer)
    response = _bounded(
        lambda: client.post(
            reverse("consultations:upload", args=[draft.pk]),
            {"file": SimpleUploadedFile("du-thao.docx", lying_docx()), "note": ""},
        )
    )
    assert response.status_code == 200
    assert BOMB_MESSAGE in response.content.decode()
    assert list(draft.versions.values_list("number", flat=True)) == [1]
    with pytest.raises(ValidationFailed) as excinfo:
        services.version_upload(
            actor=people.officer, draft=draft, filename="du-thao.docx", data=lying_docx()
        )
    assert (excinfo.value.code, excinfo.value.field) == ("unpacked_too_large", "file")


def test_a_conference_attachment_that_unpacks_too_large_is_refused(tree, people):
    draft = make_draft(tree, people.officer)
    conference = services.conference_save(
        actor=people.officer,
        draft=draft,
        data={
            "form": "conference",
            "held_at": dt.datetime(2026, 11, 26, 8, tzinfo=dt.UTC),
            "place": "Hội trường",
            "participants": "Các chuyên gia",
        },
    )
    with pytest.raises(ValidationFailed) as excinfo:
        _bounded(
            lambda: services.conference_attach(
                actor=people.officer,
                conference=conference,
                filename="bien-ban.docx",
                data=lying_docx(),
            )
        )
    assert (excinfo.value.code, excinfo.value.field) == ("archive_too_large", "file")
    assert str(excinfo.value.message).startswith("Tệp nén giải nén ra quá lớn")
    assert ConferenceAttachment.objects.count() == 0
    assert Conference.objects.count() == 1
