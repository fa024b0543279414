"""Publication review (four eyes): an Editor's change that the public would
see waits for a Publisher; meanwhile the public site and the API show the
last approved version. Approval replays the change; rejection leaves it."""

import datetime
import re
import threading
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from agreements.models import Agreement, AgreementParty, Commitment
from core import admin as core_admin
from tests.admin.forms import inline_rows, page_form_data
from tests.factories import make_agreement, make_commitment, make_dues, make_event, make_organization
from tests.staff import logged_in
from workflow.models import PublicationRequest
from workflow.review import approve, withdraw


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def edit(client, obj, **changes):
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return client.post(change_url(obj), page_form_data(page, **changes))


def public_api_title(client, agreement) -> str | None:
    response = client.get(f"/api/v1/agreements/{agreement.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    return response.json()["title"]["vi"] if response.status_code == 200 else None


def decide(client, publication, decision, comment=""):
    url = reverse("admin:workflow_publicationrequest_decide", args=[publication.pk])
    return client.post(url, {"decision": decision, "comment": comment}, follow=True)


@pytest.fixture
def agreement(db):
    return make_agreement(title_vi="Bản ghi nhớ hợp tác đo lường", visibility="public")


def test_an_editors_change_to_a_public_record_waits_and_the_public_sees_the_old_version(
    editor_client, editor, agreement, client
):
    response = edit(editor_client, agreement, title_vi="Tiêu đề mới chưa duyệt")

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ hợp tác đo lường"
    assert public_api_title(client, agreement) == "Bản ghi nhớ hợp tác đo lường"
    assert "Tiêu đề mới chưa duyệt" not in client.get(agreement.get_absolute_url()).content.decode()
    publication = PublicationRequest.objects.get()
    assert (publication.status, publication.requested_by, publication.record) == ("pending", editor, agreement)
    assert "title" in publication.summary.lower()
    assert not agreement.history.filter(title_vi="Tiêu đề mới chưa duyệt").exists()


def test_approval_publishes_the_change_and_records_who_and_why(
    editor_client, publisher_client, publisher, agreement, client
):
    edit(editor_client, agreement, title_vi="Tiêu đề đã duyệt")
    publication = PublicationRequest.objects.get()

    page = publisher_client.get(reverse("admin:workflow_publicationrequest_change", args=[publication.pk]))
    assert "Tiêu đề đã duyệt" in page.content.decode() and "Approve and publish" in page.content.decode()

    response = decide(publisher_client, publication, "approve", "Đúng văn bản đã ký")

    assert "Approved" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title_vi == "Tiêu đề đã duyệt"
    assert public_api_title(client, agreement) == "Tiêu đề đã duyệt"
    publication.refresh_from_db()
    assert (publication.status, publication.decided_by, publication.comment) == (
        "approved",
        publisher,
        "Đúng văn bản đã ký",
    )


def test_rejection_needs_a_comment_and_leaves_the_record(editor_client, publisher_client, agreement):
    edit(editor_client, agreement, title_vi="Tiêu đề bị từ chối")
    publication = PublicationRequest.objects.get()

    assert "Say why" in decide(publisher_client, publication, "reject").content.decode()
    publication.refresh_from_db()
    assert publication.status == "pending"

    decide(publisher_client, publication, "reject", "Sai tên văn bản")

    publication.refresh_from_db()
    agreement.refresh_from_db()
    assert (publication.status, publication.comment) == ("rejected", "Sai tên văn bản")
    assert agreement.title_vi == "Bản ghi nhớ hợp tác đo lường"
    assert "already decided" in decide(publisher_client, publication, "approve").content.decode()


def test_making_an_internal_record_public_waits_for_review(editor_client, publisher_client, client):
    hidden = make_agreement(title_vi="Thỏa thuận nội bộ", visibility="internal")

    edit(editor_client, hidden, visibility="public")
    page = publisher_client.get(
        reverse("admin:workflow_publicationrequest_change", args=[PublicationRequest.objects.get().pk])
    )
    changes = page.content.decode().split('id="proposed-changes"')[1].split("</table>")[0]
    # Now, then proposed: the reviewer sees what the public sees today.
    assert re.search(r"Visibility</th><td>Internal</td><td>Public</td>", changes), changes

    hidden.refresh_from_db()
    assert hidden.visibility == "internal"
    assert public_api_title(client, hidden) is None
    decide(publisher_client, PublicationRequest.objects.get(), "approve")
    hidden.refresh_from_db()
    assert hidden.visibility == "public"
    assert public_api_title(client, hidden) == "Thỏa thuận nội bộ"


@pytest.mark.parametrize(
    ("visibility", "changes"),
    [
        ("public", {"internal_note": "Gọi lại cho đối tác"}),  # staff-only field
        ("internal", {"title_vi": "Sửa bản nội bộ"}),  # the public cannot see it
        ("government", {"title_vi": "Sửa bản cho bộ ngành"}),
        ("public", {"visibility": "internal"}),  # hiding is never held
    ],
)
def test_what_the_public_does_not_see_is_saved_at_once(editor_client, visibility, changes):
    record = make_event(title_vi="Bản gốc", visibility=visibility)

    assert edit(editor_client, record, **changes).status_code == 302

    assert [p.summary for p in PublicationRequest.objects.all()] == []
    record.refresh_from_db()
    for name, value in changes.items():
        assert getattr(record, name) == value
    assert not PublicationRequest.objects.exists()


def test_a_publishers_own_change_is_published_at_once(publisher_client, agreement):
    edit(publisher_client, agreement, title_vi="Publisher sửa trực tiếp")

    agreement.refresh_from_db()
    assert agreement.title_vi == "Publisher sửa trực tiếp"
    assert not PublicationRequest.objects.exists()


def test_a_new_row_on_a_public_record_waits_too(editor_client, publisher_client, agreement):
    partner = make_organization(acronym="KATS")
    page = editor_client.get(change_url(agreement))
    prefix = next(
        inline.formset.prefix
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is AgreementParty
    )
    data = page_form_data(page)
    data.update(inline_rows(prefix, [{"organization": partner, "role": "party", "visibility": "public"}]))

    editor_client.post(change_url(agreement), data)

    assert not AgreementParty.objects.filter(agreement=agreement, organization=partner).exists()
    publication = PublicationRequest.objects.get()
    assert "Rows shown with it change" in publication.summary
    decide(publisher_client, publication, "approve")
    assert AgreementParty.objects.filter(agreement=agreement, organization=partner).exists()


def test_the_approved_record_and_its_new_row_say_in_their_history_that_it_was_approved(
    editor_client, publisher_client, publisher, agreement
):
    partner = make_organization(acronym="DSM")
    page = editor_client.get(change_url(agreement))
    data = page_form_data(page, title_vi="Bản ghi nhớ đã ký với DSM")
    data.update(inline_rows("parties", [{"organization": partner, "role": "party", "visibility": "public"}]))
    editor_client.post(change_url(agreement), data)
    publication = PublicationRequest.objects.get()

    decide(publisher_client, publication, "approve", "Đúng bản đã ký")

    reason = f"Publication approved (request {publication.pk})"
    latest = agreement.history.latest("history_date")
    assert (latest.title_vi, latest.history_user, latest.history_change_reason) == (
        "Bản ghi nhớ đã ký với DSM",
        publisher,
        reason,
    )
    row = AgreementParty.history.get(organization=partner)
    assert (row.history_type, row.history_user, row.history_change_reason) == ("+", publisher, reason)


def test_approval_of_a_stale_change_is_refused_and_says_why(editor_client, publisher_client, agreement):
    edit(editor_client, agreement, title_vi="Đề xuất cũ")
    publication = PublicationRequest.objects.get()
    edit(publisher_client, agreement, title_vi="Publisher sửa trước")

    response = decide(publisher_client, publication, "approve")

    assert "could not be applied" in response.content.decode()
    agreement.refresh_from_db()
    publication.refresh_from_db()
    assert (agreement.title_vi, publication.status) == ("Publisher sửa trước", "pending")


def test_an_editor_cannot_decide_but_may_withdraw_their_own(editor_client, colleague, agreement):
    edit(editor_client, agreement, title_vi="Đề xuất")
    publication = PublicationRequest.objects.get()

    assert decide(logged_in(colleague), publication, "approve").status_code == 403
    assert decide(logged_in(colleague), publication, "withdraw").status_code == 403
    assert decide(editor_client, publication, "approve").status_code == 403
    decide(editor_client, publication, "withdraw")

    publication.refresh_from_db()
    agreement.refresh_from_db()
    assert (publication.status, agreement.title_vi) == ("withdrawn", "Bản ghi nhớ hợp tác đo lường")


def test_submitting_from_the_list_asks_for_publication(editor_client, publisher_client, client):
    drafts = [make_agreement(title_vi=f"Dự thảo {n}", visibility="internal") for n in range(3)]
    url = reverse("admin:agreements_agreement_changelist")
    response = editor_client.post(
        url, {"action": "submit_for_publication", "_selected_action": [d.pk for d in drafts]}, follow=True
    )

    assert "3 changes wait for a publisher" in response.content.decode()
    assert Agreement.objects.filter(pk__in=[d.pk for d in drafts], visibility="public").count() == 0
    for publication in PublicationRequest.objects.all():
        decide(publisher_client, publication, "approve")
    assert Agreement.objects.filter(pk__in=[d.pk for d in drafts], visibility="public").count() == 3


def test_a_publisher_approves_a_years_dues_in_one_action_an_editor_cannot(editor_client, publisher_client, publisher):
    """An Editor marks a year's public dues paid: one request per row; the
    Publisher approves them together, each applied and recorded as on its page."""
    dues = [make_dues(year=2026) for _ in range(3)]
    other = make_dues(year=2025)
    dues_list = reverse("admin:organizations_dues_changelist")
    editor_client.post(
        dues_list,
        {"action": "mark_dues_paid", "_selected_action": [d.pk for d in dues], "confirm": "1", "paid_on": "05/03/2026"},
    )
    edit(editor_client, other.membership.organization, name_vi="Tên mới")  # another request, not chosen
    chosen = PublicationRequest.objects.filter(record_id__in=[d.pk for d in dues], kind="values")
    assert chosen.count() == 3 and PublicationRequest.objects.count() == 4
    requests_list = reverse("admin:workflow_publicationrequest_changelist")
    approve = {"action": "approve_requests", "_selected_action": [p.pk for p in chosen]}

    assert 'value="approve_requests"' not in editor_client.get(requests_list).content.decode()
    editor_client.post(requests_list, {**approve, "confirm": "1"})
    assert PublicationRequest.objects.filter(status="pending").count() == 4

    asked = publisher_client.post(requests_list, approve)
    assert asked.status_code == 200 and 'name="comment"' in asked.content.decode()
    done = publisher_client.post(
        requests_list, {**approve, "confirm": "1", "comment": "Ngân hàng đã báo có"}, follow=True
    )

    assert "3 requests approved" in done.content.decode()
    for row in dues:
        row.refresh_from_db()
        latest = row.history.latest("history_date")
        assert (row.paid_on, latest.history_user) == (datetime.date(2026, 3, 5), publisher)
        assert latest.history_change_reason.startswith("Publication approved (request ")
    assert set(chosen.values_list("status", "comment", "decided_by")) == {
        ("approved", "Ngân hàng đã báo có", publisher.pk)
    }
    assert PublicationRequest.objects.get(kind="form").status == "pending"


def test_a_bulk_status_change_on_public_commitments_waits_too(editor_client, publisher_client, agreement):
    commitment = make_commitment(agreement=agreement, status="in_progress")
    url = reverse("admin:agreements_commitment_changelist")
    editor_client.post(
        url,
        {
            "action": "set_commitment_status",
            "_selected_action": [commitment.pk],
            "confirm": "1",
            "status": "implemented",
        },
    )

    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    publication = PublicationRequest.objects.get(record_type=ContentType.objects.get_for_model(Commitment))
    decide(publisher_client, publication, "approve")
    commitment.refresh_from_db()
    assert commitment.status == "implemented"


def test_the_dashboard_lists_what_waits_for_review(editor_client, publisher_client, agreement):
    edit(editor_client, agreement, title_vi="Chờ duyệt trên bảng tin")

    page = publisher_client.get(reverse("admin:index")).content.decode()

    review = page.split('id="dashboard-review"', 1)[1].split("</table>", 1)[0]
    assert "Bản ghi nhớ hợp tác đo lường" in review
    assert reverse("admin:workflow_publicationrequest_change", args=[PublicationRequest.objects.get().pk]) in review


def test_my_assignments_include_every_deadline_naming_me(editor_client, editor):
    import datetime

    from django.utils import timezone

    from tests.factories import make_delegation, make_person

    me = make_person(full_name="Lan", email=editor.email)
    make_delegation(
        title_vi="Đoàn tôi phụ trách", start_on=timezone.localdate() + datetime.timedelta(days=3), responsible_person=me
    )
    make_delegation(title_vi="Đoàn người khác", start_on=timezone.localdate() + datetime.timedelta(days=3))

    page = editor_client.get(reverse("admin:index")).content.decode()

    mine = page.split('id="dashboard-assignments"', 1)[1].split("</table>", 1)[0]
    assert "Đoàn tôi phụ trách" in mine and "Đoàn người khác" not in mine


# --- Every other path that writes a record: revert, restore (test_deleted_records), import


def revert_url(obj, historical):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, historical.history_id])


