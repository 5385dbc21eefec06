"""A person's follows and notifications on "my page", in "download my data", and erased with
the account (``core.mine``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ykien.core import follow
from ykien.core.mine import MyItem, Section
from ykien.participation import services
from ykien.participation.delivery import delivery_of
from ykien.participation.models import Delivery, Follow, Notification
from ykien.participation.text import told


def _followed(user: Any) -> list[tuple[Follow, str, str, str]]:
    rows = []
    for f in Follow.objects.filter(user=user).order_by("-created_at"):
        loaded = follow.load((f.kind, f.object_id))
        if loaded is None or not loaded[0].visible(user, loaded[1]):
            rows.append((f, "", "", _("Nội dung không còn được công khai")))
            continue
        item, obj = loaded
        rows.append((f, str(item.label).capitalize(), item.title(obj), item.url(obj)))
    return rows


def items(user: Any) -> list[MyItem]:
    found = []
    for f, label, title, url in _followed(user):
        found.append(
            MyItem(
                kind=label or _("Theo dõi"),
                title=title or url,
                url=url if title else "",
                date=f.created_at,
                status=_("Đang theo dõi"),
                section=Section.FOLLOWING,
            )
        )
    return found


def export(user: Any) -> dict[str, Any]:
    return {
        "delivery": str(Delivery(delivery_of(user)).label),
        "follows": [
            {"what": label, "title": title, "url": url if title else "", "since": f.created_at}
            for f, label, title, url in _followed(user)
        ],
        "notifications": [
            {
                "text": told(n.event, (n.kind, n.object_id), direct=n.direct, user=user).text,
                "at": n.created_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(user=user)
        ],
    }


def erase(user: Any) -> int:
    return services.forget_person(user)
