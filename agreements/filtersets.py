"""FilterSets for agreements, their parties, status history and commitments.

Shared by the REST API and the public pages; see core.filtersets for the rules.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind, AgreementStatus, CommitmentStatus
from agreements.models import Agreement, AgreementParty, Commitment
from core.filtersets import (
    UPDATED_AT,
    BooleanFilter,
    PartnerCountryFilter,
    SearchFilter,
    VisibleFilterSet,
    VisibleRelatedCharFilter,
    VisibleRelatedIdFilter,
)
from core.querysets import visibility_q


class AgreementFilterSet(VisibleFilterSet):
    q = SearchFilter()  # the model's declared search_fields, ranked (core.search)
    kind = django_filters.MultipleChoiceFilter(choices=AgreementKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=AgreementStatus.choices)
    slug = django_filters.CharFilter(max_length=120)
    parent = VisibleRelatedIdFilter(relation="parent", help_text=_("Id of the parent agreement."))
    parent_slug = VisibleRelatedCharFilter(relation="parent", lookup="slug")
    # Parties are matched only when the party row and its organization are
    # visible: a public agreement must not confirm a hidden partner.
    organization = VisibleRelatedIdFilter(relation="parties__organization", help_text=_("Id of a party."))
    organization_acronym = VisibleRelatedCharFilter(relation="parties__organization", lookup="acronym__iexact")
    # A party is a country, an organization, or both: an organization's seat
    # counts too (Rosstandart's MoU is an agreement with Russia), and a union
    # of states answers for its members (the EVFTA covers France).
    country = PartnerCountryFilter(method="filter_country")
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    in_force_on = django_filters.DateFilter(method="filter_in_force_on", help_text=_("In force on this date."))
    expires_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(
            UPDATED_AT,
            ("signed_on", "signed_on"),
            ("valid_from", "valid_from"),
            ("valid_until", "valid_until"),
            ("title_vi", "title_vi"),
            ("title_en", "title_en"),
            ("slug", "slug"),
        )
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_country(self, queryset, name, value):
        parties = AgreementParty.objects.covering(value).filter(
            visibility_q(AgreementParty, self.audience), agreement=OuterRef("pk")
        )
        return queryset.filter(Exists(parties))

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)


class CommitmentFilterSet(VisibleFilterSet):
    # The agreement is a visibility parent: searching its titles is safe.
    # Its declared search_fields, ranked (core.search); the agreement's words count too.
    q = SearchFilter()
    agreement = VisibleRelatedIdFilter(relation="agreement")
    agreement_slug = VisibleRelatedCharFilter(relation="agreement", lookup="slug")
    agreement_kind = django_filters.MultipleChoiceFilter(field_name="agreement__kind", choices=AgreementKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=CommitmentStatus.choices)
    open = BooleanFilter(method="filter_open", help_text=_("Neither implemented nor cancelled."))
    responsible_unit = VisibleRelatedIdFilter(relation="responsible_unit")
    responsible_unit_acronym = VisibleRelatedCharFilter(relation="responsible_unit", lookup="acronym__iexact")
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    deadline_after = django_filters.DateFilter(field_name="deadline", lookup_expr="gte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("deadline", "deadline"), ("code", "code"), ("status", "status"), ("title_vi", "title_vi"))
    )

    class Meta:
        model = Commitment
        fields = []

    def filter_open(self, queryset, name, value):
        return queryset.open() if value else queryset.exclude(pk__in=queryset.open().values("pk"))