def revert(client, obj, historical):
    """Post the history's "Revert" page as a browser would."""
    page = client.get(revert_url(obj, historical))
    assert page.status_code == 200
    form_only = SimpleNamespace(context={"adminform": page.context["adminform"], "inline_admin_formsets": []})
    return client.post(revert_url(obj, historical), page_form_data(form_only), follow=True)


def test_an_editors_revert_to_an_older_public_version_waits_for_review(
    editor_client, publisher_client, publisher, agreement, client
):
    old = agreement.history.latest("history_date")
    edit(publisher_client, agreement, title_vi="Tiêu đề hiện hành")

    response = revert(editor_client, agreement, old)

    assert "it waits for a publisher" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title_vi == "Tiêu đề hiện hành"
    assert public_api_title(client, agreement) == "Tiêu đề hiện hành"
    publication = PublicationRequest.objects.get()
    assert publication.submission["values"] == {"title_vi": "Bản ghi nhớ hợp tác đo lường"}
    decide(publisher_client, publication, "approve")
    agreement.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ hợp tác đo lường"
    assert agreement.history.latest("history_date").history_user == publisher


def test_an_editors_revert_that_makes_a_record_public_waits_for_review(editor_client, publisher_client, client):
    record = make_agreement(title_vi="Từng công khai", visibility="public")
    public_version = record.history.latest("history_date")
    edit(editor_client, record, visibility="internal")  # hiding is saved at once

    revert(editor_client, record, public_version)

    record.refresh_from_db()
    assert record.visibility == "internal" and public_api_title(client, record) is None
    assert PublicationRequest.objects.get().summary == "Becomes visible to the public."


