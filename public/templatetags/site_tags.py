"""Template helpers of the public site."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, gettext

from agreements.choices import AgreementStatus
from core import truth
from core.choices import Audience
from core.querysets import visible_or_none
from organizations import us
from organizations.models import name_on as organization_name_on

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
    return obj.get_absolute_url()


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


def _standing_badge(standing) -> str:
    if standing.state == truth.Standing.LAST_REPORTED and standing.source is not None:
        return format_html(
            '<span class="badge reported">{}</span> <span class="muted small">({})</span>',
            standing.label,
            standing.source.title,
        )
    css = {truth.Standing.CURRENT: "current", truth.Standing.UPCOMING: "upcoming"}.get(standing.state, "past")
    return format_html('<span class="badge {}">{}</span>', css, standing.label)


@register.simple_tag
def office_standing(office):
    """Current, ended, or "last reported <date>" (with its source), by core.truth,
    the rule ``Office.objects.held_on`` and the home page's count follow."""
    return _standing_badge(truth.office_standing(office, timezone.localdate()))


@register.simple_tag
def membership_standing(membership):
    return _standing_badge(truth.membership_standing(membership, timezone.localdate()))


@register.simple_tag
def agreement_status(agreement):
    """The agreement's status today: "Ended on …" once its validity or an ending
    stage is past, whatever its last recorded stage; else the stage reached by today."""
    today = timezone.localdate()
    standing = truth.agreement_standing(agreement, today)
    if standing.state == truth.Standing.ENDED:
        return format_html('<span class="badge status-ended">{}</span>', standing.label)
    stage = truth.agreement_stage_on(agreement, today)
    return format_html('<span class="badge status-{}">{}</span>', stage, AgreementStatus(stage).label)


@register.simple_tag
def country_link(country):
    """A country's name, linked to its partner timeline unless it is our own
    country (we are not our own partner)."""
    if not country:
        return ""
    if country.code == us.own_country():
        return country.name
    return format_html('<a href="{}">{}</a>', reverse("public:partner-country", args=[country.code]), country.name)


@register.simple_tag(takes_context=True)
def organization_link(context, organization, text=None):
    """An organization linked to its partner timeline, or to its own page when it is us."""
    name = organization.display_name if text is None else text
    view = "organizations:detail" if us.is_us(organization, context.get("request")) else "public:partner-organization"
    return format_html('<a href="{}">{}</a>', reverse(view, args=[organization.slug]), name)


@register.filter
def name_on(organization, day):
    """The organization's short name on ``day`` (a former one when it bore it then)."""
    return organization_name_on(organization, day)


@register.filter
def ours(organization) -> bool:
    return bool(organization) and us.is_us(organization)


@register.inclusion_tag("includes/citation.html")
def citation(record, *related):
    """A record's sources — its own first, then those of the rows it shows
    (``related``: lists of child rows, e.g. its status history) — and when it
    was last updated (the latest of them)."""
    rows = [record] + [row for rows in related for row in (rows or [])]
    sources = list({row.source_id: row.source for row in rows}.values())
    return {"sources": sources, "updated_at": max(row.updated_at for row in rows)}
