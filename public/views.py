"""Pages that span every app, so they live in core next to the visibility and
search helpers they use: home, search, partner timelines, error pages."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_countries import countries
from django_countries.fields import Country

from core import selectors, us
from core.choices import Audience
from core.text import vi_sort_key
from organizations.models import Organization


@require_GET
def root(request):
    """``/`` → the Vietnamese home page: Vietnamese is the site's default,
    whatever the browser prefers (the switcher is one click away)."""
    with translation.override(settings.LANGUAGE_CODE):
        return redirect("core:home")


def home(request):
    today = timezone.localdate()
    context = {
        "figures": selectors.home_figures(today),
        "reported_figures": selectors.reported_figures(),
        "upcoming_events": selectors.upcoming_events(today),
        "recent_events": selectors.recent_events(today),
        "latest_agreements": selectors.latest_agreements(),
        "today": today,
    }
    return render(request, "core/home.html", context)


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    groups = selectors.search_everything(query)
    context = {"query": query, "groups": groups, "total": sum(group.total for group in groups)}
    return render(request, "core/search.html", context)


def partner_index(request):
    countries_seen = [Country(code) for code in selectors.partner_countries()]
    countries_seen.sort(key=lambda country: vi_sort_key(country.name))
    context = {"countries": countries_seen, "organizations": selectors.partner_organizations()}
    return render(request, "core/partner_index.html", context)


def partner_organization(request, slug):
    organization = get_object_or_404(Organization.objects.visible_to(Audience.PUBLIC), slug=slug)
    if us.is_us(organization):
        raise Http404(_("We are not our own partner."))
    context = {
        "partner_name": str(organization),
        "organization": organization,
        "timeline": selectors.organization_timeline(organization),
    }
    return render(request, "core/partner_timeline.html", context)


def partner_country(request, code):
    code = code.upper()
    if code not in countries:
        raise Http404(_("Unknown country"))
    if code == us.own_country():
        raise Http404(_("We are not our own partner."))
    country = Country(code)
    context = {"partner_name": country.name, "country": country, "timeline": selectors.country_timeline(code)}
    return render(request, "core/partner_timeline.html", context)


def database_unavailable(exception) -> bool:
    """Whether ``exception`` means the database cannot answer now (down,
    restarting, unreachable, or a statement cut by its time-out): the request
    may succeed if retried, so it is a 503, not a 500."""
    return isinstance(exception, OperationalError | InterfaceError)


def service_unavailable(request, template_name="503.html"):
    """The 503 page, with Retry-After: rendered without the database."""
    template = loader.get_template(template_name)
    response = HttpResponse(template.render({"request_path": request.path}), status=503)
    response["Retry-After"] = str(settings.COOPDB_RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name="500.html"):
    """The 500 page: self-contained, no database query (the database may be
    what failed), still in the visitor's language."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request_path": request.path}))
