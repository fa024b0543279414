"""Work done in one place: inlines, the rules that span a record and its
rows, and deletions the database protects."""

import datetime
import html

from agreements.models import Agreement, AgreementStatusChange
from events.models import Delegation
from organizations.models import Membership, Organization
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import inline_rows, page_form_data

D = datetime.date
NO_PEOPLE = "Hãy nêu tên thành viên, trưởng đoàn hoặc nhập số người."


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _add_delegation(client, members: list, **fields):
    source = factories.make_source()
    data = {
        "slug": "apo-2019",
        "direction": "outgoing",
        "title_vi": "Đoàn dự chương trình APO",
        "headcount_qualifier": "exact",
        "funding": "organization",
        "visibility": "public",
        "source": source.pk,
        **fields,
        **inline_rows("memberships", [{"person": person, "visibility": "public"} for person in members]),
        **inline_rows("documents", []),  # the signed-documents inline (workflow)
    }
    return client.post(admin_url(Delegation, "add"), data)


def test_delegation_with_named_members_only_counts_them(editor_client):
    people = [factories.make_person(), factories.make_person()]
    response = _add_delegation(editor_client, people)
    assert response.status_code == 302
    delegation = Delegation.objects.get(slug="apo-2019")
    assert delegation.head is None
    assert delegation.headcount == 2
    assert set(delegation.members.all()) == set(people)
    # A member row left without a source takes the delegation's.
    assert {m.source_id for m in delegation.memberships.all()} == {delegation.source_id}


def test_delegation_without_members_head_or_headcount_is_a_form_error(editor_client):
    response = _add_delegation(editor_client, [])
    assert response.status_code == 200
    assert NO_PEOPLE in _text(response)
    assert not Delegation.objects.exists()


def test_delegation_with_a_headcount_needs_no_names(editor_client):
    assert _add_delegation(editor_client, [], headcount="12").status_code == 302
    assert Delegation.objects.get(slug="apo-2019").headcount == 12


def test_removing_the_last_member_of_a_nameless_delegation_is_refused(editor_client):
    delegation = factories.make_delegation(headcount=None, head=factories.make_person())
    url = admin_url(Delegation, "change", delegation.pk)
    response = editor_client.post(url, page_form_data(editor_client.get(url), head=None))
    assert response.status_code == 200
    assert NO_PEOPLE in _text(response)
    delegation.refresh_from_db()
    assert delegation.head is not None


def _agreement_post(source, parties=(), stages=()):
    return {
        "slug": "mou-test",
        "kind": "mou",
        "title_vi": "Bản ghi nhớ thử",
        "status": "proposed",
        "visibility": "public",
        "source": source.pk,
        **inline_rows("parties", list(parties)),
        **inline_rows("status_changes", list(stages)),
        **inline_rows("commitments", []),
        **inline_rows("documents", []),  # the signed-documents inline (workflow)
    }


def test_agreement_status_follows_its_latest_dated_stage(editor_client):
    stages = [
        {"status": "signed", "changed_on": D(2018, 3, 1), "visibility": "public"},
        {"status": "in_force", "changed_on": D(2018, 6, 1), "visibility": "public"},
        {"status": "negotiating", "year": 2017, "visibility": "public"},
    ]
    response = editor_client.post(admin_url(Agreement, "add"), _agreement_post(factories.make_source(), stages=stages))
    assert response.status_code == 302
    agreement = Agreement.objects.get(slug="mou-test")
    assert agreement.status == "in_force"

    # Deleting the latest stage brings the status back a step.
    url = admin_url(Agreement, "change", agreement.pk)
    page = editor_client.get(url)
    in_force_row = next(
        form.prefix for form in page.context["inline_admin_formsets"][1].formset if form.instance.status == "in_force"
    )
    editor_client.post(url, page_form_data(page, **{f"{in_force_row}-DELETE": True}))
    agreement.refresh_from_db()
    assert agreement.status == "signed"


def test_status_changes_on_their_own_pages_keep_the_agreement_in_step(editor_client):
    signed = factories.make_status_change(status="signed", changed_on=D(2018, 3, 1))
    agreement = signed.agreement
    url = admin_url(AgreementStatusChange, "change", signed.pk)
    editor_client.post(url, page_form_data(editor_client.get(url), status="in_force"))
    agreement.refresh_from_db()
    assert agreement.status == "in_force"

    older = factories.make_status_change(agreement=agreement, status="negotiating", changed_on=D(2017, 1, 1))
    bulk = {"action": "delete_selected", "_selected_action": [signed.pk], "post": "yes"}
    editor_client.post(admin_url(AgreementStatusChange, "changelist"), bulk)
    agreement.refresh_from_db()
    assert agreement.status == older.status


def test_a_party_without_organization_or_country_is_a_row_error(editor_client):
    parties = [{"role": "signatory", "signatory_vi": "Ai đó", "visibility": "public"}]
    response = editor_client.post(admin_url(Agreement, "add"), _agreement_post(factories.make_source(), parties))
    assert response.status_code == 200
    assert "Một bên tham gia cần có tổ chức hoặc quốc gia." in _text(response)
    assert not Agreement.objects.exists()


def test_two_rows_for_the_same_party_are_refused(editor_client):
    stameq = factories.make_organization(slug="stameq")
    parties = [{"organization": stameq, "role": "signatory", "visibility": "public"}] * 2
    response = editor_client.post(admin_url(Agreement, "add"), _agreement_post(factories.make_source(), parties))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert not Agreement.objects.exists()


def test_membership_page_edits_its_dues(editor_client):
    membership = factories.make_membership()
    url = admin_url(Membership, "change", membership.pk)
    page = editor_client.get(url)
    dues = inline_rows(
        "dues",
        [
            {
                "year": 2020,
                "amount": "1000.00",
                "currency": "USD",
                "due_on": D(2020, 3, 31),
                "paid_on": D(2020, 3, 2),
                "visibility": "public",
            }
        ],
    )
    response = editor_client.post(url, {**page_form_data(page), **dues})
    assert response.status_code == 302
    (row,) = membership.dues.all()
    assert (row.year, row.status, row.source_id) == (2020, "on_time", membership.source_id)


def test_deleting_a_referenced_organization_shows_what_protects_it(editor_client):
    membership = factories.make_membership()
    organization = membership.organization
    url = admin_url(Organization, "delete", organization.pk)

    page = editor_client.get(url)
    assert page.status_code == 200
    assert page.context["protected"]
    assert str(membership) in _text(page)

    assert editor_client.post(url, {"post": "yes"}).status_code == 200
    bulk = {"action": "delete_selected", "_selected_action": [organization.pk], "post": "yes"}
    assert editor_client.post(admin_url(Organization, "changelist"), bulk).status_code == 200
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_deleting_a_cited_source_is_refused(editor_client):
    organization = factories.make_organization()
    url = admin_url(type(organization.source), "delete", organization.source_id)
    page = editor_client.get(url)
    assert page.status_code == 200
    assert page.context["protected"]
    assert editor_client.post(url, {"post": "yes"}).status_code == 200
    assert type(organization.source).objects.filter(pk=organization.source_id).exists()
