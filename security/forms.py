from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm


class StaffOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """django-otp's admin log-in form, where a staff member with a single
    device types user name, password and code in one go: the device list is
    only filled after the password is checked, so making them pick their one
    device would cost a second round for nothing."""

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                return devices[0]
        return device
