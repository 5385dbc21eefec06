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


def told(event: str, ref: follow.Ref, *, direct: bool = False, user: Any = None) -> Told:
    """The sentence for ``event`` about ``ref`` and where it leads; a record that is gone or no
    longer visible to the reader is named without its title and without a link."""
    template = follow.text_of(event, direct=direct)
    loaded = follow.load(ref)
    visible = False
    title = ""
    url = ""
    if loaded is not None:
        item, obj = loaded
        try:
            visible = bool(item.visible(user, obj))
        except Exception:
            visible = False
        if visible:
            # The sentence closes its own quotation: a title's last full stop would double it.
            title = item.title(obj).rstrip(" .")
            url = item.url(obj)
    if not visible:
        return Told(_("Một nội dung bạn theo dõi đã thay đổi nhưng không còn được công khai."), "")
    if template is None:
        return Told(_("“%(title)s” có cập nhật mới.") % {"title": title}, url)
    return Told(str(template) % {"title": title}, url)
