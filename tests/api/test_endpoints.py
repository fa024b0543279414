"""Every endpoint, the same checks: list, detail, visibility, search, ordering,
CSV, pagination, read-only."""

import csv
import io

import pytest

from tests.api.conftest import ENDPOINT_IDS, ENDPOINTS, all_pages, ids

pytestmark = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)


def test_list_and_detail(api, endpoint):
    record = endpoint.build()
    listed = api.get(endpoint.list_url())
    assert record.pk in ids(listed)
    detail = api.get(endpoint.detail_url(record.pk))
    assert detail.status_code == 200
    body = detail.json()
    assert body["id"] == record.pk
    assert body["url"].endswith(endpoint.detail_url(record.pk))
    row = next(row for row in listed.json()["results"] if row["id"] == record.pk)
    assert row == body, "list rows and details share one shape"


def test_visibility_matrix(api, key, endpoint):
    public, government, internal = (endpoint.build(visibility=level) for level in ("public", "government", "internal"))
    anonymous = ids(api.get(endpoint.list_url()))
    keyed = ids(api.get(endpoint.list_url(), key=key))
    assert public.pk in anonymous and government.pk not in anonymous and internal.pk not in anonymous
    assert {public.pk, government.pk} <= keyed and internal.pk not in keyed
    assert api.get(endpoint.detail_url(government.pk)).status_code == 404
    assert api.get(endpoint.detail_url(government.pk), key=key).status_code == 200
    missing = api.get(endpoint.detail_url(10**9), key=key)
    hidden = api.get(endpoint.detail_url(internal.pk), key=key)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert hidden.json()["code"] == "not_found"


@pytest.mark.parametrize(("stored", "query"), [("Hợp tác đo lường", "hop tac"), ("Hợp tác đo lường", "ĐO LƯỜNG")])
def test_search_with_and_without_diacritics(api, endpoint, stored, query):
    wanted = endpoint.build(text=f"{stored} XYZ")
    other = endpoint.build(text="Tiêu chuẩn khác")
    found = ids(api.get(endpoint.list_url(), q=query))
    assert wanted.pk in found and other.pk not in found
    assert wanted.pk in ids(api.get(endpoint.list_url(), q="do luong xyz"))


def test_ordering_whitelist(api, endpoint):
    endpoint.build()
    endpoint.build()
    filterset = _filterset(endpoint)
    choices = [value for value, _label in filterset.base_filters["ordering"].extra["choices"]]
    for value in choices:
        rows = all_pages(api, endpoint.list_url(), ordering=value, limit=1)
        assert len({row["id"] for row in rows}) == len(rows) >= 2, value
    bad = api.get(endpoint.list_url(), ordering="internal_note")
    assert bad.status_code == 400 and "ordering" in bad.json()["errors"]


def test_pagination_walks_every_row_once(api, endpoint):
    built = {endpoint.build().pk for _ in range(3)}
    rows = all_pages(api, endpoint.list_url(), limit=2)
    seen = [row["id"] for row in rows]
    assert len(seen) == len(set(seen))
    assert built <= set(seen)
    assert api.get(endpoint.list_url(), limit=2).json()["next"]


def test_bad_page_size_is_400(api, endpoint):
    for limit in ("0", "-1", "501", "ten", ""):
        response = api.get(endpoint.list_url(), limit=limit)
        assert response.status_code == 400, limit
        assert response.json()["code"] == "invalid" and "limit" in response.json()["errors"]


def test_csv_has_the_same_rows_with_flat_bilingual_columns(api, key, endpoint):
    public, government = endpoint.build(), endpoint.build(visibility="government")
    for response in (api.get(endpoint.list_url(), format="csv"), _get_accept_csv(api, endpoint.list_url())):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = _csv_rows(response)
        assert str(public.pk) in {row["id"] for row in rows}
        assert str(government.pk) not in {row["id"] for row in rows}
        header = list(rows[0])
        assert any(column.endswith("_vi") for column in header) and any(column.endswith("_en") for column in header)
    keyed = _csv_rows(api.get(endpoint.list_url(), key=key, format="csv"))
    assert {str(public.pk), str(government.pk)} <= {row["id"] for row in keyed}
    json_ids = {row["id"] for row in all_pages(api, endpoint.list_url(), key=key)}
    assert {int(row["id"]) for row in keyed} == json_ids
    single = _csv_rows(api.get(endpoint.detail_url(public.pk), format="csv"))
    assert [row["id"] for row in single] == [str(public.pk)]


def test_csv_keeps_the_filters(api, endpoint):
    wanted = endpoint.build(text="Đo lường riêng")
    endpoint.build(text="Khác hẳn")
    rows = _csv_rows(api.get(endpoint.list_url(), format="csv", q="do luong rieng"))
    assert [row["id"] for row in rows] == [str(wanted.pk)]


def test_writing_is_405_json(api, key, endpoint):
    record = endpoint.build()
    for method in ("post", "put", "patch", "delete"):
        for url in (endpoint.list_url(), endpoint.detail_url(record.pk)):
            response = api.request(method, url, key=key, data={"id": 1}, content_type="application/json")
            assert response.status_code == 405, (method, url)
            assert response.json()["code"] == "method_not_allowed"
    assert api.get(endpoint.detail_url(record.pk)).status_code == 200


def test_unknown_parameter_is_400(api, endpoint):
    response = api.get(endpoint.list_url(), in_force="2020-12-31")
    assert response.status_code == 400
    assert "in_force" in response.json()["errors"]
    assert api.get(endpoint.detail_url(1), kind="mou").status_code == 400


def _filterset(endpoint):
    from django.urls import resolve

    return resolve(endpoint.list_url()).func.cls.filterset_class


def _get_accept_csv(api, url):
    return api.client.get(url, headers={"Accept": "text/csv"})


def _csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