def test_a_publishers_revert_and_an_editors_revert_of_what_the_public_cannot_see_apply_at_once(
    editor_client, publisher_client, agreement
):
    old = agreement.history.latest("history_date")
    edit(publisher_client, agreement, title_vi="Tiêu đề hiện hành")
    revert(publisher_client, agreement, old)
    agreement.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ hợp tác đo lường"

    hidden = make_agreement(title_vi="Nội bộ cũ", visibility="internal")
    first = hidden.history.latest("history_date")
    edit(editor_client, hidden, title_vi="Nội bộ mới")
    revert(editor_client, hidden, first)
    hidden.refresh_from_db()
    assert hidden.title_vi == "Nội bộ cũ"
    assert not PublicationRequest.objects.exists()


def test_a_viewer_cannot_revert_even_by_posting_the_form(viewer_client, publisher_client, agreement):
    old = agreement.history.latest("history_date")
    edit(publisher_client, agreement, title_vi="Tiêu đề hiện hành")
    agreement.refresh_from_db()
    data = {"title_vi": "Bản ghi nhớ hợp tác đo lường", "seen_stamp": agreement.updated_at.isoformat()}

    assert viewer_client.post(revert_url(agreement, old), data).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title_vi == "Tiêu đề hiện hành"


# --- Deciding races, rows the page cannot read, gates in a chain


