"""Accent-insensitive, ranked, whole-word search for Vietnamese and English.

A searchable model declares what is searched, once, as Wagtail's
``search_fields`` (``SearchField``: a column, its weight, whether a query
equal to it is an exact hit), and two stored columns derived from that list:

- ``search_document``: on PostgreSQL a weighted ``tsvector`` of the *folded*
  text (lower case, diacritics stripped, đ→d, punctuation as spaces), a
  generated column, so every write path (save, bulk_create, COPY, update,
  imports, admin actions) keeps it right and a migration fills existing rows;
  one GIN index serves every query;
- ``search_names``: the folded names, titles and acronyms as plain text, with
  a trigram GIN index (pg_trgm): similarity for ranking and for typos.

The admin, the API's ``q`` and the site-wide search all call ``ranked()``
(through ``SearchIndex`` for what a site search finds beyond the row itself,
an organization's former names). Relevance is a tier, the same everywhere:
an exact acronym/code/slug, then (as a visitor types) an acronym or code
that starts with the words, then every word in a name or title, then every
word anywhere. Within a tier the API keeps its list's order (so a page is
read from the list's order index, tier by tier: api.pagination); the site
search, its suggestions and the admin order a tier by ``ts_rank``. On SQLite
(``make run``) both columns are NULL and the search falls back to every word
occurring, folded, in one of the declared columns (``search_q``), in the same
tiers.

``coopdb_unaccent`` is an IMMUTABLE SQL wrapper around PostgreSQL's
``unaccent`` (core migration 0002) and a Python function on SQLite; the
folding function ``coopdb_fold`` (core migration 0006) builds on it.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import (
    Case,
    CharField,
    DecimalField,
    F,
    FloatField,
    Func,
    GeneratedField,
    Index,
    Q,
    TextField,
    Transform,
    Value,
    When,
)
from django.db.models.functions import Cast, Upper
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import registry

LANGUAGE_CODES = ("vi", "en")  # settings.MODELTRANSLATION_LANGUAGES; needed before settings-dependent imports
WEIGHTS = ("A", "B", "C")
# ts_rank's weights for D, C, B, A: a title or name counts five times body text.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]
# Relevance tiers, best first (search_rank's whole part).
TIER_EXACT = 3  # a query equal to an acronym, code or slug: first, whatever else
# As a visitor types ("ap", "evf"): an acronym or code that starts with the
# words, above titles that merely hold a word so beginning; below an exact one.
TIER_START = 2
TIER_NAME = 1  # every word in a name or title (weight A), or matched another way (a former name)
TIER_ANY = 0  # every word somewhere in the row's text (or its parent named by the query)
# ts_rank's normalization 32 (rank / (rank + 1)): below 1, so within a tier.
RANK_FRACTION = 32
TYPO_SIMILARITY = 0.5  # below this a name is no typo of the query
MAX_WORDS = 12
SEARCH_RANK = "search_rank"  # the annotation ranked() adds
RANK_FIELD = DecimalField(max_digits=12, decimal_places=6)  # exact in a keyset cursor (a float is not)
# A word: letters and digits (no underscore), after folding.
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The Python twin of the SQL folding: strip diacritics, map đ, lower."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of the
    original character it came from: a match found in the folded text is
    highlighted on the same characters of the text as written."""
    folded, offsets = [], []
    for index, char in enumerate(str(text)):
        for out in fold(char):
            folded.append(out)
            offsets.append(index)
    return "".join(folded), offsets


class Folded(Transform):
    """``field__folded__contains="hop tac"``: compares diacritic-free lower case."""

    lookup_name = "folded"
    output_field = TextField()

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(coopdb_unaccent({sql}))", params


CharField.register_lookup(Folded)
TextField.register_lookup(Folded)


def search_q(query: str, fields) -> Q:
    """Every word of ``query`` must occur, folded, in one of ``fields`` (word
    fragments too): the fallback on SQLite, and the search of models that
    declare no ``search_fields`` (dues, people, ballots …)."""
    words = fold(query).split()
    if not words:
        return Q()
    per_word = [reduce(or_, (Q(**{f"{field}__folded__contains": word}) for field in fields)) for word in words]
    return reduce(lambda a, b: a & b, per_word)


# --- What a model declares -------------------------------------------------


