"""Participation: who takes part in public (``Participant``), whether a draft takes part now,
and comment intake.

Comment intake is a creation, not a transition: ``comment_post`` stores a comment with one
conditional ``INSERT`` (ADR 0004) and only reads the state to say why when it stores nothing.
It does not go through ``core.lifecycle``; keep this path as short as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations import counts
from ykien.consultations.codes import ErrorCode
from ykien.consultations.models import (
    AuthorKind,
    Comment,
    CommentStatus,
    Draft,
    Node,
    NodeKind,
    Stance,
)
from ykien.consultations.services.common import MAX_COMMENT_CHARS, S
from ykien.consultations.services.common import clean_text as _text
from ykien.core import prepared
from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed
from ykien.core.lists import fold_for_search
from ykien.core.models import User
from ykien.core.selectors import today


@dataclass(frozen=True)
class Participant:
    """Who acts in public: a signed-in user, or an anonymous session (``key`` = "a:<hash>")."""

    key: str
    user: User | None
    kind: str

    @classmethod
    def of_user(cls, user: User) -> Participant:
        kind = AuthorKind.CITIZEN
        if user.kind in (User.Kind.OFFICER, User.Kind.LEADER, User.Kind.ADMIN):
            kind = AuthorKind.OFFICER
        elif user.kind == User.Kind.EXPERT:
            kind = AuthorKind.EXPERT
        return cls(f"u:{user.pk}", user, kind)

    @classmethod
    def anonymous(cls, session_key: str) -> Participant:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{session_key}".encode()).hexdigest()[:32]
        return cls(f"a:{digest}", None, AuthorKind.ANONYMOUS)


def open_for_participation(draft: Draft) -> None:
    """Raise ``InvalidTransition`` unless ``draft`` takes comments, votes and statements today:
    ``not_started`` before its period, ``draft_closed`` after it or once it is not open."""
    phase = draft.phase_on(today())
    if phase == "upcoming" and draft.comment_start is not None:
        raise InvalidTransition(
            _("Dự thảo chưa đến thời gian lấy ý kiến (từ ngày %(start)s).")
            % {"start": draft.comment_start.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_STARTED,
        )
    if phase != "open":
        raise InvalidTransition(
            _("Dự thảo không còn trong thời gian lấy ý kiến."), code=ErrorCode.DRAFT_CLOSED
        )


def _q(name: str) -> str:
    from django.db import connection

    return connection.ops.quote_name(name)


# The intake path: one statement that inserts the comment only if the draft is open and the
# node belongs to its published version (``_conditional_insert``). When it inserts nothing, the
# checked path below reads the state and raises the precise error (or, after a race with an
# opening, stores the comment). Table and column names come from the models.
_STATE_COLUMNS = "d.status, d.current_version_id, d.comment_start, d.comment_end, d.closed_early_at"
_NODE_STATE_SQL = (
    "SELECT n.version_id, {cols} FROM {node} n JOIN {draft} d ON d.id = n.draft_id "
    "WHERE n.id = %s AND n.draft_id = %s"
)
_DRAFT_STATE_SQL = "SELECT {cols} FROM {draft} d WHERE d.id = %s"
_OPEN_CONDITIONS = (
    "d.id = %s AND d.status = %s AND d.current_version_id IS NOT NULL"
    " AND (d.comment_start IS NULL OR d.comment_start <= %s)"
    " AND (d.comment_end IS NULL OR d.comment_end >= %s)"
    " AND d.closed_early_at IS NULL"  # ended early: closed from then on
)
_COMMENTABLE_KINDS = (NodeKind.ARTICLE, NodeKind.CLAUSE, NodeKind.POINT)
_insert_sql_cache: dict[tuple[str, bool], tuple[str, list[Any]]] = {}


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """A datetime read by a raw query: SQLite gives it naive, in UTC."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, dt.UTC)
    return value


