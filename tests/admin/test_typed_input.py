"""What staff type is stored as they meant it, in both languages: dates day
first (01/07/2019 is 1 July 2019) in a form, an inline, a list filter, the
import and a command; amounts with a decimal comma or point; currencies as
ISO 4217 codes; plausible years; read-only current status."""

import datetime
import html
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from agreements.models import Agreement
from core.widgets import DateWidget
from events.models import Event
from organizations.models import Dues
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import inline_rows, page_form_data

D = datetime.date
LANGUAGES = ["vi", "en"]


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _errors(response) -> str:
    return str(response.context["adminform"].form.errors) if response.context else ""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("01/07/2019", D(2019, 7, 1)),
        ("1/7/2019", D(2019, 7, 1)),
        ("15/06/2019", D(2019, 6, 15)),
        ("2019-07-01", D(2019, 7, 1)),
    ],
)
def test_a_typed_date_is_read_day_first_in_a_form(editor_client, language, typed, meant):
    client = _in_language(editor_client, language)
    event = factories.make_event()
    url = admin_url(Event, "change", event.pk)
    response = client.post(url, page_form_data(client.get(url), start_on=typed))
    assert response.status_code == 302, _errors(response)
    event.refresh_from_db()
    assert event.start_on == meant


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_month_first_date_is_refused_not_reread(editor_client, language):
    client = _in_language(editor_client, language)
    event = factories.make_event(start_on=D(2019, 11, 30))
    url = admin_url(Event, "change", event.pk)
    response = client.post(url, page_form_data(client.get(url), start_on="06/15/2019"))
    assert response.status_code == 200
    assert "start_on" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.start_on == D(2019, 11, 30)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_box_shows_and_hints_day_first(editor_client, language):
    client = _in_language(editor_client, language)
    event = factories.make_event(start_on=D(2019, 7, 1))
    text = _text(client.get(admin_url(Event, "change", event.pk)))
    assert 'value="01/07/2019"' in text
    hint = "ngày/tháng/năm, ví dụ 01/07/2019" if language == "vi" else "day/month/year, e.g. 01/07/2019"
    assert hint in text


def test_the_calendar_writes_the_first_input_format_day_first(editor_client):
    for language in LANGUAGES:
        catalog = _in_language(editor_client, language).get("/admin/jsi18n/")
        first = re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', catalog.content.decode())
        assert first.group(1) == "%d/%m/%Y"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_date_is_read_day_first_in_an_inline(editor_client, language):
    client = _in_language(editor_client, language)
    agreement = factories.make_agreement()
    url = admin_url(Agreement, "change", agreement.pk)
    stages = inline_rows("status_changes", [{"status": "signed", "changed_on": "01/07/2019", "visibility": "public"}])
    response = client.post(url, {**page_form_data(client.get(url)), **stages})
    assert response.status_code == 302
    assert agreement.status_changes.get().changed_on == D(2019, 7, 1)
    agreement.refresh_from_db()
    assert agreement.status == "signed"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_date_is_read_day_first_in_a_list_filter(editor_client, language):
    client = _in_language(editor_client, language)
    factories.make_agreement(title_vi="Ký tháng sáu", signed_on=D(2019, 6, 30))
    factories.make_agreement(title_vi="Ký tháng bảy", signed_on=D(2019, 7, 1))
    response = client.get(admin_url(Agreement, "changelist"), {"signed_on__gte": "01/07/2019"})
    assert response.status_code == 200
    assert [str(a) for a in response.context["cl"].result_list] == ["Ký tháng bảy"]


def test_a_bad_date_in_a_list_filter_is_a_message(editor_client):
    factories.make_agreement(signed_on=D(2019, 7, 1))
    response = editor_client.get(admin_url(Agreement, "changelist"), {"signed_on__gte": "32/13/2019"})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1
    messages = [str(m) for m in response.context["messages"]]
    assert "“32/13/2019” không phải là ngày; hãy viết theo dạng NN/TT/NNNN. Bộ lọc này đã được bỏ qua." in messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_import_reads_dates_by_the_same_rule(language):
    with translation.override(language):
        assert DateWidget().clean("01/07/2019") == D(2019, 7, 1)
        assert DateWidget().clean("1/7/2019") == D(2019, 7, 1)
        assert DateWidget().clean("2019-07-01") == D(2019, 7, 1)
        with pytest.raises(ValueError):
            DateWidget().clean("07/31/2019")


def test_send_reminders_reads_its_date_day_first(db):
    out = StringIO()
    call_command("send_reminders", "--date", "01/07/2019", "--dry-run", stdout=out)
    assert out.getvalue().startswith("2019-07-01:")


def _dues_page(client):
    dues = factories.make_dues(amount=Decimal("100.00"), currency="USD")
    url = admin_url(Dues, "change", dues.pk)
    return dues, url, client.get(url)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("typed", ["5200,50", "5200.50", "5.200,50", "5,200.50", "5 200,50"])
def test_an_amount_with_a_decimal_comma_or_point(editor_client, language, typed):
    client = _in_language(editor_client, language)
    dues, url, page = _dues_page(client)
    response = client.post(url, page_form_data(page, amount=typed))
    assert response.status_code == 302, _errors(response)
    dues.refresh_from_db()
    assert dues.amount == Decimal("5200.50")


