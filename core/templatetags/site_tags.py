"""Template helpers of the public site."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info, gettext

from core.choices import Audience
from core.links import public_url
from core.querysets import visible_or_none

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language, for the switcher (same page, other language)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return links


@register.filter
def public(obj):
    """An optional reference as the public may see it: the object, or None."""
    return visible_or_none(obj, Audience.PUBLIC)


@register.filter
def number(value):
    """A whole number grouped the visitor's way (1.234 in Vietnamese, 1,234 in English)."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, force_grouping=True)


@register.inclusion_tag("includes/sort_th.html", takes_context=True)
def sort_th(context, key, label, numeric=False):
    """A column header that sorts the list by ``key`` (and back)."""
    current = context.get("sort", "")
    ascending = current == key
    descending = current == f"-{key}"
    return {
        "request": context.get("request"),
        "label": label,
        "next_sort": f"-{key}" if ascending else key,
        "aria_sort": "ascending" if ascending else "descending" if descending else "none",
        "numeric": numeric,
    }


@register.filter
def year_or_date(day, year=None):
    """A date, or only its year when the day is not known."""
    if day:
        return formats.date_format(day, "DATE_FORMAT")
    return year or ""


@register.filter
def url_of(obj):
    """The public page of a record of any kind."""
    return public_url(obj)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` or None, for lookups keyed by a row's id."""
    return mapping.get(key) if mapping else None


@register.filter
def term(office):
    """An office's term: "1 Jan 2019 – present", "2017", "2015 – 31 Dec 2017"."""
    if not (office.term_start or office.term_end or office.term_year):
        return gettext("term not recorded")
    if office.term_start:
        start = formats.date_format(office.term_start, "DATE_FORMAT")
    elif office.term_year:
        start = str(office.term_year)
    else:
        start = "…"
    if office.term_end:
        return f"{start} – {formats.date_format(office.term_end, 'DATE_FORMAT')}"
    if office.term_year and not office.term_start:
        return start
    present = gettext("present")
    return f"{start} – {present}"


@register.filter
def held_now(office):
    """Whether the term includes today, exactly as ``Office.objects.held_on``
    decides (an open or unknown end counts as held), so the badge and the home
    page's count agree."""
    today = timezone.localdate()
    return (office.term_start or today) <= today <= (office.term_end or today)