def held_commitment_change(editor_client, agreement) -> PublicationRequest:
    commitment = make_commitment(agreement=agreement, status="in_progress")
    editor_client.post(
        reverse("admin:agreements_commitment_changelist"),
        {
            "action": "set_commitment_status",
            "_selected_action": [commitment.pk],
            "confirm": "1",
            "status": "implemented",
        },
    )
    return PublicationRequest.objects.get(record_id=commitment.pk)


def test_a_withdrawal_committed_after_the_publisher_loaded_the_request_is_not_undone_by_approval(
    editor_client, editor, publisher, agreement
):
    loaded = held_commitment_change(editor_client, agreement)  # the publisher's page read it: pending
    withdraw(publication=PublicationRequest.objects.get(pk=loaded.pk), user=editor)  # the editor, meanwhile

    request = RequestFactory().post("/")
    request.user = publisher
    decision = approve(publication=loaded, request=request, comment="")

    assert not decision.ok and "already decided" in decision.message
    loaded.refresh_from_db()
    assert (loaded.status, Commitment.objects.get(pk=loaded.record_id).status) == ("withdrawn", "in_progress")


def test_an_approval_committed_first_is_not_overwritten_by_a_late_withdrawal(
    editor_client, editor, publisher, agreement
):
    loaded = held_commitment_change(editor_client, agreement)  # the editor's page read it: pending
    request = RequestFactory().post("/")
    request.user = publisher
    assert approve(publication=PublicationRequest.objects.get(pk=loaded.pk), request=request, comment="").ok

    assert not withdraw(publication=loaded, user=editor).ok
    loaded.refresh_from_db()
    assert (loaded.status, Commitment.objects.get(pk=loaded.record_id).status) == ("approved", "implemented")


