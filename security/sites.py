"""CoopDB's admin site: Django's, plus two-factor (TOTP, django-otp) for staff
when ``COOPDB_STAFF_OTP_REQUIRED`` is on.

Enforced, only a user verified by one of their OTP devices during this
session's log-in counts as staff: the log-in form asks for the six-digit code,
and a staff member without a device cannot enter (``manage.py enrol_totp`` or
the admin's TOTP devices page gives them one). Every page behind the admin's
``admin_view`` (the workflow pages included) follows the same rule.
"""

from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminSite

from core.admin_lists import ListInputMixin
from security.forms import StaffOTPAuthenticationForm


def otp_required() -> bool:
    return settings.COOPDB_STAFF_OTP_REQUIRED


class CoopDBAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return StaffOTPAuthenticationForm if otp_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTPAdminSite.login_template if otp_required() else None

    def has_permission(self, request):
        if otp_required():
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every list, the libraries' too (axes, django-otp), reads its filters
        by the forms' rules and never answers 500 on odd ones (ListInputMixin)."""
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, ListInputMixin):
            namespace = {"__module__": admin_class.__module__}
            admin_class = type(admin_class.__name__, (ListInputMixin, admin_class), namespace)
        super().register(model_or_iterable, admin_class, **options)
