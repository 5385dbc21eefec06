"""Benchmark: the splitter on texts of 1 to 32 MB (its work must grow linearly).

    .venv/bin/python bench/splitter.py                       # law and awkward texts, 1–32 MB
    .venv/bin/python bench/splitter.py --text awkward --sizes 1 2 4

Two texts, generated here and cut to the size asked:

* ``law``: a law of chapters, articles, clauses and points, as drafts are;
* ``awkward``: what made the splitter quadratic — titles in capitals running on for pages,
  unclosed quotations, end marks followed by headings (an empty closing each), a line of dots.

One line per text and size, then the growth of the CPU time from the smallest to the largest
size, per doubling (2.0 is linear; it was above 4 for titles and quotations). CPU time, because
wall time on a shared machine says more about the neighbours:

    RESULT case=splitter text=law mb=1 lines=... nodes=... seconds=... cpu_seconds=... mb_per_s=...
    RESULT case=splitter_growth text=law per_doubling=...
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ykien.consultations.splitter import split

MB = 1024 * 1024


def _law() -> list[str]:
    lines: list[str] = ["LUẬT", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "Căn cứ Hiến pháp;"]
    total, article, chapter = 0, 0, 0
    while total < 33 * MB:
        chapter += 1
        block = [f"Chương {chapter}", "QUY ĐỊNH VỀ TỔ CHỨC VÀ HOẠT ĐỘNG"]
        for _ in range(12):
            article += 1
            block.append(f"Điều {article}. Trách nhiệm của cơ quan, tổ chức")
            for clause in range(1, 4):
                block.append(
                    f"{clause}. Cơ quan, tổ chức, cá nhân có trách nhiệm thực hiện quy định tại "
                    "khoản này như sau:"
                )
                block += [
                    f"{point}) Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp trong việc "
                    "tổ chức lấy ý kiến nhân dân;"
                    for point in "abc"
                ]
        lines += block
        total += sum(len(line.encode()) + 1 for line in block)
    return lines


def _awkward() -> list[str]:
    lines: list[str] = []
    total, k = 0, 0
    while total < 33 * MB:
        k += 1
        block = [f"Chương {k}"] + ["QUY ĐỊNH CHUNG VỀ TỔ CHỨC"] * 50
        block += [f"Điều {k}. Sửa đổi", "“Sửa đổi như sau"] * 20
        block += ["Nội dung./.", f"Điều {k}. Hiệu lực", "Điều " + "." * 2000 + " x"]
        lines += block
        total += sum(len(line.encode()) + 1 for line in block)
    return lines


TEXTS = {"law": _law, "awkward": _awkward}


def _cut(lines: list[str], size: int) -> str:
    out: list[str] = []
    total = 0
    for line in lines:
        if total >= size:
            break
        out.append(line)
        total += len(line.encode()) + 1
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", choices=[*TEXTS, "all"], default="all")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    args = parser.parse_args()
    for name in TEXTS if args.text == "all" else [args.text]:
        lines = TEXTS[name]()
        times: list[tuple[int, float]] = []
        for mb in args.sizes:
            text = _cut(lines, mb * MB)
            started, cpu_started = time.perf_counter(), time.process_time()
            result = split(text)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            times.append((mb, cpu))
            print(
                f"RESULT case=splitter text={name} mb={mb} lines={text.count(chr(10)) + 1} "
                f"nodes={len(result.nodes)} seconds={seconds:.2f} cpu_seconds={cpu:.2f} "
                f"mb_per_s={mb / cpu:.2f}",
                flush=True,
            )
        if len(times) > 1:
            (small, t0), (large, t1) = times[0], times[-1]
            doublings = math.log2(large / small)
            print(
                f"RESULT case=splitter_growth text={name} per_doubling={(t1 / t0) ** (1 / doublings):.2f}"
            )


if __name__ == "__main__":
    main()
