"""What the public search counts and shows: public records only."""

from core.search import SearchTerms, ranked
from events.models import Event
from tests.factories import make_agreement, make_event
from tests.site.test_pages import url


def test_facets_count_only_public_records(client):
    public = make_event(title_vi="Hội thảo zqfacet công khai")
    make_event(title_vi="Hội thảo zqfacet nội bộ", visibility="internal")
    make_event(title_vi="Hội thảo zqfacet chính phủ", visibility="government")
    make_agreement(title_vi="Bản ghi nhớ zqfacet", visibility="internal")
    response = client.get(url("public:search", q="zqfacet"))
    results = response.context["results"]
    assert {f.key: f.count for f in results.facets if f.count} == {"events": 1}
    assert [hit.record.pk for hit in results.hits] == [public.pk]
    assert "nội bộ" not in response.content.decode() and "chính phủ" not in response.content.decode()


def test_the_stored_column_follows_every_write_path():
    """bulk_create, update() and save() all keep the generated column right."""
    source = make_event().source
    new = Event(slug="bulk-zq", title_vi="Diễn đàn zqbulk", start_on="2020-01-01", source=source)
    (bulk,) = Event.objects.bulk_create([new])
    assert list(ranked(Event.objects.all(), "zqbulk")) == [bulk]
    Event.objects.filter(pk=bulk.pk).update(title_vi="Diễn đàn zqupdated")
    assert not ranked(Event.objects.all(), "zqbulk").exists()
    assert list(ranked(Event.objects.all(), "zqupdated")) == [bulk]


def test_whole_words_only_unless_typing():
    ngay = make_event(title_vi="Hội nghị ngày 9/6")
    nga = make_event(title_vi="Hội nghị với Liên bang Nga")
    assert list(ranked(Event.objects.all(), "Nga")) == [nga]
    assert set(ranked(Event.objects.all(), SearchTerms.parse("Nga", prefix=True))) == {nga, ngay}


def test_as_one_types_an_acronym_so_beginning_ranks_above_a_title_word():
    from core.search import TIER_EXACT, TIER_START
    from tests.factories import make_organization

    titled = make_event(title_vi="Hội nghị zqap thường niên")
    body = make_organization(acronym="ZQAPX", name_vi="Tổ chức thử", slug="zqapx")
    exact = make_organization(acronym="ZQA", name_vi="Tổ chức khác", slug="zqa-org")
    rows = ranked(Event.objects.all(), SearchTerms.parse("zqa", prefix=True))
    assert list(rows) == [titled] and rows[0].search_rank < TIER_START
    organizations = ranked(type(body).objects.all(), SearchTerms.parse("zqa", prefix=True)).order_by("-search_rank")
    assert list(organizations) == [exact, body]
    assert organizations[0].search_rank == TIER_EXACT > organizations[1].search_rank == TIER_START
    # Whole words (the search page's first attempt): no prefix boost.
    assert not ranked(type(body).objects.all(), "zqap").exists()
