"""Slugs left empty are made on the server from the Vietnamese title or name
(đ → d, tones stripped), unique with -2, -3, for every model that has one."""

import pytest

from agreements.models import Agreement
from core.models import Source
from events.models import Delegation, Event, Initiative
from organizations.models import Office, Organization, Person
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import inline_rows

TITLE = "Đoàn Tổng cục dự hội nghị APLMF 33"
SLUG = "doan-tong-cuc-du-hoi-nghi-aplmf-33"


def _add_delegation(client, title):
    data = {
        "slug": "",
        "direction": "outgoing",
        "title_vi": title,
        "headcount": "3",
        "headcount_qualifier": "exact",
        "funding": "organization",
        "visibility": "public",
        "source": factories.make_source().pk,
        **inline_rows("memberships", []),
        **inline_rows("documents", []),
    }
    return client.post(admin_url(Delegation, "add"), data)


def test_an_empty_slug_is_made_from_the_vietnamese_title_and_kept_unique(editor_client):
    assert _add_delegation(editor_client, TITLE).status_code == 302
    assert _add_delegation(editor_client, TITLE).status_code == 302
    assert _add_delegation(editor_client, TITLE).status_code == 302
    slugs = sorted(Delegation.objects.values_list("slug", flat=True))
    assert slugs == [SLUG, f"{SLUG}-2", f"{SLUG}-3"]


def test_the_admin_form_leaves_the_slug_to_the_server(editor_client):
    page = editor_client.get(admin_url(Agreement, "add"))
    form = page.context["adminform"].form
    assert form.fields["slug"].required is False
    assert "Để trống: hệ thống tạo từ tiêu đề hoặc tên tiếng Việt" in str(form.fields["slug"].help_text)
    assert b"prepopulated" not in page.content.split(b'id="id_slug"')[1][:200]
    assert b"URLify" not in page.content


def test_a_typed_slug_is_kept(editor_client):
    _add_delegation(editor_client, TITLE)
    delegation = Delegation.objects.get()
    delegation.slug = "aplmf-33"
    delegation.save()
    assert Delegation.objects.get().slug == "aplmf-33"


def _record(**fields):
    return {"source": factories.make_source(), "visibility": "public", **fields}


@pytest.mark.parametrize(
    ("build", "slug"),
    [
        (
            lambda: Agreement.objects.create(**_record(kind="mou", title_vi="Bản ghi nhớ về đo lường")),
            "ban-ghi-nho-ve-do-luong",
        ),
        (
            lambda: Agreement.objects.create(
                **_record(kind="fta", short_title_vi="CPTPP", title_vi="Hiệp định Đối tác")
            ),
            "cptpp",
        ),
        (
            lambda: Event.objects.create(**_record(title_vi="Hội nghị Đo lường", start_on="2019-07-01")),
            "hoi-nghi-do-luong",
        ),
        (lambda: Initiative.objects.create(**_record(title_vi="Sáng kiến Đổi mới", year=2019)), "sang-kien-doi-moi"),
        (lambda: Person.objects.create(**_record(full_name="Trần Đức Lữ")), "tran-duc-lu"),
        (
            lambda: Organization.objects.create(**_record(name_vi="Tổng cục Đo lường", kind="national_body")),
            "tong-cuc-do-luong",
        ),
        (lambda: Organization.objects.create(**_record(acronym="APLMF", name_vi="Diễn đàn", kind="forum")), "aplmf"),
        (lambda: Source.objects.create(title_vi="Bài báo về Đo lường"), "bai-bao-ve-do-luong"),
    ],
)
def test_every_model_with_a_slug_makes_one(db, build, slug):
    objects = [build() for _ in range(3)]
    field = "key" if isinstance(objects[0], Source) else "slug"
    assert [getattr(obj, field) for obj in objects] == [slug, f"{slug}-2", f"{slug}-3"]


def test_an_office_slug_comes_from_its_title_or_its_role_body_and_year(db):
    body = factories.make_organization(acronym="APLMF", kind="forum")
    holder = factories.make_organization(kind="national_body")
    titled = Office.objects.create(
        **_record(role="chair", body=body, holder_organization=holder, title_vi="Chủ tịch Đoàn")
    )
    untitled = Office.objects.create(**_record(role="chair", body=body, holder_organization=holder, term_year=2019))
    assert titled.slug == "chu-tich-doan"
    assert untitled.slug.endswith("aplmf-2019")
    assert "đ" not in untitled.slug


def test_a_long_title_keeps_its_suffix_within_the_field(db):
    title = "Đoàn " + "rất dài " * 30
    first = factories.make_delegation(slug="", title_vi=title)
    second = factories.make_delegation(slug="", title_vi=title)
    limit = Delegation._meta.get_field("slug").max_length
    assert len(first.slug) <= limit and len(second.slug) <= limit
    assert second.slug.endswith("-2") and second.slug[:-2] == first.slug[: len(second.slug) - 2]
