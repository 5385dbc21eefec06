"""``{% load maps %}``: what every map of the site shares.

``{% map_tiles %}`` writes the data attributes ``core/map.js`` reads the tile server from
(``MAP_TILE_URL``, ``MAP_TILE_ATTRIBUTION``: settings, chosen by the operator); the scripts and
styles are ``core/_map_head.html`` and ``core/_map_scripts.html`` (Leaflet and its marker
clusters from the npm registry, served from node_modules: see settings.STATICFILES_DIRS). The
page works without them: every map has a table or a list beside it, and the petition form's
latitude and longitude fields are typed by hand."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ykien.core.selectors import today, unit_map_view

register = template.Library()


@register.simple_tag
def map_tiles(centre: bool = False) -> SafeString:
    """The tile server and its attribution, and the labels of the map's own controls, as data
    attributes of the map's element; with ``centre``, where the map opens
    (``selectors.unit_map_view``: the site's provinces)."""
    attrs = format_html(
        ' data-tiles="{}" data-attribution="{}" data-zoom-in="{}" data-zoom-out="{}"',
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        _("Phóng to"),
        _("Thu nhỏ"),
    )
    if centre:
        view = unit_map_view(on=today())
        attrs += format_html(' data-center="{},{}" data-zoom="{}"', view.lat, view.lng, view.zoom)
    return attrs
