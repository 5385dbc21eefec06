"""Writes of the consultations domain: receive a draft, split and publish it, take comments and
votes, invite experts, hold the conference, consolidate points, issue the critique document and
record the drafting body's answers.

Every service checks permission (when given an actor), changes state in one transaction and
writes an audit event; notifications (mail, the search index) are sent on commit. The draft's
lifecycle is the map ``TRANSITIONS``; every change of ``Draft.status`` goes through
:func:`_move`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ykien.consultations import splitter
from ykien.consultations.extract import (
    DEFAULT_MAX_UNPACKED,
    ExtractError,
    ExtractResult,
    extract_text,
)
from ykien.consultations.models import (
    Answer,
    ApiToken,
    AuthorKind,
    Comment,
    CommentReport,
    CommentStatus,
    Conference,
    ConferenceAttachment,
    CritiqueDocument,
    CritiqueForm,
    CritiquePoint,
    DocumentStatus,
    Draft,
    DraftKind,
    DraftStatus,
    DraftVersion,
    ExpertOpinion,
    Invitation,
    Node,
    NodeKind,
    PointStatus,
    Stance,
    Statement,
    StatementStatus,
    VersionStatus,
    Vote,
)
from ykien.core import files, prepared, search
from ykien.core.audit import audit_record, snapshot
from ykien.core.calendar import deadline
from ykien.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ykien.core.models import Role, Unit, User
from ykien.core.selectors import role_holder_emails, today, unit_successors
from ykien.core.text import clean_text as _text
from ykien.core.text import nfc, title_in_sentence

#: Longest comment, proposed wording or reason accepted (characters, after NFC).
MAX_COMMENT_CHARS = 20_000
#: Reports that hide a comment until an officer reviews it.
REPORT_THRESHOLD = 3
#: Reports of a comment from one client address within this span count once toward the threshold.
REPORT_ADDRESS_WINDOW = dt.timedelta(hours=24)
#: Largest upload accepted for a draft text or a conference attachment.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Time allowed to read and split an uploaded draft text (``settings.DRAFT_PARSE_SECONDS``).
DEFAULT_PARSE_SECONDS = 60

S = DraftStatus
#: The draft's lifecycle: from → allowed targets.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.REVIEW}),  # the text is uploaded and split
    S.REVIEW: frozenset({S.OPEN}),  # the corrected tree is published
    S.OPEN: frozenset({S.CLOSED}),  # the comment period is closed
    S.CLOSED: frozenset({S.OPEN, S.CONSOLIDATING}),  # reopened (new end date) or consolidated
    S.CONSOLIDATING: frozenset({S.ISSUED}),  # a leader issues the critique document
    S.ISSUED: frozenset({S.ANSWERED}),  # every point answered: answers published
    S.ANSWERED: frozenset(),
}
#: Transitions an officer triggers directly (the others follow from another service).
MANUAL = {(S.OPEN, S.CLOSED), (S.CLOSED, S.OPEN), (S.CLOSED, S.CONSOLIDATING)}


# ------------------------------------------------------------------------------- helpers


def _require(actor: User | None, perm: str, obj: Any, message: str) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _staff(actor: User | None, draft: Draft) -> None:
    _require(
        actor,
        "consultations.manage_draft",
        draft,
        _("Chỉ cán bộ của đơn vị tiếp nhận dự thảo mới được thực hiện việc này."),
    )


#: The draft's fields a transition may change (saved and audited by ``_move``).
_MOVE_FIELDS = ("status", "comment_end", "closed_early_at", "closed_early_reason")


def _move_state(draft: Draft) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name in _MOVE_FIELDS
        for value in [getattr(draft, name)]
    }


def _move(
    draft: Draft,
    to: str,
    *,
    actor: User | None,
    reason: str = "",
    before: dict[str, Any] | None = None,
) -> None:
    """Change ``draft.status`` along ``TRANSITIONS`` (inside the caller's transaction). The
    audit event holds what changed: the status, and the period's end or the early end when the
    caller changed them (``before``: the state it started from, ``_move_state``)."""
    if to not in TRANSITIONS.get(draft.status, frozenset()):
        raise InvalidTransition(
            _("Không thể chuyển dự thảo từ “%(a)s” sang “%(b)s”.")
            % {"a": DraftStatus(draft.status).label, "b": DraftStatus(to).label},
            code="invalid_transition",
        )
    before = before or _move_state(draft)
    draft.status = to
    draft.save(update_fields=[*_MOVE_FIELDS, "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"draft.{to}",
        obj=draft,
        unit=draft.unit,
        before=before,
        after=_move_state(draft),
        reason=reason,
    )


def _notify_search(draft: Draft) -> None:
    transaction.on_commit(lambda: search.notify_changed("draft", str(draft.pk)))


def extract_message(exc: ExtractError) -> str:
    """The extraction error in the reader's language (the extractor carries both)."""
    return exc.message_en if (get_language() or "vi").startswith("en") else str(exc.message)


# ---------------------------------------------------------------------------- the draft


def draft_register(
    *,
    actor: User | None,
    unit: Unit,
    drafting_unit: Unit,
    title: str,
    kind: str,
    form: str,
    received_on: dt.date,
    comment_start: dt.date | None = None,
    comment_end: dt.date | None = None,
    summary: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> Draft:
    """Register a draft received by ``unit``; with a file, upload and split it at once (the
    draft goes to review). The file is read before the transaction opens (see
    :func:`draft_text_read`). Raises ``PermissionDenied``, ``ValidationFailed`` (an unreadable
    file stores nothing)."""
    _require(
        actor,
        "consultations.register_draft",
        unit,
        _("Bạn không có quyền tiếp nhận dự thảo cho đơn vị này."),
    )
    title = _text(title, field="title", label=_("Tên dự thảo"), required=True, limit=500)
    if kind not in DraftKind.values:
        raise ValidationFailed(_("Loại văn bản không hợp lệ."), field="kind")
    if form not in CritiqueForm.values:
        raise ValidationFailed(_("Hình thức phản biện không hợp lệ."), field="form")
    _check_period(comment_start, comment_end)
    _check_drafting_unit(drafting_unit, received_on)
    text = draft_text_read(filename=filename, data=data) if data is not None else None
    with transaction.atomic():
        draft = Draft.objects.create(
            unit=unit,
            drafting_unit=drafting_unit,
            title=title,
            kind=kind,
            form=form,
            received_on=received_on,
            comment_start=comment_start,
            comment_end=comment_end,
            summary=nfc(summary).strip(),
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
        audit_record(
            actor=actor, action="draft.register", obj=draft, unit=unit, after=snapshot(draft)
        )
        if text is not None:
            _version_store(actor=actor, draft=draft, text=text)
    return draft


def _check_drafting_unit(unit: Unit, received_on: dt.date) -> None:
    """The drafting body must be in force on the day the draft was received (a unit merged or
    dissolved before that day is refused, so two units of one name cannot be confused)."""
    if not unit.is_valid_on(received_on):
        raise ValidationFailed(
            _(
                "Cơ quan soạn thảo “%(name)s” không còn hoặc chưa có hiệu lực vào ngày nhận "
                "%(day)s; hãy chọn đơn vị đang hoạt động vào ngày đó."
            )
            % {"name": unit.name, "day": received_on.strftime("%d/%m/%Y")},
            code="unit_not_in_force",
            field="drafting_unit",
        )


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed(
            _("Ngày hết hạn góp ý phải sau ngày bắt đầu."),
            code="end_before_start",
            field="comment_end",
        )


@transaction.atomic
def draft_update(*, actor: User | None, draft: Draft, data: dict[str, Any]) -> Draft:
    """Edit the registration (title, kind, form, dates, summary) before the document is issued."""
    _staff(actor, draft)
    if draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(_("Văn bản phản biện đã ban hành; không sửa thông tin dự thảo."))
    before = snapshot(draft)
    received_on = draft.received_on
    for key in ("title", "kind", "form", "received_on", "comment_start", "comment_end", "summary"):
        if key in data:
            value = data[key]
            setattr(draft, key, nfc(value).strip() if isinstance(value, str) else value)
    if not draft.title:
        raise ValidationFailed(_("Tên dự thảo là bắt buộc."), field="title")
    _check_period(draft.comment_start, draft.comment_end)
    if draft.received_on != received_on:
        _check_drafting_unit(draft.drafting_unit, draft.received_on)
    draft.save()
    audit_record(
        actor=actor,
        action="draft.update",
        obj=draft,
        unit=draft.unit,
        before=before,
        after=snapshot(draft),
    )
    if draft.is_public:
        _notify_search(draft)
    return draft


@transaction.atomic
def draft_transition(
    *,
    actor: User | None,
    draft: Draft,
    to: str,
    reason: str = "",
    comment_end: dt.date | None = None,
) -> Draft:
    """The transitions an officer makes directly: close the comment period, reopen it (a new
    end date is required; an early end is cleared), start consolidating.

    Closing before the announced end (``comment_end`` today or later) is an early end: the
    announced period is kept, and the moment and ``reason`` (required: ``reason_required``)
    are recorded on the draft; every intake refuses from then on. Raises ``PermissionDenied``,
    ``InvalidTransition``, ``ValidationFailed``; nothing changes on an error."""
    _staff(actor, draft)
    given = draft
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if (draft.status, to) not in MANUAL:
        raise InvalidTransition(
            _("Không thể chuyển dự thảo từ “%(a)s” sang “%(b)s”.")
            % {"a": DraftStatus(draft.status).label, "b": DraftStatus(to).label}
        )
    before = _move_state(draft)
    reason = _text(reason, field="reason", label=_("Lý do"), limit=500)
    if to == S.OPEN:
        if comment_end is None or comment_end < today():
            raise ValidationFailed(
                _("Mở lại thì phải có ngày hết hạn góp ý mới, từ hôm nay trở đi."),
                field="comment_end",
            )
        draft.comment_end = comment_end
        draft.closed_early_at, draft.closed_early_reason = None, ""
    elif to == S.CLOSED and closes_early(draft, on=today()):
        if not any(ch.isalnum() for ch in reason):
            raise ValidationFailed(
                early_close_reason_message(draft), code="reason_required", field="reason"
            )
        draft.closed_early_at, draft.closed_early_reason = timezone.now(), reason
    _move(draft, to, actor=actor, reason=reason, before=before)
    for name in _MOVE_FIELDS:  # the caller's copy too
        setattr(given, name, getattr(draft, name))
    if to in (S.OPEN, S.CLOSED):
        _notify_search(draft)
    return draft


def closes_early(draft: Draft, *, on: dt.date) -> bool:
    """Closing ``draft`` on ``on`` would end its comment period before the announced end (the
    end day itself still takes comments until midnight)."""
    return draft.status == S.OPEN and draft.comment_end is not None and on <= draft.comment_end


def early_close_reason_message(draft: Draft) -> str:
    """What an officer is told when closing ``draft`` early without a reason."""
    return _("Kết thúc lấy ý kiến trước hạn đã công bố (%(end)s) thì phải nêu lý do.") % {
        "end": draft.comment_end.strftime("%d/%m/%Y") if draft.comment_end else ""
    }


def close_expired_drafts(*, on: dt.date) -> int:
    """Close every open draft whose period ended before ``on`` (the daily task)."""
    closed = 0
    for draft in Draft.objects.filter(status=S.OPEN, comment_end__lt=on):
        with transaction.atomic():
            _move(draft, S.CLOSED, actor=None, reason=_("Hết thời hạn góp ý."))
        closed += 1
    return closed


# ---------------------------------------------------------------------- versions and tree


def _warning_dicts(
    extracted_warnings: Iterable[Any], split_warnings: Iterable[Any]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for w in extracted_warnings:
        out.append(
            {
                "code": w.code,
                "line": 0,
                "detail": w.detail,
                "vi": w.message("vi"),
                "en": w.message("en"),
            }
        )
    for w in split_warnings:
        out.append(
            {
                "code": w.code,
                "line": w.line,
                "detail": w.detail,
                "vi": w.message("vi"),
                "en": w.message("en"),
            }
        )
    return out


def version_upload_refusal(draft: Draft) -> str:
    """Why no new version can be uploaded for the draft now ("" if one can): the page shows
    this instead of the upload form, and ``version_upload`` refuses with it."""
    if draft.status in (S.ISSUED, S.ANSWERED):
        return _("Văn bản phản biện đã ban hành; không tải lên phiên bản mới.")
    return ""


@dataclass(frozen=True)
class DraftText:
    """An uploaded draft text, read and split (:func:`draft_text_read`), not yet stored."""

    filename: str
    data: bytes
    extracted: ExtractResult
    split: splitter.SplitResult


def draft_text_read(*, filename: str, data: bytes) -> DraftText:
    """Read (.docx, .pdf, .txt, judged by content) and split an uploaded draft text. Writes
    nothing, and is called before any transaction opens: a large file takes seconds to read,
    and a write transaction held meanwhile would lock every write of the site (SQLite has one
    lock for the whole database). Bounded: a .docx may unpack to ``settings.DRAFT_MAX_UNPACKED``
    bytes (counted as inflated, never as declared), and reading and splitting together get
    ``settings.DRAFT_PARSE_SECONDS``. Raises ``ValidationFailed`` with the reader's message for
    an unreadable, encrypted, image-only, empty, too large or too slow file."""
    seconds = float(getattr(settings, "DRAFT_PARSE_SECONDS", DEFAULT_PARSE_SECONDS))
    limit = int(getattr(settings, "DRAFT_MAX_UNPACKED", DEFAULT_MAX_UNPACKED))
    budget = splitter.Deadline.after(seconds)
    try:
        try:
            extracted = extract_text(
                filename or "upload",
                data,
                max_bytes=MAX_UPLOAD_BYTES,
                max_unpacked=limit,
                deadline=budget,
            )
            result = splitter.split(extracted.text, deadline=budget)
        except splitter.OutOfTime:
            raise ExtractError("too_slow", seconds=f"{seconds:g}") from None
    except ExtractError as exc:
        raise ValidationFailed(extract_message(exc), code=exc.code, field="file") from exc
    if not result.nodes:
        raise ValidationFailed(_("Tệp không có nội dung văn bản."), code="empty_text", field="file")
    return DraftText(filename or "upload", data, extracted, result)


def version_upload(
    *, actor: User | None, draft: Draft, filename: str, data: bytes, note: str = ""
) -> DraftVersion:
    """Read and split an uploaded text (.docx, .pdf, .txt, judged by content) into a version
    under review; a version already under review is replaced. The file is read before the
    transaction opens (:func:`draft_text_read`). Raises ``ValidationFailed`` with the reader's
    message for an unreadable, encrypted, image-only, empty, too large or too slow file, and
    ``InvalidTransition`` once the critique document is issued — nothing is stored then."""
    _staff(actor, draft)
    refusal = version_upload_refusal(draft)
    if refusal:
        raise InvalidTransition(refusal)
    text = draft_text_read(filename=filename, data=data)
    with transaction.atomic():
        # The draft may have moved on while the file was read.
        draft.status = (
            Draft.objects.select_for_update().values_list("status", flat=True).get(pk=draft.pk)
        )
        refusal = version_upload_refusal(draft)
        if refusal:
            raise InvalidTransition(refusal)
        return _version_store(actor=actor, draft=draft, text=text, note=note)


def _version_store(
    *, actor: User | None, draft: Draft, text: DraftText, note: str = ""
) -> DraftVersion:
    """Store a read text as the version under review (inside the caller's transaction)."""
    extracted, result, data, filename = text.extracted, text.split, text.data, text.filename
    version = draft.versions.select_for_update().filter(status=VersionStatus.REVIEW).first()
    if version is None:
        last = draft.versions.order_by("-number").first()
        version = DraftVersion(draft=draft, number=(last.number + 1) if last else 1)
    elif version.file:
        version.file.delete(save=False)
    version.filename = filename[-255:]
    version.source_type = extracted.source_type
    version.sha256 = hashlib.sha256(data).hexdigest()
    version.text = extracted.text
    version.tree = splitter.to_json(result.nodes)
    version.warnings = _warning_dicts(extracted.warnings, result.warnings)
    version.note = nfc(note).strip()[:500]
    version.created_by = actor if actor is not None and actor.is_authenticated else None
    version.file.save(
        f"{version.sha256[:16]}.{extracted.source_type}", ContentFile(data), save=False
    )
    with _file_removed_on_error(version.file):
        version.save()
        audit_record(
            actor=actor,
            action="draft.version_upload",
            obj=version,
            unit=draft.unit,
            after={
                "number": version.number,
                "filename": version.filename,
                "sha256": version.sha256,
            },
        )
        if draft.status == S.RECEIVED:
            _move(draft, S.REVIEW, actor=actor)
    return version


@contextlib.contextmanager
def _file_removed_on_error(field: Any) -> Iterator[None]:
    """A file written before the rows that point to it is removed if writing them fails."""
    try:
        yield
    except BaseException:
        if field.name and field.storage.exists(field.name):
            field.storage.delete(field.name)
        raise


TREE_ERRORS = {
    "bad_path": _("Không tìm thấy phần văn bản được chọn."),
    "bad_offset": _("Vị trí tách không hợp lệ: hãy chọn một dòng ở giữa nội dung."),
    "not_adjacent": _(
        "Chỉ gộp được một phần với phần liền sau nó trong cùng phần chứa, hoặc với phần con "
        "đầu tiên của nó."
    ),
    "higher_level": _(
        "Không gộp được: phần liền sau thuộc cấp cao hơn phần được chọn (thứ bậc từ cao xuống "
        "thấp: Phần, Chương, Mục, Điều, Khoản, Điểm)."
    ),
    "bad_hierarchy": _(
        "Thao tác làm sai thứ bậc của văn bản: mỗi phần chỉ chứa được phần thuộc cấp thấp hơn nó "
        "(thứ bậc từ cao xuống thấp: Phần, Chương, Mục, Điều, Khoản, Điểm); phần mở đầu và phần "
        "kết không chứa phần nào."
    ),
    "bad_kind": _("Loại phần văn bản không hợp lệ ở vị trí này."),
}


@transaction.atomic
def version_tree_edit(
    *,
    actor: User | None,
    version: DraftVersion,
    op: str,
    path: Sequence[int],
    other: Sequence[int] | None = None,
    offset: int | None = None,
    kind: str = "",
    number: str = "",
    title: str | None = None,
) -> DraftVersion:
    """Correct the split of a version under review: ``merge`` (path with ``other``: its next
    sibling, never of a higher level, or its first child — see ``splitter.merge``), ``split``
    (at ``offset`` in the node's text) or ``retype`` (kind, number, title; the kind must stay
    below the parent's and above the children's). A refused edit raises ``ValidationFailed``
    with the splitter's code and changes nothing."""
    _staff(actor, version.draft)
    version = DraftVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.REVIEW:
        raise InvalidTransition(_("Phiên bản đã công khai; không sửa cấu trúc được nữa."))
    tree = splitter.from_json(version.tree)
    try:
        if op == "merge":
            new_tree = splitter.merge(tree, path, other or [])
        elif op == "split":
            new_tree = splitter.split_node(tree, path, int(offset or 0))
        elif op == "retype":
            new_tree = splitter.retype(tree, path, kind, number, title=title)
        else:
            raise ValidationFailed(_("Thao tác không hợp lệ."), field="op")
    except splitter.TreeEditError as exc:
        raise ValidationFailed(str(TREE_ERRORS.get(exc.code, exc)), code=exc.code) from exc
    version.tree = splitter.to_json(new_tree)
    version.save(update_fields=["tree"])
    audit_record(
        actor=actor,
        action=f"draft.tree_{op}",
        obj=version,
        unit=version.draft.unit,
        after={
            "path": list(path),
            "other": list(other or []),
            "offset": offset,
            "kind": kind,
            "number": number,
        },
    )
    return version


def _node_label(chain: list[splitter.Node]) -> str:
    """ "Điều 5, khoản 2, điểm a" (from the article down), or "Chương II", "Phần mở đầu"."""
    parts: list[str] = []
    for node in chain:
        if node.kind in ("article", "clause", "point"):
            text = splitter.label(node)
            parts.append(text if not parts else text[:1].lower() + text[1:])
    if parts:
        return ", ".join(parts)
    return splitter.label(chain[-1])


@transaction.atomic
def version_publish(
    *,
    actor: User | None,
    version: DraftVersion,
    comment_start: dt.date | None = None,
    comment_end: dt.date | None = None,
) -> DraftVersion:
    """Publish a reviewed version: its tree becomes ``Node`` rows, it replaces the previous
    version (whose comments stay on it), and a draft under review opens for comment (a period
    end is then required)."""
    draft = Draft.objects.select_for_update().get(pk=version.draft_id)
    _staff(actor, draft)
    version = DraftVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.REVIEW:
        raise InvalidTransition(_("Phiên bản này đã được công khai hoặc đã bị thay thế."))
    if draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(_("Văn bản phản biện đã ban hành; không công khai phiên bản mới."))
    opening = draft.status in (S.RECEIVED, S.REVIEW)
    if opening:
        draft.comment_start = comment_start or draft.comment_start or today()
        draft.comment_end = comment_end or draft.comment_end
        if draft.comment_end is None:
            raise ValidationFailed(
                _("Cần ngày hết hạn góp ý trước khi công khai."), field="comment_end"
            )
        _check_period(draft.comment_start, draft.comment_end)
        if draft.comment_end < today():
            raise ValidationFailed(_("Ngày hết hạn góp ý đã qua."), field="comment_end")
    tree = splitter.from_json(version.tree)
    if not tree:
        raise ValidationFailed(_("Phiên bản không có nội dung."))
    rows: list[tuple[Node, int | None]] = []  # node and its parent's index in rows
    chain_index: dict[tuple[int, ...], int] = {}
    for position, (path, item) in enumerate(splitter.iter_nodes(tree)):
        chain = [splitter.get_node(tree, path[: i + 1]) for i in range(len(path))]
        parent_index = chain_index.get(path[:-1]) if len(path) > 1 else None
        chain_index[path] = position
        rows.append(
            (
                Node(
                    version=version,
                    draft=draft,
                    position=position,
                    depth=len(path) - 1,
                    kind=item.kind,
                    number=item.number[:40],
                    title=item.title[:1000],
                    text=item.text,
                    label=_node_label(chain)[:200],
                ),
                parent_index,
            )
        )
    # Parents before children: create level by level so each parent has its key.
    for depth in range(max(n.depth for n, _p in rows) + 1):
        level = [(n, p) for n, p in rows if n.depth == depth]
        for node, parent_index in level:
            if parent_index is not None:
                node.parent = rows[parent_index][0]
        Node.objects.bulk_create([n for n, _p in level])
    now = timezone.now()
    previous = draft.current_version
    if previous is not None:
        DraftVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.save(update_fields=["status", "published_at"])
    draft.current_version = version
    draft.save(update_fields=["current_version", "comment_start", "comment_end", "updated_at"])
    audit_record(
        actor=actor,
        action="draft.version_publish",
        obj=version,
        unit=draft.unit,
        after={"number": version.number, "nodes": len(rows)},
    )
    if opening:
        draft.published_at = now
        _move(draft, S.OPEN, actor=actor)
    _notify_search(draft)
    _request_audio(draft, tree)
    return version


def _request_audio(draft: Draft, tree: list[splitter.Node]) -> None:
    """Ask the portal for the spoken version of the published text (made in the background)."""
    from ykien.portal.services import audio_request

    spoken = [draft.title] + [splitter.as_text(node) for _path, node in splitter.iter_nodes(tree)]
    audio_request(key=f"draft:{draft.pk}", text="\n".join(part for part in spoken if part))


# --------------------------------------------------------------------- comments and votes


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


def _open_for_participation(draft: Draft) -> None:
    """Raise ``InvalidTransition`` unless ``draft`` takes comments, votes and statements today:
    ``not_started`` before its period, ``draft_closed`` after it or once it is not open."""
    phase = draft.phase_on(today())
    if phase == "upcoming" and draft.comment_start is not None:
        raise InvalidTransition(
            _("Dự thảo chưa đến thời gian lấy ý kiến (từ ngày %(start)s).")
            % {"start": draft.comment_start.strftime("%d/%m/%Y")},
            code="not_started",
        )
    if phase != "open":
        raise InvalidTransition(
            _("Dự thảo không còn trong thời gian lấy ý kiến."), code="draft_closed"
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
    with prepared.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
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
    _open_for_participation(draft)
    if node_id is not None and node_version != draft.current_version_id:
        raise ValidationFailed(
            _("Điều, khoản này thuộc phiên bản cũ; hãy góp ý trên phiên bản đang công khai."),
            code="old_version",
            field="node",
        )
    if node_id is not None and not Node.objects.get(pk=node_id).commentable:
        raise ValidationFailed(
            _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."),
            code="not_commentable",
            field="node",
        )
    # Open now (it opened between the two statements): store it the checked way.
    comment.version_id = draft.current_version_id
    with transaction.atomic():
        comment.save(force_insert=True)
    return comment


def address_hash(address: str) -> str:
    """A keyed hash of a client address (the address itself is never stored); "" for none."""
    if not address:
        return ""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"report-address:{address}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def comment_report(
    *, comment: Comment, participant: Participant, reason: str = "", address: str = ""
) -> Comment:
    """Report a comment; at ``REPORT_THRESHOLD`` reports an unreviewed visible comment is hidden
    pending review. A participant reports a comment once (later reports are ignored), and the
    anonymous reports of one client ``address`` within ``REPORT_ADDRESS_WINDOW`` of a counted
    report from it count once (a person cannot hide a comment alone by clearing cookies): they
    are kept, not counted. A signed-in user's report always counts (one account, one person)."""
    digest = address_hash(address)
    # One address's reports on this comment are taken one at a time (the row lock), so two
    # sessions reporting at once from one address cannot both be counted.
    Comment.objects.select_for_update().filter(pk=comment.pk).values_list("pk").first()
    counted = participant.user is not None or not (
        digest
        and CommentReport.objects.filter(
            comment=comment,
            address_hash=digest,
            counted=True,
            created_at__gte=timezone.now() - REPORT_ADDRESS_WINDOW,
        ).exists()
    )
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment,
                participant=participant.key,
                reason=nfc(reason).strip()[:300],
                address_hash=digest,
                counted=counted,
            )
    except IntegrityError:
        return comment
    if not counted:
        return comment
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db()
    if (
        comment.report_count >= REPORT_THRESHOLD
        and comment.status == CommentStatus.VISIBLE
        and not comment.reviewed
    ):
        comment.status = CommentStatus.PENDING
        comment.save(update_fields=["status"])
        audit_record(
            actor=None,
            action="comment.pending",
            obj=comment,
            after={"status": comment.status, "reports": comment.report_count},
        )
    return comment


COMMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    CommentStatus.VISIBLE: frozenset({CommentStatus.HIDDEN}),
    CommentStatus.PENDING: frozenset({CommentStatus.VISIBLE, CommentStatus.HIDDEN}),
    CommentStatus.HIDDEN: frozenset({CommentStatus.VISIBLE}),
}


@transaction.atomic
def comment_moderate(*, actor: User | None, comment: Comment, to: str, reason: str = "") -> Comment:
    """Approve (visible, marked reviewed) or hide (a reason is required) a comment. Nothing is
    deleted."""
    draft = Draft.objects.get(pk=comment.draft_id)
    _staff(actor, draft)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if to not in COMMENT_TRANSITIONS.get(comment.status, frozenset()):
        raise InvalidTransition(_("Không thể chuyển góp ý sang trạng thái này."))
    reason = nfc(reason).strip()
    if to == CommentStatus.HIDDEN and len(reason) < 5:
        raise ValidationFailed(_("Phải nêu lý do ẩn góp ý (ít nhất 5 ký tự)."), field="reason")
    before = comment.status
    comment.status = to
    comment.reviewed = True
    comment.moderation_reason = reason[:500]
    comment.moderated_by = actor if actor is not None and actor.is_authenticated else None
    comment.moderated_at = timezone.now()
    comment.save(
        update_fields=["status", "reviewed", "moderation_reason", "moderated_by", "moderated_at"]
    )
    audit_record(
        actor=actor,
        action=f"comment.{to}",
        obj=comment,
        unit=draft.unit,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    return comment


@transaction.atomic
def statement_propose(*, draft: Draft, participant: Participant, text: str) -> Statement:
    """Propose a short statement to vote on. An officer's is open to votes at once; a
    participant's waits for an officer's approval."""
    _open_for_participation(draft)
    text = _text(text, field="text", label=_("Nhận định"), required=True, limit=300)
    by_officer = bool(
        participant.user is not None
        and participant.user.has_perm("consultations.manage_draft", draft)
    )
    statement = Statement.objects.create(
        draft=draft,
        text=text,
        author=participant.user,
        participant=participant.key,
        by_officer=by_officer,
        status=StatementStatus.ACTIVE if by_officer else StatementStatus.PENDING,
    )
    audit_record(
        actor=participant.user,
        action="statement.propose",
        obj=statement,
        unit=draft.unit,
        after={"status": statement.status},
    )
    return statement


STATEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    StatementStatus.PENDING: frozenset({StatementStatus.ACTIVE, StatementStatus.REJECTED}),
    StatementStatus.ACTIVE: frozenset({StatementStatus.REJECTED}),
    StatementStatus.REJECTED: frozenset({StatementStatus.ACTIVE}),
}


@transaction.atomic
def statement_moderate(
    *, actor: User | None, statement: Statement, to: str, reason: str = ""
) -> Statement:
    """Put a statement to the vote, or withdraw it (a reason is required)."""
    _staff(actor, statement.draft)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if to not in STATEMENT_TRANSITIONS.get(statement.status, frozenset()):
        raise InvalidTransition(_("Không thể chuyển nhận định sang trạng thái này."))
    reason = nfc(reason).strip()
    if to == StatementStatus.REJECTED and len(reason) < 5:
        raise ValidationFailed(_("Phải nêu lý do (ít nhất 5 ký tự)."), field="reason")
    before = statement.status
    statement.status = to
    statement.moderation_reason = reason[:300]
    statement.save(update_fields=["status", "moderation_reason"])
    audit_record(
        actor=actor,
        action=f"statement.{to}",
        obj=statement,
        unit=statement.draft.unit,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    return statement


def vote_cast(*, statement_id: int, participant: Participant, value: int) -> Vote:
    """Agree (1), disagree (-1) or pass (0) on an active statement of an open draft; a new vote
    replaces the participant's earlier one. Raises ``InvalidTransition`` on a closed draft."""
    if value not in (-1, 0, 1):
        raise ValidationFailed(_("Biểu quyết không hợp lệ."), field="value")
    statement = Statement.objects.select_related("draft").filter(pk=statement_id).first()
    if statement is None:
        raise NotFound(_("Không tìm thấy nhận định."))
    _open_for_participation(statement.draft)
    if statement.status != StatementStatus.ACTIVE:
        raise InvalidTransition(
            _("Nhận định này không được đưa ra biểu quyết."), code="statement_inactive"
        )
    with transaction.atomic():
        vote, _created = Vote.objects.update_or_create(
            statement=statement,
            participant=participant.key,
            defaults={"value": value, "draft_id": statement.draft_id},
        )
    return vote


# ----------------------------------------------------------------------------- API tokens


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token; the raw value is returned once and never stored."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Hãy đăng nhập để tạo khóa API."))
    name = _text(name, field="name", label=_("Tên khóa"), required=True, limit=100)
    raw = "yk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=raw[:8], digest=_digest(raw))
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        after={"name": name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Đây không phải khóa API của bạn."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", obj=token)
    return token


# -------------------------------------------------------------------------------- experts


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str


def invitation_link(raw: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/y-kien-chuyen-gia/{raw}/"


@transaction.atomic
def invitation_send(
    *,
    actor: User | None,
    draft: Draft,
    expert_ids: Sequence[int],
    due: dt.date,
    message: str = "",
    notify: bool = True,
) -> list[SentInvitation]:
    """Invite roster experts by e-mail with a personal link (no account needed). Experts without
    consent to be contacted or without an e-mail address, and experts already invited, are
    refused. Returns the links (shown once to the officer, e-mailed on commit)."""
    from ykien.experts import selectors as expert_selectors

    _staff(actor, draft)
    if draft.status not in (S.REVIEW, S.OPEN, S.CLOSED, S.CONSOLIDATING):
        raise InvalidTransition(
            _("Chỉ mời chuyên gia khi dự thảo chưa ban hành văn bản phản biện.")
        )
    if not expert_ids:
        raise ValidationFailed(_("Hãy chọn ít nhất một chuyên gia."), field="experts")
    if due < today():
        raise ValidationFailed(_("Hạn gửi ý kiến đã qua."), field="due")
    experts = expert_selectors.experts_by_ids(ids=expert_ids)
    sent: list[SentInvitation] = []
    for expert_id in expert_ids:
        expert = experts.get(expert_id)
        if expert is None:
            raise NotFound(_("Không tìm thấy chuyên gia."), field="experts")
        if not expert.consent_contact or not expert.email:
            raise ValidationFailed(
                _("%(name)s chưa đồng ý được liên hệ hoặc chưa có thư điện tử.") % {"name": expert},
                field="experts",
            )
        if Invitation.objects.filter(draft=draft, expert_id=expert.pk).exists():
            raise ValidationFailed(
                _("%(name)s đã được mời góp ý dự thảo này.") % {"name": expert}, field="experts"
            )
        raw = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            draft=draft,
            expert_id=expert.pk,
            expert_name=str(expert)[:300],
            email=expert.email,
            digest=_digest(raw),
            message=nfc(message).strip(),
            due=due,
            invited_by=actor if actor is not None and actor.is_authenticated else None,
        )
        audit_record(
            actor=actor,
            action="invitation.send",
            obj=invitation,
            unit=draft.unit,
            after={"expert": expert.pk, "due": due.isoformat()},
        )
        link = invitation_link(raw)
        sent.append(SentInvitation(invitation, link))
        if notify:
            transaction.on_commit(_mail_invitation(invitation, link, draft))
    return sent


def _mail_invitation(invitation: Invitation, link: str, draft: Draft) -> Any:
    def send() -> None:
        body = _(
            "Kính gửi %(name)s,\n\n%(unit)s trân trọng mời %(name)s góp ý, phản biện dự thảo "
            "“%(title)s”.\n\n%(message)s\n\nXin gửi ý kiến trước ngày %(due)s tại đường dẫn riêng "
            "(không cần tài khoản):\n%(link)s\n\nTrân trọng."
        ) % {
            "name": invitation.expert_name,
            "unit": draft.unit.name,
            "title": draft.title,
            "message": invitation.message,
            "due": invitation.due.strftime("%d/%m/%Y"),
            "link": link,
        }
        send_mail(
            _("Mời góp ý, phản biện dự thảo: %(title)s") % {"title": draft.title[:150]},
            body,
            None,
            [invitation.email],
            fail_silently=True,
        )

    return send


def invitation_by_link(*, raw: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("draft", "draft__unit")
        .filter(digest=_digest(raw))
        .first()
    )
    if invitation is None:
        raise NotFound(_("Đường dẫn mời góp ý không đúng hoặc đã bị thu hồi."), code="bad_link")
    return invitation


@transaction.atomic
def invitation_open(*, raw: str) -> Invitation:
    """The expert opened the link: record it the first time. Raises ``NotFound``."""
    invitation = invitation_by_link(raw=raw)
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
        invitation.refresh_from_db()
        audit_record(
            actor=None, action="invitation.open", obj=invitation, unit=invitation.draft.unit
        )
    return invitation


def invitation_closed_early(invitation: Invitation) -> bool:
    """The draft's comment period was ended early after this invitation was sent: the early
    end cuts the invitation short (an expert invited afterwards answers until the due date)."""
    ended = invitation.draft.closed_early_at
    return ended is not None and invitation.sent_at < ended


def invitation_closed_early_message(invitation: Invitation) -> str:
    ended = invitation.draft.closed_early_on
    return _(
        "Việc lấy ý kiến dự thảo đã kết thúc sớm ngày %(day)s; không nhận thêm ý kiến theo "
        "lời mời này."
    ) % {"day": ended.strftime("%d/%m/%Y") if ended else ""}


@transaction.atomic
def opinion_submit(
    *,
    raw: str,
    overall: str,
    per_node: dict[int, str],
    signed_name: str,
    confirmed: bool,
) -> Invitation:
    """The expert's signed written opinion, overall and per clause, sent once before the due
    date. The signature is the typed name, the time and a SHA-256 over the opinion. Raises
    ``InvalidTransition`` when the link is used after the period or a second time."""
    from ykien.experts import services as expert_services

    invitation = invitation_by_link(raw=raw)
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("draft", "draft__unit")
        .get(pk=invitation.pk)
    )
    if invitation.answered_at is not None:
        raise InvalidTransition(
            _("Ý kiến theo lời mời này đã được gửi; mỗi đường dẫn chỉ dùng một lần."),
            code="already_answered",
        )
    if today() > invitation.due or invitation.draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(
            _("Đã hết hạn gửi ý kiến theo lời mời này (hạn %(due)s).")
            % {"due": invitation.due.strftime("%d/%m/%Y")},
            code="link_expired",
        )
    if invitation_closed_early(invitation):
        raise InvalidTransition(invitation_closed_early_message(invitation), code="closed_early")
    overall = _text(overall, field="overall", label=_("Ý kiến chung"), limit=MAX_COMMENT_CHARS)
    cleaned: dict[int, str] = {}
    for node_id, text in per_node.items():
        value = _text(text, field=f"node_{node_id}", label=_("Ý kiến"), limit=MAX_COMMENT_CHARS)
        if value:
            cleaned[node_id] = value
    if not overall and not cleaned:
        raise ValidationFailed(
            _("Hãy ghi ý kiến chung hoặc ý kiến về ít nhất một điều, khoản."), field="overall"
        )
    signed_name = _text(
        signed_name, field="signed_name", label=_("Họ tên người ký"), required=True, limit=300
    )
    if not confirmed:
        raise ValidationFailed(_("Hãy xác nhận đây là ý kiến của mình để ký."), field="confirmed")
    version_id = invitation.draft.current_version_id
    nodes = list(Node.objects.filter(version_id=version_id, pk__in=list(cleaned)))
    if set(cleaned) - {n.pk for n in nodes}:
        raise ValidationFailed(
            _("Có điều, khoản không thuộc phiên bản đang công khai."),
            code="old_version",
            field="overall",
        )
    if any(not n.commentable for n in nodes):  # Node.commentable, as for comments
        raise ValidationFailed(
            _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."),
            code="not_commentable",
            field="overall",
        )
    if overall:
        ExpertOpinion.objects.create(invitation=invitation, draft=invitation.draft, text=overall)
    for node_id in sorted(cleaned):
        ExpertOpinion.objects.create(
            invitation=invitation, draft=invitation.draft, node_id=node_id, text=cleaned[node_id]
        )
    now = timezone.now()
    payload = "\n".join(
        [signed_name, now.isoformat(), overall, *(f"{k}:{v}" for k, v in sorted(cleaned.items()))]
    )
    invitation.signed_name = signed_name
    invitation.signature = hashlib.sha256(payload.encode()).hexdigest()
    invitation.answered_at = now
    if invitation.opened_at is None:
        invitation.opened_at = now
    invitation.save(update_fields=["signed_name", "signature", "answered_at", "opened_at"])
    expert_services.expert_record_participation(expert_id=invitation.expert_id, on=today())
    audit_record(
        actor=None,
        action="invitation.answer",
        obj=invitation,
        unit=invitation.draft.unit,
        after={"opinions": len(cleaned) + (1 if overall else 0), "signature": invitation.signature},
    )
    return invitation


