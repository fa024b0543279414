"""Spreadsheet columns for agreements (with their parties) and commitments.

An agreement's parties are one ``parties`` column: organization slugs (or
acronyms) and ISO country codes separated by ``;`` — "stameq; rosstandart" for
an MoU, "VN; KR" for a bilateral FTA. Import adds the parties that are missing
(as signatories, dated with the agreement's signature) and never removes one:
removing a party, or giving one its own ratification date, is done in the
admin. See README, "Staff workflow".
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from import_export import fields

from agreements.choices import AgreementStatus, PartyRole
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from agreements.services import record_status_change, sync_agreement_status
from core.resources import RecordResource
from core.widgets import KeyWidget
from organizations.models import Organization, Person
from organizations.resources import organization_widget

PARTY_SEPARATOR = ";"
# The date that dates each lifecycle stage a row may set directly.
STAGE_DATE_FIELD = {AgreementStatus.SIGNED: "signed_on", AgreementStatus.IN_FORCE: "valid_from"}


def _party_key(party: AgreementParty) -> str:
    return party.organization.slug if party.organization_id else party.country.code


def parse_parties(text, organizations=None) -> tuple[list, list[str]]:
    """``"stameq; RU"`` → ([Organization, "RU"], errors)."""
    organizations = organizations or organization_widget()
    found, errors = [], []
    for token in str(text or "").split(PARTY_SEPARATOR):
        token = token.strip()
        if not token:
            continue
        try:
            found.append(organizations.clean(token))
            continue
        except ValueError:
            pass
        if token.upper() in countries:
            found.append(token.upper())
        else:
            errors.append(_("“%(token)s” is neither an organization nor a country code.") % {"token": token})
    return found, errors


class PartiesField(fields.Field):
    """The ``parties`` column: read from the agreement's party rows (so the
    export and the import preview show them); written by the resource."""

    def get_value(self, instance):
        if instance is None or instance.pk is None:
            return ""
        return f"{PARTY_SEPARATOR} ".join(_party_key(party) for party in instance.parties.all())


class AgreementResource(RecordResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=KeyWidget(Agreement))
    parties = PartiesField(attribute="parties", column_name="parties", readonly=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._party_organizations = organization_widget()  # remembers the parties found in this file

    class Meta(RecordResource.Meta):
        model = Agreement
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "kind",
            "short_title_vi",
            "short_title_en",
            "title_vi",
            "title_en",
            "parent",
            "status",
            "signed_on",
            "valid_from",
            "valid_until",
            "parties",
            "summary_vi",
            "summary_en",
            "text_url",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent", "source").prefetch_related("parties__organization")

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance._imported_parties, party_errors = parse_parties(row.get("parties"), self._party_organizations)
        if party_errors:
            errors["parties"] = party_errors
        if "status" not in errors and self._status_conflicts_with_history(instance):
            errors["status"] = [
                _("This agreement has a dated status history; record the new stage there (in the admin).")
            ]
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _status_conflicts_with_history(instance) -> bool:
        if not instance.pk:
            return False
        stored = Agreement.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        return stored != instance.status and instance.status_changes.exists()

    def _missing_parties(self, instance) -> list:
        wanted = getattr(instance, "_imported_parties", [])
        if not instance.pk:
            return wanted
        existing = {_party_key(p) for p in instance.parties.select_related("organization")}
        return [p for p in wanted if (p.slug if isinstance(p, Organization) else p) not in existing]

    def children_unchanged(self, instance, row) -> bool:
        return not self._missing_parties(instance)

    def save_instance(self, instance, is_create, row, **kwargs):
        missing = [] if is_create else self._missing_parties(instance)
        with transaction.atomic():
            super().save_instance(instance, is_create, row, **kwargs)
            for party in getattr(instance, "_imported_parties", []) if is_create else missing:
                self._add_party(instance, party)
            self._record_stage(instance)

    @staticmethod
    def _add_party(agreement, party):
        target = {"organization": party} if isinstance(party, Organization) else {"country": party}
        AgreementParty(
            agreement=agreement,
            role=PartyRole.SIGNATORY,
            signed_on=agreement.signed_on,
            source=agreement.source,
            **target,
        ).save()

    @staticmethod
    def _record_stage(agreement):
        """Start the dated status history of an agreement that has none when
        the row dates its stage (signed on, valid from). Later stages are
        recorded in the admin's status history, which then sets the status."""
        date_field = STAGE_DATE_FIELD.get(agreement.status)
        day = getattr(agreement, date_field) if date_field else None
        if day and not agreement.status_changes.exists():
            record_status_change(agreement=agreement, status=agreement.status, changed_on=day)


class CommitmentResource(RecordResource):
    agreement = fields.Field(attribute="agreement", column_name="agreement", widget=KeyWidget(Agreement))
    responsible_unit = fields.Field(
        attribute="responsible_unit", column_name="responsible_unit", widget=organization_widget()
    )
    responsible_person = fields.Field(
        attribute="responsible_person", column_name="responsible_person", widget=KeyWidget(Person)
    )

    class Meta(RecordResource.Meta):
        model = Commitment
        import_id_fields = ["agreement", "code"]
        fields = (
            "agreement",
            "code",
            "reference_vi",
            "reference_en",
            "title_vi",
            "title_en",
            "text_vi",
            "text_en",
            "responsible_unit",
            "responsible_person",
            "deadline",
            "status",
            "evidence_vi",
            "evidence_en",
            "evidence_url",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("agreement", "responsible_unit", "responsible_person", "source")


class AgreementPartyResource(RecordResource):
    """The parties sheet, for what the ``parties`` column cannot say: a
    party's role, signatory and its own signature, ratification and
    entry-into-force dates. A party is an organization, a country or both."""

    agreement = fields.Field(attribute="agreement", column_name="agreement", widget=KeyWidget(Agreement))
    organization = fields.Field(attribute="organization", column_name="organization", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = AgreementParty
        import_id_fields = ["agreement", "organization", "country"]
        fields = (
            "agreement",
            "organization",
            "country",
            "role",
            "signatory_vi",
            "signatory_en",
            "signed_on",
            "ratified_on",
            "in_force_on",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("agreement", "organization", "source")


class AgreementStatusChangeResource(RecordResource):
    """The dated status history; each row brings the agreement's current
    status in step, as the admin does."""

    agreement = fields.Field(attribute="agreement", column_name="agreement", widget=KeyWidget(Agreement))

    class Meta(RecordResource.Meta):
        model = AgreementStatusChange
        import_id_fields = ["agreement", "status"]
        fields = ("agreement", "status", "changed_on", "year", "note_vi", "note_en", *RecordResource.RECORD_COLUMNS)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("agreement", "source")

    def save_instance(self, instance, is_create, row, **kwargs):
        with transaction.atomic():
            super().save_instance(instance, is_create, row, **kwargs)
            sync_agreement_status(agreement=instance.agreement)
