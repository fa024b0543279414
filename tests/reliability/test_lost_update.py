"""Point 5 of issue #12: no lost update. Two staff open the same record; the
one who saves second is refused with a message naming what changed, who
changed it and when, and the first one's change stays. The same for a row of
an inline changed or deleted meanwhile."""

import html

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client
from django.test.client import RequestFactory

from agreements.models import Agreement, AgreementParty
from core.locking import STAMP_FIELD, StampLockedForm
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data

CHANGED = "Có người khác đã lưu bản ghi này sau khi bạn mở nó"
DELETED_ROW = "Dòng này đã bị người khác xóa sau khi bạn mở trang"
# Admins that are not registry records: users and groups (Django's), the API
# keys (created once, then only revoked) and the reminders log (read-only).
NOT_LOCKED = {
    "auth.user",
    "auth.group",
    "api.ministry",
    "api.ministryapikey",
    "workflow.remindersent",
    # Written by the machine, not edited by staff: log-in attempts, devices, the audit trail.
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "security.auditevent",
    # Written by the machine or by saving records, read-only in the admin:
    # queued jobs, webhook deliveries, publication requests, calendar links.
    "django_tasks_database.dbtaskresult",  # django-tasks-db's app label
    "webhooks.delivery",
    "webhooks.subscription",  # administrators only, like ministries
    "workflow.publicationrequest",
    "workflow.calendarfeed",
    # Settings, not registry records: who receives the report by e-mail.
    "workflow.reportschedule",
}


def _editor(username: str) -> Client:
    user = User.objects.create_user(username=username, password=None, is_staff=True, first_name=username)
    user.groups.add(Group.objects.get(name="Publishers"))  # saves apply at once (no review)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anna():
    return _editor("anna")


@pytest.fixture
def binh():
    return _editor("binh")


@pytest.fixture
def agreement():
    agreement = factories.make_agreement(title_vi="Bản ghi nhớ ban đầu", visibility="public")
    factories.make_party(agreement=agreement, country="RU")
    return agreement


def _open(client, agreement):
    response = client.get(admin_url(Agreement, "change", agreement.pk))
    assert response.status_code == 200
    return response


def _save(client, agreement, data):
    return client.post(admin_url(Agreement, "change", agreement.pk), data)


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_second_save_of_a_record_is_refused_with_what_changed(anna, binh, agreement):
    page_a, page_b = _open(anna, agreement), _open(binh, agreement)
    assert _save(anna, agreement, page_form_data(page_a, title_vi="Tiêu đề của Anna")).status_code == 302

    refused = _save(binh, agreement, page_form_data(page_b, internal_note="Ghi chú của Bình"))

    assert refused.status_code == 200
    [message] = refused.context["adminform"].form.non_field_errors()
    assert message.startswith(CHANGED)
    assert "các trường đã thay đổi: tiêu đề [vi]," in message  # only the field Anna changed
    assert "bởi anna" in message  # who changed it
    agreement.refresh_from_db()
    assert agreement.title_vi == "Tiêu đề của Anna"  # Anna's change is kept
    assert agreement.internal_note == ""  # nothing of Binh's was written


def test_reloading_after_a_refusal_lets_the_change_through(anna, binh, agreement):
    page_b = _open(binh, agreement)
    assert _save(anna, agreement, page_form_data(_open(anna, agreement), title_vi="Của Anna")).status_code == 302
    assert _save(binh, agreement, page_form_data(page_b, internal_note="x")).status_code == 200

    reloaded = _open(binh, agreement)
    assert _save(binh, agreement, page_form_data(reloaded, internal_note="Ghi chú của Bình")).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title_vi, agreement.internal_note) == ("Của Anna", "Ghi chú của Bình")


def test_inline_row_changed_meanwhile_is_a_conflict(anna, binh, agreement):
    party = agreement.parties.get()
    page_b = _open(binh, agreement)
    # Anna edits the party on its own page: the agreement itself is not saved.
    party_page = anna.get(admin_url(AgreementParty, "change", party.pk))
    response = anna.post(
        admin_url(AgreementParty, "change", party.pk), page_form_data(party_page, signed_on="2018-06-01")
    )
    assert response.status_code == 302

    refused = _save(binh, agreement, page_form_data(page_b, title_vi="Tiêu đề của Bình", **{"parties-0-country": "KR"}))

    assert refused.status_code == 200
    assert CHANGED in _text(refused)
    agreement.refresh_from_db()
    party.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ ban đầu"
    assert (party.country.code, str(party.signed_on)) == ("RU", "2018-06-01")


def test_inline_row_deleted_meanwhile_is_a_conflict(anna, binh, agreement):
    party = agreement.parties.get()
    page_b = _open(binh, agreement)
    response = anna.post(admin_url(AgreementParty, "delete", party.pk), {"post": "yes"})
    assert response.status_code == 302

    refused = _save(binh, agreement, page_form_data(page_b, title_vi="Tiêu đề của Bình"))

    assert refused.status_code == 200
    assert DELETED_ROW in _text(refused)
    agreement.refresh_from_db()
    assert agreement.title_vi == "Bản ghi nhớ ban đầu"
    assert not AgreementParty.objects.filter(agreement=agreement).exists()  # not brought back


def test_record_deleted_meanwhile_is_not_recreated(anna, binh, agreement):
    page_b = _open(binh, agreement)
    agreement.parties.all().delete()
    agreement.delete()
    response = _save(binh, agreement, page_form_data(page_b, title_vi="Tiêu đề của Bình"))
    assert response.status_code in (200, 302)  # the admin says the record no longer exists
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


def test_every_registry_admin_and_inline_locks(agreement):
    """Every change form of the registry, and each of its inlines, posts its stamp back."""
    superuser = User.objects.create_superuser("root", password=None)
    request = RequestFactory().get("/")
    request.user = superuser
    checked, unlocked = 0, []
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in NOT_LOCKED:
            continue
        obj = model._base_manager.first()
        for current in [model_admin, *model_admin.get_inline_instances(request, obj)]:
            fields = [name for _, options in current.get_fieldsets(request, obj) for name in _flat(options["fields"])]
            if not issubclass(current.form, StampLockedForm) or STAMP_FIELD not in fields:
                unlocked.append(str(current))
            checked += 1
    assert unlocked == []  # every offender named at once, not only the first
    assert checked >= 20  # 17 registry admins and their inlines


def _flat(fields):
    for field in fields:
        yield from (field if isinstance(field, (list, tuple)) else [field])
