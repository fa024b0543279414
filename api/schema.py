"""OpenAPI details drf-spectacular cannot guess: the key header, the error
responses every operation may give, and the ``format`` parameter."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
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


class CoopDBAutoSchema(AutoSchema):
    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "format",
                str,
                OpenApiParameter.QUERY,
                enum=["json", "csv"],
                description="json (default) or csv; the Accept header (text/csv) works too.",
            ),
        ]

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not isinstance(responses, dict):
            status = "200"
            responses = {status: responses}
        errors = {code: OpenApiResponse(Error, description=text) for code, text in ERROR_STATUSES.items()}
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
