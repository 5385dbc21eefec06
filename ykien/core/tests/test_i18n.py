"""The English catalogue covers every message (Vietnamese is the source language, ADR 0001)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LOCALE = PACKAGE / "locale" / "en" / "LC_MESSAGES"


def _entries(text: str):
    blocks = text.split("\n\n")
    for block in blocks[1:]:
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        if not lines:
            continue
        yield block, lines


def test_english_catalogue_has_no_missing_or_fuzzy_entries():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    missing = []
    for block, lines in _entries(text):
        if any(
            line.startswith("#, fuzzy") or (line.startswith("#,") and "fuzzy" in line)
            for line in lines
        ):
            missing.append(block)
            continue
        joined = "\n".join(lines)
        for marker in ('msgstr ""', 'msgstr[0] ""', 'msgstr[1] ""'):
            idx = joined.find(marker)
            if idx != -1:
                rest = joined[idx + len(marker) :].lstrip("\n")
                if not rest.startswith('"'):
                    missing.append(block)
    assert missing == []
    assert (LOCALE / "django.mo").is_file()


def _msgids(po: Path) -> set[str]:
    """The message ids (with their context) of a .po file, whatever its line wrapping."""
    ids: set[str] = set()
    key, current, context = None, [], ""

    def close() -> None:
        if key == "msgid" and current:
            ids.add(context + "\x04" + "".join(current))

    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith('"'):
            if key in ("msgid", "msgctxt"):
                current.append(line[1:-1])
            continue
        keyword = line.split(" ", 1)[0]
        if key == "msgctxt":
            context = "".join(current)
        close()
        if keyword == "msgid" and key != "msgctxt":
            context = ""
        key, current = keyword, [line.split(" ", 1)[1][1:-1]]
    close()
    ids.discard("\x04")  # the header
    return ids


def test_english_catalogue_is_current(tmp_path):
    """Every message of the code and templates is in the committed catalogue and nothing else
    is: ``makemessages`` run on a copy of the package finds the same ids (`make messages`)."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (Debian package gettext) is required under CI")
        pytest.skip("xgettext (gettext) is not installed")
    copy = tmp_path / "ykien"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.mo", "static", "tests"),
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "ykien.settings",
        "YKIEN_TESTING": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = _msgids(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    committed = _msgids(LOCALE / "django.po")
    assert sorted(fresh - committed) == []  # new messages: run `make messages`, translate
    assert sorted(committed - fresh) == []  # messages no longer used


def test_djangos_own_messages_read_as_vietnamese():
    """Django's Vietnamese catalogue has no text for some validation messages (the English
    showed on Vietnamese pages) and a space before the full stop in others: the project's
    ``locale/vi`` gives them; English keeps Django's."""
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils import translation

    def error(field, value):
        with pytest.raises(ValidationError) as caught:
            field.clean(value)
        return caught.value.messages

    with translation.override("vi"):
        assert error(forms.CharField(), "a\x00b") == ["Không được dùng ký tự rỗng (NUL)."]
        assert error(forms.IntegerField(max_value=5000), "5001") == [
            "Giá trị này phải nhỏ hơn hoặc bằng 5000."
        ]
        assert error(forms.IntegerField(min_value=1), "0") == [
            "Giá trị này phải lớn hơn hoặc bằng 1."
        ]
        assert error(forms.DecimalField(max_digits=9, decimal_places=6), "1" * 20) == [
            "Số này chỉ được có tối đa 9 chữ số."
        ]
        assert error(forms.IntegerField(), "1.5") == ["Hãy nhập một số nguyên."]
    with translation.override("en"):
        assert error(forms.CharField(), "a\x00b") == ["Null characters are not allowed."]