# ----------------------------------------------------------------------------- conference

ATTACHMENT_KINDS = frozenset({"pdf", "docx", "png", "jpeg"})


@transaction.atomic
def conference_save(
    *, actor: User | None, draft: Draft, data: dict[str, Any], conference: Conference | None = None
) -> Conference:
    """Record (or correct) the critique conference or dialogue: date, place, participants,
    minutes, conclusions."""
    _staff(actor, draft)
    if draft.status in (S.RECEIVED, S.ANSWERED):
        raise InvalidTransition(_("Chưa thể (hoặc không còn) ghi nhận hội nghị cho dự thảo này."))
    before = snapshot(conference) if conference else None
    conference = conference or Conference(
        draft=draft, created_by=actor if actor is not None and actor.is_authenticated else None
    )
    if data.get("form") not in ("conference", "dialogue"):
        raise ValidationFailed(_("Hình thức không hợp lệ."), field="form")
    conference.form = data["form"]
    conference.held_at = data["held_at"]
    conference.place = _text(
        data.get("place", ""), field="place", label=_("Địa điểm"), required=True, limit=300
    )
    conference.participants = _text(
        data.get("participants", ""),
        field="participants",
        label=_("Thành phần tham dự"),
        required=True,
        limit=MAX_COMMENT_CHARS,
    )
    conference.minutes = _text(
        data.get("minutes", ""), field="minutes", label=_("Biên bản"), limit=200_000
    )
    conference.conclusions = _text(
        data.get("conclusions", ""),
        field="conclusions",
        label=_("Kết luận"),
        limit=MAX_COMMENT_CHARS,
    )
    conference.save()
    audit_record(
        actor=actor,
        action="conference.save",
        obj=conference,
        unit=draft.unit,
        before=before,
        after=snapshot(conference),
    )
    return conference


