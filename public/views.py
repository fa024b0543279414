"""Pages that span every app: home, search, partner timelines (the error pages
are core.errors, shared with the API)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_countries import countries
from django_countries.fields import Country

from core.choices import Audience
from core.text import vi_sort_key
from organizations import us
from organizations.models import Organization
from public.selectors import home as home_selectors
from public.selectors import partners as partner_selectors
from public.selectors import search as search_selectors


@require_GET
def root(request):
    """``/`` → the Vietnamese home page: Vietnamese is the site's default,
    whatever the browser prefers (the switcher is one click away)."""
    with translation.override(settings.LANGUAGE_CODE):
        return redirect("public:home")


def home(request):
    today = timezone.localdate()
    context = {
        "figures": home_selectors.home_figures(today),
        "reported_figures": home_selectors.reported_figures(),
        "upcoming_events": home_selectors.upcoming_events(today),
        "recent_events": home_selectors.recent_events(today),
        "latest_agreements": home_selectors.latest_agreements(),
        "today": today,
    }
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


def partner_country(request, code):
    code = code.upper()
    if code not in countries:
        raise Http404(_("Unknown country"))
    if code == us.own_country():
        raise Http404(_("We are not our own partner."))
    country = Country(code)
    context = {"partner_name": country.name, "country": country, "timeline": partner_selectors.country_timeline(code)}
    return render(request, "public/partner_timeline.html", context)
