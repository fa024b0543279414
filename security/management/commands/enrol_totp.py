"""Give a staff member a TOTP device for the admin's two-factor log-in.

    manage.py enrol_totp <username> [--name phone]

Prints the secret and an otpauth:// link, and the QR code to scan with an
authenticator app (FreeOTP, Google Authenticator, ...). The device is confirmed
at once: hand the code over in person. A superuser can do the same in the
admin (TOTP devices → add, then the device's "qrcode" link).
"""

import base64
import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create a TOTP device for a staff user and print its secret and QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="the device's name (default: authenticator)")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: two-factor guards the staff admin only.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"TOTP device {name!r} created for {username}.")
        self.stdout.write(f"Secret (base32): {base64.b32encode(device.bin_key).decode('ascii')}")
        self.stdout.write(f"Link: {device.config_url}")
        self.stdout.write(_qr_text(device.config_url))


def _qr_text(data: str) -> str:
    code = qrcode.QRCode(border=2)
    code.add_data(data)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()