@dataclass(frozen=True)
class SearchField:
    """One searched field of a model: ``weight`` A (names, titles), B
    (secondary names, places) or C (body text); ``translated`` for a
    modeltranslation field (both language columns); ``exact`` for an
    acronym, code or slug: a query equal to it puts the row first."""

    name: str
    weight: str = "C"
    translated: bool = False
    exact: bool = False

    def __post_init__(self):
        if self.weight not in WEIGHTS:
            raise ValueError(f"{self.name}: weight must be one of {WEIGHTS}")

    @property
    def columns(self) -> tuple[str, ...]:
        if self.translated:
            return tuple(f"{self.name}_{language}" for language in LANGUAGE_CODES)
        return (self.name,)


def declared_columns(model) -> list[str]:
    """Every column a model's ``search_fields`` names (for the fallback and the admin)."""
    return [column for spec in getattr(model, "search_fields", ()) for column in spec.columns]


def is_searchable(model) -> bool:
    return bool(getattr(model, "search_fields", ()))


class FoldedDocument(Func):
    """The generated ``search_document``: ``"A:title_vi", "C:summary_vi"`` …
    become, on PostgreSQL, ``setweight(to_tsvector('simple', coopdb_fold(col)), 'A') || …``
    (IMMUTABLE, as a generated column needs); on other databases NULL."""

    output_field = SearchVectorField()

    def __init__(self, *weighted_columns: str):
        self.weights = [item.split(":", 1)[0] for item in weighted_columns]
        super().__init__(*[F(item.split(":", 1)[1]) for item in weighted_columns])

    def as_sql(self, compiler, connection, **extra):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra):
        parts, params = [], []
        for weight, expression in zip(self.weights, self.source_expressions, strict=True):
            sql, column_params = compiler.compile(expression)
            parts.append(f"setweight(to_tsvector('simple'::regconfig, coopdb_fold({sql})), '{weight}')")
            params.extend(column_params)
        return "(" + " || ".join(parts) + ")", params


class FoldedNames(Func):
    """The generated ``search_names``: the folded names and titles, joined by
    spaces (PostgreSQL; NULL elsewhere), for trigram similarity."""

    output_field = TextField()

    def __init__(self, *columns: str):
        super().__init__(*[F(column) for column in columns])

    def as_sql(self, compiler, connection, **extra):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, column_params = compiler.compile(expression)
            parts.append(f"coopdb_fold({sql})")
            params.extend(column_params)
        return "(" + " || ' ' || ".join(parts) + ")", params


def search_document_field(search_fields) -> GeneratedField:
    """``search_document = search_document_field(search_fields)`` on the model."""
    weighted = [f"{spec.weight}:{column}" for spec in search_fields for column in spec.columns]
    return GeneratedField(
        expression=FoldedDocument(*weighted),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )


def search_names_field(search_fields) -> GeneratedField:
    """``search_names = search_names_field(search_fields)``: the A-weighted columns."""
    columns = [column for spec in search_fields if spec.weight == "A" for column in spec.columns]
    return GeneratedField(
        expression=FoldedNames(*columns), output_field=TextField(), db_persist=True, verbose_name=_("search names")
    )


# --- Queries ---------------------------------------------------------------


@dataclass(frozen=True)
class SearchTerms:
    """A query as folded words. ``prefix``: the last word may be the start of
    a word (as the user types: "hop t" finds "hợp tác"); otherwise whole words
    only ("nga" finds "Liên bang Nga", never "ngày")."""

    words: tuple[str, ...]
    prefix: bool = False

    @classmethod
    def parse(cls, text: str, *, prefix: bool = False) -> "SearchTerms":
        return cls(tuple(WORD.findall(fold(text or "")))[:MAX_WORDS], prefix)

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def tsquery(self, weights: str = "") -> str:
        """Every word (``weights``: only where the document gives it one of
        these weights, e.g. "A"; GIN finds candidates, the weight is rechecked)."""
        # Words are letters and digits only, so quoting them is enough.
        quoted = [f"'{word}'" for word in self.words]
        if self.prefix:
            quoted[-1] += ":*"
        if weights:
            quoted = [f"{word}{weights}" if word.endswith("*") else f"{word}:{weights}" for word in quoted]
        return " & ".join(quoted)


