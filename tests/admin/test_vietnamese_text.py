"""Every word a staff member reads in the Vietnamese admin is Vietnamese:
Django's, the libraries' and ours, on list, add, change and history pages and
in the common form errors. The pages' visible text is searched for English
words (proper nouns and acronyms are not in the list)."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User

from api.models import Ministry
from organizations.models import Dues, Membership, Organization
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import inline_rows, page_form_data
from tests.samples import MODELS, make_sample, model_id

# Common English UI words that are not Vietnamese words (so "to", "no", "in"
# are left out: they are Vietnamese too).
ENGLISH_WORDS = {
    "the", "please", "correct", "error", "errors", "below", "this", "field", "is", "required", "enter",
    "valid", "null", "characters", "are", "not", "allowed", "added", "changed", "deleted", "add", "change",
    "delete", "save", "history", "filter", "search", "select", "and", "or", "of", "with", "must", "password",
    "value", "date", "none", "yes", "unknown", "ministries", "ministry", "keys", "choose", "view", "show",
    "all", "by", "for", "from", "at", "today", "now", "clear", "remove", "another", "duplicate", "data",
    "letters", "numbers", "hyphens", "underscores", "consisting", "currency", "amount", "status",
    "current", "title", "name", "visibility", "public", "internal", "government", "note",
}  # fmt: skip


class _VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.hidden_depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def english_words(response) -> set[str]:
    parser = _VisibleText()
    parser.feed(response.content.decode())
    text = html.unescape(" ".join(parser.parts))
    found = set()
    for match in re.finditer(r"[A-Za-z]+", text):
        word = match.group()
        if word.lower() in ENGLISH_WORDS and not word.isupper():  # ALL (Albanian lek) is a code
            found.add(" ".join(text[max(0, match.start() - 30) : match.end() + 30].split()))
    return found


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_admin_pages_are_vietnamese(editor_client, model):
    obj = make_sample(model)
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        found = english_words(response)
        assert not found, (url, sorted(found))


def test_the_ministry_pages_are_vietnamese(client, db):
    # The change and add pages hold the key inline, whose columns are the
    # library's fields redeclared with our labels (api.models.MinistryAPIKey).
    client.force_login(User.objects.create_superuser("root", password=None))
    ministry = Ministry.objects.create(name_vi="Bộ Công Thương")
    pages = ("changelist", "add")
    urls = [admin_url(Ministry, page) for page in pages]
    urls += [admin_url(Ministry, page, ministry.pk) for page in ("change", "history")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert not (found := english_words(response)), (url, sorted(found))


def test_the_index_and_its_recent_actions_are_vietnamese(editor_client):
    organization = factories.make_organization()
    url = admin_url(Organization, "change", organization.pk)
    editor_client.post(url, page_form_data(editor_client.get(url), name_vi="Tổ chức đổi tên"))
    response = editor_client.get("/admin/")
    assert "Đã sửa:" in html.unescape(response.content.decode())
    assert not (found := english_words(response)), sorted(found)


def test_common_form_errors_are_vietnamese(editor_client):
    membership = factories.make_membership()
    factories.make_dues(membership=membership, year=2020)
    url = admin_url(Organization, "change", membership.member.pk)
    response = editor_client.post(
        url, page_form_data(editor_client.get(url), slug="tổ chức", name_vi="Tên\x00", founded_on="01/01/0001")
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Hãy sửa các lỗi dưới đây." in text
    assert "Không được phép có ký tự rỗng (NUL)." in text
    assert "Hãy nhập slug hợp lệ" in text
    assert not (found := english_words(response)), sorted(found)

    # Two dues rows for one year on the membership page: the duplicate names the field's label.
    url = admin_url(Membership, "change", membership.pk)
    page = editor_client.get(url)
    rows = [{"year": 2021, "visibility": "public"}, {"year": 2021, "visibility": "public"}]
    data = {**page_form_data(page), **inline_rows("dues", rows, initial=1)}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Hãy sửa các dữ liệu trùng lặp cho tư cách thành viên và năm, mà phải là duy nhất." in text
    assert not (found := english_words(response)), sorted(found)
    assert Dues.objects.count() == 1


def test_password_rules_are_vietnamese(client, db):
    root = User.objects.create_superuser("root", password="an-old-long-password-1")
    client.force_login(root)
    url = f"/admin/auth/user/{root.pk}/password/"
    response = client.post(url, {"password1": "1234", "password2": "1234"})
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Mật khẩu này quá ngắn." in text
    assert not (found := english_words(response)), sorted(found)
