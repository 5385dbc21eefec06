"""What every section of the consultations services shares: the limits, the permission check
with its message, who is recorded as having acted, and the side effects sent on commit."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ykien.consultations.extract import ExtractError
from ykien.consultations.models import Draft, DraftStatus
from ykien.consultations.permissions import ISSUE, MANAGE
from ykien.core import search
from ykien.core import text as core_text
from ykien.core.errors import PermissionDenied
from ykien.core.permissions import Actor, allows
from ykien.core.permissions import person as person  # who is recorded as having acted
from ykien.core.text import BIDI_CONTROLS_RE, FORBIDDEN_RE, nfc, refuse_forbidden

#: Longest comment, proposed wording or reason accepted (characters, after NFC).
MAX_COMMENT_CHARS = 20_000
#: Reports that hide a comment until an officer reviews it.
REPORT_THRESHOLD = 3
#: Reports of a comment from one client address within this span count once toward the threshold.
REPORT_ADDRESS_WINDOW = dt.timedelta(hours=24)
#: Largest upload accepted for a draft text or a conference attachment.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Time allowed to read and split an uploaded draft text (``settings.DRAFT_PARSE_SECONDS``).
DEFAULT_PARSE_SECONDS = 60

S = DraftStatus

#: What no text typed in the critique may hold: the characters ``core.text.clean_text`` refuses
#: (controls, lone surrogates, non-characters) and the bidirectional controls (U+202A–U+202E,
#: U+2066–U+2069), which show the text after them mirrored or reordered — refused as the
#: dialogue and reception services refuse them. One pattern, so the message names the first.
REFUSED_RE = re.compile(f"{FORBIDDEN_RE.pattern}|{BIDI_CONTROLS_RE.pattern}")


#: ``core.text.clean_text`` (NFC, trimmed, required, length), refusing also a bidirectional
#: control: ``ValidationFailed`` on ``field`` (code ``forbidden_character`` naming the first
#: character refused and its place).
clean_text = functools.partial(core_text.clean_text, refused=REFUSED_RE)


def typed_text(value: str | None, *, field: str, label: str) -> str:
    """A text kept as typed (a reason, a note, a summary): NFC and trimmed, without the
    characters ``core.text.nfc`` drops; a bidirectional control is refused
    (``ValidationFailed`` on ``field``, as ``clean_text``)."""
    refuse_forbidden(value, field=field, label=label, pattern=BIDI_CONTROLS_RE)
    return nfc(value).strip()


def require(actor: Actor, perm: str, obj: Any, message: str) -> None:
    """``core.permissions`` policy, with the service's own message: raise ``PermissionDenied``
    unless ``actor`` (a person or ``SYSTEM``; never ``None``) holds ``perm`` on ``obj``."""
    if not allows(actor, perm, obj):
        raise PermissionDenied(message)


def require_staff(actor: Actor, draft: Draft) -> None:
    require(
        actor,
        MANAGE,
        draft,
        _("Chỉ cán bộ của đơn vị tiếp nhận dự thảo mới được thực hiện việc này."),
    )


def require_leader(actor: Actor, draft: Draft) -> None:
    require(
        actor,
        ISSUE,
        draft,
        _("Chỉ lãnh đạo đơn vị mới được duyệt và ban hành văn bản phản biện."),
    )


def notify_search(draft: Draft) -> None:
    transaction.on_commit(lambda: search.notify_changed("draft", str(draft.pk)))


def extract_message(exc: ExtractError) -> str:
    """The extraction error in the reader's language (the extractor carries both)."""
    return exc.message_en if (get_language() or "vi").startswith("en") else str(exc.message)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def remove_files(fields: Iterable[Any]) -> None:
    """Delete the stored files of these file fields (written before a failed write)."""
    for field in fields:
        if field.name and field.storage.exists(field.name):
            field.storage.delete(field.name)


@contextlib.contextmanager
def file_removed_on_error(*fields: Any) -> Iterator[None]:
    """Files written before the rows that point to them are removed if writing them fails."""
    try:
        yield
    except BaseException:
        remove_files(fields)
        raise


#: A text a form of the critique writes on a record: ``(label, required, longest)``.
TextRule = tuple[Any, bool, int]


def set_texts(record: Any, data: dict[str, Any], rules: dict[str, TextRule]) -> None:
    """Each text named in ``rules`` from ``data`` onto ``record``, cleaned (NFC, trimmed, no
    forbidden character: ``core.text.clean_text``). Raises ``ValidationFailed`` on the first
    text refused (missing but required, or too long), in the order of ``rules``."""
    for name, (label, required, limit) in rules.items():
        text = clean_text(
            data.get(name, ""), field=name, label=str(label), required=required, limit=limit
        )
        setattr(record, name, text)
