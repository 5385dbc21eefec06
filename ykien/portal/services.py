"""Writes of the portal: articles and their lifecycle, photos, readers' feedback and its
moderation, view counts, audio versions and the search index.

Every service that acts for someone checks the permission (``core.permissions.require``; jobs
and the demo act as ``SYSTEM``); articles and feedback move only along their lifecycles
(``portal.lifecycle``, through ``core.lifecycle.transition``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TypeVar

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.analysis.text import fold
from ykien.core import audio as tts
from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.errors import ValidationFailed
from ykien.core.lifecycle import Lifecycle, transition
from ykien.core.lists import fold_for_search
from ykien.core.models import Unit, User
from ykien.core.permissions import Actor, person, require
from ykien.core.search import SearchDocument, all_documents, notify_changed
from ykien.core.text import clean_text
from ykien.portal import markup
from ykien.portal.codes import AuditAction, ErrorCode
from ykien.portal.images import clean_photo
from ykien.portal.lifecycle import ARTICLE, FEEDBACK, MANAGE
from ykien.portal.models import (
    Article,
    ArticlePhoto,
    ArticleStatus,
    AudioStatus,
    AudioTrack,
    Feedback,
    FeedbackStatus,
    SearchEntry,
    Tag,
    ViewHit,
)

T = TypeVar("T")

LIMITS = {"title": 255, "summary": 1000, "byline": 150, "tag": 80}
MULTILINE = frozenset({"body", "content", "reply", "summary"})


def _state_action(lifecycle: Lifecycle, to: str) -> str:
    """The action that leads to the state ``to`` (each is named after it): refused as an
    unknown action when no edge leads there (a move back to "pending", for instance)."""
    return lifecycle.edge(to).action


def _clean(value: str, *, field: str, label: str, required: bool = True, limit: int = 0) -> str:
    """The writer's own spelling (old or new tone placement) is kept: only search folds it."""
    return clean_text(
        value,
        field=field,
        label=label,
        required=required,
        limit=limit,
        one_line=field not in MULTILINE,
    )


def article_is_public(article: Article, *, now: dt.datetime | None = None) -> bool:
    moment = now or timezone.now()
    if article.status == ArticleStatus.PUBLISHED:
        return True
    return (
        article.status == ArticleStatus.SCHEDULED
        and article.publish_at is not None
        and article.publish_at <= moment
    )


def article_spoken_text(article: Article) -> str:
    """What the audio version reads: title, summary, then the body without markup."""
    return f"{article.title}.\n\n{article.summary}\n\n{markup.plain_text(article.body)}"


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = markup.slug_for(title)
    slug, n = base, 2
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk is not None else Article.objects
    while others.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _set_tags(article: Article, names: Iterable[str]) -> None:
    tags: list[Tag] = []
    for raw in names:
        name = clean_text(raw, field="tags", label=_("thẻ"), one_line=True)[: LIMITS["tag"]]
        if not name:
            continue
        slug = markup.slug_for(name, max_length=90)
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(name=name, slug=slug)
        tags.append(tag)
    article.tags.set(tags)


