"""Nhóm ý kiến kiểu Polis từ phiếu biểu quyết (opinion groups from statement votes).

    ykien analysis opinion-groups --votes votes.csv [--comments comments.csv] --format json

``--votes`` is a Polis open-data export (``votes.csv``: timestamp, comment-id, voter-id,
vote with 1 = agree) or a Polis API dump (``votes.json``: a list of objects with
``participant_id``/``pid``, ``statement_id``/``tid``, ``vote``, ``modified``). The format
is told by the extension, else by the first character. Raw Polis API votes store an agree
as -1 while exports (and the red-dwarf fixtures) use 1: ``--agree-sign auto`` settles a
JSON file's sign from the comments' ``agree_count``/``disagree_count`` when ``--comments``
has them, and otherwise takes 1 = agree and says so on stderr.

``--comments`` (``comments.csv`` or ``comments.json``) lists the known comments: votes on
any other comment are skipped and counted; comments moderated out (``moderated`` = -1) or
marked meta are left out of the groups, as Polis does.

Rows that cannot be read are skipped and counted under ``"skipped"`` in the output, never
dropped silently. A missing, unreadable or empty file, or one without a single valid vote,
is reported on stderr with exit status 2 (as the other analysis sub-commands).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ykien.analysis.opinion_groups import build_vote_matrix, opinion_groups

PARTICIPANT_KEYS = ("voter-id", "participant_id", "participant", "pid")
COMMENT_KEYS = ("comment-id", "statement_id", "comment_id", "tid")
VOTE_KEYS = ("vote",)
TIME_KEYS = ("timestamp", "modified")


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


class InputError(Exception):
    """The input cannot be used at all (the message is for the user)."""


@dataclass
class Votes:
    participants: list[int] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)
    votes: list[int] = field(default_factory=list)
    timestamps: list[float] = field(default_factory=list)
    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    format: str = "csv"


@dataclass
class Comments:
    ids: set[int] = field(default_factory=set)
    moderated_out: set[int] = field(default_factory=set)
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)  # agree, disagree
    skipped: Counter[str] = field(default_factory=Counter)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--votes", required=True, help="votes.csv (Polis export) or votes.json")
    parser.add_argument("--comments", help="comments.csv or comments.json (known comments)")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--agree-sign",
        choices=("auto", "1", "-1"),
        default="auto",
        help="the vote value that means agree in a JSON file (default: auto)",
    )


def handle(options: dict[str, Any], stdout: Writer, stderr: Writer) -> int:
    try:
        comments = read_comments(Path(options["comments"])) if options.get("comments") else None
        votes = read_votes(Path(options["votes"]))
    except InputError as exc:
        stderr.write(f"opinion-groups: {exc}")
        return 2

    sign, sign_source = _agree_sign(options.get("agree_sign", "auto"), votes, comments)
    if sign_source == "default":
        stderr.write(
            "opinion-groups: the agree sign of a JSON file could not be checked (no comment "
            "counts); taking 1 = agree. Pass --agree-sign -1 for raw Polis API votes."
        )
    v = np.asarray(votes.votes, dtype=np.int64)
    p = np.asarray(votes.participants, dtype=np.int64)
    c = np.asarray(votes.comments, dtype=np.int64)
    ts = np.asarray(votes.timestamps, dtype=np.float64)
    if sign == -1:
        v = -v
    skipped = Counter(votes.skipped)
    if comments is not None and comments.ids:
        known = np.isin(c, np.fromiter(comments.ids, dtype=np.int64, count=len(comments.ids)))
        if not known.all():
            skipped["unknown_comment"] += int((~known).sum())
            p, c, v, ts = p[known], c[known], v[known], ts[known]
    if len(v) == 0:
        stderr.write(
            f"opinion-groups: no usable vote in {options['votes']} "
            f"({votes.rows} row(s) read; skipped: {dict(skipped) or 'none'})"
        )
        return 2

    matrix = build_vote_matrix(p, c, v, ts if not np.isnan(ts).any() else None)
    mod_out = sorted(comments.moderated_out) if comments is not None else []
    result = opinion_groups(matrix, moderated_out=mod_out, seed=int(options.get("seed", 0)))
    if matrix.n_participants < 2:
        stderr.write(
            f"opinion-groups: only {matrix.n_participants} participant; no opinion groups "
            "can be formed"
        )
    elif result.n_groups == 0:
        stderr.write(f"opinion-groups: no opinion groups: {'; '.join(result.notes)}")

    out = result.as_dict()
    out["skipped"] = dict(sorted(skipped.items()))
    if comments is not None and comments.skipped:
        out["skipped_comments"] = dict(sorted(comments.skipped.items()))
    out["input"] = {
        "format": votes.format,
        "rows": votes.rows,
        "votes_used": matrix.n_votes,
        "replaced_votes": matrix.replaced_votes,
        "participants": matrix.n_participants,
        "comments": matrix.n_comments,
        "moderated_out": [int(x) for x in mod_out],
        "agree_sign": sign,
        "agree_sign_source": sign_source,
    }
    if options.get("format", "json") == "text":
        stdout.write(_text(out))
    else:
        stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=False))
    return 0


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"not a file: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    if not text.strip():
        raise InputError(f"{path} is empty")
    return text


def _is_json(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return True
    if suffix == ".csv":
        return False
    return text.lstrip()[:1] in ("[", "{")


def _int(value: Any) -> int | None:
    """An integer id or vote from JSON or CSV text; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        s = value.strip()
        if s.lstrip("+-").isdigit():
            try:
                return int(s)
            except ValueError:  # "--1" and the like
                return None
        try:
            f = float(s)
        except ValueError:
            return None
        return int(f) if math.isfinite(f) and f.is_integer() else None
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            f = float(value.strip())
        except ValueError:
            return None
        return f if math.isfinite(f) else None
    return None


