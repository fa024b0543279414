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
