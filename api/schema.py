"""OpenAPI details drf-spectacular cannot guess: the key header, the error
responses every operation may give, the ``format`` parameter, the detail's
id-or-key path parameter, and one English schema whatever the caller's language."""

from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR_STATUSES = {
    "400": "Bad filter value, bad page size or cursor, unknown query parameter.",
    "401": "The API key sent is wrong, revoked or expired (codes invalid_api_key, revoked_api_key, expired_api_key).",
    "405": "The API is read-only.",
    "413": "The request is too large.",
    "429": "Too many requests: see the Retry-After header.",
    "500": "Unexpected error; the body shows no internals.",
}

Error = inline_serializer(
    name="Error",
    fields={
        "status": serializers.IntegerField(),
        "code": serializers.CharField(help_text="Stable machine-readable code."),
        "message": serializers.CharField(help_text="For people; may be translated."),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Per query parameter problems (400 only).",
        ),
        "retry_after": serializers.IntegerField(required=False, help_text="Seconds to wait (429 only)."),
    },
)


CACHING = (
    " Send the `ETag` back as `If-None-Match` (or `Last-Modified` as `If-Modified-Since`) to get a 304 "
    "with no body while nothing changed."
)
LIST_DESCRIPTION = (
    "{about}\n\nOnly the records the caller may see (public ones without a key). Paginated by cursor: "
    "follow `next` until it is null. `?format=csv` (or `Accept: text/csv`) returns the whole filtered list as CSV."
    + CACHING
)
DETAIL_DESCRIPTION = "{about}\n\nOne record, by its id{key}. A record the caller may not see answers 404." + CACHING
# Response headers of a 200 and a 304 (api.middleware, api.viewsets,
# api.deprecation).
RESPONSE_HEADERS = {
    "Deprecation": "Only when the request uses something deprecated: `@<unix time>` it was deprecated (RFC 9745).",
    "Sunset": "Only when what the request uses has a removal date: that date (RFC 8594).",
    "ETag": 'A hash of the body (weak, W/"...", for a CSV export: built from its rows).',
    "Last-Modified": "The newest update time of the records in the body (absent when there are none).",
    "Cache-Control": "`public, max-age=60` without a key; `private, no-store` with one.",
}


ORDERING_DESCRIPTION = (
    "Sort order: one of the listed fields, a leading '-' for descending. Ties are broken by the record's id."
)


class EnglishSchemaGenerator(SchemaGenerator):
    """The schema is a contract: the same English text for every caller,
    whatever its Accept-Language (identifiers generated clients derive from
    enum and parameter titles must be ASCII)."""

    def get_schema(self, *args, **kwargs):
        with translation.override("en"):
            return super().get_schema(*args, **kwargs)


def drop_parameter_titles(result, generator, request, public):
    """Parameter names say what they are; a title (a field's label, e.g. the
    event mode's "Format") would only make client generators invent enum
    names that clash with other parameters'."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                schema = parameter.get("schema", {})
                schema.pop("title", None)
                if parameter["name"] == "ordering":
                    # django-filter's text lists each field's label, some of them
                    # computed in the language active when the FilterSet was built.
                    parameter["description"] = ORDERING_DESCRIPTION
                schema.get("items", {}).pop("title", None)
    return result


# Text parameters: anything but NUL, which every address refuses with a 400
# (core.middleware.RefuseInvalidTextMiddleware: PostgreSQL cannot hold it).
TEXT_PATTERN = "^[^\\u0000]*$"


def constrain_parameters(result, generator, request, public):
    """Say what the server checks about every list's parameters (so a new
    endpoint's are stated too): a text may hold anything but NUL; a list
    (``?kind=a&kind=b``) has at least one item, since ``?kind=`` (the invalid
    item "") cannot be told from an empty list on the wire and is a 400."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                schema = parameter.get("schema", {})
                if schema.get("type") == "array":
                    schema.setdefault("minItems", 1)
                elif schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema):
                    schema["pattern"] = TEXT_PATTERN
    return result


class CoopDBAutoSchema(AutoSchema):
    def get_description(self):
        about = getattr(self.view, "about", "")
        if not about:
            return super().get_description()
        if getattr(self.view, "action", None) == "list":
            return LIST_DESCRIPTION.format(about=about)
        key = self.view.natural_key
        return DETAIL_DESCRIPTION.format(about=about, key=f" or its {key}" if key else "")

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            *self._lookup_parameter(),
            *self._response_headers(),
            OpenApiParameter(
                "format",
                str,
                OpenApiParameter.QUERY,
                enum=["json", "csv"],
                description="json (default) or csv; the Accept header (text/csv) works too.",
            ),
        ]

    def is_deprecated(self):
        return bool(getattr(self.view, "deprecated", None)) or super().is_deprecated()

    def get_operation(self, *args, **kwargs):
        """Deprecated parameters (api.deprecation) are marked, with their dates."""
        operation = super().get_operation(*args, **kwargs)
        deprecated = getattr(self.view, "deprecated_parameters", {})
        for parameter in (operation or {}).get("parameters", ()):
            if parameter["name"] in deprecated and parameter["in"] == "query":
                parameter["deprecated"] = True
                described = parameter.get("description", "")
                parameter["description"] = f"{described}\n\n{deprecated[parameter['name']].describe()}".strip()
        if operation and getattr(self.view, "deprecated", None):
            described = operation.get("description", "")
            operation["description"] = f"{described}\n\n{self.view.deprecated.describe()}".strip()
        return operation

    def _response_headers(self):
        if getattr(self.view, "action", None) not in ("list", "retrieve"):
            return []
        return [
            OpenApiParameter(name, str, OpenApiParameter.HEADER, description=text, response=["200", "304"])
            for name, text in RESPONSE_HEADERS.items()
        ]

    def _lookup_parameter(self):
        if getattr(self.view, "action", None) != "retrieve":
            return []
        key = self.view.natural_key
        if key:
            description = f"The record's id (digits) or its {key} (a {key} made only of digits is found with ?{key}=)."
            pattern = r"^[A-Za-z0-9_-]+$"
        else:
            description = "The record's id."
            pattern = r"^[1-9][0-9]*$"
        parameter = OpenApiParameter(
            self.view.lookup_url_kwarg, str, OpenApiParameter.PATH, description=description, pattern=pattern
        )
        return [parameter]

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not isinstance(responses, dict):
            status = "200"
            responses = {status: responses}
        errors = {code: OpenApiResponse(Error, description=text) for code, text in ERROR_STATUSES.items()}
        if getattr(self.view, "action", None) in ("list", "retrieve"):
            errors["304"] = OpenApiResponse(description="Not modified since the ETag or time sent: no body.")
        if getattr(self.view, "action", None) == "retrieve":
            errors["404"] = OpenApiResponse(Error, description="No such record, or one you may not see.")
        return {**responses, **errors}


class MinistryKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.MinistryKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": (
                "A ministry's key (`Authorization: Api-Key <key>` works too). Without one, only public "
                "records are returned; a wrong, revoked or expired key is refused with 401."
            ),
        }
