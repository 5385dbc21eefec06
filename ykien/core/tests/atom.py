"""What every feed test checks first: an Atom answer that feedparser reads without a fault."""

from __future__ import annotations

from typing import Any

import feedparser


def parse(response: Any) -> Any:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed
