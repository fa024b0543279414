"""What the audit trail listens to: Django's log-in signals, django-axes'
lock-outs, changes of groups and permissions, django-import-export's imports
and exports. API key refusals are recorded by api.authentication."""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from import_export.signals import post_export, post_import

from security.choices import AuditAction, AuditOutcome
from security.middleware import start_session_clock
from security.selectors import current_request
from security.services import record_event


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session, time.time())
    record_event(AuditAction.LOGIN, AuditOutcome.SUCCESS, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    record_event(
        AuditAction.LOGIN_FAILED,
        AuditOutcome.FAILURE,
        request=request,
        username=credentials.get(get_user_model().USERNAME_FIELD, ""),
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    record_event(AuditAction.LOCKOUT, AuditOutcome.REFUSED, request=request, username=username or "")


def on_logout(sender, request, user, **kwargs):
    expired = getattr(request, "coopdb_session_expired", False)
    outcome = AuditOutcome.EXPIRED if expired else AuditOutcome.SUCCESS
    record_event(AuditAction.LOGOUT, outcome, request=request, user=user)


def on_membership_changed(sender, instance, action, pk_set, model, reverse, **kwargs):
    """Groups of a user, permissions of a user or of a group: added, removed or cleared."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    sign = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    names = ", ".join(sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or ())))
    relation = sender._meta.model_name.replace("_", " ")
    _record_change(f"{instance}: {relation} {sign} {names}".strip())


FLAGS = ("is_staff", "is_superuser", "is_active")


def on_user_saved(sender, instance, update_fields=None, **kwargs):
    """The staff and superuser flags and the active flag are permissions too."""
    if update_fields is not None and not set(FLAGS) & set(update_fields):
        return  # e.g. the last-login stamp written at every log-in
    if instance.pk is None:
        before = None
    else:
        before = sender.objects.filter(pk=instance.pk).values("is_staff", "is_superuser", "is_active").first()
    changed = [
        f"{flag}={getattr(instance, flag)}"
        for flag in FLAGS
        if (before is None and flag != "is_active" and getattr(instance, flag))
        or (before is not None and before[flag] != getattr(instance, flag))
    ]
    if changed:
        _record_change(f"{instance.get_username()}: {', '.join(changed)}")


def _record_change(detail: str):
    request = current_request()
    record_event(
        AuditAction.PERMISSIONS_CHANGED,
        AuditOutcome.SUCCESS,
        request=request,
        user=_acting_user(request),
        detail=detail,
    )


def on_import(sender, model, **kwargs):
    request = current_request()
    record_event(
        AuditAction.IMPORT, AuditOutcome.SUCCESS, request=request, user=_acting_user(request), detail=model._meta.label
    )


def on_export(sender, model, **kwargs):
    request = current_request()
    record_event(
        AuditAction.EXPORT, AuditOutcome.SUCCESS, request=request, user=_acting_user(request), detail=model._meta.label
    )


def _acting_user(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def connect():
    User = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="coopdb-audit-login")
    user_login_failed.connect(on_login_failed, dispatch_uid="coopdb-audit-login-failed")
    user_logged_out.connect(on_logout, dispatch_uid="coopdb-audit-logout")
    user_locked_out.connect(on_locked_out, dispatch_uid="coopdb-audit-lockout")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(on_membership_changed, sender=through, dispatch_uid=f"coopdb-audit-{through.__name__}")
    pre_save.connect(on_user_saved, sender=User, dispatch_uid="coopdb-audit-user-flags")
    post_import.connect(on_import, dispatch_uid="coopdb-audit-import")
    post_export.connect(on_export, dispatch_uid="coopdb-audit-export")
