"""The pages a government site has (about, contact, accessibility, privacy,
API and open data), robots.txt, favicon.ico and ``/``'s choice of language.

The pages are fixed text in the templates (bilingual through gettext); the
figures they quote (rate limits, contact address) come from the settings, so
the text never disagrees with what the site does."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

# The templates of the fixed pages, by URL name (public:<name>).
SITE_PAGES = ("about", "contact", "accessibility", "privacy", "api")


RATE_PERIODS = {"s": _("second"), "m": _("minute"), "h": _("hour"), "d": _("day")}


def _rate(scope: str) -> str:
    """A DRF throttle rate ("120/minute") in the visitor's words ("120 requests per minute")."""
    number, _sep, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].partition("/")
    return _("%(number)s requests per %(period)s") % {"number": number, "period": RATE_PERIODS[period[:1]]}


def _site_page(name):
    @require_GET
    def view(request):
        context = {
            "contact_email": settings.COOPDB_CONTACT_EMAIL,
            "contact_address": settings.COOPDB_CONTACT_ADDRESS,
            "rate_anonymous": _rate("anonymous"),
            "rate_key": _rate("ministry_key"),
        }
        return render(request, f"public/pages/{name}.html", context)

    view.__name__ = f"{name}_page"
    return view


about = _site_page("about")
contact = _site_page("contact")
accessibility = _site_page("accessibility")
privacy = _site_page("privacy")
api = _site_page("api")


def preferred_language(request) -> str:
    """The first language of the visitor's Accept-Language the site speaks,
    in the visitor's order of preference; Vietnamese when none (or no header).
    Django's own get_language_from_request would also read the language
    cookie, which the public site never sets: the URL carries the language."""
    supported = {code for code, _name in settings.LANGUAGES}
    for code, _quality in translation.trans_real.parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in supported:
            return base
    return settings.LANGUAGE_CODE


@require_GET
@vary_on_headers("Accept-Language")
def root(request):
    """``/`` → the home page in the visitor's language (Accept-Language),
    Vietnamese when unsure."""
    with translation.override(preferred_language(request)):
        return redirect("public:home")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers read the public pages; the admin, the API (the expensive CSV
    exports included; its documentation stays open), the search results (as
    many pages as there are words) and the language switch are not for them."""
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "Disallow: /i18n/", "Disallow: /api/"]
    lines.append(f"Allow: {reverse('api:docs')}")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('public:search')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon_ico(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")  # noqa: SIM115 (closed by the response)
