"""In Chromium, Vietnamese admin: a day-first date and a decimal-comma amount
are typed as staff type them and read back as meant."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User

from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_with_password(db):
    user = User.objects.create_user("bien.tap", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))  # saves apply at once (no review)
    return user


def test_typed_day_first_date_and_decimal_comma_amount_are_saved_as_meant(
    live_server, page, screenshot, editor_with_password
):
    dues = factories.make_dues(amount=Decimal("100.00"), currency="USD", year=2019)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bien.tap")
    page.fill("#id_password", "a-long-test-password-1")
    page.click("input[type=submit]")
    change_url = f"{live_server.url}/admin/organizations/dues/{dues.pk}/change/"
    page.goto(change_url)

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("#id_amount").input_value() == "100,00"
    assert "ngày/tháng/năm" in page.locator(".field-due_on").inner_text()
    page.fill("#id_due_on", "01/07/2019")
    page.fill("#id_amount", "5200,50")
    screenshot("admin-dues-typed-vi")
    page.click("input[name=_continue]")

    page.wait_for_url(change_url)
    dues.refresh_from_db()
    assert dues.due_on == datetime.date(2019, 7, 1)
    assert dues.amount == Decimal("5200.50")
    # Read back as typed: the form shows what the list shows.
    assert page.locator("#id_due_on").input_value() == "01/07/2019"
    assert page.locator("#id_amount").input_value() == "5200,50"
    page.goto(f"{live_server.url}/admin/organizations/dues/")
    row = page.locator(f"#result_list tr:has(a[href*='/{dues.pk}/change/'])")
    assert "5200,50" in row.inner_text() and "01/07/2019" in row.inner_text()
    assert page.console_errors == []