@transaction.atomic
def conference_attach(
    *, actor: User | None, conference: Conference, filename: str, data: bytes
) -> ConferenceAttachment:
    """Attach a PDF, DOCX, PNG or JPEG (judged by content) of at most ``MAX_UPLOAD_BYTES``."""
    _staff(actor, conference.draft)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            _("Tệp có dung lượng %(size)s MB, vượt quá giới hạn %(limit)s MB.")
            % {"size": round(len(data) / 1048576, 1), "limit": MAX_UPLOAD_BYTES // 1048576},
            code="too_large",
            field="file",
        )
    try:
        kind = files.sniff(data)
    except files.ArchiveRefused as exc:  # a .docx that unpacks too large
        raise ValidationFailed(exc.message, code=exc.code, field="file") from None
    if kind is None or kind not in ATTACHMENT_KINDS:
        raise ValidationFailed(
            _("Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG."), code="unsupported_type", field="file"
        )
    content_type, ext = files.MIME[kind], files.EXTENSION[kind]
    attachment = ConferenceAttachment(
        conference=conference,
        filename=(nfc(filename).strip() or f"tai-lieu.{ext}")[-255:],
        content_type=content_type,
        size=len(data),
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    attachment.file.save(
        f"{hashlib.sha256(data).hexdigest()[:16]}.{ext}", ContentFile(data), save=False
    )
    with _file_removed_on_error(attachment.file):
        attachment.save()
        audit_record(
            actor=actor,
            action="conference.attach",
            obj=attachment,
            unit=conference.draft.unit,
            after={"filename": attachment.filename, "size": attachment.size},
        )
    return attachment


# ------------------------------------------------------------------------ critique points


def _consolidating(draft: Draft) -> None:
    draft.status = Draft.objects.filter(pk=draft.pk).values_list("status", flat=True).get()
    if draft.status != S.CONSOLIDATING:
        raise InvalidTransition(
            _("Chỉ lập điểm phản biện khi dự thảo đang được tổng hợp."), code="not_consolidating"
        )
    document = CritiqueDocument.objects.filter(draft=draft).first()
    if document is not None and document.status != DocumentStatus.DRAFT:
        raise InvalidTransition(
            _("Văn bản phản biện đã trình lãnh đạo; không sửa điểm phản biện."),
            code="document_submitted",
        )


@transaction.atomic
def point_save(
    *,
    actor: User | None,
    draft: Draft,
    title: str,
    text: str,
    node_ids: Sequence[int] = (),
    comment_ids: Sequence[int] = (),
    opinion_ids: Sequence[int] = (),
    from_conference: bool = False,
    point: CritiquePoint | None = None,
) -> CritiquePoint:
    """Create or change a critique point, linked to nodes of the draft, supporting comments and
    expert opinions (all of this draft)."""
    _staff(actor, draft)
    _consolidating(draft)
    title = _text(title, field="title", label=_("Vấn đề"), required=True, limit=300)
    text = _text(
        text, field="text", label=_("Nội dung phản biện"), required=True, limit=MAX_COMMENT_CHARS
    )
    nodes = list(Node.objects.filter(draft=draft, pk__in=list(node_ids)))
    comments = list(Comment.objects.filter(draft=draft, pk__in=list(comment_ids)))
    opinions = list(ExpertOpinion.objects.filter(draft=draft, pk__in=list(opinion_ids)))
    if (
        len(nodes) != len(set(node_ids))
        or len(comments) != len(set(comment_ids))
        or len(opinions) != len(set(opinion_ids))
    ):
        raise ValidationFailed(
            _("Có điều, khoản, góp ý hoặc ý kiến chuyên gia không thuộc dự thảo này.")
        )
    before = snapshot(point) if point else None
    if point is None:
        last = draft.points.order_by("-position").first()
        point = CritiquePoint(draft=draft, position=(last.position + 1) if last else 1)
    point.title, point.text, point.from_conference = title, text, from_conference
    point.save()
    point.nodes.set(nodes)
    point.comments.set(comments)
    point.opinions.set(opinions)
    audit_record(
        actor=actor,
        action="point.save",
        obj=point,
        unit=draft.unit,
        before=before,
        after=snapshot(point),
    )
    return point


@transaction.atomic
def point_remove(*, actor: User | None, point: CritiquePoint) -> None:
    """Drop a point from a document still being drafted (points of an issued document stay)."""
    _staff(actor, point.draft)
    _consolidating(point.draft)
    audit_record(
        actor=actor, action="point.remove", obj=point, unit=point.draft.unit, before=snapshot(point)
    )
    point.delete()


# ---------------------------------------------------------------------- critique document

DOCUMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.DRAFT: frozenset({DocumentStatus.SUBMITTED}),
    DocumentStatus.SUBMITTED: frozenset({DocumentStatus.DRAFT, DocumentStatus.ISSUED}),
    DocumentStatus.ISSUED: frozenset(),
}


