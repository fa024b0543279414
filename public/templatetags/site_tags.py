"""Template helpers of the public site."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from agreements.choices import AgreementStatus
from core import truth
from core.choices import Audience
from core.querysets import visible_or_none
from organizations import us
from organizations.models import name_on as organization_name_on
from public import structured_data

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
def page_links(page_obj) -> list[tuple[int, str]]:
    """The pagination's items as (number, "current" | "page" | "gap"): the
    first and last pages, two either side of the current one, a gap for what
    lies between. Only those few numbers: looping the template over every
    page cost a page of 2,750 pages (100k agreements) about 2/3 of its time."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    candidates = {1, 2, last - 1, last, *range(current - 2, current + 3)}
    items = []
    for number in sorted(n for n in candidates if 1 <= n <= last):
        if number == current:
            items.append((number, "current"))
        elif number in (1, last) or current - 2 <= number <= current + 2:
            items.append((number, "page"))
        else:  # 2 or last - 1, away from the current page
            items.append((number, "gap"))
    return items


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


# Open Graph names locales with a territory.
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


@register.inclusion_tag("includes/head_meta.html", takes_context=True)
def head_meta(context, title="", description="", og_type="website"):
    """Canonical, hreflang (each language and x-default: Vietnamese, the
    site's default) and Open Graph tags for the current page. The canonical
    address is the page without its query string: a filtered or sorted list
    is the same page."""
    request = context["request"]
    current = get_language()
    canonical = request.build_absolute_uri(request.path)
    alternates = [
        {"code": code, "url": request.build_absolute_uri(translate_url(request.path, code))}
        for code, _name in settings.LANGUAGES
    ]
    default = next(link["url"] for link in alternates if link["code"] == settings.LANGUAGE_CODE)
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": default,
        "title": title,
        "description": description,
        "og_type": og_type,
        "og_locale": OG_LOCALES.get(current, current),
        "og_alternate_locales": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != current],
        "site_name": gettext("International cooperation registry"),
    }


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block; ``data`` comes from public.structured_data
    (public fields only). json_script's escaping keeps a ``</script>`` in a
    title from closing the block."""
    if not data:
        return ""
    block = json_script(data)
    return mark_safe(block.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    return json_ld(structured_data.event_data(context["request"], event))


@register.simple_tag(takes_context=True)
def organization_json_ld(context, organization):
    return json_ld(structured_data.organization_data(context["request"], organization))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered with autoescaping already: safe to print as it is.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}...{% endcapture %}``: renders its content (blocks
    included) once into ``name``, so the page title fills <title> and og:title."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
