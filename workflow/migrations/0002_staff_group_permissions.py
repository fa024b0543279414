"""Editors manage documents; both staff groups may read what reminders were sent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
VIEWERS = "Viewers"


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="workflow")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    editors.permissions.add(*ours.exclude(codename__in=["add_remindersent", "change_remindersent"]))
    viewers.permissions.add(*ours.filter(codename__startswith="view_"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    ours = Permission.objects.filter(content_type__app_label="workflow")
    for group in Group.objects.filter(name__in=[EDITORS, VIEWERS]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_documents_and_reminders"),
        ("core", "0003_staff_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