def _pick(keys: tuple[str, ...], names: Any) -> str | None:
    return next((k for k in keys if k in names), None)


def _add_vote(out: Votes, pid: Any, cid: Any, vote: Any, ts: Any, has_time: bool) -> None:
    out.rows += 1
    p, c, v = _int(pid), _int(cid), _int(vote)
    if p is None or c is None:
        out.skipped["bad_id"] += 1
        return
    if v is None or v not in (-1, 0, 1):
        out.skipped["bad_vote"] += 1
        return
    t = _float(ts) if has_time else None
    if has_time and t is None:
        out.skipped["bad_timestamp"] += 1
        return
    out.participants.append(p)
    out.comments.append(c)
    out.votes.append(v)
    out.timestamps.append(t if t is not None else math.nan)


def read_votes(path: Path) -> Votes:
    """Vote rows from a Polis ``votes.csv`` or ``votes.json``; bad rows are counted."""
    text = _read_text(path)
    return _votes_json(path, text) if _is_json(path, text) else _votes_csv(path, text)


def _votes_csv(path: Path, text: str) -> Votes:
    out = Votes(format="csv")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    pk, ck, vk = _pick(PARTICIPANT_KEYS, header), _pick(COMMENT_KEYS, header), "vote"
    if pk is None or ck is None or vk not in header:
        raise InputError(
            f"{path}: expected a header with voter-id, comment-id and vote "
            f"(a Polis votes.csv); found {', '.join(header) or 'nothing'}"
        )
    tk = _pick(TIME_KEYS, header)
    ip, ic, iv = header.index(pk), header.index(ck), header.index(vk)
    it = header.index(tk) if tk else -1
    width = len(header)
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != width:
                out.rows += 1
                out.skipped["malformed_row"] += 1
                continue
            _add_vote(out, row[ip], row[ic], row[iv], row[it] if tk else None, tk is not None)
    except csv.Error as exc:
        raise InputError(f"{path}: unreadable CSV ({exc})") from None
    return out


