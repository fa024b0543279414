"""The site-wide search: accent-insensitive, over every kind of public record
each app declares in its search.py (core.registry.search_indexes)."""

from dataclasses import dataclass

from core import registry
from core.choices import PUBLIC


@dataclass
class SearchGroup:
    key: str
    label: str
    list_url_name: str
    results: list
    total: int


SEARCH_LIMIT = 10


def search_everything(query: str) -> list[SearchGroup]:
    """Accent-insensitive search over every kind of public record: two queries
    per kind (the first results and the total)."""
    if not query.strip():
        return []
    groups = []
    for index in registry.search_indexes.values():
        matches = index.matches(query, PUBLIC)
        total = matches.count()
        results = list(matches[:SEARCH_LIMIT]) if total else []
        groups.append(SearchGroup(index.key, index.label, index.list_url_name, results, total))
    return groups
