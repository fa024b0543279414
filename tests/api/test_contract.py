"""The schema is the contract: parameters validated as declared, empty web
addresses null, one English ASCII schema for every caller, details by
natural key, messages in the caller's language."""

import json

import pytest

from tests.factories import make_agreement, make_commitment, make_event, make_source

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    return body["errors"]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/events/", "chaired_by_us"),
        ("/api/v1/events/", "hosted_by_us"),
        ("/api/v1/commitments/", "open"),
    ],
)
@pytest.mark.parametrize("value", ["junk", "maybe", "1", "True", "yes"])
def test_a_boolean_is_true_or_false_else_400(api, url, name, value):
    assert name in errors_of(api.get(url, **{name: value}))


def test_true_and_false_filter(api):
    hosted = make_event(hosted_by_us=True)
    elsewhere = make_event(hosted_by_us=False)
    for value, expected in (("true", hosted), ("false", elsewhere)):
        response = api.get("/api/v1/events/", hosted_by_us=value)
        assert [row["id"] for row in response.json()["results"]] == [expected.pk]


@pytest.mark.parametrize(
    "query",
    ["limit=2&limit=3", "q=a&q=b", "signed_after=2020-01-01&signed_after=2021-01-01", "format=json&format=json"],
)
def test_a_single_valued_parameter_given_twice_is_400(api, query):
    name = query.split("=")[0]
    assert name in errors_of(api.get(f"/api/v1/agreements/?{query}"))


def test_a_list_parameter_may_repeat(api):
    fta, mou = make_agreement(kind="fta"), make_agreement(kind="mou")
    make_agreement(kind="plan")
    response = api.get("/api/v1/agreements/?kind=fta&kind=mou")
    assert {row["id"] for row in response.json()["results"]} == {fta.pk, mou.pk}


@pytest.mark.parametrize("query", ["signed_after=", "limit=", "parent=", "format=", "in_force_on="])
def test_an_empty_date_number_or_choice_is_400(api, query):
    assert query.rstrip("=") in errors_of(api.get(f"/api/v1/agreements/?{query}"))


def test_empty_text_is_no_filter(api):
    agreement = make_agreement()
    response = api.get("/api/v1/agreements/?q=&parent_slug=")
    assert [row["id"] for row in response.json()["results"]] == [agreement.pk]


@pytest.mark.parametrize("query", ["kind=", "kind=fta&kind=", "ordering=", "country="])
def test_an_empty_list_item_is_400(api, query):
    # ?kind= is the item "" (no choice), which the wire cannot tell from an
    # empty list: the schema says minItems 1, and schemathesis sends both.
    assert query.split("=")[0] in errors_of(api.get(f"/api/v1/agreements/?{query}"))


@pytest.mark.parametrize("method", ["trace", "post", "put", "patch", "delete"])
def test_an_unserved_method_is_405_whatever_its_parameters(api, method):
    # Found by schemathesis --checks all: TRACE with list parameters was a 400
    # (the parameters were checked against a detail's, the action being unknown).
    response = api.request(method, "/api/v1/agreements/?kind=fta&limit=1&nonsense=1")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("query", ["parent=0", "organization=-1", "limit=0", "limit=501"])
def test_bounds_declared_in_the_schema_are_enforced(api, query):
    errors_of(api.get(f"/api/v1/agreements/?{query}"))


def test_a_csv_checks_limit_and_cursor(api):
    assert "limit" in errors_of(api.get("/api/v1/agreements/", format="csv", limit="abc"))
    assert "cursor" in errors_of(api.get("/api/v1/agreements/", format="csv", cursor="x"))


def test_a_csv_after_a_cursor_is_the_rest_of_the_list(api):
    for n in range(3):
        make_agreement(slug=f"a{n}")
    page = api.get("/api/v1/agreements/", limit=1, ordering="slug").json()
    cursor = page["next"].split("cursor=")[1].split("&")[0]
    response = api.get("/api/v1/agreements/", format="csv", ordering="slug", cursor=cursor)
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert [line.split(",")[2] for line in lines[1:]] == ["a1", "a2"]


def test_an_empty_cursor_is_no_cursor_on_a_csv_as_on_a_page(api):
    # Found by schemathesis --checks all against a running server: the schema
    # allows an empty string, so refusing it broke the contract.
    make_agreement()
    assert api.get("/api/v1/agreements/", cursor="").status_code == 200
    response = api.get("/api/v1/agreements/", format="csv", cursor="")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_country_codes_are_checked_by_pattern(api):
    assert "country" in errors_of(api.get("/api/v1/events/", country="vn"))
    assert "country" in errors_of(api.get("/api/v1/events/", country="Viet Nam"))
    make_event(country="JP")
    # Well formed but assigned to no country: matches nothing.
    assert api.get("/api/v1/events/", country="ZZ").json()["results"] == []
    assert len(api.get("/api/v1/events/", country="JP").json()["results"]) == 1


