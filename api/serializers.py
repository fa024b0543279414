"""Base serializers every app's ``api/serializers.py`` builds on."""

from django.db import models
from django_countries.fields import CountryField
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers

from api.fields import BilingualField, CountryCodeField, DetailLinkField, WebAddressField
from core.models import Source
from core.querysets import visible_or_none


def translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


class BilingualModelSerializer(serializers.ModelSerializer):
    # Every translated field named in ``Meta.fields`` becomes ``{"vi", "en"}``
    # (api.fields.BilingualField) and every country its code, so all endpoints
    # share one shape without repeating a line. (Comments, not a docstring:
    # drf-spectacular would publish a docstring as each schema's description.)

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in translated_fields(model_class):
            return BilingualField, {}
        model_field = info.fields.get(field_name)
        if isinstance(model_field, CountryField):
            return CountryCodeField, {}
        if isinstance(model_field, models.URLField):
            return WebAddressField, {}
        return super().build_field(field_name, info, model_class, nested_depth)

    def to_representation(self, instance):
        # Every record shown, nested ones included, adds its update time to the
        # response's Last-Modified (api.viewsets.RecordViewSet): renaming a
        # forum changes the events that show its name.
        modified = self.context.get("modified")
        if modified is not None and getattr(instance, "updated_at", None):
            modified.append(instance.updated_at)
        return super().to_representation(instance)


class NestedRecordSerializer(BilingualModelSerializer):
    # A compact view of a related record. Used for optional references too (a
    # forum, a head of delegation): a reference the caller's audience may not
    # see renders as null, exactly as if none were recorded. Declare it with
    # ``allow_null=True`` there.

    def get_attribute(self, instance):
        return visible_or_none(super().get_attribute(instance), self.context["audience"])


class SourceSerializer(BilingualModelSerializer):
    url = DetailLinkField(view_name="api:source-detail")
    address = WebAddressField(source="url")

    class Meta:
        model = Source
        fields = ["id", "url", "key", "title", "publisher", "author", "published_on", "address", "note", "updated_at"]


class NestedSourceSerializer(BilingualModelSerializer):
    url = DetailLinkField(view_name="api:source-detail")
    address = WebAddressField(source="url")

    class Meta:
        model = Source
        fields = ["id", "url", "key", "title", "published_on", "address"]


class RecordSerializer(BilingualModelSerializer):
    # Fields every registry record shows: its level and where it comes from.
    # Never ``internal_note`` or any other ``private_fields`` entry: the API's
    # callers are the public and ministries, never staff.

    # (api.checks, coopdb.E002, refuses to start a site where one does.)

    source = NestedSourceSerializer(read_only=True)

    @classmethod
    def private_fields_published(cls) -> list[str]:
        """The private fields this serializer would publish, by name or by source."""
        private = set(getattr(cls.Meta.model, "private_fields", ()))
        published = set()
        for name, field in cls().fields.items():
            published |= {name, (field.source or "").split(".")[0]} & private
        return sorted(published)


class StandingSerializer(serializers.Serializer):
    # Whether the record holds today (core.truth): "current", "ended",
    # "last_reported" (no source confirms it within the window) or "upcoming";
    # as_of is the day it ended or was last reported, when known.
    state = serializers.ChoiceField(choices=["current", "ended", "last_reported", "upcoming"])
    as_of = serializers.DateField(allow_null=True, source="day")


def standing_data(standing) -> dict:
    return StandingSerializer(standing).data
