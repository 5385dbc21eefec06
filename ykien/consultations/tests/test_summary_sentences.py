"""The sentences of a summary, shared by the officer's analysis screen and the public "you said"
page: each quoted with the comments it comes from, "comment" or "comments" by their number."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

SENTENCES = [
    {"text": "Một câu.", "sources": [{"id": 457, "url": "/du-thao/1/gop-y/457/"}], "more": 0},
    {
        "text": "Hai câu.",
        "sources": [{"id": 457, "url": "/du-thao/1/gop-y/457/"}, {"id": 547, "url": ""}],
        "more": 3,
    },
]


def _items(language: str) -> list[str]:
    with translation.override(language):
        html = render_to_string("consultations/_summary_sentences.html", {"sentences": SENTENCES})
    return html.split("<li>")[1:]


def test_one_source_is_singular_several_plural_and_a_hidden_one_is_not_linked():
    assert _items("vi") == [
        '<q>Một câu.</q> <span class="muted">— từ góp ý '
        '<a href="/du-thao/1/gop-y/457/">#457</a></span></li>',
        '<q>Hai câu.</q> <span class="muted">— từ góp ý '
        '<a href="/du-thao/1/gop-y/457/">#457</a>, #547 và 3 góp ý khác</span></li></ul>',
    ]
    assert _items("en") == [
        '<q>Một câu.</q> <span class="muted">— from comment '
        '<a href="/du-thao/1/gop-y/457/">#457</a></span></li>',
        '<q>Hai câu.</q> <span class="muted">— from comments '
        '<a href="/du-thao/1/gop-y/457/">#457</a>, #547 and 3 other comments</span></li></ul>',
    ]