def test_empty_web_addresses_are_null(api):
    source = make_source(url="")
    event = make_event(url="", source=source)
    agreement = make_agreement(text_url="", source=source)
    assert api.get(f"/api/v1/sources/{source.pk}/").json()["address"] is None
    body = api.get(f"/api/v1/events/{event.pk}/").json()
    assert body["web_page"] is None and body["source"]["address"] is None
    assert api.get(f"/api/v1/agreements/{agreement.pk}/").json()["text_url"] is None
    event.url = "https://example.org/meeting"
    event.save()
    assert api.get(f"/api/v1/events/{event.pk}/").json()["web_page"] == "https://example.org/meeting"


def schema_text(api, language) -> str:
    response = api.get("/api/v1/schema/", headers={"Accept-Language": language}, format="json")
    assert response.status_code == 200
    return response.content.decode()


def test_one_english_ascii_schema_whatever_the_language(api):
    vietnamese, english = schema_text(api, "vi"), schema_text(api, "en")
    assert vietnamese == english
    assert vietnamese.isascii()
    schema = json.loads(english)
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        assert operation["operationId"].isidentifier(), path
        assert "Subclasses" not in operation.get("description", ""), path
        assert "caller may" in operation["description"], path


def parameters(schema, path) -> dict:
    return {parameter["name"]: parameter for parameter in schema["paths"][path]["get"]["parameters"]}


def test_schema_declares_constraints(api):
    schema = json.loads(schema_text(api, "vi"))
    agreements = parameters(schema, "/api/v1/agreements/")
    assert agreements["country"]["schema"]["items"] == {"type": "string", "pattern": "^(?!VN)[A-Z]{2}$"}
    assert agreements["parent"]["schema"]["minimum"] == 1
    assert agreements["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
    events = parameters(schema, "/api/v1/events/")
    assert events["country"]["schema"]["items"] == {"type": "string", "pattern": "^[A-Z]{2}$"}
    assert events["chaired_by_us"]["schema"] == {"type": "boolean"}
    assert parameters(schema, "/api/v1/initiatives/")["year"]["schema"]["minimum"] == 1900
    address = schema["components"]["schemas"]["NestedSource"]["properties"]["address"]
    assert address["format"] == "uri" and address["nullable"] is True
    assert schema["components"]["schemas"]["Event"]["properties"]["web_page"]["nullable"] is True


def test_a_detail_is_found_by_its_slug_or_key_as_well_as_its_id(api):
    agreement = make_agreement(slug="evfta", kind="fta")
    by_slug = api.get("/api/v1/agreements/evfta/")
    assert by_slug.status_code == 200
    assert by_slug.json() == api.get(f"/api/v1/agreements/{agreement.pk}/").json()
    assert by_slug.json()["slug"] == "evfta"
    source = make_source(key="iso-annual-report")
    make_agreement(source=source)  # a source is listed once a visible record cites it
    assert api.get("/api/v1/sources/iso-annual-report/").json()["id"] == source.pk


def test_a_hidden_record_is_404_by_slug_too(api, key):
    make_agreement(slug="secret-mou", visibility="government")
    assert api.get("/api/v1/agreements/secret-mou/").status_code == 404
    assert api.get("/api/v1/agreements/secret-mou/", key=key).status_code == 200
    make_agreement(slug="internal-mou", visibility="internal")
    assert api.get("/api/v1/agreements/internal-mou/", key=key).status_code == 404


def test_records_without_a_single_natural_key_are_found_by_id_only(api):
    commitment = make_commitment(code="10-1")
    assert api.get(f"/api/v1/commitments/{commitment.pk}/").status_code == 200
    assert api.get("/api/v1/commitments/10-1/").status_code == 404
    assert api.get("/api/v1/commitments/0/").status_code == 404


@pytest.mark.parametrize("lookup", ["%C2%B2", "%D9%A1", "99999999999999999999", "0", "no-such-slug"])
def test_odd_lookups_are_404(api, lookup):
    make_agreement(slug="evfta")
    response = api.get(f"/api/v1/agreements/{lookup}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("language", "not_found", "bad_limit"),
    [
        ("vi", "Không tìm thấy.", "Hãy nhập một số nguyên từ 1 đến 500."),
        ("en", "Not found.", "Give a whole number from 1 to 500."),
    ],
)
def test_api_messages_follow_accept_language(api, language, not_found, bad_limit):
    headers = {"Accept-Language": language}
    assert api.get("/api/v1/agreements/no-such-slug/", headers=headers).json()["message"] == not_found
    body = api.get("/api/v1/agreements/", headers=headers, limit=0).json()
    assert body["errors"]["limit"] == [bad_limit]
    body = api.get("/api/v1/agreements/", headers=headers, limit="1", nope="x").json()
    assert body["errors"]["nope"][0].startswith("Tham số" if language == "vi" else "Unknown")
    body = api.get("/api/v1/events/", headers=headers, hosted_by_us="maybe").json()
    assert body["errors"]["hosted_by_us"] == [
        "Hãy nhập true hoặc false." if language == "vi" else "Enter true or false."
    ]
