from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from opendata.urls import download_patterns
from public.pages import favicon_ico, robots_txt, root
from public.sitemaps import SITEMAPS
from workflow.views import document_download

urlpatterns = [
    # Staff workflow pages (radar, report, templates) before the admin's catch-all.
    path("admin/workflow/", include("workflow.urls")),
    path("documents/<int:pk>/", document_download, name="document-download"),
    path("admin/", admin.site.urls),
    # The admin's language switcher posts to set_language here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path("open-data/", include(download_patterns)),
    # Public site (issue #5): every page lives under /vi/ and /en/; "/" goes to
    # the home page in the visitor's language (Accept-Language, else Vietnamese).
    path("", root, name="root"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon_ico, name="favicon-ico"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("public.urls")),
    path("", include("organizations.urls")),
    path("", include("agreements.urls")),
    path("", include("events.urls")),
    path("", include("opendata.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# JSON under /api/, Django's default (the site's templates) elsewhere.
handler400 = "api.exceptions.handler400"
handler403 = "api.exceptions.handler403"
handler404 = "api.exceptions.handler404"
handler500 = "api.exceptions.handler500"
