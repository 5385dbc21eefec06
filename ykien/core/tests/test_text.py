"""core.text: what every service does to typed text."""

from __future__ import annotations

import pytest

from ykien.core.errors import ValidationFailed
from ykien.core.text import clean_text, is_blank, nfc

DECOMPOSED = "Phu\u031bo\u031b\u0300ng"  # "Phường" typed with combining marks


def test_nfc_composes_and_drops_control_characters_but_keeps_lines_and_markup():
    assert nfc(DECOMPOSED) == "Phường"
    assert nfc("a\x00b\x07c\x1b\x7fd\te\r\nf <b>g</b>") == "abcd\te\r\nf <b>g</b>"
    assert nfc(None) == ""


def test_clean_text_trims_and_keeps_or_joins_lines():
    assert clean_text("  Dòng 1\n\n  Dòng 2 \t ", field="f", label="Nội dung") == (
        "Dòng 1\n\n  Dòng 2"
    )
    assert clean_text(" Tiêu\n đề \t mới ", field="f", label="tiêu đề", one_line=True) == (
        "Tiêu đề mới"
    )


@pytest.mark.parametrize(
    ("value", "kwargs", "code", "message"),
    [
        (" \t ", {"required": True}, "required", "Lý do là bắt buộc."),
        ("\u200b\u200d\ufeff\u00ad ", {"required": True}, "required", "Lý do là bắt buộc."),
        ("ngắn", {"min_length": 5}, "too_short", "Lý do cần ít nhất 5 ký tự."),
        ("", {"min_length": 5}, "required", "Lý do là bắt buộc."),
        ("x" * 20_001, {"limit": 20_000}, "too_long",
         "Lý do dài 20.001 ký tự, vượt quá giới hạn 20.000 ký tự."),
    ],
)  # fmt: skip
def test_clean_text_refusals_name_the_field(value, kwargs, code, message):
    with pytest.raises(ValidationFailed) as exc:
        clean_text(value, field="reason", label="lý do", **kwargs)
    assert (exc.value.code, exc.value.field, str(exc.value)) == (code, "reason", message)


def test_clean_text_limits_count_characters_after_composition():
    assert clean_text(DECOMPOSED * 2, field="f", label="x", limit=12) == "Phường" * 2


def test_counts_in_a_message_follow_the_readers_language():
    from django.utils import translation

    from ykien.core.errors import ValidationFailed
    from ykien.core.text import clean_text

    for language, expected in (
        ("vi", "Lý do dài 25.999 ký tự, vượt quá giới hạn 20.000 ký tự."),
        ("en", "Reason is 25,999 characters long, exceeding the 20,000-character limit."),
    ):
        with translation.override(language), pytest.raises(ValidationFailed) as caught:
            clean_text(
                "a" * 25_999, field="reasons", label=translation.gettext("lý do"), limit=20_000
            )
        assert caught.value.message == expected, language


def test_text_of_invisible_characters_only_is_blank_and_cleaned_to_nothing():
    assert is_blank("")
    assert is_blank(" \n\u200b\u200c\u200d\u2060\ufeff\u00ad\u3000")
    assert not is_blank("\u200bA")
    assert not is_blank(".")
    assert clean_text("\u200b \u200b", field="f", label="Nội dung") == ""
    # Invisible characters within written text are kept: the text is quoted as typed.
    assert clean_text("\u200bCó chữ", field="f", label="Nội dung") == "\u200bCó chữ"