def _query(tsquery: str) -> SearchQuery:
    return SearchQuery(tsquery, search_type="raw", config="simple")


def _exact_q(model, terms: SearchTerms) -> Q | None:
    """The row's acronym, code or slug is the query (case-insensitive; a slug
    joined by hyphens). ``UPPER(column) = …``: each column has an index on
    ``UPPER`` (a tier of its own in an API page, read through them)."""
    conditions = []
    for spec in model.search_fields:
        if not spec.exact:
            continue
        for column in spec.columns:
            value = "-".join(terms.words) if column == "slug" else terms.text
            conditions.append(Q(**{f"{column}__iexact": value}))
    return reduce(or_, conditions) if conditions else None


def _starts_q(model, terms: SearchTerms) -> Q | None:
    """The row's acronym or code starts with the query (prefix terms only).
    Not the slug: "apo-coe-…" would lift every child of APO with it."""
    if not terms.prefix:
        return None
    conditions = [
        Q(**{f"{column}__istartswith": terms.text})
        for spec in model.search_fields
        if spec.exact
        for column in spec.columns
        if column != "slug"
    ]
    return reduce(or_, conditions) if conditions else None


def _document_match(model, terms: SearchTerms) -> Q:
    return Q(search_document=_query(terms.tsquery()))


def _names_match(model, terms: SearchTerms) -> Q:
    """Every word in a name or title (the A-weighted columns). On PostgreSQL
    a tsquery restricted to weight A, which the GIN index serves."""
    if connection.vendor == "postgresql":
        return Q(search_document=_query(terms.tsquery(weights="A")))
    columns = [column for spec in model.search_fields if spec.weight == "A" for column in spec.columns]
    return search_q(terms.text, columns)


def _parent_match(model, parent: str, terms: SearchTerms) -> Q:
    """``parent_id IN (parents named by the query)``: the parent's acronym,
    short title or slug is the query ("rcep" lists RCEP's commitments); not
    its whole text, or every commitment of an agreement "hợp tác" would match."""
    related = model._meta.get_field(parent).related_model
    return Q(**{f"{parent}__in": related.objects.filter(_exact_q(related, terms) or Q(pk__in=[])).values("pk")})


class Tiers(Case):
    """``search_rank`` as a relevance tier: the value of the first condition a
    row meets, best first, else TIER_ANY. ``tiers`` keeps the conditions as
    written, so a page can read each tier on its own (api.pagination)."""

    def __init__(self, tiers: list[tuple[int, Q]]):
        self.tiers = tuple(tiers)
        cases = [When(condition, then=Value(tier)) for tier, condition in self.tiers]
        super().__init__(*cases, default=Value(TIER_ANY), output_field=RANK_FIELD)


def search_tiers(queryset) -> list[tuple[int, Q]] | None:
    """The tiers of a ``ranked()`` queryset's rank, best first and ending
    with TIER_ANY (always met: the condition ``Q()``); None when its rank is
    not a bare tier (refined by ts_rank, or no search)."""
    rank = queryset.query.annotations.get(SEARCH_RANK)
    if not isinstance(rank, Tiers):
        return None
    return [*rank.tiers, (TIER_ANY, Q())]


def _tiers(model, terms: SearchTerms, also: Q | None) -> Tiers:
    names = _names_match(model, terms)
    if also is not None:  # e.g. a former name: counts as a name
        names |= also
    tiers = [(TIER_EXACT, _exact_q(model, terms)), (TIER_START, _starts_q(model, terms)), (TIER_NAME, names)]
    return Tiers([(tier, condition) for tier, condition in tiers if condition is not None])


