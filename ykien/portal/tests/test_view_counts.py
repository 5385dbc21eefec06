from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from ykien.portal import services
from ykien.portal.models import Article, ViewHit

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def _views(article):
    services.views_flush()
    return Article.objects.get(pk=article.pk).view_count


@pytest.mark.django_db
def test_reloads_by_one_visitor_count_once_a_day(article, client):
    for _ in range(3):
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert _views(article) == 1
    assert len(client.cookies["ykv"].value) == 32


@pytest.mark.django_db
def test_first_view_without_cookie_and_later_ones_with_it_share_one_key(article, client):
    first = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    cookie = first.cookies["ykv"].value
    client.cookies.clear()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # same address and browser
    client.cookies["ykv"] = cookie
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert _views(article) == 1


@pytest.mark.django_db
def test_different_visitors_count_and_the_next_day_counts_again(article):
    assert services.view_record(article=article, visitor_basis="a" * 32, day=dt.date(2026, 11, 25))
    assert services.view_record(article=article, visitor_basis="b" * 32, day=dt.date(2026, 11, 25))
    assert not services.view_record(
        article=article, visitor_basis="a" * 32, day=dt.date(2026, 11, 25)
    )
    assert services.view_record(article=article, visitor_basis="a" * 32, day=dt.date(2026, 11, 26))
    assert _views(article) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0",
        "",
    ],
)
def test_bots_are_not_counted(article, client, agent):
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert ViewHit.objects.count() == 0


@pytest.mark.django_db
def test_prefetch_is_not_a_view(article, client):
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    assert ViewHit.objects.count() == 0


@pytest.mark.django_db
def test_no_personal_data_is_stored(article, client):
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    hit = ViewHit.objects.get()
    assert "203.0.113.7" not in hit.visitor
    assert len(hit.visitor) == 32
    # the same visitor on another day has an unrelated key
    other_day = services.visitor_digest(client.cookies["ykv"].value, dt.date(2000, 1, 1))
    assert other_day != hit.visitor


@pytest.mark.django_db
def test_flush_deletes_past_days_and_keeps_todays_keys(article):
    services.view_record(article=article, visitor_basis="x", day=dt.date(2020, 1, 1))
    services.view_record(article=article, visitor_basis="x")
    assert services.views_flush() == 2
    assert list(ViewHit.objects.values_list("counted", flat=True)) == [True]
    assert services.views_flush() == 0
    assert Article.objects.get(pk=article.pk).view_count == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_and_flushes_lose_nothing(article):
    """Eight readers' threads record views (each visitor twice) while two workers flush."""
    visitors_per_thread, threads = 25, 8
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader(n: int) -> None:
        try:
            for i in range(visitors_per_thread):
                for _repeat in range(2):
                    services.view_record(article=article, visitor_basis=f"t{n}-v{i}")
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    def flusher() -> None:
        try:
            while not stop.wait(0.01):  # workers flush now and then, not in a busy loop
                services.views_flush(batch=7)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=flusher) for _ in range(2)]
    readers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for t in workers + readers:
        t.start()
    for t in readers:
        t.join()
    stop.set()
    for t in workers:
        t.join()
    assert errors == []
    services.views_flush()
    assert Article.objects.get(pk=article.pk).view_count == visitors_per_thread * threads
    assert ViewHit.objects.filter(counted=False).count() == 0
