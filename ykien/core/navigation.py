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
MENU_WORDS = (
    pgettext_lazy("trình đơn", "Dự thảo"),
    pgettext_lazy("trình đơn", "Đơn vị"),
    # the staff menu's (``staff_menu``)
    pgettext_lazy("trình đơn", "Giao ban"),
    pgettext_lazy("trình đơn", "Chuyên gia"),
    pgettext_lazy("trình đơn", "Tin bài"),
    pgettext_lazy("trình đơn", "Phân quyền"),
)


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


# Blocks of the public accountability board (oversight's board) contributed by other apps, e.g.
# the commitments heads made at direct dialogues beside the recommendations: same shape as a home
# section (``template`` rendered with ``context(request)``).
_BOARD_SECTIONS: list[HomeSection] = []


def register_board_section(key: str, template: str, context: Any, order: int = 50) -> None:
    if all(section.key != key for section in _BOARD_SECTIONS):
        _BOARD_SECTIONS.append(HomeSection(key, template, context, order))


def board_sections() -> list[HomeSection]:
    return sorted(_BOARD_SECTIONS, key=lambda s: s.order)


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


# --- the staff menu and breadcrumbs ----------------------------------------------------------
# A second registry: the staff areas ("Khu vực cán bộ") and their list pages, filled by each app's
# ``ready()``. An entry is shown when the person may open its page: ``permission`` (the one the
# view checks with ``user.has_perm``) or ``visible(user)`` (the view's own test, for a view that
# checks more than one permission, e.g. "holds a role at a front committee"). Only pages that need
# no record id are entries; the pages under an entry get breadcrumbs from ``register_staff_page``.

WORKSPACE_URL_NAME = "core:workspace"


@dataclass(frozen=True)
class StaffArea:
    key: str
    label: Any
    order: int = 50


@dataclass(frozen=True)
class StaffEntry:
    area: str
    label: Any
    url_name: str
    order: int = 50
    permission: str | None = None
    visible: Any = None  # Callable[[User], bool] | None
    query: str = ""  # a filter of the list ("cua-toi=1"), kept in the link


@dataclass(frozen=True)
class StaffPage:
    """The title of a staff page in the breadcrumbs; ``parent``: the url name of the entry it
    belongs to when its address is not under that entry's."""

    label: Any
    parent: str | None = None


_STAFF_AREAS: dict[str, StaffArea] = {}
_STAFF_ENTRIES: list[StaffEntry] = []
_STAFF_PAGES: dict[str, StaffPage] = {}


def register_staff_area(key: str, label: Any, order: int = 50) -> None:
    _STAFF_AREAS.setdefault(key, StaffArea(key, label, order))


def register_staff(
    area: str,
    label: Any,
    url_name: str,
    *,
    permission: str | None = None,
    visible: Any = None,
    order: int = 50,
    query: str = "",
) -> None:
    """Add a link to the staff menu under ``area`` (registered with ``register_staff_area``)."""
    if permission is None and visible is None:
        raise ValueError(f"staff menu entry {url_name}: give a permission or visible()")
    if all((e.url_name, e.query) != (url_name, query) for e in _STAFF_ENTRIES):
        _STAFF_ENTRIES.append(StaffEntry(area, label, url_name, order, permission, visible, query))


def register_staff_page(url_name: str, label: Any, *, parent: str | None = None) -> None:
    _STAFF_PAGES.setdefault(url_name, StaffPage(label, parent))


def staff_entries() -> list[StaffEntry]:
    return sorted(
        _STAFF_ENTRIES,
        key=lambda e: (_STAFF_AREAS[e.area].order if e.area in _STAFF_AREAS else 99, e.order),
    )


def _entry_url(entry: StaffEntry) -> str | None:
    try:
        url = reverse(entry.url_name)
    except NoReverseMatch:
        return None
    return f"{url}?{entry.query}" if entry.query else url


def _may_open(entry: StaffEntry, user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if entry.permission is not None and not user.has_perm(entry.permission):
        return False
    return entry.visible is None or bool(entry.visible(user))


def staff_menu(user: Any) -> list[dict[str, Any]]:
    """The staff areas with the entries ``user`` may open, in order; areas without one left out.
    Each area: ``key``, ``label``, ``items`` (``label``, ``url``, ``path``, ``url_name``)."""
    areas: dict[str, dict[str, Any]] = {}
    for entry in staff_entries():
        url = _entry_url(entry)
        if url is None or entry.area not in _STAFF_AREAS or not _may_open(entry, user):
            continue
        area = areas.setdefault(
            entry.area,
            {"key": entry.area, "label": menu_label(_STAFF_AREAS[entry.area].label), "items": []},
        )
        area["items"].append(
            {
                "label": menu_label(entry.label),
                "url": url,
                "path": url.split("?", 1)[0],
                "url_name": entry.url_name,
                "query": entry.query,
            }
        )
    return list(areas.values())


def _entry_paths() -> list[tuple[str, StaffEntry]]:
    paths = []
    for entry in _STAFF_ENTRIES:
        if entry.query:
            continue
        try:
            paths.append((reverse(entry.url_name), entry))
        except NoReverseMatch:
            continue
    return paths


def is_staff_path(path: str) -> bool:
    """Whether ``path`` is a staff page: under ``/can-bo/`` or under a staff entry's address."""
    if path.startswith("/can-bo/"):
        return True
    return any(path.startswith(url) for url, _entry in _entry_paths())


def current_area(menu: list[dict[str, Any]], url_name: str, path: str) -> tuple[Any, Any]:
    """(area, item) of ``menu`` the page belongs to: the page's own entry, else its registered
    parent, else the entry whose address is the longest prefix of ``path``."""
    best: tuple[int, Any, Any] = (-1, None, None)
    page = _STAFF_PAGES.get(url_name)
    for area in menu:
        for item in area["items"]:
            if item["query"]:
                continue
            if item["url_name"] == url_name and item["path"] == path:
                return area, item
            if page is not None and page.parent == item["url_name"]:
                best = (10_000, area, item)
            elif path.startswith(item["path"]) and len(item["path"]) > best[0]:
                best = (len(item["path"]), area, item)
    return best[1], best[2]


def breadcrumbs(user: Any, url_name: str, path: str, menu: list[dict[str, Any]]) -> list[dict]:
    """The trail of a staff page: the workspace › the area › the list › this page. Each step:
    ``label`` and ``url`` (``None``: not a link — an area, or this page, the last step)."""
    if not menu or not is_staff_path(path):
        return []
    workspace = reverse(WORKSPACE_URL_NAME)
    workspace_label = _STAFF_PAGES[WORKSPACE_URL_NAME].label
    if path == workspace:
        return [{"label": workspace_label, "url": None}]
    trail: list[dict[str, Any]] = []
    if user is not None and user.has_perm("core.view_workspace"):
        trail.append({"label": workspace_label, "url": workspace})
    area, item = current_area(menu, url_name, path)
    if area is not None:
        trail.append({"label": area["label"], "url": None})
    if item is not None and item["path"] == path:
        trail.append({"label": item["label"], "url": None})
        return trail
    if item is not None:
        trail.append({"label": item["label"], "url": item["path"]})
    page = _STAFF_PAGES.get(url_name)
    trail.append({"label": page.label if page else pgettext("đường dẫn", "Trang này"), "url": None})
    return trail
