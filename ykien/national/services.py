"""Writes of the national app: setting up, opening and closing the national mode of a draft (through
``core.lifecycle``), casting a ballot, and rolling the ballots up into the counts.

A ballot is one conditional ``INSERT … ON CONFLICT DO NOTHING`` of one row (stances packed one
byte per article), its comments (rows only for articles with text) and one row of the tally
queue; a second ballot of the same person keeps the first in ``BallotHistory``, replaces it, and
queues the difference. No ballot updates a shared counter: ``rollup`` consumes the queue
(``DELETE … RETURNING``) and adds it to the counts, per draft, serialised on the mode's row.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations import selectors as consultation_selectors
from ykien.consultations.models import Draft, NodeKind
from ykien.core import prepared
from ykien.core.audit import audit_change
from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.numbers import format_int
from ykien.core.permissions import Actor, person, require
from ykien.core.text import is_blank, nfc
from ykien.national import partitions
from ykien.national.codes import AuditAction, ErrorCode
from ykien.national.lifecycle import MODE
from ykien.national.models import (
    STANCE_CODES,
    STANCE_NAMES,
    Ballot,
    BallotComment,
    BallotHistory,
    ModeStatus,
    NationalMode,
    TallyCount,
    TallyDelta,
)
from ykien.national.permissions import MANAGE

#: The longest comment on one article, in characters.
COMMENT_MAX = 2000
#: The most articles a ballot may name, whatever the draft (the API refuses more before reading
#: them; a draft's own count is checked next).
MAX_ARTICLES = 1000
#: The largest ballot body the API reads, in bytes (checked on ``Content-Length`` first).
MAX_BALLOT_BYTES = 512 * 1024
#: How often the rollup runs while ballots are open (seconds); results lag at most about this
#: plus the time of one rollup (the issue asks for 60 s).
ROLLUP_EVERY = 20
#: Counts older than this while the ballot is open are said to be late on the results page (the
#: rollup runs every ``ROLLUP_EVERY`` seconds; late means the worker is down or behind).
STALE_AFTER = 6 * ROLLUP_EVERY


class VerifiedPersonLike(Protocol):
    """What a ballot needs of ``ykien.identity.VerifiedPerson``."""

    @property
    def subject_hash(self) -> str: ...
    @property
    def province_code(self) -> str: ...
    @property
    def age_band(self) -> str: ...
    @property
    def sex(self) -> str: ...


class ArticleLike(Protocol):
    """What a ballot needs of one article's choice: ``ArticleChoice``, or the API's parsed
    article (taken as it is, without a copy per article)."""

    @property
    def stance(self) -> str: ...
    @property
    def comment(self) -> str: ...


@dataclass(frozen=True)
class ArticleChoice:
    stance: str
    comment: str = ""


@dataclass(frozen=True)
class BallotResult:
    ballot_id: int
    created: bool  # False: it replaced the person's previous ballot
    revision: int
    submitted_at: dt.datetime


# ------------------------------------------------------------------------------- the mode


def _article_nodes(draft: Draft) -> list[tuple[str, str]]:
    """(number, title) of the articles of the draft's current version, in reading order; a
    number found twice (an article quoted in another) counts once."""
    if draft.current_version is None:
        return []
    seen: set[str] = set()
    found = []
    for row in consultation_selectors.version_rows(version=draft.current_version):
        node = row.node
        if node.kind == NodeKind.ARTICLE and node.number and node.number not in seen:
            seen.add(node.number)
            found.append((node.number, node.title))
    return found


def _check_period(start: Any, end: Any) -> None:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        raise ValidationFailed(
            _("Ngày kết thúc lấy phiếu phải cùng hoặc sau ngày bắt đầu."),
            code=ErrorCode.BAD_PERIOD,
            field="end",
        )


@transaction.atomic
def mode_setup(*, actor: Actor, draft: Draft, start: dt.date, end: dt.date) -> NationalMode:
    """Prepare ``draft`` (published, with articles) for a national ballot from ``start`` to
    ``end`` (dates in Vietnam); its articles are those of the current version. The mode starts
    ``planned``; ``mode_open`` opens it. Raises ``PermissionDenied``, ``ValidationFailed``."""
    require(actor, MANAGE, draft)
    _check_period(start, end)
    if not draft.is_public:
        raise ValidationFailed(
            _("Dự thảo phải được công khai trước khi lấy phiếu toàn quốc."),
            code=ErrorCode.NOT_PUBLIC,
        )
    if NationalMode.objects.filter(draft=draft).exists():
        raise ValidationFailed(
            _("Dự thảo này đã được chuẩn bị lấy phiếu toàn quốc."),
            code=ErrorCode.ALREADY_NATIONAL,
        )
    articles = _article_nodes(draft)
    if not articles:
        raise ValidationFailed(
            _("Dự thảo không có điều nào để lấy phiếu."), code=ErrorCode.NO_ARTICLES
        )
    mode = NationalMode.objects.create(
        draft=draft,
        start=start,
        end=end,
        articles=[{"number": n, "title": t} for n, t in articles],
        version_number=draft.current_version.number if draft.current_version else 1,
        created_by=person(actor),
    )
    partitions.ensure(draft.pk)
    audit_change(actor=actor, action=AuditAction.MODE_SETUP, obj=mode, unit=draft.unit)
    return mode


def _schedule_rollup(mode: NationalMode) -> None:
    from ykien.national import tasks

    draft_id = mode.draft_id
    transaction.on_commit(lambda: tasks.enqueue_rollup(draft_id))


def mode_open(*, actor: Actor, mode: NationalMode) -> NationalMode:
    """Open the ballot (``planned`` → ``open``); the rollup starts running."""

    def apply(locked: NationalMode) -> None:
        locked.opened_at = timezone.now()
        _schedule_rollup(locked)

    return transition(MODE, actor=actor, obj=mode, action="open", apply=apply)


def mode_close(*, actor: Actor, mode: NationalMode, reason: str = "") -> NationalMode:
    """End the ballot now (``open`` → ``closed``): later ballots are refused (409)."""

    def apply(locked: NationalMode) -> None:
        locked.closed_at = timezone.now()
        _schedule_rollup(locked)

    return transition(MODE, actor=actor, obj=mode, action="close", apply=apply, reason=reason)


def mode_reopen(*, actor: Actor, mode: NationalMode, end: dt.date) -> NationalMode:
    """Open a closed ballot again until ``end`` (today or later)."""

    def apply(locked: NationalMode) -> None:
        if end < timezone.localdate():
            raise ValidationFailed(
                _("Ngày kết thúc lấy phiếu mới phải từ hôm nay trở đi."),
                code=ErrorCode.BAD_PERIOD,
                field="end",
            )
        _check_period(locked.start, end)
        locked.end = end
        locked.closed_at = None
        _schedule_rollup(locked)

    return transition(MODE, actor=actor, obj=mode, action="reopen", apply=apply)


# ------------------------------------------------------------------------------- ballots

# The article positions of each draft's mode (they never change once the mode is set up), per
# process: the intake reads no row of the mode for them.
_INDEX: dict[int, dict[str, int]] = {}
_INDEX_LOCK = threading.Lock()


def _article_index(draft_id: int) -> dict[str, int]:
    """{article number: position} of the draft's national mode; raises like ``ballot_mode``
    when the draft has none."""
    index = _INDEX.get(draft_id)
    if index is None:
        found = NationalMode.objects.filter(draft_id=draft_id).values_list("articles", flat=True)
        if not found:
            ballot_mode(draft_id=draft_id)  # raises NotFound or not_national
        index = {str(a["number"]): i for i, a in enumerate(found[0])}
        with _INDEX_LOCK:
            _INDEX[draft_id] = index
    return index


def _refuse_phase(phase: str, mode_start: dt.date) -> None:
    if phase == "upcoming":
        raise InvalidTransition(
            _("Chưa đến thời gian lấy phiếu (từ ngày %(day)s).")
            % {"day": mode_start.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_STARTED,
        )
    if phase == "ended":
        raise InvalidTransition(
            _("Đã hết thời gian lấy phiếu; phiếu không được ghi nhận."), code=ErrorCode.ENDED
        )


def ballot_mode(*, draft_id: int) -> NationalMode:
    """The national mode of draft ``draft_id``; raises ``NotFound`` (no such draft) or
    ``InvalidTransition`` (``not_national``)."""
    mode = (
        NationalMode.objects.only("id", "draft_id", "status", "start", "end", "rolled_up_at")
        .filter(draft_id=draft_id)
        .first()
    )
    if mode is None:
        if not Draft.objects.filter(pk=draft_id).exists():
            raise NotFound(_("Không tìm thấy dự thảo."))
        raise InvalidTransition(
            _("Dự thảo này không lấy phiếu toàn quốc."), code=ErrorCode.NOT_NATIONAL
        )
    return mode


def ballot_validate(
    *, draft_id: int, overall: str, articles: Mapping[str, ArticleLike]
) -> tuple[int, bytes, dict[str, str]]:
    """The ballot packed for storage: (overall code, one byte per article, comments by article
    number). Raises ``ValidationFailed`` naming the first problem; reads nothing but the mode's
    article positions (cached)."""
    index = _article_index(draft_id)
    if len(articles) > len(index):
        raise ValidationFailed(
            _("Phiếu nêu %(n)s điều nhưng dự thảo chỉ có %(m)s điều.")
            % {"n": format_int(len(articles)), "m": format_int(len(index))},
            code=ErrorCode.TOO_MANY_ARTICLES,
            field="articles",
        )
    if overall not in STANCE_CODES:
        raise ValidationFailed(
            _("Ý kiến chung phải là đồng ý, không đồng ý hoặc không có ý kiến."),
            code=ErrorCode.BAD_STANCE,
            field="overall",
        )
    stances = bytearray(len(index))
    comments: dict[str, str] = {}
    for number, choice in articles.items():
        position = index.get(number)
        if position is None:
            raise ValidationFailed(
                _("Dự thảo không có Điều %(number)s.") % {"number": number[:40]},
                code=ErrorCode.UNKNOWN_ARTICLE,
                field="articles",
            )
        code = STANCE_CODES.get(choice.stance)
        if code is None:
            raise ValidationFailed(
                _("Ý kiến về Điều %(number)s không hợp lệ.") % {"number": number},
                code=ErrorCode.BAD_STANCE,
                field="articles",
            )
        stances[position] = code
        text = nfc(choice.comment).strip() if choice.comment else ""
        if len(text) > COMMENT_MAX:
            raise ValidationFailed(
                _("Góp ý về Điều %(number)s dài quá %(n)s ký tự.")
                % {"number": number, "n": format_int(COMMENT_MAX)},
                code=ErrorCode.COMMENT_TOO_LONG,
                field="articles",
            )
        if text and not is_blank(text):  # zero-width spaces alone are no comment
            comments[number] = text
    return STANCE_CODES[overall], bytes(stances), comments


# The first ballot of a person, inserted only while the draft's ballot is open on the day given:
# the period is checked by the statement that writes, so a ballot racing the close of the
# period is refused, and the intake costs one statement (plus the tally row and the commit).
_INSERT = (
    "INSERT INTO national_ballot (draft_id, subject_hash, province, age_band, sex, overall, "
    "stances, revision, first_at, submitted_at) "
    "SELECT %s, %s, %s, %s, %s, %s, %s, 1, %s, %s FROM national_nationalmode m "
    "WHERE m.draft_id = %s AND m.status = 'open' AND m.start <= %s AND m.\"end\" >= %s "
    "ON CONFLICT (draft_id, subject_hash) DO NOTHING RETURNING id"
)

_INSERT_COMMENT = (
    "INSERT INTO national_ballotcomment (draft_id, ballot_id, article, text, created_at) "
    "VALUES (%s, %s, %s, %s, %s)"
)
_INSERT_DELTA = (
    "INSERT INTO national_tallydelta (draft_id, province, sign, overall, stances, "
    "created_at) VALUES (%s, %s, %s, %s, %s, %s)"
)


# On PostgreSQL a person's first ballot, its comments and its queued counts are one statement
# (data-modifying CTEs), prepared once per connection (``core.prepared``: server-side binding,
# so every value carries its type): one round trip before the commit instead of three, and no
# planning per ballot. The comments come as two arrays (articles, texts), empty for none.
# SQLite has no such CTEs and takes the three statements above.
_INSERT_ALL_PG = """
WITH b AS (
    INSERT INTO national_ballot (draft_id, subject_hash, province, age_band, sex, overall,
                                 stances, revision, first_at, submitted_at)
    SELECT m.draft_id, %(hash)s::varchar, %(province)s::varchar, %(age)s::varchar,
           %(sex)s::varchar, %(overall)s::smallint, %(stances)s::bytea, 1, %(now)s::timestamptz,
           %(now)s::timestamptz
    FROM national_nationalmode m
    WHERE m.draft_id = %(draft)s::bigint AND m.status = 'open' AND m.start <= %(day)s::date
      AND m."end" >= %(day)s::date
    ON CONFLICT (draft_id, subject_hash) DO NOTHING RETURNING id, draft_id
), c AS (
    INSERT INTO national_ballotcomment (draft_id, ballot_id, article, text, created_at)
    SELECT b.draft_id, b.id, x.article, x.text, %(now)s::timestamptz
    FROM b, unnest(%(articles)s::varchar[], %(texts)s::text[]) AS x(article, text)
), d AS (
    INSERT INTO national_tallydelta (draft_id, province, sign, overall, stances, created_at)
    SELECT b.draft_id, %(province)s::varchar, 1, %(overall)s::smallint, %(stances)s::bytea,
           %(now)s::timestamptz
    FROM b
)
SELECT id FROM b
"""


def ballot_submit(
    *,
    draft_id: int,
    voter: VerifiedPersonLike,
    overall: str,
    articles: Mapping[str, ArticleLike],
    on: dt.date | None = None,
) -> BallotResult:
    """Record the ballot of ``voter`` (a verified identity) on draft ``draft_id``: the first
    one (``created``), or one replacing their previous ballot, which is kept in the history.
    Everything is checked before anything is written; a refusal writes nothing. Raises
    ``NotFound``, ``InvalidTransition`` (not national, not started, ended) and
    ``ValidationFailed`` (unknown article, too many, bad stance, comment too long)."""
    code, stances, comments = ballot_validate(draft_id=draft_id, overall=overall, articles=articles)
    if not voter.subject_hash:
        raise ValidationFailed(_("Chưa xác thực danh tính."), code=ErrorCode.NOT_VERIFIED)
    day = on or timezone.localdate()
    now = timezone.now()
    province = (voter.province_code or "")[:2]
    checked = _Checked(draft_id, voter, province, code, stances, comments, now, day)
    # PostgreSQL: a person's first ballot is one statement, and so a transaction of its own
    # (outside an atomic block): one round trip to the database, without BEGIN and COMMIT. A
    # replacement, and SQLite, take several statements in one transaction.
    first = _first_ballot_pg(checked)
    if first is not None:  # everything written
        ballot_id, created, revision = first, True, 1
    else:
        with transaction.atomic():
            ballot_id, created, revision = _record(checked)
    _heal_rollup(draft_id, now)
    return BallotResult(ballot_id, created, revision, now)


@dataclass(frozen=True)
class _Checked:
    """A ballot checked by ``ballot_validate``, ready to write."""

    draft_id: int
    voter: VerifiedPersonLike
    province: str
    code: int
    stances: bytes
    comments: dict[str, str]
    now: dt.datetime
    day: dt.date

    @property
    def age_band(self) -> str:
        return (self.voter.age_band or "")[:5]

    @property
    def sex(self) -> str:
        return (self.voter.sex or "")[:6]


def _first_ballot_pg(b: _Checked) -> int | None:
    """PostgreSQL: the person's first ballot with its comments and queued counts, in one
    statement (``_INSERT_ALL_PG``); its id. None if nothing was written (a ballot of this
    person exists, or the ballot is not open), and always on SQLite."""
    if connection.vendor != "postgresql":
        return None
    with prepared.cursor() as cursor:
        cursor.execute(
            _INSERT_ALL_PG,
            {
                "draft": b.draft_id,
                "hash": b.voter.subject_hash,
                "province": b.province,
                "age": b.age_band,
                "sex": b.sex,
                "overall": b.code,
                "stances": b.stances,
                "now": b.now,
                "day": b.day,
                "articles": list(b.comments),
                "texts": list(b.comments.values()),
            },
        )
        row = cursor.fetchone()
    return int(row[0]) if row is not None else None


def _record(b: _Checked) -> tuple[int, bool, int]:
    """Statement by statement (inside the caller's transaction): a first ballot on SQLite, or
    on either database a ballot replacing the person's previous one; ``(id, created,
    revision)``. Refuses a ballot outside the period."""
    row = None
    if connection.vendor != "postgresql":  # PostgreSQL tried the first ballot already
        ballot: list[Any] = [b.draft_id, b.voter.subject_hash, b.province, b.age_band, b.sex]
        ballot += [b.code, b.stances, b.now, b.now, b.draft_id, b.day, b.day]
        with connection.cursor() as cursor:
            cursor.execute(_INSERT, ballot)
            row = cursor.fetchone()
    if row is None:
        # Not inserted: a ballot of this person exists, or the ballot is not open.
        mode = ballot_mode(draft_id=b.draft_id)
        _refuse_phase(mode.phase_on(b.day), mode.start)
    deltas = [
        TallyDelta(
            draft_id=b.draft_id,
            province=b.province,
            sign=1,
            overall=b.code,
            stances=b.stances,
            created_at=b.now,
        )
    ]
    if row is not None:
        ballot_id, revision, created = int(row[0]), 1, True
    else:
        ballot_id, revision = _replace(
            draft_id=b.draft_id,
            voter=b.voter,
            province=b.province,
            code=b.code,
            stances=b.stances,
            now=b.now,
            deltas=deltas,
        )
        created = False
    # Plain statements on the intake path: the ORM's bulk_create cost about a quarter of a
    # ballot's CPU (bench/national.py, profiled).
    at = connection.ops.adapt_datetimefield_value(b.now)
    with connection.cursor() as cursor:
        if b.comments:
            cursor.executemany(
                _INSERT_COMMENT,
                [(b.draft_id, ballot_id, number, text, at) for number, text in b.comments.items()],
            )
        cursor.executemany(
            _INSERT_DELTA,
            [(d.draft_id, d.province, d.sign, d.overall, bytes(d.stances), at) for d in deltas],
        )
    return ballot_id, created, revision


def _replace(
    *,
    draft_id: int,
    voter: VerifiedPersonLike,
    province: str,
    code: int,
    stances: bytes,
    now: dt.datetime,
    deltas: list[TallyDelta],
) -> tuple[int, int]:
    """Keep the person's current ballot in the history and overwrite it (inside the caller's
    transaction); queue the old stances to be taken off the counts."""
    old = Ballot.objects.select_for_update().get(draft_id=draft_id, subject_hash=voter.subject_hash)
    old_comments = list(
        BallotComment.objects.filter(draft_id=draft_id, ballot_id=old.pk).values_list(
            "article", "text"
        )
    )
    BallotHistory.objects.create(
        draft_id=draft_id,
        ballot_id=old.pk,
        subject_hash=old.subject_hash,
        province=old.province,
        age_band=old.age_band,
        sex=old.sex,
        overall=old.overall,
        stances=bytes(old.stances),
        comments=dict(old_comments),
        revision=old.revision,
        submitted_at=old.submitted_at,
        replaced_at=now,
    )
    if old_comments:
        BallotComment.objects.filter(draft_id=draft_id, ballot_id=old.pk).delete()
    deltas.insert(
        0,
        TallyDelta(
            draft_id=draft_id,
            province=old.province,
            sign=-1,
            overall=old.overall,
            stances=bytes(old.stances),
            created_at=now,
        ),
    )
    revision = old.revision + 1
    # By the person, not the id: on PostgreSQL the key of the partitioned table is
    # (draft_id, subject_hash), and the id has no index of its own.
    Ballot.objects.filter(draft_id=draft_id, subject_hash=voter.subject_hash).update(
        province=province,
        age_band=(voter.age_band or "")[:5],
        sex=(voter.sex or "")[:6],
        overall=code,
        stances=stances,
        revision=revision,
        submitted_at=now,
    )
    return old.pk, revision


# The last time this process looked whether the counts were stale.
_HEAL = {"at": 0.0}
HEAL_EVERY = 30.0


def _heal_rollup(draft_id: int, now: dt.datetime) -> None:
    """At most every ``HEAL_EVERY`` seconds per process: if the counts of the draft were not
    rolled up for two rollup periods (the worker was down, its chain of tasks broke), ask for
    a rollup."""
    if time.monotonic() - _HEAL["at"] < HEAL_EVERY:
        return
    _HEAL["at"] = time.monotonic()
    rolled_up_at = (
        NationalMode.objects.filter(draft_id=draft_id)
        .values_list("rolled_up_at", flat=True)
        .first()
    )
    if rolled_up_at is not None and (now - rolled_up_at).total_seconds() <= 2 * ROLLUP_EVERY:
        return
    from ykien.national import tasks

    tasks.enqueue_rollup(draft_id)


# ------------------------------------------------------------------------------- rollup

_TAKE = (
    "DELETE FROM national_tallydelta WHERE id IN (SELECT id FROM national_tallydelta "
    "WHERE draft_id = %s ORDER BY id LIMIT %s) RETURNING province, sign, overall, stances"
)


def rollup(*, draft_id: int, batch: int = 50_000) -> int:
    """Add the queued ballots of draft ``draft_id`` to its counts and take them off the queue,
    in one transaction per batch, serialised with other rollups of the draft on the mode's row.
    Returns how many queue rows were counted (0: the counts were already current)."""
    total = 0
    while True:
        with transaction.atomic():
            mode = NationalMode.objects.select_for_update().filter(draft_id=draft_id).first()
            if mode is None:
                return total
            with connection.cursor() as cursor:
                cursor.execute(_TAKE, [draft_id, batch])
                rows = cursor.fetchall()
            articles = len(mode.articles)
            if rows:
                _add_counts(draft_id, articles, rows)
                mode.ballots = max(0, mode.ballots + sum(int(r[1]) for r in rows))
            mode.rolled_up_at = timezone.now()
            mode.save(update_fields=["ballots", "rolled_up_at"])
        total += len(rows)
        if len(rows) < batch:
            from ykien.national import selectors

            selectors.forget_results(draft_id)
            return total


def _add_counts(draft_id: int, articles: int, rows: list[tuple[Any, ...]]) -> None:
    """Add queue rows (province, sign, overall, stances) to the counts: one column per
    position (0: the whole draft, i: article i), per province."""
    width = articles + 1
    packed = np.zeros((len(rows), width), dtype=np.uint8)
    for i, (_p, _s, overall, stances) in enumerate(rows):
        packed[i, 0] = overall
        raw = bytes(stances)[:articles]
        packed[i, 1 : 1 + len(raw)] = np.frombuffer(raw, dtype=np.uint8)
    signs = np.array([int(r[1]) for r in rows], dtype=np.int64)
    provinces = np.array([str(r[0] or "") for r in rows])
    changes: dict[str, np.ndarray] = {}
    for code in np.unique(provinces):
        chosen = provinces == code
        block = packed[chosen]
        sign = signs[chosen][:, None]
        # [stance, position]: signed count of each stance at each position.
        changes[str(code)] = np.stack(
            [((block == s) * sign).sum(axis=0) for s in range(len(STANCE_NAMES))]
        )
    existing = {
        (c.province, c.article): c
        for c in TallyCount.objects.filter(draft_id=draft_id, province__in=list(changes))
    }
    new, changed = [], []
    for code, delta in changes.items():
        for position in range(width):
            none, agree, disagree = (int(v) for v in delta[:, position])
            if not (none or agree or disagree):
                continue
            cell = existing.get((code, position))
            if cell is None:
                new.append(
                    TallyCount(
                        draft_id=draft_id,
                        province=code,
                        article=position,
                        agree=agree,
                        disagree=disagree,
                        none=none,
                    )
                )
            else:
                cell.agree += agree
                cell.disagree += disagree
                cell.none += none
                changed.append(cell)
    TallyCount.objects.bulk_create(new, batch_size=1000)
    TallyCount.objects.bulk_update(changed, ["agree", "disagree", "none"], batch_size=1000)


def rollup_open(*, now: dt.datetime | None = None) -> dict[int, int]:
    """Roll up every draft whose queue may hold ballots (open modes, and closed ones with rows
    still queued). Returns {draft id: rows counted}."""
    drafts = set(
        NationalMode.objects.filter(status=ModeStatus.OPEN).values_list("draft_id", flat=True)
    )
    drafts |= set(TallyDelta.objects.values_list("draft_id", flat=True).distinct())
    return {draft_id: rollup(draft_id=draft_id) for draft_id in sorted(drafts)}


# ------------------------------------------------------------------------------- a whole draft


def draft_text(*, title: str, articles: int, topics: list[str] | None = None) -> str:
    """The text of a draft of ``articles`` articles (the demo's and the benchmark's), in the
    form the splitter reads: "Điều 1. …"."""
    lines = [title.upper(), ""]
    for i in range(1, articles + 1):
        topic = topics[(i - 1) % len(topics)] if topics else f"Quy định số {i}"
        lines.append(f"Điều {i}. {topic}")
        lines.append(f"Nội dung quy định tại Điều {i} về {topic.lower()}.")
    return "\n".join(lines) + "\n"


def national_draft_create(
    *,
    actor: Actor,
    unit: Any,
    drafting_unit: Any,
    title: str,
    text: str,
    received_on: dt.date,
    start: dt.date,
    end: dt.date,
    open_now: bool = True,
) -> NationalMode:
    """Register a draft, publish it and set up its national ballot (opened with ``open_now``),
    all through the services (the demo, the benchmark's setup command)."""
    from ykien.consultations import services as consultation_services

    draft = consultation_services.draft_register(
        actor=actor,
        unit=unit,
        drafting_unit=drafting_unit,
        title=title,
        kind="law",
        form="written",
        received_on=received_on,
        comment_start=start,
        comment_end=end,
        filename="du-thao.txt",
        data=text.encode("utf-8"),
    )
    version = draft.versions.get(number=1)
    consultation_services.version_publish(
        actor=actor, version=version, comment_start=start, comment_end=end
    )
    draft.refresh_from_db()
    mode = mode_setup(actor=actor, draft=draft, start=start, end=end)
    if open_now:
        mode = mode_open(actor=actor, mode=mode)
    return mode
