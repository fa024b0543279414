"""Import and export through the admin pages, as an Editor works: preview,
confirmation, errors shown per row, templates, filtered exports."""

import html
from io import BytesIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from agreements.models import Agreement
from core.models import Source
from organizations.models import Organization
from tests.factories import make_agreement
from tests.staff import logged_in, make_staff
from tests.workflow.sheets import GOOD, as_csv, as_xlsx
from workflow.spreadsheets import IMPORTABLE

FORMATS = {"xlsx": "0", "csv": "1"}  # the order of settings.IMPORT_EXPORT_FORMATS


def import_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")


def preview(client, model, rows, file_format="csv"):
    content = as_csv(rows) if file_format == "csv" else as_xlsx(rows)
    upload = SimpleUploadedFile(f"sheet.{file_format}", content)
    return client.post(import_url(model), {"resource": "0", "format": FORMATS[file_format], "import_file": upload})


def confirm(client, model, preview_response):
    form = preview_response.context["confirm_form"]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    return client.post(url, {name: form.initial.get(name, "") for name in form.fields})


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_preview_writes_nothing_and_the_confirmation_writes_every_row(editor_client, vietq, file_format):
    page = preview(editor_client, Organization, GOOD["organization"], file_format)

    assert page.status_code == 200
    assert page.context["confirm_form"] is not None
    assert text(page).count('<tr class="new">') == 3
    assert not Organization.objects.exists()

    done = confirm(editor_client, Organization, page)

    assert done.status_code == 302
    assert Organization.objects.count() == 3
    apo = Organization.objects.get(slug="apo")
    assert apo.history.get().history_user == editor_client.user  # who imported it
    assert LogEntry.objects.filter(object_id=str(apo.pk)).exists()


def test_reimporting_shows_every_row_unchanged(editor_client, vietq):
    confirm(editor_client, Organization, preview(editor_client, Organization, GOOD["organization"]))

    page = preview(editor_client, Organization, GOOD["organization"])

    assert text(page).count('<tr class="skip">') == 3
    assert Organization.history.count() == 3


def test_one_bad_row_shows_its_errors_and_offers_no_confirmation(editor_client, vietq):
    rows = [*GOOD["organization"], ["bad", "BAD", "", "", "planet", "", "ZZ", "30/02/2020", "public", "vietq"]]

    page = preview(editor_client, Organization, rows)

    assert page.status_code == 200
    assert "confirm_form" not in page.context or page.context["confirm_form"] is None
    content = text(page)
    assert "Some rows failed to validate" in content
    assert "Value 'planet' is not a valid choice." in content
    assert "“30/02/2020” is not a date" in content
    assert "Value 'ZZ' is not a valid choice." in content
    assert not Organization.objects.exists()


def test_a_confirmation_that_fails_writes_nothing_and_says_so(editor_client, vietq):
    page = preview(editor_client, Organization, GOOD["organization"])
    Source.objects.filter(key="vietq").delete()  # the data changes between preview and confirmation

    done = confirm(editor_client, Organization, page)

    assert done.status_code == 302 and done.url == import_url(Organization)
    assert not Organization.objects.exists()
    followed = editor_client.get(done.url)
    assert "Nothing was imported: 3 rows failed on confirmation" in text(followed)


