"""Demo data of the portal: twenty articles (``demo_articles``) with photos drawn for the demo,
readers' feedback (published, answered, pending, rejected), view counts, the search index.
The news is dated relative to the day the demo is loaded (one article scheduled two days ahead),
the two articles of 2025 on their day. Idempotent: an article that exists (same slug) is left as
it is. The audio versions are queued for the worker (``ykien demo`` starts one)."""

from __future__ import annotations

import datetime as dt
import io
import random
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from ykien.core.models import Unit, User
from ykien.core.permissions import SYSTEM
from ykien.portal import markup, services
from ykien.portal.demo_articles import ARTICLES
from ykien.portal.demo_photos import draw_photo
from ykien.portal.models import Article, ArticleStatus, Feedback, ViewHit

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _day(spec: dict[str, Any], today: dt.date) -> dt.date:
    """The day of an article: its own (``on``), or ``days`` before today (after, if negative)."""
    return spec.get("on") or today - dt.timedelta(days=spec["days"])


def _moment(day: dt.date, index: int) -> dt.datetime:
    """A working hour of ``day`` (local time)."""
    return dt.datetime.combine(day, dt.time(7 + index % 9, (index * 17) % 60), tzinfo=TZ)


def fill(text: str, day: dt.date) -> str:
    """An article's text with the years named by the day it is published (``demo_articles``)."""
    school = day.year if day.month >= 9 else day.year - 1
    values = {
        "{year}": str(day.year),
        "{next_year}": str(day.year + 1),
        "{two_years_ago}": str(day.year - 2),
        "{plan_period}": f"{day.year + 1}–{day.year + 4}",
        "{school_year}": f"{school}–{school + 1}",
        "{season}": f"{day.year}–{day.year + 1}",
        "{date}": f"{day.day}/{day.month}/{day.year}",
    }
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def _seed_views(article: Article, rng: random.Random, days: int, today: dt.date) -> None:
    """Past days' views, through the same buffer as real ones (then flushed)."""
    if days <= 0:
        return
    hits = []
    for back in range(min(days, 20)):
        day = today - dt.timedelta(days=back + 1)
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
    today = timezone.localdate()
    rng = random.Random(86)  # noqa: S311 (demo figures, not security)
    author = User.objects.filter(username="canbo.tinh").first()
    for index, spec in enumerate(ARTICLES):
        day = _day(spec, today)
        slug = markup.slug_for(fill(spec["title"], day))
        if Article.objects.filter(slug=slug).exists():
            continue
        unit = Unit.objects.filter(code=spec["unit"]).first()
        if unit is None:
            out.write(f"  (bỏ qua: không có đơn vị {spec['unit']})\n")
            continue
        with transaction.atomic():
            article = services.article_create(
                actor=SYSTEM,
                unit=unit,
                title=fill(spec["title"], day),
                summary=fill(spec["summary"], day),
                body=fill(spec["body"], day),
                byline=spec["byline"],
                tags=spec["tags"],
            )
            if author is not None and spec["unit"] == "MTTQ-86":
                Article.objects.filter(pk=article.pk).update(author=author)
            for n, (scene, label, caption, alt) in enumerate(spec["photos"]):
                data = draw_photo(scene, fill(label, day), seed=index * 10 + n)
                services.photo_add(
                    actor=SYSTEM,
                    article=article,
                    upload=io.BytesIO(data),
                    size=len(data),
                    alt=fill(alt, day),
                    caption=fill(caption, day),
                    # The pictures are drawn for the demo, not taken by the writer: a
                    # standard credit, stored in Vietnamese and translated on the page.
                    credit=gettext_noop("Minh họa"),
                )
            when = _moment(day, index)
            if day > today:
                article = services.article_transition(
                    actor=SYSTEM, article=article, to=ArticleStatus.SCHEDULED, publish_at=when
                )
            else:
                article = services.article_transition(
                    actor=SYSTEM, article=article, to=ArticleStatus.PUBLISHED, publish_at=when
                )
            for k, (name, title, content, status, reply) in enumerate(spec["feedback"]):
                feedback = services.feedback_submit(
                    article=article, name=name, title=title, content=content
                )
                moderator = (
                    author
                    if author is not None and author.has_perm("portal.moderate_feedback", feedback)
                    else SYSTEM
                )
                if reply:
                    services.feedback_reply(actor=moderator, feedback=feedback, reply=reply)
                elif status != "pending":
                    services.feedback_moderate(actor=moderator, feedback=feedback, to=status)
                sent = when + dt.timedelta(hours=3 + 5 * k)
                now = timezone.now()  # an article of two days ago: nothing after this moment
                Feedback.objects.filter(pk=feedback.pk).update(
                    created_at=min(sent, now),
                    moderated_at=min(sent + dt.timedelta(hours=20), now)
                    if status != "pending"
                    else None,
                    replied_at=min(sent + dt.timedelta(days=1), now) if reply else None,
                )
            _seed_views(article, rng, (today - day).days, today)
        created += 1
    flushed = services.views_flush()
    counts = services.search_reindex()
    out.write(
        f"  tin bài mới: {created}; lượt xem đã cộng: {flushed}; chỉ mục tìm kiếm: "
        + ", ".join(f"{k}={v}" for k, v in counts.items())
        + "\n"
    )
