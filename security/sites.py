"""CoopDB's admin site: Django's, plus two-factor (TOTP, django-otp) for staff
when ``COOPDB_STAFF_OTP_REQUIRED`` is on.

Enforced, only a user verified by one of their OTP devices during this
session's log-in counts as staff: the log-in form asks for the six-digit code,
and a staff member without a device cannot enter (``manage.py enrol_totp`` or
the admin's TOTP devices page gives them one). Every page behind the admin's
``admin_view`` (the workflow pages included) follows the same rule.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminSite

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
