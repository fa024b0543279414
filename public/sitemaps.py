"""sitemap.xml: every public page in both languages (with hreflang
alternates). Records come from ``visible_to("public")`` only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements.models import Agreement
from core.choices import Audience
from events.models import Delegation, Event, Initiative
from organizations import us
from organizations.models import Organization
from public.selectors.coverage import covered_countries


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "public:home",
            "public:partners",
            "public:coverage",
            "public:map",
            "organizations:list",
            "organizations:tree",
            "organizations:memberships",
            "organizations:offices",
            "agreements:list",
            "agreements:ftas",
            "agreements:commitments",
            "events:list",
            "events:calendar",
            "events:delegations",
            "events:initiatives",
            "opendata:index",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(_I18nSitemap):
    """The detail pages of one model's public records."""

    changefreq = "monthly"
    priority = 0.6
    model = None

    def items(self):
        return self.model.objects.visible_to(Audience.PUBLIC).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def _record_sitemap(model_class):
    return type(f"{model_class.__name__}Sitemap", (RecordSitemap,), {"model": model_class})


class PartnerSitemap(RecordSitemap):
    """The partner timeline of every public organization."""

    model = Organization

    def items(self):
        # We are not our own partner: our organization and its units have no timeline.
        return super().items().filter(us.not_us_q())

    def location(self, item):
        return reverse("public:partner-organization", args=[item.slug])


class CountryCoverageSitemap(_I18nSitemap):
    """The coverage page of every country a public agreement covers."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return covered_countries()

    def location(self, item):
        return reverse("public:country", args=[item.lower()])


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "organizations": _record_sitemap(Organization),
    "partners": PartnerSitemap,
    "countries": CountryCoverageSitemap,
    "agreements": _record_sitemap(Agreement),
    "events": _record_sitemap(Event),
    "delegations": _record_sitemap(Delegation),
    "initiatives": _record_sitemap(Initiative),
}
