"""The list pages' drop-down filters (core.listing.SingleSelect) are written
out in Python for speed: the same bytes as Django's select templates."""

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe

from core.listing import SingleSelect
from tests.site.test_pages import LANGUAGES, url

PAGES = [
    ("agreements:list", {}),
    ("agreements:list", {"country": "RU", "kind": "plan"}),
    ("agreements:ftas", {"status": "negotiating"}),
    ("organizations:list", {"country": "RU"}),
    ("events:list", {"mode": "online", "hosted_by_us": "true"}),
    ("events:delegations", {"direction": "incoming"}),
    ("events:initiatives", {"status": "proposed"}),
    ("agreements:list", {"kind": "no-such-kind"}),  # a 400 with the form's errors
]


def _template_render(monkeypatch, fields) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(SingleSelect, "render", forms.SelectMultiple.render)
        return [str(field) for field in fields]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("name", "query"), PAGES)
def test_filter_drop_downs_render_as_djangos_templates(client, world, monkeypatch, lang, name, query):
    response = client.get(url(name, lang=lang, **query))
    assert response.status_code in (200, 400)
    fields = response.context["filter_fields"]
    assert any(isinstance(field.field.widget, SingleSelect) for field in fields)
    with translation.override(lang):
        fast = [str(field) for field in fields]
        assert fast == _template_render(monkeypatch, fields)
    for value in query.values():
        if value != "no-such-kind":
            assert f'value="{value}" selected' in "".join(fast)


def test_escaping_groups_and_attributes_as_the_templates_do(monkeypatch):
    widget = SingleSelect(
        attrs={"class": 'a"b', "data-on": True, "data-off": False, "data-n": 3},
        choices=[
            ("", "All"),
            ("x&y", "<b>Ấn Độ</b> & 'co'"),
            ("safe", mark_safe("<i>kept</i>")),  # noqa: S308 - a test of safe labels
            ("Group <1>", [(1, "one"), (mark_safe("<2>"), "two")]),  # noqa: S308
        ],
    )
    for value in (None, [], ["x&y"], ["<2>"], ["1"]):
        fast = widget.render("kind<", value, attrs={"id": "id_kind", "aria-invalid": "true"})
        with monkeypatch.context() as patch:
            patch.setattr(SingleSelect, "render", forms.SelectMultiple.render)
            slow = widget.render("kind<", value, attrs={"id": "id_kind", "aria-invalid": "true"})
        assert fast == slow, value
    assert "&lt;b&gt;Ấn Độ&lt;/b&gt; &amp; &#x27;co&#x27;" in fast
    assert "<i>kept</i>" in fast
    assert 'value="<2>"' in fast  # a safe value stays as it is, as in the template
