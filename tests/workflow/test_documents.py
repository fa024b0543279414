"""Signed documents: type checked by content, size limit, and downloads only
for those who may see both the document and its record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_agreement, make_delegation, make_event
from workflow.admin import DocumentForm
from workflow.models import Document

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
HTML = b"<html><script>alert(1)</script></html>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COOPDB_DOCUMENT_MAX_BYTES = 1024


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_for(agreement, name, content, **data):
    form = DocumentForm(
        data={"title_vi": "Văn bản ký", "visibility": "public", **data},
        files={"file": upload(name, content)},
        instance=Document(agreement=agreement),
    )
    return form


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("ky.pdf", PDF, "application/pdf"), ("anh.PNG", PNG, "image/png"), ("anh.jpeg", JPEG, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_accepted_and_stored_under_a_random_name(db, settings, name, content, kind):
    form = form_for(make_agreement(), name, content)

    assert form.is_valid(), form.errors
    document = form.save()

    assert (document.content_type, document.size, document.original_name) == (kind, len(content), name)
    assert document.file.name.startswith("documents/") and name not in document.file.name
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == content


def test_a_file_over_the_limit_is_a_form_error(db):
    form = form_for(make_agreement(), "big.pdf", PDF + b"0" * 2000)

    assert not form.is_valid()
    assert "documents may be at most 1" in str(form.errors["file"])
    assert not Document.objects.exists()


def test_html_disguised_with_a_pdf_name_is_a_form_error(db):
    form = form_for(make_agreement(), "hop-dong.pdf", HTML)

    assert not form.is_valid()
    assert "content is none of them" in str(form.errors["file"])


def test_a_name_that_lies_about_the_content_is_a_form_error(db):
    form = form_for(make_agreement(), "scan.pdf", PNG)

    assert not form.is_valid()
    assert "content is PNG but its name ends in “.pdf”" in str(form.errors["file"])


def test_a_document_belongs_to_exactly_one_record(db):
    document = Document(agreement=make_agreement(), event=make_event(), file=upload("a.pdf", PDF))
    with pytest.raises(Exception, match="exactly one"):
        document.full_clean()


def stored(parent, visibility, content=PDF, name="signed.pdf"):
    field = {"agreement": "agreement", "event": "event", "delegation": "delegation"}[parent._meta.model_name]
    document = Document(**{field: parent}, visibility=visibility, file=upload(name, content))
    document.full_clean()
    document.save()
    return document


def download(client, document):
    return client.get(reverse("document-download", args=[document.pk]))


@pytest.mark.parametrize("make_parent", [make_agreement, make_event, make_delegation])
def test_the_public_gets_a_public_document_of_a_public_record(client, db, make_parent):
    document = stored(make_parent(visibility="public"), "public")

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="signed.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("record_level", "document_level"),
    [("internal", "public"), ("government", "public"), ("public", "internal"), ("public", "government")],
)
def test_anything_less_than_public_on_both_is_a_404_for_the_public(client, db, record_level, document_level):
    document = stored(make_agreement(visibility=record_level), document_level)

    assert download(client, document).status_code == 404


def test_staff_get_every_document(staff_client, db):
    document = stored(make_agreement(visibility="internal"), "internal")

    assert download(staff_client, document).status_code == 200


def test_a_missing_document_or_file_is_a_404(staff_client, db):
    document = stored(make_agreement(), "public")
    document.file.storage.delete(document.file.name)

    assert download(staff_client, document).status_code == 404
    assert staff_client.get(reverse("document-download", args=[999999])).status_code == 404


def _post_document(client, agreement, name, content):
    from tests.admin.forms import page_form_data

    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = page_form_data(client.get(url))
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_vi": "Bản ký",
            "documents-0-visibility": "public",
            "documents-0-file": upload(name, content),
        }
    )
    return client.post(url, data)


def test_the_agreement_page_takes_a_signed_pdf(editor_client, db):
    agreement = make_agreement()

    response = _post_document(editor_client, agreement, "signed.pdf", PDF)

    assert response.status_code == 302
    document = agreement.documents.get()
    assert (document.content_type, document.title_vi) == ("application/pdf", "Bản ký")
    page = editor_client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).content.decode()
    assert reverse("document-download", args=[document.pk]) in page
    assert "/media/" not in page  # never linked by its storage address


def test_the_agreement_page_refuses_html_named_pdf_with_a_form_error(editor_client, db):
    agreement = make_agreement()

    response = _post_document(editor_client, agreement, "signed.pdf", HTML)

    assert response.status_code == 200
    assert "content is none of them" in response.content.decode()
    assert not Document.objects.exists()