def test_rows_that_cannot_be_read_from_a_request_are_said_on_the_review_page(
    editor_client, publisher_client, agreement
):
    edit(editor_client, agreement, title_vi="Đề xuất từ trang cũ")
    publication = PublicationRequest.objects.get()
    # As if submitted from an older page that had no list of parties.
    publication.submission = {k: v for k, v in publication.submission.items() if not k.startswith("parties-")}
    publication.save()

    page = publisher_client.get(reverse("admin:workflow_publicationrequest_change", args=[publication.pk]))

    changes = page.content.decode().split('id="proposed-changes"')[1].split("</table>")[0]
    assert "Đề xuất từ trang cũ" in changes  # the field change is listed as usual
    assert re.search(r"Parties</th><td>—</td><td>Cannot be shown", changes), changes


def test_every_change_form_gate_runs_in_turn(monkeypatch, editor_client, agreement):
    seen = []

    def noting_gate(modeladmin, request, object_id, run, *view):
        seen.append(request.method)
        return run()

    monkeypatch.setattr(core_admin, "CHANGE_FORM_GATES", [noting_gate, *core_admin.CHANGE_FORM_GATES])

    edit(editor_client, agreement, title_vi="Qua hai cổng")

    assert seen == ["GET", "POST"]
    assert PublicationRequest.objects.get().status == "pending"  # the review gate ran after it
    agreement.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ hợp tác đo lường"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_approval_racing_an_uncommitted_withdrawal_waits_for_it_and_refuses(editor_client, editor, publisher):
    """Two connections: the editor's withdrawal holds the request's row; the
    publisher's approval, begun from a copy read before, waits for it and then
    sees it decided (without the lock it would apply the change and overwrite
    the withdrawal)."""
    agreement = make_agreement(title_vi="Bản ghi nhớ hợp tác đo lường", visibility="public")
    loaded = held_commitment_change(editor_client, agreement)
    request = RequestFactory().post("/")
    request.user = publisher
    decisions = []

    def publisher_approves():
        try:
            decisions.append(approve(publication=loaded, request=request, comment=""))
        finally:
            connection.close()

    with transaction.atomic():
        assert withdraw(publication=PublicationRequest.objects.get(pk=loaded.pk), user=editor).ok
        racing = threading.Thread(target=publisher_approves)
        racing.start()
        racing.join(timeout=1)
        assert racing.is_alive()  # waiting for the withdrawal's lock
    racing.join(timeout=10)

    assert [decision.ok for decision in decisions] == [False]
    loaded.refresh_from_db()
    assert (loaded.status, Commitment.objects.get(pk=loaded.record_id).status) == ("withdrawn", "in_progress")