def _read_one(sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    from django.db import connection

    query = sql.format(
        cols=_STATE_COLUMNS, node=_q(Node._meta.db_table), draft=_q(Draft._meta.db_table)
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    return tuple(row) if row is not None else None


def _insert_sql(vendor: str, on_node: bool) -> tuple[str, list[Any]]:
    """``INSERT INTO comment (…) SELECT … FROM draft [JOIN node] WHERE <open> RETURNING id, version_id``
    and the model fields whose values fill its placeholders, in order."""
    key = (vendor, on_node)
    if key not in _insert_sql_cache:
        columns, values, fields = [], [], []
        for field in Comment._meta.concrete_fields:
            if field.primary_key:
                continue
            columns.append(_q(field.column or field.attname))
            if field.attname == "version_id":
                values.append("d.current_version_id")
            else:
                values.append(prepared.placeholder(field))
                fields.append(field)
        source = f"{_q(Draft._meta.db_table)} d"
        where = _OPEN_CONDITIONS
        if on_node:
            source += (
                f" JOIN {_q(Node._meta.db_table)} n"
                " ON n.draft_id = d.id AND n.version_id = d.current_version_id"
            )
            # Node.commentable: an article, clause or point, or the one node of a text
            # without structure.
            where += (
                " AND n.id = %s AND (n.kind IN (%s, %s, %s) OR (n.kind = %s"  # noqa: S608
                " AND n.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM"
                f" {_q(Node._meta.db_table)} m WHERE m.version_id = n.version_id"
                " AND m.id <> n.id)))"
            )
        # Names from the models, values only as parameters.
        sql = (
            f"INSERT INTO {_q(Comment._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM {source} WHERE {where} RETURNING id, version_id"
        )
        if vendor == "postgresql":
            # The node's visible-comment counter (``counts``) in the same statement: counted
            # exactly when the comment is stored, at no extra round trip.
            count = counts.upsert_sql(
                on_node=on_node,
                source=(
                    f"SELECT draft_id, node_id, id %% {counts.COUNT_SLOTS}, 1 FROM c"  # noqa: S608
                    f" WHERE status = '{CommentStatus.VISIBLE.value}'"
                ),
            )
            sql = (
                f"WITH c AS ({sql.removesuffix('RETURNING id, version_id')}"  # noqa: S608
                "RETURNING id, version_id, draft_id, node_id, status), "
                f"k AS ({count}) SELECT id, version_id FROM c"
            )
        _insert_sql_cache[key] = (sql, fields)
    return _insert_sql_cache[key]


def _conditional_insert(comment: Comment) -> bool:
    """Store ``comment`` in one statement (its own transaction) if its draft is open for
    comments now and its node is in the published version; fill ``pk``, ``version_id`` and
    ``created_at``. False when nothing was inserted."""
    from django.db import connection

    sql, fields = _insert_sql(connection.vendor, comment.node_id is not None)
    comment.created_at = timezone.now()
    params = [f.get_db_prep_save(getattr(comment, f.attname), connection) for f in fields]
    day = connection.ops.adapt_datefield_value(today())
    params += [comment.draft_id, S.OPEN, day, day]
    if comment.node_id is not None:
        params += [comment.node_id, *_COMMENTABLE_KINDS, NodeKind.PREAMBLE]
    if connection.vendor == "postgresql":  # the statement counts the comment too
        with prepared.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    else:  # SQLite: the count is a second statement, in the same transaction (no savepoint:
        # an error in either fails the caller's transaction, as the one statement would)
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            if row is not None:
                _count(comment, row[0])
    if row is None:
        return False
    comment.pk, comment.version_id = row
    comment._state.adding = False
    comment._state.db = connection.alias
    return True


def comment_post(
    *,
    draft_id: int,
    node_id: int | None,
    participant: Participant,
    stance: str,
    proposed_wording: str = "",
    reasons: str = "",
) -> Comment:
    """Store one comment on a node of the draft's published version (``node_id`` None: the
    whole draft). Texts are kept as typed (NFC), up to ``MAX_COMMENT_CHARS`` each. The intake
    path: one conditional INSERT, its own transaction; only when it stores nothing is the state
    read to say why. Raises ``ValidationFailed``, ``NotFound``, ``InvalidTransition`` (period
    not started: ``not_started``; over: ``draft_closed``)."""
    if stance not in Stance.values:
        raise ValidationFailed(
            _("Hãy chọn ý kiến: đồng ý, không đồng ý hoặc đề xuất cách viết khác."), field="stance"
        )
    wording = _text(
        proposed_wording,
        field="proposed_wording",
        label=_("Đề xuất cách viết"),
        limit=MAX_COMMENT_CHARS,
    )
    reasons = _text(reasons, field="reasons", label=_("Lý do"), limit=MAX_COMMENT_CHARS)
    if stance == Stance.REWORD and not wording:
        raise ValidationFailed(_("Hãy ghi cách viết mà bạn đề xuất."), field="proposed_wording")
    if stance != Stance.AGREE and not reasons and not wording:
        raise ValidationFailed(_("Hãy nêu lý do hoặc đề xuất của bạn."), field="reasons")
    comment = Comment(
        draft_id=draft_id,
        node_id=node_id,
        stance=stance,
        proposed_wording=wording,
        reasons=reasons,
        author=participant.user,
        author_kind=participant.kind,
        participant=participant.key,
        search_text=fold_for_search(wording, reasons),
    )
    if _conditional_insert(comment):
        return comment
    # Nothing stored: read the state to say why.
    if node_id is not None:
        row = _read_one(_NODE_STATE_SQL, [node_id, draft_id])
        if row is None:
            if not Draft.objects.filter(pk=draft_id).exists():
                raise NotFound(_("Không tìm thấy dự thảo."))
            raise NotFound(_("Không tìm thấy điều, khoản được góp ý."), field="node")
        node_version, state = row[0], row[1:]
    else:
        found = _read_one(_DRAFT_STATE_SQL, [draft_id])
        if found is None:
            raise NotFound(_("Không tìm thấy dự thảo."))
        state = found
        node_version = None
    draft = Draft(
        pk=draft_id,
        status=state[0],
        current_version_id=state[1],
        comment_start=state[2],
        comment_end=state[3],
        closed_early_at=_aware(state[4]),
    )
    if draft.current_version_id is None:
        raise NotFound(_("Không tìm thấy dự thảo."))
    open_for_participation(draft)
    if node_id is not None and node_version != draft.current_version_id:
        raise ValidationFailed(
            _("Điều, khoản này thuộc phiên bản cũ; hãy góp ý trên phiên bản đang công khai."),
            code=ErrorCode.OLD_VERSION,
            field="node",
        )
    if node_id is not None and not Node.objects.get(pk=node_id).commentable:
        raise ValidationFailed(
            _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."),
            code=ErrorCode.NOT_COMMENTABLE,
            field="node",
        )
    # Open now (it opened between the two statements): store it the checked way.
    comment.version_id = draft.current_version_id
    with transaction.atomic():
        comment.save(force_insert=True)
        _count(comment, comment.pk)
    return comment


def _count(comment: Comment, pk: int) -> None:
    if comment.status == CommentStatus.VISIBLE:
        counts.count_add(draft_id=comment.draft_id, node_id=comment.node_id, comment_id=pk, delta=1)
