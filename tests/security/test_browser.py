"""Under the Content-Security-Policy, in Chromium: Swagger UI renders the API,
and two-factor log-in works as a staff member does it (a CSP violation is a
console error, and these tests allow none)."""

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.test_otp import token

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_under_the_policy(live_server, page, screenshot):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=20000)
    assert "CoopDB API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 10
    screenshot("security-swagger-ui")
    assert page.console_errors == []


def test_two_factor_log_in_in_the_browser(live_server, page, screenshot, settings):
    settings.COOPDB_STAFF_OTP_REQUIRED = True
    user = User.objects.create_user("hai.yeu.to", password="a-long-test-password-2", is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "hai.yeu.to")
    page.fill("#id_password", "a-long-test-password-2")
    # One device: the code goes in the same form as the password.
    page.fill("#id_otp_token", token(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    screenshot("security-admin-after-two-factor")
    assert page.locator("#site-name").count() == 1
    assert page.console_errors == []
