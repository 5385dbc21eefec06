"""core.text refuses the characters no one types and that break what text goes into (XML 1.0,
UTF-8, PostgreSQL): C0 controls but tab and line breaks, lone surrogates, non-characters. Every
naughty string either passes as typed or gets the translated error; none raises anything else."""

from __future__ import annotations

import pytest
from django.utils import translation

from ykien.core.errors import ValidationFailed
from ykien.core.tests.naughty import forbidden_naughty_strings, naughty_strings, needs_blns
from ykien.core.text import clean_text, is_blank, nfc, strip_forbidden

FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\ud800",
             "\udc00", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe",
             "\U0001ffff", "\U0010fffe", "\U0010ffff"]  # fmt: skip
ALLOWED = ["\t", "\n", "\r", " ", "\x85", "\xa0", "\u200b", "\ufdcf", "\ufdf0", "\ufeff", "\ufffd",
           "\U0001f600", "\U0010fffd", "ế"]  # fmt: skip


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_characters_are_refused_naming_the_field_and_the_character(char):
    with pytest.raises(ValidationFailed) as exc:
        clean_text(f"Góp ý{char} về điều 3", field="reasons", label="lý do", required=True)
    assert (exc.value.code, exc.value.field) == ("forbidden_character", "reasons")
    assert str(exc.value) == (
        f"Lý do chứa ký tự không được phép (U+{ord(char):04X}, ký tự thứ 6); hãy xóa ký tự đó "
        "rồi gửi lại."
    )
    assert nfc(f"a{char}b") == "ab"
    assert strip_forbidden(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_other_characters_are_kept(char):
    assert clean_text(f"a{char}b", field="f", label="x") == f"a{char}b"


def test_the_refusal_is_translated():
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        clean_text("a\ufffe", field="f", label="Nội dung")
    # The label is the caller's, translated by it.
    assert str(exc.value) == (
        "Nội dung contains a character that is not allowed (U+FFFE, character 2); delete it "
        "and send again."
    )


@needs_blns
def test_every_naughty_string_passes_as_typed_or_gets_the_error():
    strings = naughty_strings()
    assert len(strings) == 515
    refused = []
    blank = []
    for text in strings:
        try:
            cleaned = clean_text(text, field="content", label="nội dung", limit=10_000)
        except ValidationFailed as exc:
            refused.append((text, exc.code))
        else:
            typed = nfc(text).strip()
            if is_blank(typed):  # invisible characters only: nothing was written
                blank.append(text)
                assert cleaned == ""
            else:
                assert cleaned == typed
    assert refused == [(text, "forbidden_character") for text in forbidden_naughty_strings()]
    assert len(refused) == 6
    # Besides the file's blank lines: its line of Unicode format characters (U+00AD, U+200B …)
    # and its byte-order mark alone.
    assert [t[:2] for t in blank if t.strip()] == ["\xad\u0600", "\ufeff"]
