"""Editors write journal entries; Viewers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
VIEWERS = "Viewers"
CODENAMES = {EDITORS: ["add_journalentry", "view_journalentry"], VIEWERS: ["view_journalentry"]}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in CODENAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="workflow", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    journal = Permission.objects.filter(content_type__app_label="workflow", codename__endswith="_journalentry")
    for group in Group.objects.filter(name__in=CODENAMES):
        group.permissions.remove(*journal)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0005_journal_entries")]
    operations = [migrations.RunPython(grant, revoke)]
