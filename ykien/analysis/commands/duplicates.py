"""Nhóm các góp ý trùng hoặc gần trùng trong một tệp CSV (mỗi nhóm một dòng JSON).

    ykien analysis duplicates FILE.csv --text-column noi_dung --id-column ma [--threshold 0.5]
        [--containment 0.6 | --no-containment]
        [--engine inprocess|dask --scheduler tcp://HOST:8786]

Prints one JSON object per line for each group of two or more comments, largest group
first: {"group": 1, "ids": ["17", "42", ...], "size": 2}, ids as written in the CSV.
Rows that cannot be used are skipped and counted; the counts go to stderr on one line:
"rows=… used=… skipped=… empty=… malformed=… no_id=… no_words=… groups=… grouped=…".
Exit status 0, or 2 when the file or a column is missing or the options are wrong.
With `--engine dask` the signatures are computed on the Dask cluster at `--scheduler`
(`ykien.analysis.distributed`); the groups are the same.
"""

from __future__ import annotations

import csv
import json
import os
from argparse import ArgumentParser
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ykien.analysis.duplicates import (
    DEFAULT_CONTAINMENT,
    DEFAULT_THRESHOLD,
    EMPTY,
    group_signatures,
    groups_from_labels,
    signatures_and_sizes,
)

# A CSV field may hold a long comment; the csv module's default limit is 128 KiB.
FIELD_LIMIT = 32 * 1024 * 1024


class TextSink(Protocol):
    def write(self, text: str, /) -> object: ...


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="tệp CSV, UTF-8, dòng đầu là tên cột")
    parser.add_argument("--text-column", required=True, help="cột chứa nội dung góp ý")
    parser.add_argument("--id-column", required=True, help="cột chứa mã góp ý")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"độ giống tối thiểu (Jaccard của cặp từ liền nhau), 0 < X ≤ 1; mặc định {DEFAULT_THRESHOLD}",
    )
    parser.add_argument(
        "--containment",
        type=float,
        default=DEFAULT_CONTAINMENT,
        help="tỷ lệ tối thiểu của góp ý ngắn hơn nằm trong góp ý dài hơn (bản sao bỏ bớt câu, "
        f"thêm lời giới thiệu), 0 < X ≤ 1; mặc định {DEFAULT_CONTAINMENT}",
    )
    parser.add_argument(
        "--no-containment",
        action="store_true",
        help="chỉ dùng độ giống Jaccard, không xét phần chứa trong",
    )
    add_engine_arguments(parser)


def add_engine_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("inprocess", "dask"),
        default="inprocess",
        help="chạy trong tiến trình này (mặc định) hay trên cụm Dask",
    )
    parser.add_argument("--scheduler", help="địa chỉ bộ lập lịch Dask, ví dụ tcp://10.0.0.5:8786")


def engine_error(options: Mapping[str, Any]) -> str | None:
    """The message for `--engine`/`--scheduler` options that do not fit together."""
    if options.get("engine", "inprocess") == "dask" and not options.get("scheduler"):
        return "Lỗi: --engine dask cần --scheduler ĐỊA_CHỈ (ví dụ tcp://10.0.0.5:8786).\n"
    return None


def dask_client(options: Mapping[str, Any], stderr: TextSink) -> Any:
    """A client of the Dask scheduler named by `--scheduler`, or None after writing why it
    cannot be reached (the command then exits 2)."""
    from ykien.analysis import distributed

    try:
        return distributed.connect(options["scheduler"])
    except distributed.DaskUnavailable as exc:
        stderr.write(f"Lỗi: {exc}.\n")
        return None


@dataclass
class CsvRows:
    """The wanted columns of each well-formed row of a CSV file, and the rows read."""

    rows: list[list[str]] = field(default_factory=list)
    total: int = 0
    malformed: int = 0


