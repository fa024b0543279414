"""At 1,366 × 768 (the department's laptops) an agreement's page, with its
parties, status steps, commitments and journal, fits the window's width."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from tests.conftest import SCREENSHOT_DIR
from tests.factories import make_agreement, make_commitment, make_organization, make_party, make_status_change
from workflow.models import JournalEntry

pytestmark = pytest.mark.browser

WIDTH = 1366


@pytest.fixture
def editor_with_password(db):
    user = User.objects.create_user("bien.tap", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))  # saves apply at once (no review)
    return user


def test_the_agreement_page_fits_1366_pixels(live_server, chromium, editor_with_password):
    agreement = make_agreement(kind="mou", title_vi="Thỏa thuận hợp tác về tiêu chuẩn hóa và đo lường " * 2)
    for acronym in ("STAMEQ", "ROSSTANDART"):
        make_party(agreement=agreement, organization=make_organization(acronym=acronym))
    make_status_change(agreement=agreement, status="signed", changed_on=datetime.date(2019, 7, 1))
    make_commitment(agreement=agreement, title_vi="Trao đổi thông tin về tiêu chuẩn quốc gia " * 3)
    JournalEntry.objects.create(record=agreement, comment="Đã gửi thư cho đối tác " * 5)

    context = chromium.new_context(viewport={"width": WIDTH, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bien.tap")
    page.fill("#id_password", "a-long-test-password-1")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/agreements/agreement/{agreement.pk}/change/")

    width = page.evaluate("document.documentElement.scrollWidth")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "admin-agreement-change-1366.png"), full_page=True)
    context.close()
    assert width <= WIDTH, width
