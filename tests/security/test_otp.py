"""Two-factor for staff (django-otp TOTP), enforced by COOPDB_STAFF_OTP_REQUIRED."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.conftest import INDEX, LOGIN, PASSWORD

pytestmark = pytest.mark.django_db
RADAR = reverse("workflow:radar")


@pytest.fixture
def enforced(settings):
    settings.COOPDB_STAFF_OTP_REQUIRED = True


def token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_unenforced_a_password_is_enough(staff):
    client = Client()
    client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert client.get(INDEX).status_code == 200


def test_enforced_a_staff_member_without_a_device_cannot_reach_the_admin(staff, enforced):
    client = Client()
    client.force_login(staff)
    for url in (INDEX, RADAR):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), url
    # The password alone does not get in either: the form asks for the code.
    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert response.status_code == 200 and 'name="otp_token"' in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_enforced_a_valid_code_lets_the_staff_member_in(staff, enforced):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client = Client()
    form = {"username": "lan", "password": PASSWORD, "otp_device": device.persistent_id}
    wrong = client.post(LOGIN, {**form, "otp_token": "000000"})
    assert wrong.status_code == 200 and client.get(INDEX).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(LOGIN, {**form, "otp_token": token(device)})
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(INDEX).status_code == 200
    assert client.get(RADAR).status_code == 200


def test_enrol_totp_creates_a_device_and_prints_its_link(staff, capsys):
    call_command("enrol_totp", "lan", "--name", "phone")
    printed = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=staff, name="phone")
    assert device.confirmed
    assert re.search(r"Link: otpauth://totp/.*secret=", printed)
    assert "█" in printed or "▀" in printed  # the QR code, drawn in block characters


def test_with_a_single_device_the_code_goes_in_the_first_form(staff, enforced):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client = Client()
    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD, "otp_token": token(device)})
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_with_two_devices_the_staff_member_picks_one(staff, enforced):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    TOTPDevice.objects.create(user=staff, name="tablet", confirmed=True)
    client = Client()
    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD, "otp_token": token(device)})
    assert response.status_code == 200 and client.get(INDEX).status_code == 302