def _document_move(document: CritiqueDocument, to: str) -> None:
    if to not in DOCUMENT_TRANSITIONS[document.status]:
        raise InvalidTransition(
            _("Không thể chuyển văn bản từ “%(a)s” sang “%(b)s”.")
            % {"a": DocumentStatus(document.status).label, "b": DocumentStatus(to).label}
        )
    document.status = to


@transaction.atomic
def document_save(*, actor: User | None, draft: Draft, data: dict[str, Any]) -> CritiqueDocument:
    """Write the critique document (number and symbol, place, intro, conclusion, recipients,
    signer, days to answer) while it is being drafted."""
    _staff(actor, draft)
    if draft.status != S.CONSOLIDATING:
        raise InvalidTransition(_("Chỉ soạn văn bản phản biện khi dự thảo đang được tổng hợp."))
    document = CritiqueDocument.objects.select_for_update().filter(draft=draft).first()
    if document is not None and document.status != DocumentStatus.DRAFT:
        raise InvalidTransition(_("Văn bản đã trình lãnh đạo; không sửa được nữa."))
    before = snapshot(document, exclude=("docx",)) if document else None
    document = document or CritiqueDocument(draft=draft)
    document.number_symbol = _text(
        data.get("number_symbol", ""),
        field="number_symbol",
        label=_("Số, ký hiệu"),
        required=True,
        limit=60,
    )
    document.place = _text(
        data.get("place", ""), field="place", label=_("Địa danh"), required=True, limit=100
    )
    document.intro = _text(
        data.get("intro", ""),
        field="intro",
        label=_("Phần mở đầu"),
        required=True,
        limit=MAX_COMMENT_CHARS,
    )
    document.conclusion = _text(
        data.get("conclusion", ""),
        field="conclusion",
        label=_("Phần kết luận"),
        limit=MAX_COMMENT_CHARS,
    )
    document.recipients = _text(
        data.get("recipients", ""),
        field="recipients",
        label=_("Nơi nhận"),
        required=True,
        limit=2000,
    )
    document.signer_authority = _text(
        data.get("signer_authority", ""),
        field="signer_authority",
        label=_("Thẩm quyền ký"),
        limit=100,
    )
    document.signer_title = _text(
        data.get("signer_title", ""),
        field="signer_title",
        label=_("Chức vụ người ký"),
        required=True,
        limit=200,
    )
    document.signer_name = _text(
        data.get("signer_name", ""),
        field="signer_name",
        label=_("Người ký"),
        required=True,
        limit=150,
    )
    days = int(data.get("answer_days") or 30)
    if not 1 <= days <= 365:
        raise ValidationFailed(_("Số ngày để trả lời phải từ 1 đến 365."), field="answer_days")
    document.answer_days = days
    document.prepared_by = actor if actor is not None and actor.is_authenticated else None
    document.save()
    audit_record(
        actor=actor,
        action="document.save",
        obj=document,
        unit=draft.unit,
        before=before,
        after=snapshot(document, exclude=("docx",)),
    )
    return document