def test_the_import_page_links_the_template_and_it_has_the_import_columns(editor_client):
    page = editor_client.get(import_url(Agreement))
    template_url = reverse("workflow:import-template", args=["agreement"])
    assert template_url in text(page)

    response = editor_client.get(template_url)

    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["data", "notes"]
    headers = [cell.value for cell in workbook["data"][1]]
    assert headers == [field.column_name for field in IMPORTABLE["agreement"]().get_import_fields()]
    notes = {row[0]: row for row in workbook["notes"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert notes["slug"][1] == "yes" and notes["title_en"][1] == "no"
    assert notes["title_vi"][1] == "yes"  # Vietnamese text is required, English optional
    assert "mou = Memorandum of understanding (MoU)" in notes["kind"][2]
    assert "separated by" in notes["parties"][2]


@pytest.mark.parametrize("model_name", list(IMPORTABLE))
def test_every_template_reads_back_as_an_empty_import(editor_client, model_name):
    response = editor_client.get(reverse("workflow:import-template", args=[model_name]))
    assert response.status_code == 200
    from import_export.formats.base_formats import XLSX

    dataset = XLSX().create_dataset(response.content)
    assert dataset.headers == [f.column_name for f in IMPORTABLE[model_name]().get_import_fields()]
    assert len(dataset) == 0


def test_no_template_for_an_unknown_model(editor_client):
    assert editor_client.get(reverse("workflow:import-template", args=["user"])).status_code == 404


def export(client, model, query="", file_format="csv"):
    resource = IMPORTABLE[model._meta.model_name]
    prefix = resource.__name__.lower()
    data = {"format": FORMATS[file_format], "resource": "0"}
    data.update({f"{prefix}_{name}": "on" for name in resource().get_export_order()})
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    return client.post(f"{url}?{query}", data)


def test_an_export_follows_the_lists_filter_and_escapes_formulae(editor_client):
    make_agreement(kind="fta", short_title_vi="CPTPP", summary_vi="=HYPERLINK(1)")
    make_agreement(kind="mou", short_title_vi="MoU Nga")

    response = export(editor_client, Agreement, "kind__exact=fta")

    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows Vietnamese right
    body = content.decode("utf-8-sig")
    assert "CPTPP" in body and "MoU Nga" not in body
    assert "=HYPERLINK" not in body and "HYPERLINK(1)" in body


def test_an_xlsx_export_imports_back_unchanged_through_the_admin(editor_client, vietq):
    confirm(editor_client, Organization, preview(editor_client, Organization, GOOD["organization"]))
    exported = export(editor_client, Organization, file_format="xlsx").content

    upload = SimpleUploadedFile("organizations.xlsx", exported)
    page = editor_client.post(import_url(Organization), {"resource": "0", "format": "0", "import_file": upload})

    assert text(page).count('<tr class="skip">') == 3


def test_viewers_export_but_do_not_import(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    viewer = get_user_model().objects.create(username="viewer", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewers"))
    client.force_login(viewer)
    make_agreement()

    assert export(client, Agreement).status_code == 200
    assert client.get(import_url(Agreement)).status_code == 403


def with_visibility(rows, visibility):
    header, *body = rows
    at = header.index("visibility")
    return [header, *[[*row[:at], visibility, *row[at + 1 :]] for row in body]]


def test_an_editors_rows_that_the_public_would_see_are_refused_in_the_preview(editor_client, vietq):
    """Four eyes: an Editor (not a Publisher) imports only what the public
    does not see; a public row, new or changed, is refused and names why."""
    only_editor = logged_in(make_staff("hoa", "Editors"))

    page = preview(only_editor, Organization, GOOD["organization"])

    assert page.context.get("confirm_form") is None
    assert text(page).count("Only a publisher may import this row") == 3
    assert not Organization.objects.exists()

    internal = with_visibility(GOOD["organization"], "internal")
    assert confirm(only_editor, Organization, preview(only_editor, Organization, internal)).status_code == 302
    assert set(Organization.objects.values_list("visibility", flat=True)) == {"internal"}

    confirm(editor_client, Organization, preview(editor_client, Organization, GOOD["organization"]))  # a Publisher
    renamed = [GOOD["organization"][0], [*GOOD["organization"][1][:2], "Tên mới", *GOOD["organization"][1][3:]]]
    refused = preview(only_editor, Organization, renamed)
    assert "Only a publisher may import this row" in text(refused) and "Changes: Name" in text(refused)
    assert Organization.objects.get(slug="stameq").name_vi == GOOD["organization"][1][2]
