"""What a notification says, in the reader's language, read at display time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ykien.core import follow


@dataclass(frozen=True)
class Told:
    text: str
    url: str  # path of the record's page ("" if it is no longer there to see)


def written(template: Any, item: follow.Followable, obj: Any) -> Told:
    """``template`` (or, for an event no longer known, a plain "has an update") about ``obj``,
    and its page."""
    # The sentence closes its own quotation: a title's last full stop would double it.
    title = item.title(obj).rstrip(" .")
    text = str(template) if template is not None else _("“%(title)s” có cập nhật mới.")
    return Told(text % {"title": title}, item.url(obj))


def told(event: str, ref: follow.Ref, *, direct: bool = False, user: Any = None) -> Told:
    """The sentence for ``event`` about ``ref`` and where it leads; a record that is gone or no
    longer visible to the reader is named without its title and without a link."""
    loaded = follow.load(ref)
    visible = False
    if loaded is not None:
        try:
            visible = bool(loaded[0].visible(user, loaded[1]))
        except Exception:
            visible = False
    if loaded is None or not visible:
        return Told(_("Một nội dung bạn theo dõi đã thay đổi nhưng không còn được công khai."), "")
    return written(follow.text_of(event, direct=direct), *loaded)
