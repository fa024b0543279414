"""A staff member records STAMEQ's MoU with Rosstandart and its 2018–2021
implementation plan through the admin's add forms, as a browser posts them.

The dates below are what the test types in; only the plan's 2018–2021 period
comes from the seed article.
"""

import datetime

from django.utils import translation

from agreements.models import Agreement
from core.models import Source
from organizations.models import Organization
from tests.admin.conftest import admin_url
from tests.admin.forms import inline_rows, page_form_data

D = datetime.date


def _add(client, model, **fields):
    """Fill the model's add page like a browser and save it."""
    inlines = fields.pop("inlines", {})
    data = page_form_data(client.get(admin_url(model, "add")), **fields)
    for prefix, rows in inlines.items():
        data.update(inline_rows(prefix, rows))
    response = client.post(admin_url(model, "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def _party(organization, signed_on, signatory_vi="", signatory_en=""):
    return {
        "organization": organization,
        "role": "signatory",
        "signed_on": signed_on,
        "signatory_vi": signatory_vi,
        "signatory_en": signatory_en,
        "visibility": "public",
    }


def test_staff_record_the_rosstandart_mou_and_its_plan(editor_client, editor):
    _add(
        editor_client,
        Source,
        key="vietq-2020-07-26",
        title_vi="Hợp tác quốc tế về tiêu chuẩn đo lường chất lượng: Tăng cường năng lực kỹ thuật và hội nhập",
        publisher="VietQ",
        published_on=D(2020, 7, 26),
    )
    source = Source.objects.get(key="vietq-2020-07-26")
    for slug, acronym, name_vi, name_en, country in [
        (
            "stameq",
            "STAMEQ",
            "Tổng cục Tiêu chuẩn Đo lường Chất lượng",
            "Directorate for Standards, Metrology and Quality",
            "VN",
        ),
        (
            "rosstandart",
            "Rosstandart",
            "Cơ quan Liên bang về Quy chuẩn Kỹ thuật và Đo lường Liên bang Nga",
            "Federal Agency on Technical Regulating and Metrology",
            "RU",
        ),
    ]:
        _add(
            editor_client,
            Organization,
            slug=slug,
            acronym=acronym,
            name_vi=name_vi,
            name_en=name_en,
            kind="national_body",
            country=country,
            visibility="public",
            source=source,
        )
    stameq, rosstandart = Organization.objects.get(slug="stameq"), Organization.objects.get(slug="rosstandart")

    _add(
        editor_client,
        Agreement,
        slug="stameq-rosstandart-mou",
        kind="mou",
        title_vi="Bản ghi nhớ hợp tác giữa Tổng cục TCĐLCL và Rosstandart",
        title_en="Memorandum of Understanding between STAMEQ and Rosstandart",
        signed_on=D(2016, 5, 17),
        visibility="public",
        source=source,
        inlines={
            "parties": [_party(stameq, D(2016, 5, 17)), _party(rosstandart, D(2016, 5, 17))],
            "status_changes": [{"status": "signed", "changed_on": D(2016, 5, 17), "visibility": "public"}],
        },
    )
    mou = Agreement.objects.get(slug="stameq-rosstandart-mou")
    _add(
        editor_client,
        Agreement,
        slug="stameq-rosstandart-plan-2018-2021",
        kind="plan",
        parent=mou,
        title_vi="Kế hoạch thực hiện Bản ghi nhớ giai đoạn 2018 – 2021",
        title_en="Implementation plan of the MoU for 2018–2021",
        signed_on=D(2018, 3, 14),
        valid_from=D(2018, 1, 1),
        valid_until=D(2021, 12, 31),
        visibility="public",
        source=source,
        inlines={
            "parties": [
                _party(stameq, D(2018, 3, 14), "Phó Tổng cục trưởng", "Deputy Director General"),
                _party(rosstandart, D(2018, 3, 20)),
            ],
            "status_changes": [
                {"status": "signed", "changed_on": D(2018, 3, 20), "visibility": "public"},
                {"status": "expired", "changed_on": D(2021, 12, 31), "visibility": "public"},
            ],
        },
    )

    plan = Agreement.objects.get(slug="stameq-rosstandart-plan-2018-2021")
    assert (plan.kind, plan.parent, plan.valid_from, plan.valid_until) == ("plan", mou, D(2018, 1, 1), D(2021, 12, 31))
    assert plan.status == "expired"  # the latest dated stage
    assert list(mou.children.all()) == [plan]
    assert {(p.organization.slug, p.signed_on) for p in plan.parties.select_related("organization")} == {
        ("stameq", D(2018, 3, 14)),
        ("rosstandart", D(2018, 3, 20)),
    }
    assert {(p.organization.slug, p.signed_on) for p in mou.parties.select_related("organization")} == {
        ("stameq", D(2016, 5, 17)),
        ("rosstandart", D(2016, 5, 17)),
    }
    stameq_party = plan.parties.get(organization=stameq)
    assert stameq_party.source == source  # left empty in the row: the agreement's source
    with translation.override("vi"):
        assert plan.title == "Kế hoạch thực hiện Bản ghi nhớ giai đoạn 2018 – 2021"
        assert stameq_party.signatory == "Phó Tổng cục trưởng"
    with translation.override("en"):
        assert plan.title == "Implementation plan of the MoU for 2018–2021"
        assert stameq_party.signatory == "Deputy Director General"
        assert str(plan.parties.get(organization=rosstandart).organization) == (
            "Rosstandart — Federal Agency on Technical Regulating and Metrology"
        )
    assert {h.history_user for h in plan.history.all()} == {editor}
    assert Agreement.objects.in_force_on(D(2019, 6, 1)).filter(pk=plan.pk).exists()
