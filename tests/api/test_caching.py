"""HTTP caching: ETag and Last-Modified on lists, details and CSV exports,
304 on a repeat, Cache-Control public without a key and private with one."""

import datetime

import pytest
import time_machine
from django.utils.http import http_date, parse_http_date

from tests.api.conftest import create_key
from tests.factories import make_agreement, make_event, make_organization

AGREEMENTS = "/api/v1/agreements/"
T0 = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
T1 = T0 + datetime.timedelta(days=2)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def agreement():
    with time_machine.travel(T0, tick=False):
        return make_agreement(slug="evfta")


@pytest.mark.parametrize("url", [AGREEMENTS, AGREEMENTS + "evfta/", AGREEMENTS + "?format=csv"])
def test_a_repeat_with_the_etag_is_a_304_until_the_record_changes(api, agreement, url):
    first = api.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Last-Modified"] == http_date(T0.timestamp())
    assert first["Cache-Control"] == "public, max-age=60"

    repeat = api.get(url, headers={"If-None-Match": etag})
    assert repeat.status_code == 304 and body(repeat) == b""
    # A 304 carries the validators and the caching headers again.
    assert repeat["ETag"] == etag and repeat["Cache-Control"] == "public, max-age=60"
    assert "X-Api-Key" in repeat["Vary"]

    with time_machine.travel(T1, tick=False):
        agreement.title_en = "Renamed"
        agreement.save()
    changed = api.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed["Last-Modified"] == http_date(T1.timestamp())


def test_if_modified_since(api, agreement):
    assert api.get(AGREEMENTS, headers={"If-Modified-Since": http_date(T0.timestamp())}).status_code == 304
    earlier = http_date((T0 - datetime.timedelta(seconds=1)).timestamp())
    assert api.get(AGREEMENTS, headers={"If-Modified-Since": earlier}).status_code == 200


def test_if_none_match_wins_over_if_modified_since(api, agreement):
    headers = {"If-None-Match": '"stale"', "If-Modified-Since": http_date(T1.timestamp())}
    assert api.get(AGREEMENTS, headers=headers).status_code == 200


def test_the_json_etag_is_a_hash_of_the_body_and_the_csv_one_weak(api, agreement):
    assert not api.get(AGREEMENTS)["ETag"].startswith("W/")
    assert api.get(AGREEMENTS, format="csv")["ETag"].startswith('W/"')
    # Another body (a filter) or format is another representation.
    etags = {api.get(AGREEMENTS, **query)["ETag"] for query in ({}, {"kind": "fta"}, {"format": "csv"})}
    assert len(etags) == 3


def test_renaming_a_nested_record_changes_the_validators(api):
    with time_machine.travel(T0, tick=False):
        forum = make_organization(acronym="ASEAN")
        make_event(slug="summit", forum=forum)
    url = "/api/v1/events/summit/"
    first = api.get(url)
    with time_machine.travel(T1, tick=False):
        forum.name_en = "Association of Southeast Asian Nations"
        forum.save()
    second = api.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second["Last-Modified"] == http_date(T1.timestamp())


@pytest.mark.parametrize("query", [{}, {"format": "csv"}])
def test_a_hidden_record_changes_no_public_validator(api, query):
    with time_machine.travel(T0, tick=False):
        forum = make_organization(acronym="HIDDEN", visibility="government")
        make_event(slug="summit", forum=forum)
        make_event(slug="secret", visibility="internal")
    first = api.get("/api/v1/events/", **query)
    with time_machine.travel(T1, tick=False):
        forum.name_en = "Renamed"
        forum.save()
        make_event(slug="secret-2", visibility="government")
    second = api.get("/api/v1/events/", headers={"If-None-Match": first["ETag"]}, **query)
    # Nothing the public may see changed: still a 304, and the hidden times never show.
    assert second.status_code == 304
    assert parse_http_date(first["Last-Modified"]) == T0.timestamp()


def test_keyed_responses_stay_private(api, agreement):
    key = create_key()[1]
    response = api.get(AGREEMENTS, key=key)
    assert response["Cache-Control"] == "private, no-store"
    assert {"X-Api-Key", "Authorization", "Accept"} <= {v.strip() for v in response["Vary"].split(",")}
    repeat = api.get(AGREEMENTS, key=key, headers={"If-None-Match": response["ETag"]})
    assert repeat.status_code == 304 and repeat["Cache-Control"] == "private, no-store"


def test_errors_are_not_public_and_vary_on_language(api):
    response = api.get(AGREEMENTS, limit=0)
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "") and "ETag" not in response
    assert "Accept-Language" in response["Vary"]


def test_an_empty_list_has_an_etag_and_no_last_modified(api):
    response = api.get(AGREEMENTS)
    assert response["ETag"] and "Last-Modified" not in response
    assert api.get(AGREEMENTS, headers={"If-None-Match": response["ETag"]}).status_code == 304