def _clean_links(links: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    cleaned: list[dict[str, str]] = []
    for link in links:
        kind, key = str(link.get("kind", "")).strip(), str(link.get("key", "")).strip()
        if kind and key and {"kind": kind, "key": key} not in cleaned:
            cleaned.append({"kind": kind, "key": key})
    return cleaned


def _after_public_change(article: Article) -> None:
    """On commit: re-index the articles and refresh the audio when the spoken text changed."""
    key, text = article.audio_key, article_spoken_text(article)

    def run() -> None:
        notify_changed("article", str(article.pk))
        tts.request(key=key, text=text)

    transaction.on_commit(run)


#: Fields of an article never copied into the audit log: the folded copy for the list's search.
NOT_AUDITED = ("search_text",)


def _article_search_text(article: Article) -> str:
    return fold_for_search(article.title, article.summary, article.byline)


@transaction.atomic
def article_create(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    summary: str,
    body: str,
    byline: str = "",
    tags: Sequence[str] = (),
    links: Sequence[dict[str, str]] = (),
) -> Article:
    """A new article in the draft state. Raises ``PermissionDenied``, ``ValidationFailed``."""
    require(actor, MANAGE, unit)
    author = person(actor)
    title = _clean(title, field="title", label=_("tiêu đề"), limit=LIMITS["title"])
    article = Article(
        unit=unit,
        author=author,
        byline=_clean(
            byline or (str(author) if author else ""),
            field="byline",
            label=_("tên tác giả"),
            limit=LIMITS["byline"],
        ),
        title=title,
        slug=_unique_slug(title),
        summary=_clean(summary, field="summary", label=_("tóm tắt"), limit=LIMITS["summary"]),
        body=_clean(body, field="body", label=_("nội dung")),
        links=_clean_links(links),
    )
    article.search_text = _article_search_text(article)
    article.save(force_insert=True)
    _set_tags(article, tags)
    audit_change(
        actor=actor,
        action=AuditAction.ARTICLE_CREATE,
        obj=article,
        unit=unit,
        exclude=NOT_AUDITED,
    )
    return article


@transaction.atomic
def article_update(
    *,
    actor: Actor,
    article: Article,
    title: str,
    summary: str,
    body: str,
    byline: str,
    tags: Sequence[str] = (),
    links: Sequence[dict[str, str]] = (),
) -> Article:
    """Edit an article in any state; a public article is re-indexed and its audio refreshed."""
    require(actor, MANAGE, article)
    before = snapshot(article, exclude=NOT_AUDITED)
    article.title = _clean(title, field="title", label=_("tiêu đề"), limit=LIMITS["title"])
    if article.status == ArticleStatus.DRAFT:
        article.slug = _unique_slug(article.title, exclude_pk=article.pk)
    article.summary = _clean(summary, field="summary", label=_("tóm tắt"), limit=LIMITS["summary"])
    article.body = _clean(body, field="body", label=_("nội dung"))
    article.byline = _clean(byline, field="byline", label=_("tên tác giả"), limit=LIMITS["byline"])
    article.links = _clean_links(links)
    article.search_text = _article_search_text(article)
    article.save()
    _set_tags(article, tags)
    audit_change(
        actor=actor,
        action=AuditAction.ARTICLE_UPDATE,
        obj=article,
        unit=article.unit,
        before=before,
        exclude=NOT_AUDITED,
    )
    if article.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        _after_public_change(article)
    return article


@transaction.atomic
def article_transition(
    *,
    actor: Actor,
    article: Article,
    to: str,
    publish_at: dt.datetime | None = None,
) -> Article:
    """Move an article to the state ``to`` along its lifecycle (``lifecycle.ARTICLE``).
    Publishing sets the publish time to now (or keeps an earlier one; an earlier ``publish_at``
    back-dates an article published elsewhere first); scheduling needs a future
    ``publish_at``. Raises ``InvalidTransition``, ``ValidationFailed``, ``PermissionDenied``."""
    action = _state_action(ARTICLE, to)
    now = timezone.now()

    def apply(locked: Article) -> None:
        if to == ArticleStatus.SCHEDULED:
            if publish_at is None or publish_at <= now:
                raise ValidationFailed(
                    _("Thời điểm hẹn đăng phải ở tương lai."),
                    field="publish_at",
                    code=ErrorCode.SCHEDULE_PAST,
                )
            locked.publish_at = publish_at
        elif to == ArticleStatus.PUBLISHED and (
            locked.publish_at is None or locked.publish_at > now
        ):
            # Publishing now; an earlier time may be given, never a later one.
            locked.publish_at = publish_at if publish_at is not None and publish_at <= now else now

    locked: Article = transition(ARTICLE, actor=actor, obj=article, action=action, apply=apply)
    if to in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        _after_public_change(locked)
    else:
        pk = locked.pk
        transaction.on_commit(lambda: notify_changed("article", str(pk)))
    return locked


def article_publish_due(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """A job: scheduled articles whose time has come become published (they are already shown to
    the public from that time; this records the change), by the platform (``SYSTEM``). Returns
    how many."""
    moment = now or timezone.now()
    count = 0
    due = Article.objects.filter(status=ArticleStatus.SCHEDULED, publish_at__lte=moment)
    for article in due:
        article_transition(actor=actor, article=article, to=ArticleStatus.PUBLISHED)
        count += 1
    return count


# --- photos -------------------------------------------------------------------------------------


@transaction.atomic
def photo_add(
    *,
    actor: Actor,
    article: Article,
    upload: IO[bytes],
    size: int | None = None,
    alt: str,
    caption: str = "",
    credit: str = "",
) -> ArticlePhoto:
    """Attach a photo (checked and re-encoded by ``images.clean_photo``); ``alt`` is required.
    Raises ``ValidationFailed`` (fields ``image``, ``alt``), ``PermissionDenied``."""
    require(actor, MANAGE, article)
    alt = _clean(alt, field="alt", label=_("mô tả ảnh"), limit=255)
    content = clean_photo(upload, size=size)
    position = article.photos.count()
    photo = ArticlePhoto(
        article=article,
        alt=alt,
        caption=_clean(caption, field="caption", label=_("chú thích"), required=False, limit=500),
        credit=_clean(credit, field="credit", label=_("người chụp"), required=False, limit=150),
        position=position,
    )
    photo.image.save(content.name or "anh.jpg", content, save=False)
    photo.save()
    audit_change(actor=actor, action=AuditAction.PHOTO_ADD, obj=photo, unit=article.unit)
    return photo


@transaction.atomic
def photo_remove(*, actor: Actor, photo: ArticlePhoto) -> None:
    require(actor, MANAGE, photo.article)
    audit_record(
        actor=actor,
        action=AuditAction.PHOTO_REMOVE,
        obj=photo,
        unit=photo.article.unit,
        before=snapshot(photo),
    )
    name = photo.image.name
    storage = photo.image.storage
    photo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- readers' feedback --------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *, article: Article, name: str, title: str, content: str, author: User | None = None
) -> Feedback:
    """A reader's feedback, held for moderation; the token is the reader's link to follow it.
    ``author``: the account of a reader signed in when sending it (listed on their "my page";
    the audit record still names no one). Raises ``ValidationFailed`` for empty or overlong
    fields or an article not public."""
    if not article_is_public(article):
        raise ValidationFailed(
            _("Tin bài này không nhận ý kiến."), code=ErrorCode.ARTICLE_NOT_PUBLIC
        )
    title = _clean(title, field="title", label=_("tiêu đề"), limit=200)
    content = _clean(content, field="content", label=_("nội dung"), limit=5000)
    feedback = Feedback.objects.create(
        article=article,
        name=_clean(name, field="name", label=_("họ và tên"), limit=120),
        title=title,
        content=content,
        search_text=fold_for_search(title, content),
        token=secrets.token_urlsafe(24),
        author=author if author is not None and author.is_authenticated else None,
    )
    audit_record(actor=None, action=AuditAction.FEEDBACK_SUBMIT, obj=feedback, unit=article.unit)
    return feedback


@transaction.atomic
def feedback_moderate(*, actor: Actor, feedback: Feedback, to: str, note: str = "") -> Feedback:
    """Publish or reject a reader's feedback (``lifecycle.FEEDBACK``; ``to`` is the state wanted),
    with a note (why it is not published). Raises ``InvalidTransition``, ``PermissionDenied``,
    ``ValidationFailed``."""
    action = _state_action(FEEDBACK, to)

    def apply(locked: Feedback) -> None:
        locked.moderated_at = timezone.now()
        locked.moderated_by = person(actor)
        locked.moderation_note = _clean(
            note, field="note", label=_("lý do"), required=False, limit=255
        )

    moved: Feedback = transition(FEEDBACK, actor=actor, obj=feedback, action=action, apply=apply)
    return moved


@transaction.atomic
def feedback_reply(*, actor: Actor, feedback: Feedback, reply: str) -> Feedback:
    """The unit's answer, shown under the feedback once published and on the reader's page.
    Replying to pending feedback publishes it (``reply_publish``: an answered question is worth
    showing); otherwise the state stays (``reply``)."""
    current = Feedback.objects.only("status").get(pk=feedback.pk)
    action = "reply_publish" if current.status == FeedbackStatus.PENDING else "reply"

    def apply(locked: Feedback) -> None:
        locked.reply = _clean(reply, field="reply", label=_("nội dung trả lời"), limit=5000)
        locked.replied_at = timezone.now()
        locked.replied_by = person(actor)
        locked.reply_unit = locked.article.unit
        if action == "reply_publish":
            locked.moderated_at, locked.moderated_by = locked.replied_at, locked.replied_by

    replied: Feedback = transition(FEEDBACK, actor=actor, obj=feedback, action=action, apply=apply)
    return replied


# --- view counts --------------------------------------------------------------------------------


def visitor_digest(basis: str, day: dt.date) -> str:
    """A visitor's key for one day: salted with the day and the site's secret, so it cannot be
    reversed to an address or joined with another day's."""
    salt = hashlib.sha256(f"{settings.SECRET_KEY}:portal-views:{day.isoformat()}".encode()).digest()
    return hashlib.blake2b(basis.encode(), key=salt[:32], digest_size=16).hexdigest()


def _retry_when_locked(action: Callable[[], T], *, attempts: int = 40) -> T:
    """Run ``action`` again when SQLite reports a lock (a writer holds the database longer than
    the busy timeout, or shared-cache connections in tests): under load a view must wait, not be
    lost. Other errors, and the last attempt's, propagate."""
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(min(0.2, 0.002 * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover


def view_record(*, article: Article, visitor_basis: str, day: dt.date | None = None) -> bool:
    """Buffer one view of ``article`` by a visitor; a second view the same day is ignored.
    One insert, no lock on the article row; ``views_flush`` adds the buffer to the counts.
    Returns True when this was the visitor's first view today."""
    when = day or timezone.localdate()
    visitor = visitor_digest(visitor_basis, when)

    def insert() -> bool:
        try:
            with transaction.atomic():
                ViewHit(article=article, day=when, visitor=visitor).save(force_insert=True)
        except IntegrityError:
            return False
        return True

    return _retry_when_locked(insert)


def views_flush(*, batch: int = 5000) -> int:
    """Add buffered views to the articles' counts, ``batch`` rows per transaction; delete the
    rows of past days (the dedup keys of today stay until tomorrow). Safe to run in several
    workers at once: a row is counted by whoever flips its ``counted`` flag. Returns the
    number of views added."""

    def one_batch() -> tuple[int, int]:
        with transaction.atomic():
            ids = list(
                ViewHit.objects.filter(counted=False)
                .order_by("id")
                .values_list("id", flat=True)[:batch]
            )
            added = 0
            per_article = (
                ViewHit.objects.filter(id__in=ids, counted=False)
                .values("article_id")
                .annotate(n=Count("id"))
                .order_by("article_id")
            )
            for row in per_article:
                flipped = ViewHit.objects.filter(
                    id__in=ids, counted=False, article_id=row["article_id"]
                ).update(counted=True)
                if flipped:
                    Article.objects.filter(pk=row["article_id"]).update(
                        view_count=F("view_count") + flipped
                    )
                    added += flipped
            return len(ids), added

    total = 0
    while True:
        seen, added = _retry_when_locked(one_batch)
        total += added
        if seen < batch:
            break
    today = timezone.localdate()
    _retry_when_locked(lambda: ViewHit.objects.filter(counted=True, day__lt=today).delete()[0])
    return total


# --- audio --------------------------------------------------------------------------------------


@transaction.atomic
def audio_request(*, key: str, text: str) -> AudioTrack:
    """The store of ``core.audio`` (every app asks for audio through ``core.audio.request``):
    keep the request for the spoken version of ``text`` under ``key`` (e.g. ``draft:12``).
    Nothing happens when the same text is already spoken or on its way; otherwise the track is
    marked pending and ``tasks.audio_generate_task`` is enqueued on commit (the old file stays
    playable until the new one replaces it)."""
    digest = tts.text_hash(text)
    track, created = AudioTrack.objects.select_for_update().get_or_create(
        key=key, defaults={"text": text, "text_hash": digest}
    )
    if not created and track.text_hash == digest and track.status != AudioStatus.FAILED:
        return track
    track.text, track.text_hash = text, digest
    track.status, track.error = AudioStatus.PENDING, ""
    track.save()
    from ykien.portal.tasks import audio_generate_task

    transaction.on_commit(lambda: audio_generate_task.enqueue(key=key, text_hash=digest))
    return track


def audio_generate(*, key: str, text_hash: str | None = None) -> AudioTrack | None:
    """Speak the track's text now (run by the worker). Skips a track whose text changed since
    (``text_hash`` no longer current: a newer task will run). Records failures on the track."""
    track = AudioTrack.objects.filter(key=key).first()
    if track is None or (text_hash is not None and track.text_hash != text_hash):
        return track
    if track.status == AudioStatus.READY and track.file:
        return track
    media = Path(settings.MEDIA_ROOT)
    stem = media / "audio" / f"{key.replace(':', '-')}-{track.text_hash[:12]}"
    try:
        result = tts.synthesize(track.text, stem)
    except (tts.SynthesisError, OSError) as exc:
        AudioTrack.objects.filter(pk=track.pk, text_hash=track.text_hash).update(
            status=AudioStatus.FAILED, error=str(exc)[:1000]
        )
        track.refresh_from_db()
        return track
    old = track.file
    relative = result.path.relative_to(media).as_posix()
    updated = AudioTrack.objects.filter(pk=track.pk, text_hash=track.text_hash).update(
        status=AudioStatus.READY,
        file=relative,
        mime=result.mime,
        duration=result.duration,
        error="",
        generated_at=timezone.now(),
    )
    if updated and old and old != relative:
        (media / old).unlink(missing_ok=True)
    if not updated:  # the text changed while we spoke: this file belongs to no one
        result.path.unlink(missing_ok=True)
    track.refresh_from_db()
    return track


def audio_retry_failed() -> int:
    """Re-enqueue every failed track (after espeak-ng was installed). Returns how many."""
    from ykien.portal.tasks import audio_generate_task

    keys = list(
        AudioTrack.objects.filter(status=AudioStatus.FAILED).values_list("key", "text_hash")
    )
    AudioTrack.objects.filter(status=AudioStatus.FAILED).update(
        status=AudioStatus.PENDING, error=""
    )
    for key, digest in keys:
        audio_generate_task.enqueue(key=key, text_hash=digest)
    return len(keys)


# --- search index -------------------------------------------------------------------------------


def _digest(doc: SearchDocument) -> str:
    raw = "\x1f".join(
        [doc.title, doc.body, doc.url, doc.unit, doc.published.isoformat() if doc.published else ""]
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def _fts_write(entry: SearchEntry) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM portal_search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute(
                "INSERT INTO portal_search_fts(rowid, title, body) VALUES (%s, %s, %s)",
                [entry.pk, entry.folded_title, entry.folded_body],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE portal_searchentry SET search_vector = "
                "setweight(to_tsvector('simple', unaccent(%s)), 'A') || "
                "setweight(to_tsvector('simple', unaccent(%s)), 'B') WHERE id = %s",
                [entry.folded_title, entry.folded_body, entry.pk],
            )


def _fts_delete(ids: list[int]) -> None:
    if ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM portal_search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608 (placeholders only)


@transaction.atomic
def search_reindex(*, kind: str | None = None) -> dict[str, int]:
    """Bring the index in line with ``core.search.all_documents()`` (only documents of ``kind``
    when given): add new documents, rewrite changed ones, remove those no longer public.
    Returns counts ``{"added", "updated", "removed", "unchanged"}``."""
    counts = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0}
    existing = {
        (e.kind, e.key): e
        for e in SearchEntry.objects.filter(**({"kind": kind} if kind else {})).only(
            "id", "kind", "key", "digest"
        )
    }
    if kind is None and connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # rows left by a flushed test database or a crash
            cursor.execute(
                "DELETE FROM portal_search_fts WHERE rowid NOT IN (SELECT id FROM portal_searchentry)"
            )
    seen: set[tuple[str, str]] = set()
    for doc in all_documents():
        if kind is not None and doc.kind != kind:
            continue
        ident = (doc.kind, doc.key)
        if ident in seen:
            continue
        seen.add(ident)
        digest = _digest(doc)
        entry = existing.get(ident)
        if entry is not None and entry.digest == digest:
            counts["unchanged"] += 1
            continue
        fields = {
            "title": doc.title[:500],
            "body": doc.body,
            "url": doc.url[:500],
            "published": doc.published,
            "unit": doc.unit[:255],
            "folded_title": fold(doc.title),
            "folded_body": fold(doc.body),
            "digest": digest,
        }
        if entry is None:
            entry = SearchEntry.objects.create(kind=doc.kind, key=doc.key, **fields)
            counts["added"] += 1
        else:
            SearchEntry.objects.filter(pk=entry.pk).update(**fields)
            for name, value in fields.items():
                setattr(entry, name, value)
            counts["updated"] += 1
        _fts_write(entry)
    gone = [e.pk for ident, e in existing.items() if ident not in seen]
    if gone:
        _fts_delete(gone)
        SearchEntry.objects.filter(pk__in=gone).delete()
        counts["removed"] = len(gone)
    return counts