@transaction.atomic
def document_submit(*, actor: User | None, document: CritiqueDocument) -> CritiqueDocument:
    """The officer submits the document to a leader (it needs at least one point)."""
    draft = document.draft
    _staff(actor, draft)
    document = CritiqueDocument.objects.select_for_update().get(pk=document.pk)
    if not draft.points.exists():
        raise ValidationFailed(
            _("Văn bản phản biện cần ít nhất một điểm phản biện."), code="no_points"
        )
    _document_move(document, DocumentStatus.SUBMITTED)
    document.submitted_at = timezone.now()
    document.return_reason = ""
    document.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="document.submit",
        obj=document,
        unit=draft.unit,
        after={"status": document.status},
    )
    return document


def _leader(actor: User | None, draft: Draft) -> None:
    _require(
        actor,
        "consultations.issue_document",
        draft,
        _("Chỉ lãnh đạo đơn vị mới được duyệt và ban hành văn bản phản biện."),
    )


@transaction.atomic
def document_return(
    *, actor: User | None, document: CritiqueDocument, reason: str
) -> CritiqueDocument:
    """A leader sends the document back to be redrafted (a reason is required)."""
    draft = document.draft
    _leader(actor, draft)
    document = CritiqueDocument.objects.select_for_update().get(pk=document.pk)
    reason = nfc(reason).strip()
    if len(reason) < 5:
        raise ValidationFailed(_("Phải nêu lý do trả lại (ít nhất 5 ký tự)."), field="reason")
    _document_move(document, DocumentStatus.DRAFT)
    document.return_reason = reason[:500]
    document.save(update_fields=["status", "return_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="document.return",
        obj=document,
        unit=draft.unit,
        after={"status": document.status},
        reason=reason,
    )
    return document


#: A number given in the unit's register: digits (not all zeros), then "/" and the symbol, as
#: ``12/VB-MTTQ-BTT`` or ``05/2025/VB-MTTQ``; the draft's "…/VB-MTTQ-BTT" is not one.
ISSUED_NUMBER_RE = re.compile(r"(?!0+/)\d{1,6}(?:/[\w\-]+)+")


def is_issued_number(value: str) -> bool:
    """Is ``value`` a real number and symbol (not a placeholder such as ``…/VB-MTTQ-BTT``)?"""
    return ISSUED_NUMBER_RE.fullmatch(nfc(value).strip()) is not None


@transaction.atomic
def document_issue(
    *,
    actor: User | None,
    document: CritiqueDocument,
    issue_date: dt.date | None = None,
    number_symbol: str | None = None,
) -> CritiqueDocument:
    """A leader approves and issues the document: it gets its number (``number_symbol`` if given,
    else the one written while drafting; it must be a real number, not the "…" placeholder), it
    is dated, its answer due date is computed (``answer.default``, the number of days set on the
    document), the DOCX is kept as issued, the draft becomes "issued" and its points await the
    drafting body's answers; the drafting body's respondents are mailed on commit."""
    from ykien.consultations.documents import document_docx

    draft = Draft.objects.select_for_update().get(pk=document.draft_id)
    _leader(actor, draft)
    document = CritiqueDocument.objects.select_for_update().get(pk=document.pk)
    _document_move(document, DocumentStatus.ISSUED)
    if number_symbol is not None and nfc(number_symbol).strip():
        document.number_symbol = _text(
            number_symbol, field="number_symbol", label=_("Số, ký hiệu"), limit=60, one_line=True
        )
    if not is_issued_number(document.number_symbol):
        raise ValidationFailed(
            _(
                "Văn bản chưa có số: hãy ghi số, ký hiệu theo sổ đăng ký văn bản của đơn vị "
                "(ví dụ 12/VB-MTTQ-BTT) trước khi ban hành."
            ),
            code="number_missing",
            field="number_symbol",
        )
    day = issue_date or today()
    due = deadline("answer.default", day, length=document.answer_days)
    document.issue_date = day
    document.answer_due = due.due
    with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
        document.answer_basis = due.describe()[:300]
    document.issued_by = actor if actor is not None and actor.is_authenticated else None
    document.issued_at = timezone.now()
    document.draft = draft
    document.docx.save(
        f"van-ban-phan-bien-{draft.pk}.docx", ContentFile(document_docx(document)), save=False
    )
    with _file_removed_on_error(document.docx):
        document.save()
        audit_record(
            actor=actor,
            action="document.issue",
            obj=document,
            unit=draft.unit,
            after={
                "status": document.status,
                "number_symbol": document.number_symbol,
                "issue_date": day.isoformat(),
                "answer_due": due.due.isoformat(),
            },
        )
        _move(draft, S.ISSUED, actor=actor)
    _notify_search(draft)
    _mail_issued(document, draft, day)
    return document


def _mail_issued(document: CritiqueDocument, draft: Draft, day: dt.date) -> None:
    """On commit, tell the respondents of the drafting unit (or of the unit it became) that the
    critique document is issued: its number, the answer due date and its basis, and the link to
    their answer page. Written in Vietnamese, like the document."""
    drafting = draft.drafting_unit
    units = {drafting.pk: drafting, **{u.pk: u for u in unit_successors(unit=drafting, on=day)}}
    emails = role_holder_emails(units=units.values(), roles=[Role.RESPONDENT], on=day)
    if not emails:
        return
    with override(settings.LANGUAGE_CODE):
        subject = _("Văn bản phản biện xã hội số %(number)s: %(title)s") % {
            "number": document.number_symbol,
            "title": draft.title[:150],
        }
        body = _(
            "%(unit)s đã ban hành Văn bản phản biện xã hội số %(number)s ngày %(date)s đối với "
            "%(title)s.\n\nĐề nghị %(drafting)s trả lời từng điểm phản biện trước ngày %(due)s "
            "(%(basis)s).\n\nXem văn bản và trả lời tại %(url)s"
        ) % {
            "unit": draft.unit.name,
            "number": document.number_symbol,
            "date": day.strftime("%d/%m/%Y"),
            "title": title_in_sentence(draft.title),
            "drafting": drafting.name,
            "due": document.answer_due.strftime("%d/%m/%Y") if document.answer_due else "",
            "basis": document.answer_basis,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("consultations:respondent_draft", args=[draft.pk]),
        }
    transaction.on_commit(
        functools.partial(send_mail, subject, body, None, emails, fail_silently=True)
    )


# -------------------------------------------------------------------------------- answers

POINT_TRANSITIONS: dict[str, frozenset[str]] = {
    PointStatus.PENDING: frozenset({PointStatus.ANSWERED}),
    PointStatus.ANSWERED: frozenset({PointStatus.ANSWERED, PointStatus.PUBLISHED}),
    PointStatus.PUBLISHED: frozenset(),
}


@transaction.atomic
def point_answer(
    *, actor: User | None, point: CritiquePoint, answer: str, text: str
) -> CritiquePoint:
    """The drafting body's answer to one point (accepted / explained / rejected, with text); it
    may be changed until all are answered. When the last point is answered every answer is
    published and the draft becomes "answered"."""
    draft = Draft.objects.select_for_update().get(pk=point.draft_id)
    _require(
        actor,
        "consultations.answer_points",
        draft,
        _("Chỉ người trả lời của cơ quan soạn thảo mới được trả lời điểm phản biện."),
    )
    if draft.status != S.ISSUED:
        raise InvalidTransition(
            _("Chỉ trả lời khi văn bản phản biện đã ban hành và chưa công khai trả lời.")
        )
    point = CritiquePoint.objects.select_for_update().get(pk=point.pk)
    if PointStatus.ANSWERED not in POINT_TRANSITIONS[point.status]:
        raise InvalidTransition(_("Điểm này đã công khai trả lời."))
    if answer not in Answer.values:
        raise ValidationFailed(
            _("Hãy chọn: tiếp thu, giải trình hoặc không tiếp thu."), field="answer"
        )
    text = _text(
        text,
        field="answer_text",
        label=_("Nội dung trả lời"),
        required=True,
        limit=MAX_COMMENT_CHARS,
    )
    before = snapshot(point)
    point.status = PointStatus.ANSWERED
    point.answer = answer
    point.answer_text = text
    point.answered_by = actor if actor is not None and actor.is_authenticated else None
    point.answered_at = timezone.now()
    point.save()
    audit_record(
        actor=actor,
        action="point.answer",
        obj=point,
        unit=draft.drafting_unit,
        before=before,
        after=snapshot(point),
    )
    if not draft.points.exclude(status=PointStatus.ANSWERED).exists():
        now = timezone.now()
        for each in draft.points.all():
            if PointStatus.PUBLISHED not in POINT_TRANSITIONS[each.status]:
                raise InvalidTransition(_("Còn điểm phản biện chưa được trả lời."))
        draft.points.update(status=PointStatus.PUBLISHED, published_at=now)
        audit_record(
            actor=actor,
            action="points.publish",
            obj=draft,
            unit=draft.unit,
            after={"points": draft.points.count()},
        )
        _move(draft, S.ANSWERED, actor=actor)
        _notify_search(draft)
        point.refresh_from_db()
    return point
