"""The Publishers group on an existing database: Editors' permissions plus
approving publication requests. Editors keep theirs; Viewers do not read
anyone's private calendar link."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.groups import EDITORS, EDITORS_MAY_NOT, PUBLISHERS, PUBLISHERS_ALSO, STAFF_APPS, VIEWERS, VIEWERS_MAY_NOT


def create_publishers(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
    publishers, created = Group.objects.get_or_create(name=PUBLISHERS)
    if created:
        publishers.permissions.set(ours.exclude(codename__in=EDITORS_MAY_NOT) | ours.filter(codename__in=PUBLISHERS_ALSO))
    # Earlier migrations gave Editors every workflow permission there was:
    # approving publication and others' calendar links are not theirs.
    for group, refused in ((EDITORS, EDITORS_MAY_NOT), (VIEWERS, VIEWERS_MAY_NOT)):
        for row in Group.objects.filter(name=group):
            row.permissions.remove(*ours.filter(codename__in=refused))


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0009_publication_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_publishers, remove_publishers)]
