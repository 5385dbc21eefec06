"""Comments as partitioned Parquet: `draft=…/day=…/clause=…/part-….parquet` (hive layout).

A national consultation keeps its comments in files partitioned by draft, day and clause,
so that a day's new comments are a few new files and a clause's comments a set of
directories. The writer streams (bounded buffers, one file per flush); the readers list the
files with their row counts from the Parquet footers (no text is read), so a driver can
hand each Dask worker the files it reads itself. `pyarrow` is imported on first use
(optional extra `[cluster]`). Nothing here imports Django.

Columns: `id` (int64), `text` (string), `created` (timestamp, UTC) and any extra columns
the writer is given (e.g. `author`, the hashed participant key); `draft`, `day` (YYYY-MM-DD, UTC) and `clause` (0 = the draft
as a whole) are the partition keys, in the path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "ParquetWriter",
    "PartFile",
    "part_files",
    "read_texts",
]

FLUSH_ROWS = 50_000


@dataclass(frozen=True, slots=True)
class PartFile:
    """One Parquet file of the layout, its partition keys and its number of rows."""

    path: str
    draft: int
    day: str
    clause: int
    rows: int


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - the extra is installed in dev
        raise RuntimeError("chưa cài pyarrow (pip install 'ykien[cluster]')") from exc
    return pa, pq


class ParquetWriter:
    """Writes comments into `root/draft=D/day=YYYY-MM-DD/clause=C/part-NNNNNN.parquet`.

    `add(draft, clause, id, text, created, **extra)` buffers a row; a partition's buffer
    is written as one new file when it reaches `flush_rows`, and every buffer at `close()`.
    Existing files are never overwritten (numbering continues after the highest part).
    """

    def __init__(self, root: str | Path, *, flush_rows: int = FLUSH_ROWS, prefix: str = "part"):
        self.root = Path(root)
        self.flush_rows = max(1, flush_rows)
        self.prefix = prefix
        self._buffers: dict[tuple[int, str, int], dict[str, list[Any]]] = {}
        self._seq = 0
        self.files: list[Path] = []
        self.rows = 0

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self, draft: int, clause: int, id: int, text: str, created: datetime, **extra: Any
    ) -> None:
        if created.tzinfo is None:
            raise ValueError("created must be an aware datetime")
        day = created.astimezone(UTC).strftime("%Y-%m-%d")
        key = (int(draft), day, int(clause))
        buf = self._buffers.get(key)
        if buf is None:
            buf = {"id": [], "text": [], "created": [], **{name: [] for name in extra}}
            self._buffers[key] = buf
        buf["id"].append(int(id))
        buf["text"].append(text)
        buf["created"].append(created.astimezone(UTC))
        for name, value in extra.items():
            buf[name].append(value)
        if len(buf["id"]) >= self.flush_rows:
            self._flush(key)

    def add_many(
        self,
        draft: int,
        clauses: Sequence[int],
        ids: Sequence[int],
        texts: Sequence[str],
        created: Sequence[datetime],
        extra: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        extra = extra or {}
        for i in range(len(ids)):
            self.add(
                draft,
                clauses[i],
                ids[i],
                texts[i],
                created[i],
                **{name: values[i] for name, values in extra.items()},
            )

    def _flush(self, key: tuple[int, str, int]) -> None:
        pa, pq = _pa()
        buf = self._buffers.pop(key)
        if not buf["id"]:
            return
        draft, day, clause = key
        folder = self.root / f"draft={draft}" / f"day={day}" / f"clause={clause}"
        folder.mkdir(parents=True, exist_ok=True)
        columns = {
            "id": pa.array(buf["id"], pa.int64()),
            "text": pa.array(buf["text"], pa.string()),
            "created": pa.array(buf["created"], pa.timestamp("us", tz="UTC")),
        }
        for name in buf:
            if name not in columns:
                columns[name] = pa.array(buf[name])
        while True:
            self._seq += 1
            path = folder / f"{self.prefix}-{self._seq:06d}.parquet"
            if not path.exists():
                break
        pq.write_table(pa.table(columns), path, compression="zstd")
        self.files.append(path)
        self.rows += len(buf["id"])

    def close(self) -> None:
        for key in list(self._buffers):
            self._flush(key)


def _keys(path: Path, root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in path.relative_to(root).parts[:-1]:
        name, sep, value = part.partition("=")
        if sep:
            out[name] = value
    return out


def part_files(
    root: str | Path,
    *,
    draft: int | None = None,
    days: Iterable[str] | None = None,
    clauses: Iterable[int] | None = None,
) -> list[PartFile]:
    """The layout's files (optionally of one draft, some days, some clauses), in a fixed
    order (draft, day, clause, file name), with their row counts read from the footers.
    The order defines the rows' global positions: file after file."""
    _, pq = _pa()
    base = Path(root)
    want_days = None if days is None else set(days)
    want_clauses = None if clauses is None else {int(c) for c in clauses}
    found: list[PartFile] = []
    for path in base.rglob("*.parquet"):
        keys = _keys(path, base)
        try:
            d = int(keys.get("draft", "0"))
            c = int(keys.get("clause", "0"))
        except ValueError:
            continue
        day = keys.get("day", "")
        if draft is not None and d != draft:
            continue
        if want_days is not None and day not in want_days:
            continue
        if want_clauses is not None and c not in want_clauses:
            continue
        rows = pq.ParquetFile(path).metadata.num_rows
        found.append(PartFile(str(path), d, day, c, int(rows)))
    found.sort(key=lambda f: (f.draft, f.day, f.clause, f.path))
    return found


def read_texts(paths: Sequence[str]) -> list[str]:
    """The `text` column of these files, in order (empty text for a null)."""
    _, pq = _pa()
    texts: list[str] = []
    for path in paths:
        column = pq.read_table(path, columns=["text"]).column("text")
        texts.extend(t if t is not None else "" for t in column.to_pylist())
    return texts


def read_column(paths: Sequence[str], name: str) -> Any:
    """One column of these files, in order, as a numpy array."""
    import numpy as np

    _, pq = _pa()
    parts = [pq.read_table(p, columns=[name]).column(name).to_numpy() for p in paths]
    return np.concatenate(parts) if parts else np.empty(0)
