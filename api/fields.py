"""Serializer fields every endpoint shares."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class BilingualTextSerializer(serializers.Serializer):
    # The schema of every translated field, one component ("BilingualText")
    # rather than an inline object per field, which client generators would
    # turn into one class per field (and clash with models' own names).
    vi = serializers.CharField(allow_null=True, help_text="Vietnamese; null where none was entered.")
    en = serializers.CharField(
        allow_null=True, help_text="English; null where none was entered (never a copy of the Vietnamese)."
    )


@extend_schema_field(BilingualTextSerializer)
class BilingualField(serializers.Field):
    """A translated field as ``{"vi": ..., "en": ...}``.

    Each language is read from its own column (``title_vi``, ``title_en``), so
    English is null when none was entered: a caller never mistakes Vietnamese
    for a translation and decides its own fallback. Empty text is null too.
    """

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.base_name = field_name

    def to_representation(self, instance):
        return {lang: getattr(instance, f"{self.base_name}_{lang}", None) or None for lang in ("vi", "en")}


@extend_schema_field({"type": "string", "nullable": True, "description": "ISO 3166-1 alpha-2 code, e.g. VN."})
class CountryCodeField(serializers.Field):
    """A django-countries value as its two-letter code, or null when blank."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return getattr(value, "code", value) or None


class WebAddressField(serializers.URLField):
    """A web address (``format: uri``), or null when none was entered: an
    empty string is not a URI, so the schema declares the field nullable."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


def _templates(request) -> dict:
    return request.__dict__.setdefault("_coopdb_link_templates", {}) if request is not None else {}


def list_link(request, view_name: str) -> str:
    """The absolute URL of a list, reversed once per request."""
    templates = _templates(request)
    if view_name not in templates:
        path = reverse(view_name)
        templates[view_name] = request.build_absolute_uri(path) if request is not None else path
    return templates[view_name]


def link(request, view_name: str, pk) -> str:
    """The absolute URL of ``view_name`` for ``pk``, reversed once per request
    and view rather than once per row (reversing is most of a list's
    serialization time), and without DRF's ``?format=`` carried over."""
    prefix, suffix = link_parts(request, view_name)
    return f"{prefix}/{pk}/{suffix}"


def link_parts(request, view_name: str) -> tuple[str, str]:
    """What comes before and after ``/<pk>/`` in ``view_name``'s absolute URL
    (reversed once per request; api.projection builds links from them too)."""
    templates = _templates(request)
    if view_name not in templates:
        path = reverse(view_name, args=[0])
        absolute = request.build_absolute_uri(path) if request is not None else path
        templates[view_name] = absolute.rsplit("/0/", 1)
    return templates[view_name]


class DetailLinkField(serializers.HyperlinkedIdentityField):
    """``url``: the record's own address in the API."""

    def get_url(self, obj, view_name, request, format):
        return link(request, view_name, obj.pk) if obj.pk is not None else None
