"""The open-data page and its downloads (docs/api.md, "Open data")."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from opendata import package as layout
from opendata import services
from opendata.tables import every_table


@require_safe
def index(request):
    package = services.served_package()
    rows = {table["name"]: table["rows"] for table in package.tables}
    resources = {resource["name"]: resource for resource in layout.resources()}
    suffix = "_vi" if get_language() == "vi" else ""
    context = {
        "package": package,
        "tables": [
            {
                "table": table,
                "rows": rows.get(table.name, 0),
                "file": layout.data_path(table),
                "fields": [_field(field, suffix) for field in resources[table.name]["schema"]["fields"]],
            }
            for table in every_table()
        ],
        "files": package.files,
        "zip": package.files.get(layout.ZIP_FILE, {}),
        "licence": layout.LICENCE,
        "api_docs": reverse("api:docs"),
        "attribution": layout.attribution(package.version)["vi" if suffix else "en"],
    }
    return render(request, "opendata/index.html", context)


def _field(field: dict, suffix: str) -> dict:
    """A field of datapackage.json in the page's language."""
    codes = field.get("codes", {})
    return {
        "name": field["name"],
        "type": field["type"],
        "title": field[f"title{suffix}"],
        "description": field[f"description{suffix}"],
        "codes": [(code, labels["vi" if suffix else "en"]) for code, labels in codes.items()],
    }


@require_safe
def download(request):
    return _serve(request, layout.ZIP_FILE)


@require_safe
def package_file(request, name):
    return _serve(request, name)


def _serve(request, name):
    """A file of the current build; its ETag is its SHA-256 and its
    Last-Modified the build's time, so both change with every rebuild."""
    package = services.served_package()
    info = package.files.get(name)
    if info is None:
        raise Http404
    etag = f'"{info["sha256"]}"'
    last_modified = int(package.built_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        try:
            data = services.path_of(package, name).open("rb")
        except FileNotFoundError:
            raise Http404 from None  # removed by a newer build in between: the next request gets that one
        response = FileResponse(data, content_type=info["media_type"], as_attachment=name.endswith(".zip"))
        if name.endswith(".zip"):
            response["Content-Disposition"] = f'attachment; filename="coopdb-open-data-{package.version}.zip"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Shared caches may keep it, but must ask again each time: a rebuild
    # changes the ETag, and an unchanged build answers 304.
    patch_cache_control(response, public=True, no_cache=True)
    return response
