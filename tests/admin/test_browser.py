"""In a real browser: log in, see the styled Vietnamese admin, switch to
English with one click and stay on the same page."""

import pytest
from django.contrib.auth.models import Group, User

from agreements.models import Agreement

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_with_password(db):
    user = User.objects.create_user("bien.tap", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))  # saves apply at once (no review)
    return user


def test_login_language_switch_and_static_files(live_server, page, screenshot, editor_with_password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bien.tap")
    page.fill("#id_password", "a-long-test-password-1")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/agreements/agreement/add/")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Thêm thỏa thuận"
    # The admin's stylesheet loaded: the header has its colour, not the browser's default.
    assert page.eval_on_selector("#header", "e => getComputedStyle(e).display") == "flex"
    # Vietnamese and English titles sit on one line.
    vi_box, en_box = page.locator("#id_title_vi").bounding_box(), page.locator("#id_title_en").bounding_box()
    assert vi_box["y"] == en_box["y"] and en_box["x"] > vi_box["x"]
    screenshot("admin-agreement-add-vi")

    page.click("#language-switcher button[value=en]")

    page.wait_for_url(f"{live_server.url}/admin/agreements/agreement/add/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Add agreement"
    assert page.locator(".field-kind label").inner_text().startswith("Kind")
    screenshot("admin-agreement-add-en")
    assert page.console_errors == []
    assert not Agreement.objects.exists()
