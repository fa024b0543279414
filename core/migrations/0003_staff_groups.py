"""The two staff groups: Editors change everything, Viewers only read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("core", "organizations", "agreements", "events")
EDITORS = "Editors"
VIEWERS = "Viewers"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure the
    # ones we hand out exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label__in=APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(ours)
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    viewers.permissions.set(ours.filter(codename__startswith="view_"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, VIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_unaccent"),
        ("organizations", "0001_initial"),
        ("agreements", "0001_initial"),
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
