"""One private storage: every app's confidential uploads live under ``PRIVATE_ROOT/<app>``, have
no URL, and follow ``PRIVATE_ROOT`` when the settings move it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db.migrations.writer import MigrationWriter

import ykien
from ykien.consultations.models import ConferenceAttachment, CritiqueDocument, DraftVersion
from ykien.core.storage import PrivateStorage
from ykien.oversight.models import ActivityDocument, AnswerDocument

FIELDS = [
    (DraftVersion, "file", "consultations"),
    (ConferenceAttachment, "file", "consultations"),
    (CritiqueDocument, "docx", "consultations"),
    (ActivityDocument, "file", "oversight"),
    (AnswerDocument, "file", "oversight"),
]


@pytest.mark.parametrize(("model", "name", "folder"), FIELDS)
def test_each_private_file_field_uses_the_one_storage_in_its_app_folder(
    settings, tmp_path, model, name, folder
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    storage = model._meta.get_field(name).storage
    assert type(storage) is PrivateStorage
    assert storage.folder == folder
    saved = storage.save("a/b.txt", ContentFile(b"mat"))
    assert (tmp_path / "private" / folder / saved).read_bytes() == b"mat"
    with pytest.raises(ValueError, match="not accessible via a URL"):
        storage.url(saved)


def test_a_migration_records_the_folder_not_the_path(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    written, imports = MigrationWriter.serialize(PrivateStorage("oversight"))
    assert written == "ykien.core.storage.PrivateStorage('oversight')"
    assert imports == {"import ykien.core.storage"}


def test_no_app_defines_its_own_file_storage():
    root = Path(ykien.__file__).parent
    own = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(base).endswith("Storage") for base in node.bases
            ):
                own.append(f"{path.relative_to(root)}:{node.name}")
    assert own == ["core/storage.py:PrivateStorage"]
