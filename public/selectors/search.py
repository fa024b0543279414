"""The site-wide search page: ranked results over every kind of public record
each app registers (core.registry.search_indexes), with counts per kind as
facets and highlighted snippets.

Per kind, a count (the facets) and, once some kind has matches, its best
rows: the page costs the same whatever the amount of data (a window count
in the same query was three times slower on a common term: it keeps every
match). When no record has all the words, the last word is read as the
start of a word (as a visitor types: "hop t"), then names close to the query
(typos) are offered.

The suggestions under the search box as a visitor types (``suggestions``)
follow the same rule and the same order: they are the first rows the search
page would show for the same words, without its counts and snippets.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language

from core import registry
from core.choices import PUBLIC
from core.search import SEARCH_RANK, SearchIndex, SearchTerms, highlight, match_spans, typo_matches

RESULTS = 20  # the first page of the merged list
PER_KIND = 50  # when a kind is chosen
SUGGESTIONS = 8  # under the search box as a visitor types
MIN_SUGGEST_LENGTH = 2  # one letter would match half the registry


@dataclass
class Facet:
    key: str
    label: str
    count: int
    list_url_name: str
    selected: bool = False


@dataclass
class Hit:
    kind: Facet
    record: object
    rank: float
    title: str  # safe HTML, words marked
    snippet: str  # safe HTML, words marked, or ""


@dataclass
class SearchPage:
    query: str
    terms: SearchTerms
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    kind: str | None = None
    mode: str = "words"  # "words", "prefix" (last word as a start) or "typo"

    @property
    def total(self) -> int:
        return sum(facet.count for facet in self.facets)

    @property
    def shown_total(self) -> int:
        return next((f.count for f in self.facets if f.selected), self.total)


def kinds() -> list[str]:
    return [index.key for index in registry.search_indexes.values()]


def site_search(*, query: str, kind: str | None = None) -> SearchPage:
    """What the public finds for ``query`` (``kind``: one kind only, a key of
    ``kinds()``); private records are never read, so never counted."""
    page = SearchPage(query=query, terms=SearchTerms.parse(query), kind=kind)
    if not page.terms:
        return page
    indexes = registry.search_indexes.values()
    for mode, terms, matching in _attempts(page.terms):
        page.mode, page.terms = mode, terms
        found = {index.key: matching(index, terms) for index in indexes}
        counts = {key: rows.order_by().count() for key, rows in found.items()}
        if any(counts.values()):
            break
    rows = {key: (_best(matches, key, kind), counts[key]) for key, matches in found.items()}
    _fill(page, rows)
    return page


@dataclass(frozen=True)
class Suggestion:
    title: str  # plain text, in the page's language
    kind: str  # a key of ``kinds()``
    kind_label: str
    url: str
    context: str = ""  # what the title belongs to (a commitment's agreement)
    marks: tuple[tuple[int, int], ...] = ()  # the words in the title, [start, end) in characters


def suggestions(*, query: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The first ``limit`` public records the search page would list for
    ``query``, in its order (same attempts, same rank, same ties), for the
    search box as a visitor types. One query per kind of record: the best
    ``limit`` rows of each, no counts. Nothing under two characters."""
    terms = SearchTerms.parse(query)
    if len(query.strip()) < MIN_SUGGEST_LENGTH or not terms:
        return []
    indexes = list(registry.search_indexes.values())
    for _mode, attempt_terms, matching in _attempts(terms):
        found = [(index, record) for index in indexes for record in matching(index, attempt_terms)[:limit]]
        if found:
            break
    # Stable: equal ranks keep the search page's order (kind, then pk).
    found.sort(key=lambda pair: -float(getattr(pair[1], SEARCH_RANK)))
    return [_suggestion(index, record, attempt_terms) for index, record in found[:limit]]


def _suggestion(index: SearchIndex, record, terms: SearchTerms) -> Suggestion:
    title = str(record)
    context = str(getattr(record, index.context)) if index.context else ""
    marks = tuple(match_spans(title, terms))
    return Suggestion(title, index.key, str(index.label), record.get_absolute_url(), context, marks)


def search_url(query: str) -> str:
    """The search page for ``query`` (the suggestions' "all results")."""
    return f"{reverse('public:search')}?{urlencode({'q': query})}"


def _attempts(terms: SearchTerms) -> tuple:
    """The one rule, tried in turn until some kind has a match: every word
    whole; then the last word as the start of a word; then names spelt
    closely (typos)."""
    return (
        ("words", terms, _word_matches),
        ("prefix", SearchTerms(terms.words, prefix=True), _word_matches),
        ("typo", terms, _typo_matches),
    )


def _word_matches(index: SearchIndex, terms: SearchTerms):
    return index.matches(terms, PUBLIC)


def _best(matches, key: str, kind: str | None) -> list:
    """The kind's best rows: none when another kind is chosen, else a page."""
    if kind and kind != key:
        return []
    return list(matches[: PER_KIND if kind else RESULTS])


def _typo_matches(index: SearchIndex, terms: SearchTerms):
    rows = index.model.objects.visible_to(PUBLIC)
    if index.select_related:
        rows = rows.select_related(*index.select_related)
    return typo_matches(rows, terms.text).order_by(f"-{SEARCH_RANK}", "pk")


def _fill(page: SearchPage, rows: dict) -> None:
    hits = []
    for index in registry.search_indexes.values():
        found, count = rows[index.key]
        facet = Facet(index.key, index.label, count, index.list_url_name, selected=index.key == page.kind)
        page.facets.append(facet)
        hits += [_hit(facet, index, record, page.terms) for record in found]
    hits.sort(key=lambda hit: -hit.rank)
    page.hits = hits if page.kind else hits[:RESULTS]


def _hit(facet: Facet, index: SearchIndex, record, terms: SearchTerms) -> Hit:
    title = str(record)
    return Hit(
        kind=facet,
        record=record,
        rank=float(getattr(record, SEARCH_RANK)),
        title=highlight(title, terms),
        snippet=highlight(_snippet_text(index, record, terms, title), terms, excerpt=True),
    )


def _snippet_text(index: SearchIndex, record, terms: SearchTerms, title: str) -> str:
    """The first searched text holding a word that the title does not show
    already (a full title behind a short one, a summary …), in the page's
    language first; else the first body text there is."""
    language = get_language() or "vi"
    texts, body = [], []
    for spec in index.text_fields:
        columns = sorted(spec.columns, key=lambda column: not column.endswith(f"_{language}"))
        values = [getattr(record, column, "") or "" for column in columns]
        texts += [value for value in values if value and value not in title]
        body += values if spec.weight != "A" else []
    return next((text for text in texts if match_spans(text, terms)), next((text for text in body if text), ""))
