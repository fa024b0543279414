"""The URL configuration as a list of routes, so tests can visit every page
and endpoint the project routes (a new page is covered without editing them)."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# Public routes that answer something other than an HTML page.
NOT_HTML = {"events:ical", "public:search-suggest"}

# <converter:name> in a path() route, (?P<name>...) in a DRF router's regex.
_GROUP = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "vi/agreements/<slug:slug>/" or "api/v1/agreements/(?P<pk>[^/.]+)/"
    name: str  # namespaced, e.g. "agreements:detail"

    @property
    def arguments(self) -> list[str]:
        return [match["name"] or match["rname"] for match in _GROUP.finditer(self.route)]

    def url(self, **values) -> str:
        """The route with each argument replaced by ``values[name]`` (not
        validated: ``%00`` is allowed)."""
        path = _GROUP.sub(lambda match: str(values[match["name"] or match["rname"]]), self.route)
        return "/" + path.replace("^", "").replace("$", "")

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def is_public_page(self) -> bool:
        return not (self.is_admin or self.is_api)

    @property
    def is_html_page(self) -> bool:
        """A public page a person reads (not a calendar file, not JSON)."""
        return self.is_public_page and self.name not in NOT_HTML


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield Route(prefix + str(pattern.pattern), name)


def routes(language: str = "vi") -> list[Route]:
    """Every route, public pages with the ``language`` prefix."""
    with translation.override(language):
        return list(_walk(get_resolver().url_patterns))
