"""Vietnamese normalisation, folding, tokens, segmentation and the hashed fast path."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from ykien.analysis.text import (
    STOPWORDS,
    STOPWORDS_FOLDED,
    fold,
    hash_tokens,
    normalize,
    segment,
    strip_diacritics,
    token_hash,
    tokens,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # oa / oe / uy in an open syllable: the new style marks the second vowel
        ("hòa", "hoà"),
        ("hoà", "hoà"),
        ("Hòa Bình", "Hoà Bình"),
        ("HÒA", "HOÀ"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("ủy ban", "uỷ ban"),
        ("Khánh Hòa", "Khánh Hoà"),
        # qu and gi: the u / i belongs to the consonant
        ("qúy", "quý"),
        ("quý", "quý"),
        ("gía", "giá"),
        ("gịa", "giạ"),
        ("gìn giữ", "gìn giữ"),
        ("quốc", "quốc"),
        # a vowel with a shape mark takes the tone
        ("người", "người"),
        ("rượu", "rượu"),
        ("thuở", "thuở"),
        ("tuổi", "tuổi"),
        ("nguyễn", "nguyễn"),
        # final consonant: last vowel; three vowels: the middle one; other pairs: first
        ("hoàng", "hoàng"),
        ("huỳnh", "huỳnh"),
        ("ngoài", "ngoài"),
        ("khuỷu", "khuỷu"),
        ("mùa", "mùa"),
        ("của", "của"),
        ("kìa", "kìa"),
        ("tài", "tài"),
        # not Vietnamese syllables: left alone
        ("Facebook", "Facebook"),
        ("cafée", "cafée"),
    ],
)
def test_normalize_puts_tone_marks_in_the_new_style(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_normalize_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Giám sát và phản biện xã hội")
    assert decomposed != "Giám sát và phản biện xã hội"
    assert normalize(decomposed) == "Giám sát và phản biện xã hội"


def test_normalize_cleans_whitespace_and_punctuation() -> None:
    messy = "  Hòa bình ,  thủy\u00a0lợi…\n\n“Đề nghị” — sửa ( Điều 5 ) !!!\u200b"
    assert normalize(messy) == 'Hoà bình, thuỷ lợi... "Đề nghị" - sửa (Điều 5)!'


def test_normalize_is_idempotent() -> None:
    text = "Tôi  đề nghị   Ban soạn thảo xem xét lại quy định về thủy lợi , hòa giải …"
    once = normalize(text)
    assert normalize(once) == once


def test_fold_removes_case_and_diacritics() -> None:
    assert (
        fold("Giám sát, Phản biện XÃ HỘI — Đồng Tháp") == "giam sat, phan bien xa hoi - dong thap"
    )
    assert fold("Đường") == "duong"


def test_fold_matches_every_way_of_typing_a_word() -> None:
    forms = ["hoà", "hòa", "HÒA", "hoa", unicodedata.normalize("NFD", "hòa"), "Hoà"]
    assert {fold(form) for form in forms} == {"hoa"}


def test_fold_is_normalize_then_lower_then_strip() -> None:
    samples = ["  Thủy  lợi ,Khỏe…", "QÚY KHÁCH", "Đắk Lắk", "Müller façade", "漢字 ok"]
    for sample in samples:
        assert fold(sample) == strip_diacritics(normalize(sample).lower())


def test_strip_diacritics_keeps_case() -> None:
    assert strip_diacritics("Đồng Tháp Hoà KHOẺ") == "Dong Thap Hoa KHOE"


def test_tokens_are_folded_words() -> None:
    assert tokens("Điều 5, khoản 2: hoà giải!") == ["dieu", "5", "khoan", "2", "hoa", "giai"]
    assert tokens("Điều 5, khoản 2", keep_diacritics=True) == ["điều", "5", "khoản", "2"]
    assert tokens("👍 snake_case ... ") == ["snake", "case"]
    assert tokens("") == []


def test_segment_joins_the_syllables_of_a_word() -> None:
    assert segment("Tôi đề nghị Ban soạn thảo sửa đổi Điều 5 của dự thảo Luật Đất đai.") == [
        "Tôi",
        "đề nghị",
        "Ban",
        "soạn thảo",
        "sửa đổi",
        "Điều",
        "5",
        "của",
        "dự thảo",
        "Luật",
        "Đất đai",
    ]
    assert segment("") == []
    assert segment("👍 !!") == []


def test_stopwords_hold_function_words_only() -> None:
    assert {"và", "của", "những", "tuy nhiên", "bởi vì"} <= STOPWORDS
    assert not {"dự thảo", "đất đai", "giám sát", "điều"} & STOPWORDS
    assert all(word == normalize(word).lower() for word in STOPWORDS)
    assert {"va", "cua", "tuy nhien"} <= STOPWORDS_FOLDED


TRICKY = [
    "Điều 5, khoản 2: hoà giải!",
    "",
    "   ",
    "👍👍 tốt quá 🇻🇳",
    unicodedata.normalize("NFD", "Hòa BÌNH thủy điện"),
    "snake_case and CamelCase, e-mail: a.b@c.vn",
    "漢字かな交じり文 and русский текст",
    "x\u0300y mixed\u0301 marks",
    "số 1.234,5 đồng; 50% dân số",
    "\ud800 lone surrogate",
]


def test_hash_tokens_agrees_with_tokens() -> None:
    hashes, offsets = hash_tokens(TRICKY)
    assert offsets.shape == (len(TRICKY) + 1,)
    for i, text in enumerate(TRICKY):
        expected = [token_hash(word) for word in tokens(text)]
        assert hashes[offsets[i] : offsets[i + 1]].tolist() == expected, text


def test_hash_tokens_handles_a_100_kb_comment() -> None:
    long_text = "Người dân đề nghị sửa đổi quy định. " * 2900
    assert len(long_text) > 100_000
    hashes, offsets = hash_tokens(["ngắn", long_text])
    assert offsets.tolist() == [0, 1, 1 + 8 * 2900]
    assert hashes[1:9].tolist() == [
        token_hash(w) for w in tokens("Người dân đề nghị sửa đổi quy định")
    ]


def test_hash_tokens_of_nothing() -> None:
    hashes, offsets = hash_tokens([])
    assert hashes.dtype == np.uint64
    assert len(hashes) == 0
    assert offsets.tolist() == [0]


def test_normalize_copes_with_a_100_kb_word() -> None:
    assert normalize("a" * 100_000 + " hòa")[-4:] == " hoà"
