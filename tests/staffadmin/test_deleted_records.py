"""Deleted records are listed from their history and restorable by Editors."""

from django.urls import reverse

from events.models import Event
from organizations.models import Organization
from tests.factories import make_event, make_organization


def delete_as(user, obj):
    obj._history_user = user
    obj.delete()


def test_a_deleted_record_is_listed_and_an_editor_restores_it(editor_client, editor):
    event = make_event(title_vi="Hội nghị đã xoá", visibility="internal")  # the public never saw it
    pk = event.pk
    delete_as(editor, event)
    kept = make_event(title_vi="Hội nghị còn đây")

    page = editor_client.get(reverse("workflow:deleted")).content.decode()
    assert "Hội nghị đã xoá" in page and "Hội nghị còn đây" not in page
    historical = Event.history.get(id=pk, history_type="-")
    assert 'value="Restore"' in page

    response = editor_client.post(
        reverse("workflow:deleted"), {"model": "events.event", "history_id": historical.history_id}
    )

    assert response.status_code == 302
    restored = Event.objects.get(pk=pk)
    assert restored.title_vi == "Hội nghị đã xoá"
    latest = restored.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("+", editor)
    listing = editor_client.get(reverse("workflow:deleted")).content.decode().split('id="deleted-records"')[1]
    assert "Hội nghị đã xoá" not in listing
    assert Event.objects.filter(pk=kept.pk).exists()


def test_a_restore_that_clashes_is_refused_with_a_message(editor_client, editor):
    organization = make_organization(slug="iso-x", acronym="ISOX")
    pk = organization.pk
    delete_as(editor, organization)
    make_organization(slug="iso-x", acronym="ISOX")  # the slug is taken again
    historical = Organization.history.get(id=pk, history_type="-")

    response = editor_client.post(
        reverse("workflow:deleted"),
        {"model": "organizations.organization", "history_id": historical.history_id},
        follow=True,
    )

    assert not Organization.objects.filter(pk=pk).exists()
    assert response.status_code == 200
    page = response.content.decode()
    assert "already exists" in page.split("messagelist")[1].split("</ul>")[0]


def test_viewers_see_the_list_but_cannot_restore(viewer_client, editor):
    event = make_event()
    pk = event.pk
    delete_as(editor, event)
    historical = Event.history.get(id=pk, history_type="-")

    page = viewer_client.get(reverse("workflow:deleted")).content.decode()
    response = viewer_client.post(
        reverse("workflow:deleted"), {"model": "events.event", "history_id": historical.history_id}
    )

    assert 'value="Restore"' not in page
    assert response.status_code == 403
    assert not Event.objects.filter(pk=pk).exists()


def restore_as(client, model, pk):
    historical = model.history.get(id=pk, history_type="-")
    return client.post(
        reverse("workflow:deleted"),
        {"model": model._meta.label_lower, "history_id": historical.history_id},
        follow=True,
    )


def test_an_editor_cannot_make_a_public_record_public_again_a_publisher_can(editor_client, publisher_client, editor):
    """Restoring a public record shows it to the public again: four eyes."""
    event = make_event(title_vi="Hội nghị công khai đã xoá", visibility="public")
    pk = event.pk
    delete_as(editor, event)

    refused = restore_as(editor_client, Event, pk)

    assert not Event.objects.filter(pk=pk).exists()
    said = refused.content.decode().split("messagelist")[1].split("</ul>")[0]
    assert "Ask a publisher to restore it" in said
    restore_as(publisher_client, Event, pk)
    assert Event.objects.get(pk=pk).title_vi == "Hội nghị công khai đã xoá"
