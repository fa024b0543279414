from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from workflow.views import document_download

urlpatterns = [
    # Staff workflow pages (radar, report, templates) before the admin's catch-all.
    path("admin/workflow/", include("workflow.urls")),
    path("documents/<int:pk>/", document_download, name="document-download"),
    path("admin/", admin.site.urls),
    # The admin's language switcher posts to set_language here.
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
