"""Versions of a draft's text: read and split an upload, keep it under review, publish it (its
tree becomes ``Node`` rows, it supersedes the version before, and the first one opens the draft
for comment). Moves go through ``core.lifecycle.transition`` (``lifecycle.VERSION``, and
``lifecycle.DRAFT`` for the draft's upload and publish)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations import splitter
from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.extract import (
    DEFAULT_MAX_UNPACKED,
    ExtractError,
    ExtractResult,
    extract_text,
)
from ykien.consultations.lifecycle import DRAFT, VERSION
from ykien.consultations.models import Draft, DraftVersion, Node, VersionStatus
from ykien.consultations.services.common import (
    DEFAULT_PARSE_SECONDS,
    MAX_UPLOAD_BYTES,
    S,
    extract_message,
    file_removed_on_error,
    notify_search,
    person,
    require_staff,
    typed_text,
)
from ykien.core.audit import audit_record
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.permissions import Actor
from ykien.core.selectors import today


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
        raise ValidationFailed(
            _("Tệp không có nội dung văn bản."), code=ErrorCode.EMPTY_TEXT, field="file"
        )
    return DraftText(filename or "upload", data, extracted, result)


def version_upload(
    *, actor: Actor, draft: Draft, filename: str, data: bytes, note: str = ""
) -> DraftVersion:
    """Read and split an uploaded text (.docx, .pdf, .txt, judged by content) into a version
    under review; a version already under review is replaced. The file is read before the
    transaction opens (:func:`draft_text_read`). Raises ``ValidationFailed`` with the reader's
    message for an unreadable, encrypted, image-only, empty, too large or too slow file, and
    ``InvalidTransition`` once the critique document is issued — nothing is stored then."""
    require_staff(actor, draft)
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
        return version_store(actor=actor, draft=draft, text=text, note=note)


def version_store(*, actor: Actor, draft: Draft, text: DraftText, note: str = "") -> DraftVersion:
    """Store a read text as the version under review (inside the caller's transaction); a
    draft just received goes to review."""
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
    version.note = typed_text(note, field="note", label=_("Ghi chú phiên bản"))[:500]
    version.created_by = person(actor)
    version.file.save(
        f"{version.sha256[:16]}.{extracted.source_type}", ContentFile(data), save=False
    )
    with file_removed_on_error(version.file):
        version.save()
        audit_record(
            actor=actor,
            action=AuditAction.VERSION_UPLOAD,
            obj=version,
            unit=draft.unit,
            after={
                "number": version.number,
                "filename": version.filename,
                "sha256": version.sha256,
            },
        )
        if draft.status == S.RECEIVED:
            transition(DRAFT, actor=actor, obj=draft, action="upload")
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


def _nodes_create(version: DraftVersion, draft: Draft, tree: list[splitter.Node]) -> int:
    """The version's tree as ``Node`` rows (parents before children); returns their number."""
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
    return len(rows)


@transaction.atomic
def version_publish(
    *,
    actor: Actor,
    version: DraftVersion,
    comment_start: dt.date | None = None,
    comment_end: dt.date | None = None,
) -> DraftVersion:
    """Publish a reviewed version: its tree becomes ``Node`` rows, it replaces the previous
    version (whose comments stay on it), and a draft under review opens for comment (a period
    end is then required)."""
    from ykien.consultations.services.drafts import check_period

    draft = Draft.objects.select_for_update().get(pk=version.draft_id)
    require_staff(actor, draft)
    if draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(_("Văn bản phản biện đã ban hành; không công khai phiên bản mới."))
    opening = draft.status in (S.RECEIVED, S.REVIEW)
    start, end = draft.comment_start, draft.comment_end
    if opening:
        start = comment_start or draft.comment_start or today()
        end = comment_end or draft.comment_end
        if end is None:
            raise ValidationFailed(
                _("Cần ngày hết hạn góp ý trước khi công khai."), field="comment_end"
            )
        check_period(start, end)
        if end < today():
            raise ValidationFailed(_("Ngày hết hạn góp ý đã qua."), field="comment_end")
    now = timezone.now()
    published: dict[str, Any] = {}

    def publish(locked: DraftVersion) -> None:
        tree = splitter.from_json(locked.tree)
        if not tree:
            raise ValidationFailed(_("Phiên bản không có nội dung."))
        published["tree"] = tree
        published["nodes"] = _nodes_create(locked, draft, tree)
        locked.published_at = now

    previous = draft.current_version
    transition(
        VERSION,
        actor=actor,
        obj=version,
        action="publish",
        apply=publish,
        data={"number": version.number},
    )
    if previous is not None:
        transition(VERSION, actor=actor, obj=previous, action="supersede")

    def current(locked: Draft) -> None:
        locked.current_version = version
        locked.comment_start, locked.comment_end = start, end
        if opening:
            locked.published_at = now

    if opening:
        transition(DRAFT, actor=actor, obj=draft, action="publish", apply=current)
    else:
        current(draft)
        draft.save(update_fields=["current_version", "updated_at"])
    notify_search(draft)
    _request_audio(draft, published["tree"])
    return version


def _request_audio(draft: Draft, tree: list[splitter.Node]) -> None:
    """Ask for the spoken version of the published text (``core.audio``; made in the
    background)."""
    from ykien.core import audio

    spoken = [draft.title] + [splitter.as_text(node) for _path, node in splitter.iter_nodes(tree)]
    audio.request(key=f"draft:{draft.pk}", text="\n".join(part for part in spoken if part))
