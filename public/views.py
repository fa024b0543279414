"""Pages that span every app: home, search, partner timelines (the error pages
are core.errors, shared with the API)."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_countries import countries
from django_countries.fields import Country

from api.exceptions import error_body
from core.choices import Audience
from core.errors import json_errors
from core.text import vi_sort_key
from organizations import us
from organizations.models import Organization
from public import charts
from public.selectors import coverage as coverage_selectors
from public.selectors import home as home_selectors
from public.selectors import partners as partner_selectors
from public.selectors import search as search_selectors


def home(request):
    today = timezone.localdate()
    figures = home_selectors.home_figures(today)
    context = {
        "figures": figures,
        "reported_figures": home_selectors.reported_figures(figures),
        "upcoming_events": home_selectors.upcoming_events(today),
        "recent_events": home_selectors.recent_events(today),
        "latest_agreements": home_selectors.latest_agreements(),
        "today": today,
    }
    context["figures_chart"] = charts.bar_list(
        [(figure.label, figure.value, reverse(figure.url_name)) for figure in context["figures"]]
    )
    return render(request, "public/home.html", context)


def search(request):
    """Ranked results over every kind, with counts per kind (``?kind=``
    keeps one); an unknown kind is a 404, not every kind passed off as it."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in search_selectors.kinds():
        raise Http404(_("Unknown kind of record."))
    results = search_selectors.site_search(query=query, kind=kind)
    return render(request, "public/search.html", {"query": query, "results": results, "total": results.total})


MAX_QUERY = 200  # the search box's maxlength
SUGGEST_MAX_AGE = 60  # seconds: a record unpublished drops out of cached suggestions within a minute


@json_errors
@require_safe
def search_suggest(request):
    """The search box's suggestions as a visitor types, in JSON: the first
    public records the search page would list for ``q`` (fewer than two
    characters: none). A second ``q`` or an overlong one is a 400 (a NUL is
    refused before this runs, in JSON too: ``json_errors``)."""
    values = request.GET.getlist("q")
    if len(values) > 1:
        return _suggest_refused(_("Give the search words once (one q parameter)."))
    query = values[0].strip() if values else ""
    if len(query) > MAX_QUERY:
        return _suggest_refused(_("The search words are too long: %(max)d characters at most.") % {"max": MAX_QUERY})
    found = search_selectors.suggestions(query=query)
    body = {
        "query": query,
        "results": [
            {
                "title": s.title,
                "marks": [list(span) for span in s.marks],
                "kind": s.kind,
                "kind_label": s.kind_label,
                "url": s.url,
                "context": s.context,
            }
            for s in found
        ],
        "search_url": search_selectors.search_url(query),
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    # Public records only, the same for everyone: a shared cache may keep it
    # briefly. The language is in the address; Vary says so to any cache
    # that strips it.
    patch_cache_control(response, public=True, max_age=SUGGEST_MAX_AGE)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _suggest_refused(message) -> JsonResponse:
    body = error_body(400, message=message, errors={"q": [str(message)]})
    return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})


def partner_index(request):
    countries_seen = [Country(code) for code in partner_selectors.partner_countries()]
    countries_seen.sort(key=lambda country: vi_sort_key(country.name))
    context = {"countries": countries_seen, "organizations": partner_selectors.partner_organizations()}
    return render(request, "public/partner_index.html", context)


def partner_organization(request, slug):
    organization = get_object_or_404(Organization.objects.visible_to(Audience.PUBLIC), slug=slug)
    if us.is_us(organization):
        raise Http404(_("We are not our own partner."))
    context = {
        "partner_name": str(organization),
        "organization": organization,
        "timeline": partner_selectors.organization_timeline(organization),
    }
    return render(request, "public/partner_timeline.html", context)


def _partner_country_or_404(code: str) -> Country:
    """The country an address names (its ISO code, either case); 404 for an
    unknown code or our own country (we are not our own partner)."""
    if len(code) != 2 or code.upper() not in countries:
        raise Http404(_("Unknown country"))
    if code.upper() == us.own_country():
        raise Http404(_("We are not our own partner."))
    return Country(code.upper())


def partner_country(request, code):
    country = _partner_country_or_404(code)
    timeline = partner_selectors.country_timeline(country.code)
    context = {"partner_name": country.name, "country": country, "timeline": timeline}
    return render(request, "public/partner_timeline.html", context)


# --- who covers what, the map and the charts ----------------------------------


def country_coverage(request, code):
    """Which public agreements cover a country, since when, with which TBT
    commitments; the address is the lower-case ISO code (``/en/countries/jp/``)."""
    if code != code.lower():
        return redirect("public:country", code=code.lower(), permanent=True)
    country = _partner_country_or_404(code)
    today = timezone.localdate()
    rows = coverage_selectors.country_coverage(country.code, today)
    context = {"country": country, "rows": rows, "today": today}
    return render(request, "public/country_coverage.html", context)


def coverage_matrix(request):
    """Public FTAs × the partner countries they cover, as of today."""
    today = timezone.localdate()
    matrix = coverage_selectors.fta_matrix(today)
    rows = sorted(((Country(code), cells) for code, cells in matrix.rows), key=lambda row: vi_sort_key(row[0].name))
    context = {"matrix": matrix, "rows": rows, "today": today, "state_labels": coverage_selectors.STATE_LABELS}
    return render(request, "public/coverage_matrix.html", context)


def _map_url(partner):
    # Countries an agreement covers open their coverage page; the others their partner timeline.
    if partner.kinds & {coverage_selectors.FTA, coverage_selectors.AGREEMENT}:
        return reverse("public:country", args=[partner.code.lower()])
    return reverse("public:partner-country", args=[partner.code])


def cooperation_map(request):
    """The world map of cooperation and the agreements signed and entering into force per year."""
    partners = coverage_selectors.map_countries()
    world = charts.world_map(partners, own_country=us.own_country(), url_of=lambda code: _map_url(partners[code]))
    per_year = coverage_selectors.agreements_per_year()
    year_chart = charts.column_chart(
        [(year, signed, entered) for year, signed, entered in per_year.years],
        [_("Signed"), _("Entered into force")],
    )
    legend = [(key, label) for key, label in coverage_selectors.MAP_KINDS]
    context = {
        "world": world,
        "legend": legend,
        "partners": sorted(world.partners, key=lambda shape: vi_sort_key(shape.name)),
        "per_year": per_year,
        "year_chart": year_chart,
        "today": timezone.localdate(),
    }
    return render(request, "public/cooperation_map.html", context)
