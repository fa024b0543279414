"""The journal: dated staff comments on any record, shown on its admin page
and nowhere else — not the public pages, the API, searches or exports."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from events.models import Event
from organizations.models import Organization
from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data
from tests.api.conftest import create_key
from tests.factories import make_agreement, make_event, make_organization
from tests.workflow.test_admin_spreadsheets import export
from workflow.models import JournalEntry

MARKER = "Nhatky7q2secret"


def write(record, comment=MARKER):
    return JournalEntry.objects.create(record=record, comment=comment)


def test_an_editor_adds_an_entry_on_the_records_page(editor_client, editor):
    organization = make_organization()
    url = admin_url(Organization, "change", organization.pk)
    form = page_form_data(editor_client.get(url))
    prefix = "workflow-journalentry-record_type-record_id"
    form.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-comment": "Đã gọi điện cho ISO"})

    assert editor_client.post(url, form).status_code == 302

    (entry,) = JournalEntry.objects.all()
    assert (entry.record, entry.author, entry.comment) == (organization, editor, "Đã gọi điện cho ISO")
    assert "Đã gọi điện cho ISO" in editor_client.get(url).content.decode()


def test_viewers_read_the_journal_but_cannot_write(viewer_client):
    organization = make_organization()
    write(organization)
    page = viewer_client.get(admin_url(Organization, "change", organization.pk)).content.decode()
    assert MARKER in page
    assert "workflow-journalentry-record_type-record_id-empty" not in page


@pytest.fixture
def public_records(db):
    organization = make_organization(visibility="public", slug="journal-org")
    agreement = make_agreement(visibility="public", slug="journal-mou")
    event = make_event(visibility="public", slug="journal-event")
    for record in (organization, agreement, event):
        write(record)
    return organization, agreement, event


def test_public_pages_and_searches_never_show_the_journal(public_records):
    organization, agreement, event = public_records
    client = Client()
    for language in ("vi", "en"):
        urls = [
            f"/{language}/organizations/{organization.slug}/",
            f"/{language}/agreements/{agreement.slug}/",
            f"/{language}/events/{event.slug}/",
            f"/{language}/organizations/",
            f"/{language}/agreements/",
            f"/{language}/events/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert MARKER not in response.content.decode(), url
        # A search for the journal's words finds none of the records.
        found = client.get(f"/{language}/search/", {"q": MARKER}).content.decode()
        assert not any(record.slug in found for record in public_records)
    assert organization.name_vi in client.get(f"/vi/organizations/{organization.slug}/").content.decode()


def test_the_api_never_shows_the_journal(public_records):
    organization, agreement, event = public_records
    key = create_key()[1]
    client = Client()
    for basename, record in (("organization", organization), ("agreement", agreement), ("event", event)):
        for headers in ({}, {"X-Api-Key": key}):
            for url in (
                reverse(f"api:{basename}-list"),
                reverse(f"api:{basename}-detail", args=[record.pk]),
                reverse(f"api:{basename}-list") + "?format=csv",
            ):
                response = client.get(url, headers=headers)
                assert response.status_code == 200, url
                body = b"".join(response.streaming_content) if response.streaming else response.content
                assert MARKER not in body.decode(), url
        searched = client.get(reverse(f"api:{basename}-list"), {"q": MARKER}, headers={"X-Api-Key": key})
        assert searched.json()["results"] == []


@pytest.mark.parametrize("model", [Organization, Agreement, Event])
def test_spreadsheet_exports_never_show_the_journal(editor_client, public_records, model):
    for file_format in ("csv", "xlsx"):
        response = export(editor_client, model, file_format=file_format)
        assert response.status_code == 200
        body = response.content
        assert MARKER.encode() not in body


def test_the_journal_inline_carries_the_lock_stamp(editor):
    """Like every inline (tests/reliability/test_lost_update.py): a row deleted
    meanwhile is reported instead of silently lost."""
    from django.contrib import admin
    from django.test import RequestFactory

    from core.locking import STAMP_FIELD, StampLockedForm
    from workflow.admin import JournalInline

    organization = make_organization()
    request = RequestFactory().get("/")
    request.user = editor
    model_admin = admin.site._registry[Organization]
    (journal,) = [i for i in model_admin.get_inline_instances(request, organization) if isinstance(i, JournalInline)]
    assert issubclass(journal.form, StampLockedForm)
    fields = [name for _, options in journal.get_fieldsets(request, organization) for name in options["fields"]]
    assert STAMP_FIELD in fields
