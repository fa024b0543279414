"""FilterSets for organizations, memberships, dues, people, offices and ballots.

Shared by the REST API and the public pages; see core.filtersets for the rules
(visibility-filtered queryset in, no private field, bad values are errors).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    UPDATED_AT,
    CountryFilter,
    SearchFilter,
    VisibleFilterSet,
    VisibleRelatedCharFilter,
    VisibleRelatedIdFilter,
    YearFilter,
    translated,
)
from organizations.choices import BallotStage, DuesStatus, MemberClass, OfficeRole, OrganizationKind, Vote
from organizations.models import Ballot, Dues, Membership, Office, Organization, Person


class OrganizationFilterSet(VisibleFilterSet):
    q = SearchFilter()  # the model's declared search_fields, ranked (core.search)
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices)
    country = CountryFilter()
    parent = VisibleRelatedIdFilter(relation="parent", help_text=_("Id of the parent body."))
    parent_acronym = VisibleRelatedCharFilter(relation="parent", lookup="acronym__iexact")
    acronym = django_filters.CharFilter(lookup_expr="iexact", max_length=50)
    slug = django_filters.CharFilter(max_length=100)
    founded_after = django_filters.DateFilter(field_name="founded_on", lookup_expr="gte")
    founded_before = django_filters.DateFilter(field_name="founded_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(
            UPDATED_AT,
            ("acronym", "acronym"),
            ("name_vi", "name_vi"),
            ("name_en", "name_en"),
            ("founded_on", "founded_on"),
        )
    )

    class Meta:
        model = Organization
        fields = []


class MembershipFilterSet(VisibleFilterSet):
    # The member and the organization are visibility parents: a membership is
    # only in the queryset when both are visible, so searching them is safe.
    q = SearchFilter(
        fields=[
            "organization__acronym",
            *translated("organization__name", "member__name", "note"),
        ]
    )
    organization = VisibleRelatedIdFilter(relation="organization")
    organization_acronym = VisibleRelatedCharFilter(relation="organization", lookup="acronym__iexact")
    organization_kind = django_filters.MultipleChoiceFilter(
        field_name="organization__kind", choices=OrganizationKind.choices
    )
    member = VisibleRelatedIdFilter(relation="member")
    member_acronym = VisibleRelatedCharFilter(relation="member", lookup="acronym__iexact")
    member_class = django_filters.MultipleChoiceFilter(choices=MemberClass.choices)
    represents = CountryFilter()
    active_on = django_filters.DateFilter(method="filter_active_on", help_text=_("Active on this date."))
    since_after = django_filters.DateFilter(field_name="since", lookup_expr="gte")
    since_before = django_filters.DateFilter(field_name="since", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("since", "since"), ("until", "until"), ("organization__acronym", "organization_acronym"))
    )

    class Meta:
        model = Membership
        fields = []

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class DuesFilterSet(VisibleFilterSet):
    # No filter, search or ordering on the amount or the currency: private.
    q = SearchFilter(fields=["membership__organization__acronym", *translated("membership__organization__name")])
    membership = VisibleRelatedIdFilter(relation="membership")
    organization = VisibleRelatedIdFilter(relation="membership__organization")
    organization_acronym = VisibleRelatedCharFilter(relation="membership__organization", lookup="acronym__iexact")
    year = YearFilter()
    year_from = YearFilter(field_name="year", lookup_expr="gte")
    year_to = YearFilter(field_name="year", lookup_expr="lte")
    status = django_filters.MultipleChoiceFilter(choices=DuesStatus.choices, method="filter_status")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("year", "year"), ("due_on", "due_on"), ("paid_on", "paid_on"))
    )

    class Meta:
        model = Dues
        fields = []

    def filter_status(self, queryset, name, value):
        # ``status`` is annotated by Dues.objects (DuesManager) on every queryset.
        return queryset.filter(status__in=value)


class PersonFilterSet(VisibleFilterSet):
    # Never e-mail or phone: private.
    q = SearchFilter(fields=["full_name", *translated("position")])
    unit = VisibleRelatedIdFilter(relation="unit")
    unit_acronym = VisibleRelatedCharFilter(relation="unit", lookup="acronym__iexact")
    ordering = django_filters.OrderingFilter(
        fields=(
            UPDATED_AT,
            ("full_name", "full_name"),
        )
    )

    class Meta:
        model = Person
        fields = []


class OfficeFilterSet(VisibleFilterSet):
    q = SearchFilter(fields=["body__acronym", *translated("title", "note", "body__name")])
    role = django_filters.MultipleChoiceFilter(choices=OfficeRole.choices)
    body = VisibleRelatedIdFilter(relation="body")
    body_acronym = VisibleRelatedCharFilter(relation="body", lookup="acronym__iexact")
    holder_organization = VisibleRelatedIdFilter(relation="holder_organization")
    holder_organization_acronym = VisibleRelatedCharFilter(relation="holder_organization", lookup="acronym__iexact")
    holder_person = VisibleRelatedIdFilter(relation="holder_person")
    held_on = django_filters.DateFilter(method="filter_held_on", help_text=_("Held on this date."))
    ends_before = django_filters.DateFilter(field_name="term_end", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("term_start", "term_start"), ("term_end", "term_end"), ("role", "role"))
    )

    class Meta:
        model = Office
        fields = []

    def filter_held_on(self, queryset, name, value):
        return queryset.held_on(value)


class BallotFilterSet(VisibleFilterSet):
    q = SearchFilter(fields=["reference", "committee__acronym", *translated("title", "comment")])
    committee = VisibleRelatedIdFilter(relation="committee")
    committee_acronym = VisibleRelatedCharFilter(relation="committee", lookup="acronym__iexact")
    stage = django_filters.MultipleChoiceFilter(choices=BallotStage.choices)
    vote = django_filters.MultipleChoiceFilter(choices=Vote.choices)
    closes_after = django_filters.DateFilter(field_name="closes_on", lookup_expr="gte")
    closes_before = django_filters.DateFilter(field_name="closes_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("closes_on", "closes_on"), ("opens_on", "opens_on"), ("reference", "reference"))
    )

    class Meta:
        model = Ballot
        fields = []
