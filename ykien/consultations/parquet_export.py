"""`ykien analysis export-parquet --draft N --out DIR`: a draft's comments as partitioned Parquet.

Writes the visible comments of the draft (the analysis input of
`selectors.draft_comment_rows`: the proposed wording and the reasons, joined by a blank line)
into `DIR/draft=N/day=YYYY-MM-DD/clause=C/part-NNNNNN.parquet` (`ykien.analysis.parquet`;
`clause` is the id of the commented node, 0 for the draft as a whole; `day` in UTC), with the
columns `id`, `text`, `created` and `author` (the participant key, already a hash for
anonymous sessions). Read-only and streaming: the rows come through `.iterator()` and at
most `--flush-rows` rows of a partition are buffered. Existing files are kept (new parts
are numbered after them), so a day's new comments can be exported into the same directory
with `--since`. Dask workers then read their partitions themselves
(`ykien.analysis.shuffle_banding`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, TextIO

from django.utils.translation import gettext as _

from ykien.consultations.models import Comment, CommentStatus, Draft

CHUNK = 5_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--draft", type=int, required=True, help=_("mã số dự thảo"))
    parser.add_argument("--out", type=Path, required=True, help=_("thư mục ghi các tệp Parquet"))
    parser.add_argument(
        "--since",
        type=dt.date.fromisoformat,
        help=_("chỉ các góp ý từ ngày này (YYYY-MM-DD, giờ UTC)"),
    )
    parser.add_argument("--flush-rows", type=int, default=50_000, help=argparse.SUPPRESS)


def handle(options: dict[str, Any], stdout: TextIO, stderr: TextIO) -> int:
    try:
        from ykien.analysis.parquet import ParquetWriter
    except ImportError:  # pragma: no cover - pyarrow is imported on first write
        stderr.write(_("Chưa cài pyarrow (pip install 'ykien[cluster]').") + "\n")
        return 2
    draft_id = options["draft"]
    if not Draft.objects.filter(pk=draft_id).exists():
        stderr.write(_("Không có dự thảo mã số %(id)s.") % {"id": draft_id} + "\n")
        return 2
    out: Path = options["out"]
    if out.exists() and not out.is_dir():
        stderr.write(_("%(path)s không phải là thư mục.") % {"path": out} + "\n")
        return 2
    rows = Comment.objects.filter(draft_id=draft_id, status=CommentStatus.VISIBLE)
    since = options.get("since")
    if since is not None:
        rows = rows.filter(created_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC))
    values = rows.order_by("created_at", "id").values_list(
        "id", "node_id", "proposed_wording", "reasons", "created_at", "participant"
    )
    try:
        with ParquetWriter(out, flush_rows=max(1, options.get("flush_rows") or 50_000)) as writer:
            for pk, node_id, wording, reasons, created, author in values.iterator(chunk_size=CHUNK):
                text = "\n\n".join(p for p in (wording, reasons) if p)
                writer.add(draft_id, node_id or 0, pk, text, created, author=author)
    except ImportError:
        stderr.write(_("Chưa cài pyarrow (pip install 'ykien[cluster]').") + "\n")
        return 2
    except OSError as exc:
        stderr.write(
            _("Không ghi được vào %(path)s: %(error)s") % {"path": out, "error": exc} + "\n"
        )
        return 2
    stdout.write(
        _("Đã ghi %(rows)s góp ý vào %(files)s tệp Parquet trong %(path)s.")
        % {"rows": writer.rows, "files": len(writer.files), "path": out}
        + "\n"
    )
    return 0
