"""The list pages' pagination (public.templatetags.site_tags.page_links)
shows the same links as the template that looped over every page number,
which cost a page of 2,750 pages most of its time."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory

from public.templatetags.site_tags import page_links

# The template before page_links, kept as the reference.
EVERY_PAGE = """{% load i18n %}
{% if page_obj.has_other_pages %}
<nav class="pagination" aria-label="{% translate 'Pages' %}">
  <ul>
    {% if page_obj.has_previous %}
    <li><a href="{% querystring page=page_obj.previous_page_number %}" rel="prev">‹ {% translate "Previous" %}</a></li>
    {% endif %}
    {% for number in page_obj.paginator.page_range %}
      {% if number == page_obj.number %}
      <li><a href="{% querystring page=number %}" aria-current="page">{{ number }}</a></li>
      {% elif number == 1 or number == page_obj.paginator.num_pages or number|add:"-2" <= page_obj.number and number|add:"2" >= page_obj.number %}
      <li><a href="{% querystring page=number %}">{{ number }}</a></li>
      {% elif number == 2 or number == page_obj.paginator.num_pages|add:"-1" %}
      <li class="gap" aria-hidden="true">…</li>
      {% endif %}
    {% endfor %}
    {% if page_obj.has_next %}
    <li><a href="{% querystring page=page_obj.next_page_number %}" rel="next">{% translate "Next" %} ›</a></li>
    {% endif %}
  </ul>
</nav>
{% endif %}
"""  # noqa: E501 - the template as it was


def _squeezed(html: str) -> str:
    """Whitespace between tags is not shown: the old loop left a blank line per page."""
    return re.sub(r">\s+<", "><", html).strip()


CASES = [(pages, current) for pages in range(1, 13) for current in range(1, pages + 1)] + [
    (2750, current) for current in (1, 2, 3, 4, 5, 6, 1375, 2745, 2746, 2747, 2748, 2749, 2750)
]


@pytest.mark.parametrize(("pages", "current"), CASES)
def test_the_same_links_as_the_loop_over_every_page(pages, current):
    page_obj = Paginator(range(pages * 20), 20).page(current)
    request = RequestFactory().get("/vi/agreements/", {"kind": "mou", "page": current})
    context = {"page_obj": page_obj}
    expected = engines["django"].from_string(EVERY_PAGE).render(context, request)
    assert _squeezed(render_to_string("includes/pagination.html", context, request)) == _squeezed(expected)
    if pages > 1:
        assert f'href="?kind=mou&amp;page={current}" aria-current="page"' in expected


def test_a_long_list_names_a_few_pages():
    page_obj = Paginator(range(2750 * 20), 20).page(1375)
    assert page_links(page_obj) == [
        (1, "page"), (2, "gap"), (1373, "page"), (1374, "page"), (1375, "current"), (1376, "page"),
        (1377, "page"), (2749, "gap"), (2750, "page"),
    ]  # fmt: skip
