"""Why a group of near-duplicates is a campaign: template, variations, time, identities."""

from __future__ import annotations

import numpy as np

from ykien.analysis.campaigns import evidence, split_raw_sentences, template_of

TEMPLATE = [
    "Kính gửi Ban soạn thảo dự thảo Nghị quyết về học phí.",
    "Mức học phí dự kiến tăng gần gấp đôi là quá cao đối với thu nhập của phụ huynh ở nông thôn.",
    "Chúng tôi đề nghị giữ nguyên mức học phí năm học này.",
]


def _copies() -> list[str]:
    base = " ".join(TEMPLATE)
    return [
        base,
        base,
        base.replace("đề nghị", "kiến nghị"),
        base.replace("đề nghị", "kiến nghị"),
        "Tôi là Trần Văn Hòa, cư trú tại xã Hòa Tiến. " + base,  # introduction, old marks
        " ".join(TEMPLATE[1:]),  # the greeting dropped
        " ".join([TEMPLATE[0], TEMPLATE[2], TEMPLATE[1]]),  # reordered
        "kinh gui ban soan thao du thao nghi quyet ve hoc phi. muc hoc phi du kien tang gan "
        "gap doi la qua cao doi voi thu nhap cua phu huynh o nong thon. chung toi de nghi "
        "giu nguyen muc hoc phi nam hoc nay.",
    ]


def test_template_is_the_shared_sentences_in_the_copies_own_words() -> None:
    tpl = template_of(_copies())
    assert [s.text for s in tpl.sentences] == TEMPLATE
    assert [s.support for s in tpl.sentences] == [7, 8, 8]
    assert tpl.read == 8
    assert tpl.added == 1  # the introduction
    assert tpl.dropped == 1
    assert tpl.reordered == 1
    assert tpl.reworded == 2  # "kiến nghị" twice
    assert tpl.no_diacritics == 1
    assert tpl.lower_case == 1
    assert tpl.old_tone_marks == 1  # "Hòa"


def test_the_words_that_vary_are_marked_with_the_commonest_change() -> None:
    tpl = template_of(_copies())
    request = tpl.sentences[2]
    varying = [piece.strip() for piece, varies in request.segments if varies]
    assert varying == ["đề"]  # "đề nghị" became "kiến nghị" in two copies
    assert "".join(piece for piece, _ in request.segments) == TEMPLATE[2]
    assert request.changes == (("đề", "kiến", 2),)


def test_evidence_gives_the_burst_and_the_identities() -> None:
    copies = _copies()
    start = 1_750_000_000.0
    times = [start + 600 * i for i in range(7)] + [start + 5 * 86_400]
    keys = ["u:1", "u:1", "u:2", "a:9f3c", "a:9f3c", "a:77aa", "u:3", "u:4"]
    ev = evidence(
        copies, timestamps=times, identities=keys, new_identities={"u:3", "u:4"}, reasons=["burst"]
    )
    assert ev["size"] == 8
    assert ev["reasons"] == ["burst"]
    assert ev["burst"]["peak"] == 7
    assert ev["burst"]["start"] == start
    assert ev["burst"]["end"] == start + 3600
    assert ev["identities"] == {
        "accounts": 4,
        "anonymous": 2,
        "distinct": 6,
        "repeated": 4,
        "new_accounts": 2,
        "by_new_accounts": 2,
    }


def test_a_two_copy_campaign_and_a_huge_letter_are_explained_without_crashing() -> None:
    huge = "Đề nghị giữ nguyên quy định về mức bồi thường khi thu hồi đất. " * 1600
    ev = evidence([huge[:100_000], huge[:100_000] + " Xin cảm ơn."])
    assert ev["size"] == 2
    assert ev["template"]["sentences"]
    assert evidence(["", "👍"])["template"]["sentences"] == []


def test_raw_sentences_are_kept_as_written() -> None:
    assert split_raw_sentences("Hòa bình !  Thủy lợi.\nKhoẻ") == ["Hòa bình !", "Thủy lợi.", "Khoẻ"]


def test_generated_campaign_evidence_is_fast_enough() -> None:
    import time

    from ykien.analysis.tests.campaigns_gen import generate

    data = generate(seed=2, organic_n=50)
    truth = data.labels_array()
    biggest = np.bincount(truth[truth >= 0]).argmax()
    idx = np.flatnonzero(truth == biggest)
    started = time.perf_counter()
    ev = evidence([data.texts[i] for i in idx])
    assert time.perf_counter() - started < 10
    assert len(ev["template"]["sentences"]) >= 3