@pytest.mark.parametrize("typed", ["5.200", "1,234", "12.34.5", "5,2,0"])
def test_an_ambiguous_or_malformed_amount_is_a_form_error(editor_client, typed):
    dues, url, page = _dues_page(editor_client)
    response = editor_client.post(url, page_form_data(page, amount=typed))
    assert response.status_code == 200
    assert "amount" in response.context["adminform"].form.errors
    dues.refresh_from_db()
    assert dues.amount == Decimal("100.00")


def test_the_ambiguity_is_explained_in_vietnamese(editor_client):
    _dues, url, page = _dues_page(editor_client)
    response = editor_client.post(url, page_form_data(page, amount="5.200"))
    assert "“5.200” có thể hiểu theo hai cách." in _text(response)


@pytest.mark.parametrize(("language", "shown"), [("vi", "5200,50"), ("en", "5200.50")])
def test_the_amount_is_shown_alike_in_list_and_form(editor_client, language, shown):
    client = _in_language(editor_client, language)
    dues = factories.make_dues(amount=Decimal("5200.50"), currency="USD")
    form_page = _text(client.get(admin_url(Dues, "change", dues.pk)))
    assert f'name="amount" value="{shown}"' in form_page
    assert 'type="number"' not in form_page.split('name="amount"')[0].rsplit("<input", 1)[1]
    list_page = _text(client.get(admin_url(Dues, "changelist")))
    assert f'<td class="field-amount">{shown}</td>' in list_page


def test_a_lower_case_currency_is_stored_upper_case(editor_client):
    dues, url, page = _dues_page(editor_client)
    response = editor_client.post(url, page_form_data(page, currency="chf"))
    assert response.status_code == 302, _errors(response)
    dues.refresh_from_db()
    assert dues.currency == "CHF"


@pytest.mark.parametrize("code", ["X9Z", "US", "DOLLAR"])
def test_an_unknown_currency_is_refused(editor_client, code):
    dues, url, page = _dues_page(editor_client)
    response = editor_client.post(url, page_form_data(page, currency=code))
    assert response.status_code == 200
    assert "currency" in response.context["adminform"].form.errors
    dues.refresh_from_db()
    assert dues.currency == "USD"


@pytest.mark.parametrize(("language", "label"), [("vi", "USD — Đô la Mỹ"), ("en", "USD — US Dollar")])
def test_currencies_are_picked_by_code_and_name(editor_client, language, label):
    _dues, _url, page = _dues_page(_in_language(editor_client, language))
    assert f'<option value="USD" selected>{label}</option>' in _text(page)


def test_the_model_refuses_an_unknown_currency_for_imports_too(db):
    from django.core.exceptions import ValidationError

    dues = factories.make_dues(amount=Decimal("1"), currency="USD")
    dues.currency = "usd"
    dues.full_clean()
    assert dues.currency == "USD"
    dues.currency = "X9Z"
    with pytest.raises(ValidationError, match="ISO 4217"):
        dues.full_clean()


@pytest.mark.parametrize("typed", ["01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31", "31/12/1899"])
def test_an_implausible_year_is_a_form_error(editor_client, typed):
    event = factories.make_event(start_on=D(2019, 11, 30))
    url = admin_url(Event, "change", event.pk)
    response = editor_client.post(url, page_form_data(editor_client.get(url), start_on=typed))
    assert response.status_code == 200
    assert "Hãy nhập một ngày trong khoảng từ năm 1900 đến năm 2100; kiểm tra lại năm." in _text(response)
    event.refresh_from_db()
    assert event.start_on == D(2019, 11, 30)


def test_founding_dates_reach_back_to_1800(editor_client):
    from organizations.models import Organization

    organization = factories.make_organization()
    url = admin_url(Organization, "change", organization.pk)
    response = editor_client.post(url, page_form_data(editor_client.get(url), founded_on="20/05/1875"))
    assert response.status_code == 302, _errors(response)
    organization.refresh_from_db()
    assert organization.founded_on == D(1875, 5, 20)


def test_the_current_status_is_shown_derived_and_cannot_be_typed(editor_client):
    agreement = factories.make_agreement()
    factories.make_status_change(agreement=agreement, status="signed", changed_on=D(2018, 1, 1))
    agreement.status = "signed"
    agreement.save()
    url = admin_url(Agreement, "change", agreement.pk)
    page = editor_client.get(url)
    text = _text(page)
    assert 'name="status"' not in text
    assert "Lấy theo bước có ngày gần nhất trong lịch sử trạng thái bên dưới" in text
    assert '<a href="#status_changes-group">Thêm một bước trạng thái</a>' in text
    response = editor_client.post(url, {**page_form_data(page), "status": "terminated"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "signed"


def test_the_shared_filters_read_dates_by_the_same_rule(client):
    factories.make_agreement(title_vi="Ký tháng sáu", signed_on=D(2019, 6, 30))
    factories.make_agreement(title_vi="Ký tháng bảy", signed_on=D(2019, 7, 1))
    day_first = client.get("/api/v1/agreements/", {"signed_after": "01/07/2019"}).json()
    iso = client.get("/api/v1/agreements/", {"signed_after": "2019-07-01"}).json()
    assert [a["slug"] for a in day_first["results"]] == [a["slug"] for a in iso["results"]]
    assert len(iso["results"]) == 1
