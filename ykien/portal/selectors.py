"""Reads of the portal: public articles, feedback, audio versions, search, home figures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.analysis.text import tokens
from ykien.core import audio as tts
from ykien.core import lists
from ykien.core import selectors as core_selectors
from ykien.core.models import Role, Unit, User
from ykien.portal.models import (
    Article,
    ArticleStatus,
    AudioStatus,
    AudioTrack,
    Feedback,
    FeedbackStatus,
    SearchEntry,
    Tag,
)

KIND_LABELS = {
    "article": gettext_lazy("Tin tức"),
    "draft": gettext_lazy("Dự thảo"),
    "clause": gettext_lazy("Điều khoản dự thảo"),
    "recommendation": gettext_lazy("Kiến nghị sau giám sát"),
    "activity": gettext_lazy("Hoạt động giám sát"),
    "critique": gettext_lazy("Văn bản phản biện"),
    "dialogue": gettext_lazy("Đối thoại trực tiếp"),
    "commitment": gettext_lazy("Cam kết tại đối thoại"),
    "reception": gettext_lazy("Lịch tiếp công dân"),
}
MAX_SEARCH_HITS = 1000


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


# --- articles -----------------------------------------------------------------------------------


def public_articles_q(now: dt.datetime | None = None) -> Q:
    """Published, or scheduled and its time has come."""
    moment = now or timezone.now()
    return Q(status=ArticleStatus.PUBLISHED) | Q(
        status=ArticleStatus.SCHEDULED, publish_at__lte=moment
    )


def articles_public(*, tag: str = "", unit_code: str = "") -> QuerySet[Article]:
    """Public articles, newest first, optionally of one tag (slug) or one unit (code)."""
    qs = Article.objects.filter(public_articles_q()).select_related("unit")
    if tag:
        qs = qs.filter(tags__slug=tag)
    if unit_code:
        qs = qs.filter(unit__code=unit_code)
    return qs.prefetch_related("photos", "tags").order_by("-publish_at", "-id")


def article_public_get(*, slug: str) -> Article | None:
    return (
        Article.objects.filter(public_articles_q(), slug=slug)
        .select_related("unit")
        .prefetch_related("photos", "tags")
        .first()
    )


def tags_in_use() -> QuerySet[Tag]:
    return (
        Tag.objects.filter(articles__in=Article.objects.filter(public_articles_q()))
        .annotate(n=Count("articles", distinct=True))
        .order_by("name")
    )


def units_with_articles() -> QuerySet[Unit]:
    ids = Article.objects.filter(public_articles_q()).values("unit_id")
    return Unit.objects.filter(pk__in=ids).order_by("name")


def latest_articles(*, limit: int = 5) -> list[Article]:
    return list(articles_public()[:limit])


@dataclass(frozen=True)
class LinkedDocument:
    kind: str
    kind_label: str
    title: str
    url: str


def article_links(*, article: Article) -> list[LinkedDocument]:
    """The drafts, supervision activities… an article links to, as the search index knows them
    (a link to a document no longer public disappears)."""
    result: list[LinkedDocument] = []
    for link in article.links or []:
        entry = SearchEntry.objects.filter(kind=link.get("kind"), key=link.get("key")).first()
        if entry is not None:
            result.append(
                LinkedDocument(entry.kind, kind_label(entry.kind), entry.title, entry.url)
            )
    return result


def linkable_documents(*, limit: int = 500) -> list[tuple[str, str]]:
    """Choices for an article's links: public documents of other apps, ``kind:key`` → label."""
    entries = (
        SearchEntry.objects.exclude(kind__in=["article", "clause"])
        .order_by("kind", "-published", "title")
        .only("kind", "key", "title")[:limit]
    )
    return [(f"{e.kind}:{e.key}", f"{kind_label(e.kind)} — {e.title}") for e in entries]


def editor_unit_ids(*, user: User) -> set[int] | None:
    """Units whose articles ``user`` edits (None: all, for a superuser)."""
    if user.is_superuser:
        return None
    return core_selectors.user_scope_unit_ids(
        user=user, roles=[Role.OFFICER, Role.LEADER, Role.ADMIN]
    )


def editor_units(*, user: User) -> list[Unit]:
    """Units ``user`` may write articles for, in force today."""
    if user.is_superuser:
        return list(
            Unit.objects.valid_on(core_selectors.today()).filter(level="province").order_by("name")
        )
    return [
        unit
        for unit in core_selectors.user_units(
            user=user, roles=[Role.OFFICER, Role.LEADER, Role.ADMIN]
        )
        if unit.is_valid_on(core_selectors.today())
    ]