def ranked(
    queryset,
    text: str | SearchTerms,
    *,
    also: Q | None = None,
    prefix: bool = False,
    related: bool = True,
    refine: bool = False,
):
    """``queryset`` rows matching every word of ``text``, annotated with
    ``search_rank`` (higher first; not ordered here: callers decide).

    A row matches when its ``search_document`` holds every word, or (a model
    naming ``search_related``) its parent is named by the query (acronym,
    short title or slug), or ``also`` (e.g. a former name) holds. Its rank
    is its tier (TIER_EXACT, TIER_START for prefix terms, TIER_NAME,
    TIER_ANY). With ``refine`` (PostgreSQL) it adds, below 1, the row's
    ts_rank with the declared weights: an order within the tier for callers
    that read a few rows anyway (the site search, the admin). Without it a
    tier keeps the caller's order, and a page of a common term reads the
    list's order index tier by tier instead of ranking every match.

    Trigram similarity is not part of this rank: computed on every match it
    cost 4 s for a common term at 100k agreements (55k matches); it serves
    ``typo_matches`` instead, through its index.
    """
    terms = text if isinstance(text, SearchTerms) else SearchTerms.parse(text, prefix=prefix)
    model = queryset.model
    if not terms:
        return queryset.annotate(**{SEARCH_RANK: Value(0, output_field=RANK_FIELD)})
    tiers = _tiers(model, terms, also)
    if connection.vendor != "postgresql":
        return queryset.filter(_fallback_match(model, terms, also, related)).annotate(**{SEARCH_RANK: tiers})
    match = _document_match(model, terms)
    for parent in getattr(model, "search_related", ()) if related else ():
        match |= _parent_match(model, parent, terms)
    if also is not None:
        match |= also
    rows = queryset.filter(match)
    if not refine:
        return rows.annotate(**{SEARCH_RANK: tiers})
    # ts_rank, not ts_rank_cd: cover density (words side by side count more)
    # cost 2.4 times as much on a common term.
    score = SearchRank(F("search_document"), _query(terms.tsquery()), weights=RANK_WEIGHTS, normalization=RANK_FRACTION)
    # No own document (a parent or a former name matched): 0, not NULL.
    score = Func(score, Value(0.0), function="COALESCE", output_field=FloatField())
    return rows.annotate(**{SEARCH_RANK: Cast(Cast(tiers, FloatField()) + score, RANK_FIELD)})


def _word_similarity(terms: SearchTerms) -> Func:
    return Func(Value(terms.text), F("search_names"), function="WORD_SIMILARITY", output_field=FloatField())


def _fallback_match(model, terms: SearchTerms, also: Q | None, related: bool) -> Q:
    """SQLite: every word, folded, in one of the declared columns."""
    for parent in getattr(model, "search_related", ()) if related else ():
        also = _parent_match(model, parent, terms) | (also or Q(pk__in=[]))
    match = search_q(terms.text, declared_columns(model))
    return match | also if also is not None else match


def typo_matches(queryset, text: str):
    """Rows whose names are close to ``text`` by trigrams ("rosstandrat" →
    Rosstandart), when no row has the words: PostgreSQL only (none elsewhere).
    Served by the trigram index on ``search_names`` (``<%``)."""
    terms = SearchTerms.parse(text)
    if not terms or connection.vendor != "postgresql":
        return queryset.none().annotate(**{SEARCH_RANK: Value(0, output_field=RANK_FIELD)})
    similarity = _word_similarity(terms)
    return (
        queryset.filter(search_names__trigram_word_similar=terms.text)
        .annotate(**{SEARCH_RANK: Cast(similarity, RANK_FIELD)})
        .filter(**{f"{SEARCH_RANK}__gte": TYPO_SIMILARITY})
    )


# --- What the site-wide search finds ---------------------------------------


@dataclass(frozen=True)
class SearchIndex:
    """One kind of record the site-wide search finds, declared by its app in
    ``<app>/search.py`` and registered in ``core.registry.search_indexes`` (as
    NetBox's per-app ``search.py``): the model (whose ``search_fields`` say
    what is searched), where its list lives, what to load with each row, and
    any other way a row matches (``also(terms, audience) -> Q``: an
    organization by a former name) and what a row's title belongs to
    (``context``). The API's ``q`` uses the same index."""

    key: str
    label: str
    list_url_name: str
    model: type
    select_related: tuple[str, ...] = ()
    also: Callable | None = None
    # The relation named beside a row's title in the suggestions, e.g. a
    # commitment's "agreement" (load it with select_related).
    context: str = ""

    def filter(self, queryset, text, audience, *, prefix: bool = False, related: bool = True, refine: bool = False):
        """``queryset`` (already visible to ``audience``) ranked by ``text`` (core.search.ranked)."""
        terms = text if isinstance(text, SearchTerms) else SearchTerms.parse(text, prefix=prefix)
        also = self.also(terms, audience) if self.also and terms else None
        return ranked(queryset, terms, also=also, related=related, refine=refine)

    def matches(self, text, audience, *, prefix: bool = False):
        """The rows ``audience`` may see that match ``text``, best first.
        Their own words only: a parent (a commitment's agreement) is a kind
        of its own in the site search, found there."""
        rows = self.model.objects.visible_to(audience)
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        ranked_rows = self.filter(rows, text, audience, prefix=prefix, related=False, refine=True)
        return ranked_rows.order_by(f"-{SEARCH_RANK}", "pk")

    @cached_property
    def text_fields(self) -> tuple[SearchField, ...]:
        return tuple(spec for spec in self.model.search_fields if not spec.exact)


