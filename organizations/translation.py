import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.search import generated_search_columns
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"vi": ("name",)}


@register(OrganizationName)
class OrganizationNameTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"vi": ("name",)}


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("note",)


@register(Dues)
class DuesTranslation(TranslationOptions):
    fields = ("note",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("position",)


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("title", "note")


@register(Ballot)
class BallotTranslation(TranslationOptions):
    fields = ("title", "comment")


# After translation, so history has the per-language columns.
for model in (Organization, OrganizationName, Membership, Dues, Person, Office, Ballot):
    # The stored search columns are derived, not history (core.search).
    simple_history.register(model, excluded_fields=generated_search_columns(model))
