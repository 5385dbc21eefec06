"""Links in the site's main navigation; apps add theirs from ``AppConfig.ready()``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy

# The menu names whole sections. Where English needs another word for a section than for one of
# its records (the menu's "Dự thảo" is "Drafts", a form's "Dự thảo" is one "Draft"; "Đơn vị" is
# "Units" and a table's column "Unit"), the catalogue has the section's word in this context and
# the menu shows it; other labels are shown as the app registered them.
MENU_CONTEXT = "trình đơn"
# The words that have a section's sense in MENU_CONTEXT, written out (the context too: xgettext
# reads literals only) so that makemessages finds them; an app registers its label without one.
MENU_WORDS = (pgettext_lazy("trình đơn", "Dự thảo"), pgettext_lazy("trình đơn", "Đơn vị"))


@dataclass(frozen=True)
class NavItem:
    """A menu link. ``permission``: the permission its view checks (``user.has_perm``), so that
    nobody is shown a link that answers 403; ``None`` for a public page."""

    label: Any  # a lazy translation
    url_name: str
    order: int = 50
    permission: str | None = None


_ITEMS: list[NavItem] = []


def register(label: Any, url_name: str, order: int = 50, *, permission: str | None = None) -> None:
    if all(item.url_name != url_name for item in _ITEMS):
        _ITEMS.append(NavItem(label, url_name, order, permission))


def menu_label(label: Any) -> Any:
    """``label`` as the menu shows it: its word in ``MENU_CONTEXT`` when the active language
    has one, else ``label`` itself."""
    with translation.override(settings.LANGUAGE_CODE):
        msgid = str(label)  # the Vietnamese source text
    shown = pgettext(MENU_CONTEXT, msgid)
    return shown if shown != msgid else label


def items(user: Any = None) -> list[dict[str, Any]]:
    """The menu links ``user`` may open, in order (``None``: the public links only)."""
    result = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.permission is not None and (user is None or not user.has_perm(item.permission)):
            continue
        try:
            result.append({"label": menu_label(item.label), "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue
    return result


@dataclass(frozen=True)
class HomeSection:
    """A block of the public home page contributed by an app: ``template`` is rendered with
    ``context(request)`` merged into the page context."""

    key: str
    template: str
    context: Any  # Callable[[HttpRequest], dict[str, Any]]
    order: int = 50


_SECTIONS: list[HomeSection] = []


def register_home_section(key: str, template: str, context: Any, order: int = 50) -> None:
    if all(section.key != key for section in _SECTIONS):
        _SECTIONS.append(HomeSection(key, template, context, order))


def home_sections() -> list[HomeSection]:
    return sorted(_SECTIONS, key=lambda s: s.order)


@dataclass(frozen=True)
class WorkspaceLink:
    """A link on the officer workspace ("Bàn làm việc"), shown when ``visible(user)`` is true."""

    label: Any
    url_name: str
    visible: Any  # Callable[[User], bool]
    order: int = 50


_WORKSPACE_LINKS: list[WorkspaceLink] = []


def register_workspace_link(label: Any, url_name: str, visible: Any, order: int = 50) -> None:
    if all(link.url_name != url_name for link in _WORKSPACE_LINKS):
        _WORKSPACE_LINKS.append(WorkspaceLink(label, url_name, visible, order))


def workspace_links(user: Any) -> list[dict[str, Any]]:
    result = []
    for link in sorted(_WORKSPACE_LINKS, key=lambda item: item.order):
        if not link.visible(user):
            continue
        try:
            result.append({"label": link.label, "url": reverse(link.url_name)})
        except NoReverseMatch:
            continue
    return result
