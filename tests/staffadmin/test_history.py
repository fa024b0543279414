"""History a person can read: labels, no "None", the inline rows' changes
on the parent's page."""

import datetime
import html

from django.conf import settings
from django.utils.formats import localize

from agreements.models import Agreement
from organizations.models import Membership
from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data
from tests.factories import make_agreement, make_dues, make_membership, make_status_change


def history_page(client, model, pk, language="en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return html.unescape(client.get(admin_url(model, "history", pk)).content.decode())


def test_a_status_change_reads_as_labels_in_vietnamese(editor_client, editor):
    agreement = make_agreement(status="proposed")
    agreement._history_user = editor
    agreement.status = "in_force"
    agreement.save()

    page = history_page(editor_client, Agreement, agreement.pk, language="vi")

    table = page.split('id="change-history"')[1].split("</table>")[0]
    assert "Đã đề xuất" in table and "Có hiệu lực" in table
    assert "in_force" not in table and "proposed" not in table
    assert "None" not in table


def test_empty_values_read_as_a_dash_not_none(editor_client, editor):
    membership = make_membership()
    dues = make_dues(membership=membership, year=2010)
    dues._history_user = editor
    dues.note_vi = "Đã nhắc"
    dues.save()

    page = history_page(editor_client, Membership, membership.pk)

    children = page.split('id="child-history"')[1].split("</table>")[0]
    assert "— → Đã nhắc" in " ".join(children.replace("\xa0", " ").split())
    assert "None" not in page.split('id="content"')[1]


def test_a_text_saved_empty_where_it_was_null_is_no_change_on_the_page(editor_client, editor):
    """A translation column is NULL until a form first saves it as "": the
    history row says who saved, not "Summary [vi]: — → —"."""
    agreement = make_agreement(status="proposed")
    assert Agreement.objects.filter(pk=agreement.pk, summary_vi__isnull=True).exists()
    agreement._history_user = editor
    agreement.summary_vi = ""
    agreement.save()

    page = history_page(editor_client, Agreement, agreement.pk)

    table = " ".join(page.split('id="change-history"')[1].split("</table>")[0].replace("\xa0", " ").split())
    assert "Changed" in table and "editor" in table
    assert "— → —" not in table and "Summary" not in table


def test_the_agreements_history_lists_its_parts_changes(publisher_client, publisher):
    agreement = make_agreement(status="signed")
    url = admin_url(Agreement, "change", agreement.pk)
    form = page_form_data(publisher_client.get(url))
    prefix = "status_changes"
    index = int(form[f"{prefix}-TOTAL_FORMS"])
    form.update(
        {
            f"{prefix}-TOTAL_FORMS": str(index + 1),
            f"{prefix}-{index}-status": "in_force",
            f"{prefix}-{index}-changed_on": "01/07/2019",
            f"{prefix}-{index}-visibility": "public",
        }
    )
    assert publisher_client.post(url, form).status_code == 302
    step = make_status_change(agreement=agreement, status="ratified", changed_on=datetime.date(2019, 3, 1))
    step._history_user = publisher
    step.delete()

    page = history_page(publisher_client, Agreement, agreement.pk)

    children = page.split('id="child-history"')[1].split("</table>")[0]
    rows = children.split("<tr>")[2:]  # after the header row
    added = [row for row in rows if "In force" in row]
    deleted = [row for row in rows if "Ratified" in row]
    assert added and "publisher" in added[0] and "Created" in added[0]
    assert [("Deleted" in row) for row in deleted] == [True, False]  # newest first: its deletion, its creation


def test_the_parts_history_keeps_the_newest_changes_without_a_query_per_row():
    """Past CHILD_HISTORY_LIMIT changes the newest are kept (before, the
    oldest: the latest change was missing), and a row's name (a party's
    organization) is read with the rows, not once per row."""
    from django.contrib import admin
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.history import CHILD_HISTORY_LIMIT, child_history, child_models
    from tests.factories import make_organization, make_party

    agreement = make_agreement()
    party = make_party(agreement=agreement, organization=make_organization(acronym="NEWEST"))
    first = datetime.date(2000, 1, 1)
    for n in range(CHILD_HISTORY_LIMIT + 5):
        party.signed_on = first + datetime.timedelta(days=n)
        party.save()
    model_admin = admin.site._registry[Agreement]

    with CaptureQueriesContext(connection) as queries:
        entries = child_history(model_admin=model_admin, parent_pk=agreement.pk)
        labels = [str(entry.label) for entry in entries]

    assert len(entries) == CHILD_HISTORY_LIMIT
    assert set(labels) == {"NEWEST"}
    assert "Created" not in {str(entry.type_label) for entry in entries}  # the oldest fell past the limit
    last_day = first + datetime.timedelta(days=CHILD_HISTORY_LIMIT + 4)
    assert [str(change["new"]) for change in entries[0].changes] == [localize(last_day)]
    assert len(queries) == len(child_models(model_admin))
