"""Deprecating an endpoint or a parameter, declaratively (docs/api.md,
"Versioning and deprecation policy").

A viewset says what is on its way out::

    class OldThingViewSet(RecordViewSet):
        deprecated = Deprecated(since=date(2027, 1, 1), sunset=date(2028, 1, 1), use_instead="/api/v1/things/")
        deprecated_parameters = {"kind": Deprecated(since=date(2027, 1, 1), use_instead="type")}

and from then on the schema marks the operation or the parameter
``deprecated: true`` (with the dates and the replacement in its description),
and every response to a request that uses it carries ``Deprecation: @<unix
time>`` (RFC 9745), ``Sunset: <HTTP date>`` (RFC 8594) when a removal date is
set, and a ``Link`` to the API's documentation (rel="deprecation").
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import http_date


@dataclass(frozen=True)
class Deprecated:
    since: datetime.date
    sunset: datetime.date | None = None
    use_instead: str = ""

    def headers(self) -> dict[str, str]:
        headers = {"Deprecation": f"@{_unix(self.since)}"}
        if self.sunset:
            headers["Sunset"] = http_date(_unix(self.sunset))
        return headers

    def describe(self) -> str:
        text = f"Deprecated since {self.since.isoformat()}"
        if self.sunset:
            text += f", removed on {self.sunset.isoformat()}"
        if self.use_instead:
            text += f": use {self.use_instead} instead"
        return text + "."


def _unix(day: datetime.date) -> int:
    return int(datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp())


def in_use(view, request) -> list[Deprecated]:
    """What the request uses that is deprecated: the endpoint, its parameters."""
    used = [view.deprecated] if getattr(view, "deprecated", None) else []
    parameters = getattr(view, "deprecated_parameters", {})
    used += [parameters[name] for name in sorted(parameters) if name in request.query_params]
    return used


def add_headers(response, request, used: list[Deprecated]) -> None:
    """The earliest deprecation and the earliest sunset of what was used."""
    if not used:
        return
    earliest = min(used, key=lambda item: item.since)
    response["Deprecation"] = earliest.headers()["Deprecation"]
    sunsets = [item for item in used if item.sunset]
    if sunsets:
        response["Sunset"] = min(sunsets, key=lambda item: item.sunset).headers()["Sunset"]
    # The API's documentation page, whose description states the policy.
    policy = request.build_absolute_uri(reverse("api:docs"))
    link = f'<{policy}>; rel="deprecation"; type="text/html"'
    response["Link"] = f"{response['Link']}, {link}" if response.has_header("Link") else link
