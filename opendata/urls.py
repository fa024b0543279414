from django.urls import path

from opendata import views

app_name = "opendata"

# The page, under /vi/ and /en/ (coopdb/urls.py's i18n_patterns).
urlpatterns = [
    path("open-data/", views.index, name="index"),
]

# The files, at addresses without a language (the same files for everyone).
download_patterns = (
    [
        path("coopdb-open-data.zip", views.download, name="zip"),
        path("<path:name>", views.package_file, name="file"),
    ],
    "opendata-files",
)
