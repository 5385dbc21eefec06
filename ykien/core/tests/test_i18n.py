"""The English catalogue covers every message (Vietnamese is the source language, ADR 0001)."""

from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


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
