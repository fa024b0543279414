"""The staff groups, Editors, Publishers and Viewers, and what each may do.

Publishers are Editors who may also approve what becomes public (the
publication review, workflow.review): an Editor's change that would show
something new to the public waits for one of them.

Migrations create them on a new database (core 0003, workflow 0002). A flush —
what every transactional test, live-server test included, ends with — empties
them again while Django recreates only content types and permissions, on
``post_migrate``. So the groups are also recreated there, the way Django's own
contrib apps keep their rows, once every staff app's permissions exist.
Existing groups are left as staff edited them.
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate

EDITORS = "Editors"
PUBLISHERS = "Publishers"
VIEWERS = "Viewers"
STAFF_APPS = ("core", "organizations", "agreements", "events", "workflow")
# Reminders sent are written by the send_reminders command, never by hand.
EDITORS_MAY_NOT = (
    "add_remindersent",
    "change_remindersent",
    # Approving publication is the Publishers' (four eyes).
    "approve_publicationrequest",
    "add_publicationrequest",
    "change_publicationrequest",
    "delete_publicationrequest",
    # Private calendar links are their owners' and the administrators'.
    "view_calendarfeed",
    "add_calendarfeed",
    "change_calendarfeed",
    "delete_calendarfeed",
)
PUBLISHERS_ALSO = ("approve_publicationrequest", "view_publicationrequest")
VIEWERS_MAY_NOT = ("view_calendarfeed",)


def create_missing_staff_groups(using="default", apps=global_apps, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.using(using).filter(content_type__app_label__in=STAFF_APPS)
    editors, created = Group.objects.using(using).get_or_create(name=EDITORS)
    if created:
        editors.permissions.set(ours.exclude(codename__in=EDITORS_MAY_NOT))
    publishers, created = Group.objects.using(using).get_or_create(name=PUBLISHERS)
    if created:
        publishers.permissions.set(
            ours.exclude(codename__in=EDITORS_MAY_NOT) | ours.filter(codename__in=PUBLISHERS_ALSO)
        )
    viewers, created = Group.objects.using(using).get_or_create(name=VIEWERS)
    if created:
        viewers.permissions.set(ours.filter(codename__startswith="view_").exclude(codename__in=VIEWERS_MAY_NOT))


def connect_staff_groups():
    # After the last staff app's post_migrate: its permissions exist by then.
    installed = [config for config in global_apps.get_app_configs() if config.label in STAFF_APPS]
    post_migrate.connect(create_missing_staff_groups, sender=installed[-1], dispatch_uid="coopdb-staff-groups")