def index_for(model) -> SearchIndex | None:
    """The registered site-search index of ``model``, if any."""
    for index in registry.search_indexes.values():
        if index.model is model:
            return index
    return None


@receiver(connection_created)
def _register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "coopdb_unaccent", 1, lambda value: None if value is None else fold(value), deterministic=True
        )


def generated_search_columns(model) -> list[str]:
    """The stored search columns of ``model`` (none if it declares no
    ``search_fields``): derived data, kept out of its history table."""
    return ["search_document", "search_names"] if is_searchable(model) else []


def exact_indexes(prefix: str, *columns: str) -> list[Index]:
    """``Meta.indexes`` entries on ``UPPER(column)`` for a model's exact
    columns (``SearchField(exact=True)``): the exact tier of an API page is
    read through them (``col__iexact``), not by scanning every row."""
    return [Index(Upper(column), name=f"{prefix}_{column}_upper") for column in columns]


def search_index_names(table: str) -> tuple[str, str]:
    return f"{table}_search_doc", f"{table}_search_trgm"


def search_index_migration(*tables: str):
    """A migration operation building, on PostgreSQL, the two GIN indexes of
    each table's stored search columns: full text on ``search_document``,
    trigrams on ``search_names``. SQLite's columns are NULL: nothing to index."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            document, names = search_index_names(table)
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {document} ON {table} USING gin (search_document)")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {names} ON {table} USING gin (search_names gin_trgm_ops)"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            for name in search_index_names(table):
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards)


# --- Snippets --------------------------------------------------------------

SNIPPET_BEFORE = 60  # characters of context before the first match
SNIPPET_LENGTH = 220


def _pattern(terms: SearchTerms) -> re.Pattern | None:
    """Whole folded words (the last one as a prefix when ``terms.prefix``)."""
    if not terms:
        return None
    words = sorted(set(terms.words[:-1]) if terms.prefix else set(terms.words), key=len, reverse=True)
    alternatives = [re.escape(word) for word in words]
    if terms.prefix:
        alternatives.insert(0, re.escape(terms.words[-1]) + r"[^\W_]*")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def match_spans(text: str, terms: SearchTerms) -> list[tuple[int, int]]:
    """Where the words of ``terms`` stand in ``text``, as [start, end) spans
    of the text as written: found on the folded text, then mapped back
    character by character, so "hop tac" marks "hợp tác" and the marks never
    cut a letter from its tone marks."""
    pattern = _pattern(terms)
    if pattern is None or not text:
        return []
    folded, offsets = fold_with_offsets(text)
    spans = []
    for found in pattern.finditer(folded):
        start, end = offsets[found.start()], offsets[found.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # a decomposed mark belongs to its letter
        spans.append((start, end))
    return spans


def highlight(text: str, terms: SearchTerms, *, excerpt: bool = False) -> str:
    """``text`` escaped, its matching words in ``<mark>``; with ``excerpt``,
    only a window around the first match (… where cut). Safe HTML."""
    text = str(text or "")
    spans = match_spans(text, terms)
    start, end = 0, len(text)
    if excerpt:
        first = spans[0][0] if spans else 0
        start = max(0, first - SNIPPET_BEFORE)
        if start:
            start = text.find(" ", start, first) + 1 or start  # begin at a word
        end = min(len(text), start + SNIPPET_LENGTH)
        if end < len(text):
            end = text.rfind(" ", spans[0][1] if spans else start, end) if " " in text[start:end] else end
            end = max(end, spans[0][1] if spans else end)
    pieces, position = ["…" if start else ""], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    pieces += [escape(text[position:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(pieces))  # every piece of the text is escaped above