def read_csv(path: Path, columns: Sequence[str], stderr: TextSink) -> CsvRows | None:
    """Read ``columns`` (named in the header row; see ``_find_column``) of every row of the
    UTF-8 CSV file ``path``; a row with another number of fields, or that the CSV reader
    cannot parse, is counted as malformed. None after reporting an unusable file on stderr."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    out = CsvRows()
    # errors="replace": a stray non-UTF-8 byte becomes U+FFFD instead of stopping the run
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            stderr.write(f"Lỗi: tệp {path} rỗng, không có dòng tên cột.\n")
            return None
        except csv.Error as exc:
            stderr.write(f"Lỗi: không đọc được dòng tên cột của {path}: {exc}.\n")
            return None
        at: list[int] = []
        for name in columns:
            found = _find_column(header, name)
            if found is None:
                names = ", ".join(repr(h) for h in header)
                stderr.write(f"Lỗi: không có cột {name!r} trong {path}; các cột: {names}.\n")
                return None
            at.append(found)
        width = len(header)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                out.total += 1
                out.malformed += 1
                continue
            out.total += 1
            if len(row) != width:
                out.malformed += 1
                continue
            out.rows.append([row[i] for i in at])
    return out


@dataclass
class _Counts:
    rows: int = 0
    empty: int = 0
    malformed: int = 0
    no_id: int = 0
    no_words: int = 0

    @property
    def skipped(self) -> int:
        return self.empty + self.malformed + self.no_id + self.no_words


def _find_column(header: list[str], wanted: str) -> int | None:
    if wanted in header:
        return header.index(wanted)
    # forgive case and surrounding spaces, but only when that is unambiguous
    loose = [
        i for i, name in enumerate(header) if name.strip().casefold() == wanted.strip().casefold()
    ]
    return loose[0] if len(loose) == 1 else None


def handle(options: Mapping[str, Any], stdout: TextSink, stderr: TextSink) -> int:
    path = Path(options["file"])
    text_column: str = options["text_column"]
    id_column: str = options["id_column"]
    threshold = float(options.get("threshold") or DEFAULT_THRESHOLD)
    if not 0.0 < threshold <= 1.0:
        stderr.write(f"Lỗi: --threshold phải lớn hơn 0 và không quá 1 (nhận {threshold}).\n")
        return 2
    given = float(options.get("containment") or DEFAULT_CONTAINMENT)
    if not 0.0 < given <= 1.0:
        stderr.write(f"Lỗi: --containment phải lớn hơn 0 và không quá 1 (nhận {given}).\n")
        return 2
    containment: float | None = None if options.get("no_containment") else given
    if (message := engine_error(options)) is not None:
        stderr.write(message)
        return 2
    if not path.is_file():
        stderr.write(f"Lỗi: không tìm thấy tệp {path}.\n")
        return 2
    read = read_csv(path, [text_column, id_column], stderr)
    if read is None:
        return 2
    counts = _Counts(rows=read.total, malformed=read.malformed)
    ids: list[str] = []
    texts: list[str] = []
    for text, raw_id in read.rows:
        row_id = raw_id.strip()
        if not row_id:
            counts.no_id += 1
        elif not text.strip():
            counts.empty += 1
        else:
            ids.append(row_id)
            texts.append(text)

    if options.get("engine", "inprocess") == "dask":
        from ykien.analysis import distributed

        if (client := dask_client(options, stderr)) is None:
            return 2
        try:
            sig, sizes = distributed.signatures_and_sizes(client, texts)
        finally:
            client.close()
    else:
        sig, sizes = signatures_and_sizes(texts, workers=os.cpu_count() or 1)
    counts.no_words = int((sig[:, 0] == EMPTY).sum()) if len(texts) else 0
    labels = group_signatures(
        sig,
        sizes=sizes,
        threshold=threshold,
        containment=containment,
        workers=os.cpu_count() or 1,
    )
    groups = groups_from_labels(labels, min_size=2)
    for group in groups:
        line = {"group": group.group, "ids": [ids[i] for i in group.members], "size": group.size}
        stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    stderr.write(
        f"rows={counts.rows} used={counts.rows - counts.skipped} skipped={counts.skipped} "
        f"empty={counts.empty} malformed={counts.malformed} no_id={counts.no_id} "
        f"no_words={counts.no_words} groups={len(groups)} "
        f"grouped={sum(g.size for g in groups)}\n"
    )
    return 0
