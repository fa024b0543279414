"""Where a webhook may point (docs/api.md "Webhooks")."""

import pytest
from django.core.exceptions import ValidationError

from webhooks.validators import UnsafeDestination, check_destination, validate_webhook_url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "javascript:alert(1)",
        "example.org/hook",
        "https://user:password@example.org/hook",
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
    ],
)
def test_refused_addresses(url, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


@pytest.mark.parametrize("url", ["https://hooks.example.gov.vn/coopdb", "http://1.1.1.1:8443/in"])
def test_accepted_addresses(url, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    validate_webhook_url(url)


def test_local_receivers_when_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    validate_webhook_url("http://127.0.0.1:9000/hook")
    with pytest.raises(ValidationError):
        validate_webhook_url("ftp://127.0.0.1/hook")  # the scheme rule always holds


def test_a_name_resolving_to_a_private_address_is_refused_before_sending(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(UnsafeDestination):
        check_destination("http://localhost:9/hook")


def test_the_admin_form_shows_the_error(client, django_user_model, settings):
    from django.urls import reverse

    from api.models import Ministry

    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    ministry = Ministry.objects.create(name="Bộ Tài chính")
    admin = django_user_model.objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:webhooks_subscription_add"),
        {
            "ministry": ministry.pk,
            "name": "mirror",
            "url": "http://10.0.0.5/hook",
            "audience": "government",
            "kinds": ["agreement", "event"],
            "secret": "s3cret-s3cret-s3cret",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert "webhook chỉ được gọi tới địa chỉ công cộng" in response.content.decode()  # the admin speaks Vietnamese
    response = client.post(
        reverse("admin:webhooks_subscription_add"),
        {
            "ministry": ministry.pk,
            "name": "mirror",
            "url": "https://hooks.example.gov.vn/coopdb",
            "audience": "government",
            "kinds": ["agreement", "event"],
            "secret": "s3cret-s3cret-s3cret",
            "active": "on",
        },
    )
    assert response.status_code == 302
    from webhooks.models import Subscription

    assert Subscription.objects.get().kinds == ["agreement", "event"]