def _votes_json(path: Path, text: str) -> Votes:
    out = Votes(format="json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("votes"), list):
        data = data["votes"]
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON list of votes")
    has_time = any(isinstance(r, dict) and _pick(TIME_KEYS, r) for r in data)
    for item in data:
        if not isinstance(item, dict):
            out.rows += 1
            out.skipped["malformed_row"] += 1
            continue
        pk, ck, tk = (
            _pick(PARTICIPANT_KEYS, item),
            _pick(COMMENT_KEYS, item),
            _pick(TIME_KEYS, item),
        )
        if pk is None or ck is None or "vote" not in item:
            out.rows += 1
            out.skipped["malformed_row"] += 1
            continue
        _add_vote(out, item[pk], item[ck], item["vote"], item.get(tk) if tk else None, has_time)
    return out


def read_comments(path: Path) -> Comments:
    """Known comment ids, the moderated-out ones, and agree/disagree counts if present."""
    text = _read_text(path)
    out = Comments()
    if _is_json(path, text):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, list):
            raise InputError(f"{path}: expected a JSON list of comments")
        rows: list[dict[str, Any]] = []
        for item in data:
            if isinstance(item, dict):
                rows.append(item)
            else:
                out.skipped["malformed_row"] += 1
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or _pick(COMMENT_KEYS, reader.fieldnames) is None:
            raise InputError(f"{path}: expected a header with comment-id (a Polis comments.csv)")
        try:
            rows = [dict(r) for r in reader]
        except csv.Error as exc:
            raise InputError(f"{path}: unreadable CSV ({exc})") from None
    for row in rows:
        key = _pick(COMMENT_KEYS, row)
        cid = _int(row[key]) if key else None
        if cid is None:
            out.skipped["bad_id"] += 1
            continue
        out.ids.add(cid)
        mod_key = _pick(("moderated", "mod"), row)
        moderated = _int(row[mod_key]) if mod_key else None
        meta = row.get("is_meta") in (True, "true", "True", "1", 1)
        if moderated == -1 or meta:
            out.moderated_out.add(cid)
        a = _int(row.get("agree_count", row.get("agrees")))
        d = _int(row.get("disagree_count", row.get("disagrees")))
        if a is not None and d is not None:
            out.counts[cid] = (a, d)
    if not out.ids:
        raise InputError(f"{path}: no comment could be read")
    return out


def _agree_sign(choice: str, votes: Votes, comments: Comments | None) -> tuple[int, str]:
    """Which vote value means agree, and how that was decided."""
    if choice in ("1", "-1"):
        return int(choice), "option"
    if votes.format == "csv":
        return 1, "csv export"
    if comments is None or not comments.counts:
        return 1, "default"
    # Compare the last vote of each (participant, comment) with the comments' own counts.
    last: dict[tuple[int, int], tuple[float, int, int]] = {}
    for i, key in enumerate(zip(votes.participants, votes.comments, strict=True)):
        t = votes.timestamps[i]
        stamp = (0.0 if math.isnan(t) else t, i, votes.votes[i])
        if key not in last or stamp[:2] >= last[key][:2]:
            last[key] = stamp
    plus: Counter[int] = Counter()
    minus: Counter[int] = Counter()
    for (_, cid), (_, _, v) in last.items():
        if v == 1:
            plus[cid] += 1
        elif v == -1:
            minus[cid] += 1
    err_pos = err_neg = 0
    for cid, (a, d) in comments.counts.items():
        err_pos += abs(plus[cid] - a) + abs(minus[cid] - d)
        err_neg += abs(minus[cid] - a) + abs(plus[cid] - d)
    if err_pos == err_neg:
        return 1, "default"
    return (1 if err_pos < err_neg else -1), "comment counts"


def _text(out: dict[str, Any]) -> str:
    lines = [
        f"{out['input']['participants']} participants, {out['input']['comments']} comments, "
        f"{out['n_clustered']} clustered, {len(out['groups'])} groups",
    ]
    for g in out["groups"]:
        lines.append(f"group {g['id']}: {g['size']} participants")
        for r in out["repness"].get(str(g["id"]), []):
            lines.append(
                f"  comment {r['comment']}: {r['repful_for']} "
                f"({r['n_success']}/{r['n_trials']}, repness {r['repness']:.2f})"
            )
    for side in ("agree", "disagree"):
        ids = ", ".join(str(c["comment"]) for c in out["consensus"][side]) or "none"
        lines.append(f"consensus {side}: {ids}")
    if out["skipped"]:
        lines.append(f"skipped: {out['skipped']}")
    return "\n".join(lines)
