"""Create a local administrator when the database has no user at all.

Used by ``make run`` so a newcomer can log in at once. The password is
generated and printed, never fixed in the code.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the 'admin' superuser with a generated password if no user exists."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Users already exist; no account created (manage.py changepassword admin to reset).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username="admin", email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created local admin account: admin / {password}"))
