import pytest

from core.search import fold, search_q
from organizations.models import Organization
from tests.factories import make_organization


def test_fold_strips_vietnamese_marks_and_d_stroke():
    assert fold("Hợp tác Đo lường") == "hop tac do luong"


@pytest.mark.parametrize("query", ["hop tac", "HỢP TÁC", "do luong", "Đo Lường", "tac do"])
def test_search_is_accent_and_case_insensitive(query):
    wanted = make_organization(name_vi="Hợp tác Đo lường")
    make_organization(name_vi="Tiêu chuẩn")
    found = Organization.objects.filter(search_q(query, ["name_vi", "name_en"]))
    assert list(found) == [wanted]


def test_search_needs_every_word():
    make_organization(name_vi="Hợp tác quốc tế")
    assert not Organization.objects.filter(search_q("hop tac luong", ["name_vi"])).exists()


# --- Ranked search helpers (core.search) ------------------------------------

from core.search import SearchTerms, fold_with_offsets, highlight, match_spans  # noqa: E402


def test_search_terms_are_folded_whole_words():
    terms = SearchTerms.parse("  Hợp-tác, ĐO lường!  ")
    assert terms.words == ("hop", "tac", "do", "luong")
    assert terms.tsquery() == "'hop' & 'tac' & 'do' & 'luong'"
    assert SearchTerms.parse("hop t", prefix=True).tsquery() == "'hop' & 't':*"
    assert not SearchTerms.parse(" - , ")


def test_folding_keeps_a_map_to_the_text_as_written():
    folded, offsets = fold_with_offsets("Đo lường")
    assert folded == "do luong" and len(offsets) == len(folded)
    decomposed = "Ho\u031b\u0323p"  # "Hợp" with combining marks
    folded, offsets = fold_with_offsets(decomposed)
    assert folded == "hop" and offsets == [0, 1, 4]


def test_highlight_marks_the_words_as_written_and_escapes():
    marked = highlight("Hợp tác <đo> lường", SearchTerms.parse("hop do"))
    assert marked == "<mark>Hợp</mark> tác &lt;<mark>đo</mark>&gt; lường"
    assert highlight("Ngày hội Nga", SearchTerms.parse("nga")) == "Ngày hội <mark>Nga</mark>"
    assert highlight("Rosstandart", SearchTerms.parse("ross", prefix=True)) == "<mark>Rosstandart</mark>"


def test_highlight_keeps_decomposed_marks_with_their_letter():
    text = "Ho\u031b\u0323p ta\u0301c"
    assert match_spans(text, SearchTerms.parse("tac")) == [(6, 10)]  # t a ◌́ c: the mark goes with its letter


def test_an_excerpt_is_cut_around_the_first_match():
    text = "mở đầu " * 40 + "Liên bang Nga" + " kết thúc" * 40
    snippet = highlight(text, SearchTerms.parse("nga"), excerpt=True)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Nga</mark>" in snippet and len(snippet) < 300