def articles_for_editor(
    *,
    user: User,
    status: str = "",
    terms: Sequence[str] = (),
    ordering: Sequence[str] = (),
) -> QuerySet[Article]:
    """The articles of ``user``'s units, each with ``pending``: its feedback awaiting
    moderation; last edited first unless ``ordering`` says otherwise. ``terms``: folded words
    that must each begin a word of the title, the summary or the byline (``core.lists.search``)."""
    qs = Article.objects.select_related("unit").annotate(
        pending=Count("feedback", filter=Q(feedback__status=FeedbackStatus.PENDING))
    )
    scope = editor_unit_ids(user=user)
    if scope is not None:
        qs = qs.filter(unit_id__in=scope)
    if status:
        qs = qs.filter(status=status)
    qs = lists.search(qs, "search_text", terms)
    return qs.order_by(*(ordering or ("-updated_at", "-id")))


# --- feedback -----------------------------------------------------------------------------------


def article_feedback_public(*, article: Article) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(article=article, status=FeedbackStatus.PUBLISHED)
        .select_related("reply_unit")
        .order_by("created_at", "id")
    )


def feedback_by_token(*, token: str) -> Feedback | None:
    if not token or len(token) > 43:
        return None
    return Feedback.objects.filter(token=token).select_related("article", "reply_unit").first()


def feedback_for_moderation(
    *,
    user: User,
    status: str = FeedbackStatus.PENDING,
    answered: bool | None = None,
    terms: Sequence[str] = (),
    ordering: Sequence[str] = (),
) -> QuerySet[Feedback]:
    """Readers' feedback on the articles of ``user``'s units, oldest first unless ``ordering``
    says otherwise. ``terms``: folded words that must each begin a word of the title or the
    content (``core.lists.search``); ``answered``: with (True) or without (False) a reply."""
    qs = Feedback.objects.select_related("article", "article__unit")
    scope = editor_unit_ids(user=user)
    if scope is not None:
        qs = qs.filter(article__unit_id__in=scope)
    if status:
        qs = qs.filter(status=status)
    if answered is not None:
        qs = qs.exclude(reply="") if answered else qs.filter(reply="")
    qs = lists.search(qs, "search_text", terms)
    return qs.order_by(*(ordering or ("created_at", "id")))


@dataclass(frozen=True)
class FeedbackFigures:
    received: int
    published: int
    answered: int


def feedback_figures() -> FeedbackFigures:
    """Readers' feedback on the public site: received, published, answered by the unit."""
    row = Feedback.objects.aggregate(
        received=Count("id"),
        published=Count("id", filter=Q(status=FeedbackStatus.PUBLISHED)),
        answered=Count("id", filter=~Q(reply="")),
    )
    return FeedbackFigures(row["received"], row["published"], row["answered"])


# --- audio --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AudioInfo:
    """What the page shows: a player (``url``) or the reason there is none."""

    available: bool
    url: str = ""
    mime: str = ""
    duration: float | None = None
    reason: str = ""

    @property
    def duration_label(self) -> str:
        if self.duration is None:
            return ""
        total = round(self.duration)
        minutes, seconds = divmod(total, 60)
        if minutes:
            return _("%(m)d phút %(s)02d giây") % {"m": minutes, "s": seconds}
        return _("%(s)d giây") % {"s": seconds}

    @property
    def duration_iso(self) -> str:
        total = round(self.duration or 0)
        return f"PT{total // 60}M{total % 60}S"


def audio_for(*, key: str) -> AudioInfo:
    """The spoken version of the text ``key`` (``article:12``, ``draft:5``), or why there is none."""
    track = AudioTrack.objects.filter(key=key).first()
    if track is not None and track.file and (Path(settings.MEDIA_ROOT) / track.file).exists():
        # A ready file stays playable while a newer version is being made.
        return AudioInfo(
            True,
            url=reverse("portal:audio", kwargs={"key": key}),
            mime=track.mime,
            duration=track.duration,
        )
    if tts.espeak_path() is None:
        return AudioInfo(
            False,
            reason=_(
                "Chưa có bản nghe: máy chủ chưa cài chương trình đọc tiếng Việt espeak-ng "
                "(gói Debian “espeak-ng”)."
            ),
        )
    if track is None:
        return AudioInfo(False, reason=_("Chưa có bản nghe cho nội dung này."))
    if track.status == AudioStatus.FAILED:
        return AudioInfo(
            False, reason=_("Không tạo được bản nghe; quản trị viên đã được ghi nhận lỗi.")
        )
    return AudioInfo(False, reason=_("Bản nghe đang được tạo, xin quay lại sau ít phút."))


