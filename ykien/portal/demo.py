"""Demo data of the portal: twenty articles (``demo_articles``) with photos drawn for the demo,
readers' feedback (published, answered, pending, rejected), view counts, the search index.
Idempotent: an article that exists (same slug) is left as it is. The audio versions are queued
for the worker (``ykien demo`` starts one)."""

from __future__ import annotations

import datetime as dt
import io
import random
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import timezone

from ykien.core.models import Unit, User
from ykien.portal import markup, services
from ykien.portal.demo_articles import ARTICLES
from ykien.portal.demo_photos import draw_photo
from ykien.portal.models import Article, ArticleStatus, Feedback, ViewHit

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_TODAY = dt.date(2026, 11, 26)


def _moment(days: int, index: int) -> dt.datetime:
    """``days`` before the demo's today (or after it, when negative), at a working hour."""
    day = DEMO_TODAY - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(7 + index % 9, (index * 17) % 60), tzinfo=TZ)


def _seed_views(article: Article, rng: random.Random, days: int) -> None:
    """Past days' views, through the same buffer as real ones (then flushed)."""
    if days <= 0:
        return
    hits = []
    for back in range(min(days, 20)):
        day = DEMO_TODAY - dt.timedelta(days=back + 1)
        for n in range(rng.randint(5, 60) if back < 7 else rng.randint(0, 8)):
            hits.append(
                ViewHit(
                    article=article,
                    day=day,
                    visitor=services.visitor_digest(f"demo-{article.pk}-{n}", day),
                )
            )
    ViewHit.objects.bulk_create(hits, ignore_conflicts=True)


def load(out: Any) -> None:
    created = 0
    rng = random.Random(86)  # noqa: S311 (demo figures, not security)
    author = User.objects.filter(username="canbo.tinh").first()
    for index, spec in enumerate(ARTICLES):
        slug = markup.slug_for(spec["title"])
        if Article.objects.filter(slug=slug).exists():
            continue
        unit = Unit.objects.filter(code=spec["unit"]).first()
        if unit is None:
            out.write(f"  (bỏ qua: không có đơn vị {spec['unit']})\n")
            continue
        with transaction.atomic():
            article = services.article_create(
                actor=None,
                unit=unit,
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
                byline=spec["byline"],
                tags=spec["tags"],
            )
            if author is not None and spec["unit"] == "MTTQ-86":
                Article.objects.filter(pk=article.pk).update(author=author)
            for n, (scene, label, caption, alt) in enumerate(spec["photos"]):
                data = draw_photo(scene, label, seed=index * 10 + n)
                services.photo_add(
                    actor=None,
                    article=article,
                    upload=io.BytesIO(data),
                    size=len(data),
                    alt=alt,
                    caption=caption,
                    credit=spec["byline"],
                )
            when = _moment(spec["days"], index)
            if spec["days"] < 0:
                article = services.article_transition(
                    actor=None, article=article, to=ArticleStatus.SCHEDULED, publish_at=when
                )
            else:
                article = services.article_transition(
                    actor=None, article=article, to=ArticleStatus.PUBLISHED, publish_at=when
                )
            for k, (name, title, content, status, reply) in enumerate(spec["feedback"]):
                feedback = services.feedback_submit(
                    article=article, name=name, title=title, content=content
                )
                moderator = (
                    author
                    if author is not None and author.has_perm("portal.moderate_feedback", feedback)
                    else None
                )
                if reply:
                    services.feedback_reply(actor=moderator, feedback=feedback, reply=reply)
                elif status != "pending":
                    services.feedback_moderate(actor=moderator, feedback=feedback, to=status)
                sent = when + dt.timedelta(hours=3 + 5 * k)
                Feedback.objects.filter(pk=feedback.pk).update(
                    created_at=sent,
                    moderated_at=sent + dt.timedelta(hours=20) if status != "pending" else None,
                    replied_at=sent + dt.timedelta(days=1) if reply else None,
                )
            _seed_views(article, rng, spec["days"])
        created += 1
    flushed = services.views_flush()
    counts = services.search_reindex()
    out.write(
        f"  tin bài mới: {created}; lượt xem đã cộng: {flushed}; chỉ mục tìm kiếm: "
        + ", ".join(f"{k}={v}" for k, v in counts.items())
        + "\n"
    )
    if timezone.localdate() != DEMO_TODAY:
        out.write(
            f"  (ngày trình diễn: {DEMO_TODAY:%d/%m/%Y}; hôm nay: {timezone.localdate():%d/%m/%Y})\n"
        )
