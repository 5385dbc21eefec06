"""What people can follow, and what each public step of a lifecycle tells those who follow.

An app declares, in its ``follow.py`` (found by the app manifest):

- ``FOLLOWABLES``: the kinds of record it offers to follow or to name in a notification, each a
  ``Followable`` — how to load one by id, its title and public address, and who may see it now.
  ``visible(None, obj)`` says whether anyone may (a public record); a record that stops being
  public (a petition whose sender withdrew consent, a draft taken down) stops every notification
  about it at once, because visibility is asked at delivery, for each recipient.
- ``NOTICES``: for each event of a lifecycle that is public (``core.events`` names), a ``Notice``
  — the text followers read (a translatable template with ``%(title)s``, stored as the event's
  name and translated when read), the record the notification is about, the followed records
  it reaches, and the people told directly (the author of a comment whose point was answered,
  the sender of a petition).

The participation app subscribes to the events and delivers; the domain apps never import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ykien.core.events import Event

Ref = tuple[str, str]  # (followable kind, object id)


def object_pk(object_id: str) -> int | None:
    """The primary key an object id names (ASCII digits, within 64 bits), or None."""
    if object_id.isascii() and object_id.isdigit() and len(object_id) < 19:
        return int(object_id) or None
    return None


def getter(model: Any, related: tuple[str, ...] = ()) -> Callable[[str], Any | None]:
    """A ``Followable.get`` that loads a row of ``model`` by its id (with ``related``)."""

    def get(object_id: str) -> Any | None:
        pk = object_pk(object_id)
        if pk is None:
            return None
        return model._default_manager.select_related(*related).filter(pk=pk).first()

    return get


def _no_one(event: Event) -> Iterable[Any]:
    return ()


@dataclass(frozen=True)
class Followable:
    """A kind of record people may follow (``followable``) or be told about."""

    kind: str  # "consultations.draft"
    label: Any  # lazy: "dự thảo"
    get: Callable[
        [str], Any | None
    ]  # the record with this id, or None (gone, or not public at all)
    title: Callable[[Any], str]
    url: Callable[[Any], str]  # its public page (path)
    visible: Callable[[Any, Any], bool]  # (user or None, obj): may this person see it now?
    followable: bool = True  # False: only named in notifications (a comment, a point)


@dataclass(frozen=True)
class Notice:
    """What a public event tells people."""

    event: str  # "consultations.draft.publish"
    text: Any  # lazy template with %(title)s
    subject: Callable[[Event], Ref | None]  # what the notification is about (None: no notice)
    # The followed records the event reaches (default: the subject alone).
    reaches: Callable[[Event], Iterable[Ref]] | None = None
    # People told whether or not they follow: (user id, the record their notice is about).
    direct: Callable[[Event], Iterable[tuple[int, Ref]]] = field(default=_no_one)
    # Addresses told by mail whether or not they follow (a sender without an account):
    # (address, language, the record their notice is about).
    emails: Callable[[Event], Iterable[tuple[str, str, Ref]]] = field(default=_no_one)
    direct_text: Any = None  # the text for those told directly, if it differs

    def followed(self, event: Event) -> list[Ref]:
        if self.reaches is not None:
            return list(self.reaches(event))
        subject = self.subject(event)
        return [subject] if subject else []


_followables: dict[str, Followable] = {}
_notices: dict[str, list[Notice]] = {}


def register(followables: Iterable[Followable] = (), notices: Iterable[Notice] = ()) -> None:
    for item in followables:
        _followables[item.kind] = item
    for notice in notices:
        found = _notices.setdefault(notice.event, [])
        if notice not in found:
            found.append(notice)


def followable(kind: str) -> Followable | None:
    return _followables.get(kind)


def followables() -> list[Followable]:
    return list(_followables.values())


def notices_for(event_name: str) -> list[Notice]:
    return list(_notices.get(event_name, ()))


def notice_events() -> list[str]:
    return sorted(_notices)


def text_of(event_name: str, *, direct: bool = False) -> Any:
    """The template a notification of this event is read with (``None``: no longer known)."""
    for notice in _notices.get(event_name, ()):
        if direct and notice.direct_text is not None:
            return notice.direct_text
        return notice.text
    return None


def load(ref: Ref) -> tuple[Followable, Any] | None:
    """The followable kind and the record a reference names, or None."""
    kind, object_id = ref
    item = _followables.get(kind)
    if item is None:
        return None
    obj = item.get(str(object_id))
    return None if obj is None else (item, obj)
