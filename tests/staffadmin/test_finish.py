"""Finishing touches: exact acronym and slug matches first in autocompletes;
the radar and the reminders-sent list name records, people and the kind of
date, with translated plurals."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from agreements.models import Commitment
from tests.factories import make_commitment, make_event, make_organization, make_person
from workflow.models import ReminderSent


def autocomplete(client, term, app_label="agreements", model_name="agreementparty", field_name="organization"):
    params = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
    response = client.get("/admin/autocomplete/", params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_an_exact_acronym_or_slug_comes_first_in_the_autocomplete(editor_client):
    stameq = make_organization(slug="stameq", acronym="STAMEQ", name_vi="Tổng cục TCĐLCL")
    make_organization(slug="stameq-icd", acronym="", name_vi="Vụ Hợp tác quốc tế (STAMEQ)")
    make_organization(slug="stameq-aaa", acronym="AAA", name_vi="Ban AAA của STAMEQ")

    offered = autocomplete(editor_client, "stameq")

    assert len(offered) == 3
    assert offered[0] == str(stameq)
    by_slug = autocomplete(editor_client, "STAMEQ-ICD")
    assert by_slug[0] == "Vụ Hợp tác quốc tế (STAMEQ)"


def test_the_radar_names_the_responsible_person_the_kind_of_date_and_counts_in_plural(editor_client, editor):
    person = make_person(full_name="Trần Thị Hoa")
    today = datetime.date.today()
    for _ in range(2):
        make_commitment(deadline=today + datetime.timedelta(days=3), status="in_progress", responsible_person=person)
    make_event(start_on=today + datetime.timedelta(days=2))

    english = editor_client.get(reverse("workflow:radar"), {"days": 7}).content.decode()
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = editor_client.get(reverse("workflow:radar"), {"days": 7}).content.decode()

    assert "2 commitments due" in english and "1 event starts" in english
    assert "2 cam kết đến hạn" in vietnamese
    assert english.count("Trần Thị Hoa") == 2
    assert "Deadline:" in english and "Thời hạn:" in vietnamese
    assert "Starts on:" in english


def test_the_reminders_sent_list_names_the_record_and_its_kind_of_date(editor_client):
    commitment = make_commitment(title_vi="Cam kết minh bạch TBT")
    ReminderSent.objects.create(
        item_type=ContentType.objects.get_for_model(Commitment),
        item_id=commitment.pk,
        due_on=datetime.date(2024, 3, 15),
        horizon=7,
        recipient="hoa@example.org",
    )

    page = editor_client.get(reverse("admin:workflow_remindersent_changelist")).content.decode()

    assert str(commitment) in page
    assert reverse("admin:agreements_commitment_change", args=[commitment.pk]) in page
    assert "Deadline: 15 Mar 2024" in page
    assert "Due on" not in page.split('id="result_list"')[1]