def audio_file(*, key: str) -> tuple[Path, str] | None:
    """The file of a ready track and its MIME type."""
    track = AudioTrack.objects.filter(key=key).exclude(file="").first()
    if track is None:
        return None
    path = Path(settings.MEDIA_ROOT) / track.file
    return (path, track.mime) if path.is_file() else None


# --- search -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: list[tuple[str, bool]]  # (text, matched) pieces; the template escapes them
    published: dt.datetime | None
    unit: str


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: list[str]
    hits: list[SearchHit]
    total: int
    kinds: list[tuple[str, str, int]]  # (kind, label, count) among the matches


def _matching_ids(terms: list[str], *, phrase: bool) -> list[int]:
    """Ids of the entries that contain every term (in this order and adjacent when
    ``phrase``), best first: bm25 with the title weighted 4:1 on SQLite, ts_rank_cd with the
    title weighted A on PostgreSQL. Terms are folded words (letters and digits only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = f'"{" ".join(terms)}"' if phrase else " ".join(f'"{t}"' for t in terms)
            cursor.execute(
                "SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s "
                "ORDER BY bm25(portal_search_fts, 4.0, 1.0) LIMIT %s",
                [match, MAX_SEARCH_HITS],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT e.id FROM portal_searchentry e, to_tsquery('simple', unaccent(%s)) q "
                "WHERE e.search_vector @@ q "
                "ORDER BY ts_rank_cd(e.search_vector, q) DESC, e.published DESC NULLS LAST, e.id "
                "LIMIT %s",
                [(" <-> " if phrase else " & ").join(terms), MAX_SEARCH_HITS],
            )
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            return []
        return [row[0] for row in cursor.fetchall()]


def _ranked_ids(terms: list[str]) -> list[int]:
    """Documents with the words as a phrase first ("hoa giai" → "hòa giải"), then those that
    have all the words anywhere."""
    ranked = _matching_ids(terms, phrase=True) if len(terms) > 1 else []
    seen = set(ranked)
    ranked += [i for i in _matching_ids(terms, phrase=False) if i not in seen]
    return ranked[:MAX_SEARCH_HITS]


_WORD = re.compile(r"\S+")


def snippet(text: str, terms: list[str], *, width: int = 32) -> list[tuple[str, bool]]:
    """About ``width`` words of ``text`` around the first matched term, with the matched words
    marked; matching is on the folded words, so "giam sat" marks "giám sát"."""
    words = _WORD.findall(text)
    if not words:
        return []
    wanted = set(terms)
    folded = [" ".join(tokens(word)) for word in words]
    first = next((i for i, f in enumerate(folded) if set(f.split()) & wanted), 0)
    start = max(0, first - width // 3)
    end = min(len(words), start + width)
    pieces: list[tuple[str, bool]] = []
    if start > 0:
        pieces.append(("… ", False))
    for i in range(start, end):
        pieces.append((words[i], bool(set(folded[i].split()) & wanted)))
        if i < end - 1:
            pieces.append((" ", False))
    if end < len(words):
        pieces.append((" …", False))
    return pieces


def search(*, query: str, kind: str = "", offset: int = 0, limit: int = 20) -> SearchResults:
    """Ranked full-text search of the public documents, insensitive to diacritics and to the
    old/new tone placement ("giam sat" → "giám sát"; "hoa" → "hòa", "hoà"). Documents whose
    publish time has not come are left out."""
    terms = list(dict.fromkeys(tokens(query)))[:12]
    if not terms:
        return SearchResults(query, [], [], 0, [])
    ranked = _ranked_ids(terms)
    now = timezone.now()
    entries = {
        e.pk: e
        for e in SearchEntry.objects.filter(pk__in=ranked).filter(
            Q(published__isnull=True) | Q(published__lte=now)
        )
    }
    ordered = [entries[i] for i in ranked if i in entries]
    counts: dict[str, int] = {}
    for entry in ordered:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    if kind:
        ordered = [e for e in ordered if e.kind == kind]
    hits = [
        SearchHit(
            kind=e.kind,
            kind_label=kind_label(e.kind),
            title=e.title,
            url=e.url,
            snippet=snippet(e.body, terms),
            published=e.published,
            unit=e.unit,
        )
        for e in ordered[offset : offset + limit]
    ]
    kinds = [(k, kind_label(k), n) for k, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return SearchResults(query, terms, hits, len(ordered), kinds)
