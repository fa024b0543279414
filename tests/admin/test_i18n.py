"""The admin speaks Vietnamese by default and English one click away; every
string of the four apps has a real Vietnamese translation."""

import html

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.text import capfirst
from django_countries.fields import CountryField

from organizations.models import Organization
from tests.admin.conftest import admin_url
from tests.samples import MODELS, model_id

APPS = ("core", "organizations", "agreements", "events")
# Strings that read the same in both languages.
SAME_IN_BOTH = {"e-mail", "ISO/IEC ballot", "ISO/IEC ballots", "e.g. CPTPP, EVFTA"}


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _strings_of(model):
    yield model._meta.verbose_name
    yield model._meta.verbose_name_plural
    for field in model._meta.get_fields():
        if field.auto_created or getattr(field, "translated_field", None) is not None:
            continue  # reverse relations, ids, and modeltranslation's per-language copies
        yield field.verbose_name
        if field.help_text:
            yield field.help_text
        if not isinstance(field, CountryField):  # django-countries translates its own names
            for _value, label in field.flatchoices or ():
                yield label
    for constraint in model._meta.constraints:
        if constraint.violation_error_message != constraint.default_violation_error_message:
            yield constraint.violation_error_message


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_every_string_of_the_model_is_translated(model):
    untranslated = []
    for string in _strings_of(model):
        with translation.override("en"):
            english = str(string)
        with translation.override("vi"):
            vietnamese = str(string)
        if vietnamese == english and english not in SAME_IN_BOTH:
            untranslated.append(english)
    assert untranslated == []


def test_app_names_are_translated():
    with translation.override("vi"):
        names = [str(apps.get_app_config(app).verbose_name) for app in APPS]
    assert names == [
        "Dữ liệu chung",
        "Tổ chức và tư cách thành viên",
        "Thỏa thuận và cam kết",
        "Sự kiện, đoàn công tác và sáng kiến",
    ]


def test_admin_is_vietnamese_by_default(editor_client):
    page = _text(editor_client.get("/admin/"))
    assert '<html lang="vi"' in page
    assert "CoopDB — Hợp tác quốc tế" in page
    with translation.override("vi"):
        plurals = [str(capfirst(model._meta.verbose_name_plural)) for model in MODELS]
    for plural in plurals:
        assert plural in page


def test_switching_to_english_keeps_the_page(editor_client):
    page_url = admin_url(Organization, "changelist") + "?kind=international"
    assert "Tổ chức" in _text(editor_client.get(page_url))

    response = editor_client.post("/i18n/setlang/", {"language": "en", "next": page_url})

    assert response.status_code == 302
    assert response.url == page_url
    english = _text(editor_client.get(page_url))
    assert '<html lang="en"' in english
    assert "Select organization to change" in english
    assert "CoopDB — International cooperation" in english
    # and back
    editor_client.post("/i18n/setlang/", {"language": "vi", "next": page_url})
    assert '<html lang="vi"' in _text(editor_client.get(page_url))


def test_login_page_offers_both_languages(client):
    page = _text(client.get("/admin/login/"))
    assert 'action="/i18n/setlang/"' in page
    assert 'value="en"' in page and "English" in page
    assert 'value="vi"' in page and translation.get_language_info("vi")["name_local"] in page
