"""A Python client generated from the schema by openapi-python-client (as an
integrator would) builds without a warning and works against a live server."""

import datetime
import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from agreements.models import AgreementStatusChange
from events.models import DelegationMember
from tests.api.conftest import AMOUNT, CURRENCY, EMAIL, NOTE, PHONE, PRIVATE_MARKERS, build_figure, create_key
from tests.factories import (
    make_agreement,
    make_ballot,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_initiative,
    make_membership,
    make_office,
    make_organization,
    make_party,
    make_person,
    make_source,
)
from tests.leaks import found

PACKAGE = "coopdb_generated_client"


@pytest.fixture
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def generated_client(tmp_path, schema):
    (tmp_path / "schema.json").write_bytes(OpenApiJsonRenderer().render(schema, renderer_context={}))
    # The generator formats its output with ruff, installed next to this Python.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [Path(sys.executable).parent / "openapi-python-client", "generate", "--path", "schema.json"]
    command += ["--meta", "none", "--output-path", PACKAGE]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower() and "error" not in output.lower(), output
    sys.path.insert(0, str(tmp_path))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


@pytest.mark.django_db(transaction=True)
def test_generated_client_pages_through_agreements_and_reads_one(generated_client, live_server):
    slugs = {make_agreement(slug=f"mou-{n}", title_vi=f"Biên bản {n}").slug for n in range(5)}
    make_agreement(slug="evfta", kind="fta", title_vi="Hiệp định EVFTA", title_en="EVFTA", visibility="government")
    key = create_key()[1]
    list_ = importlib.import_module(f"{PACKAGE}.api.agreements.agreements_list")
    retrieve = importlib.import_module(f"{PACKAGE}.api.agreements.agreements_retrieve")
    client = generated_client.AuthenticatedClient(
        base_url=live_server.url, token=key, prefix="", auth_header_name="X-Api-Key", raise_on_unexpected_status=True
    )
    seen, cursor, pages = [], None, 0
    while True:
        kwargs = {"cursor": cursor} if cursor else {}
        page = list_.sync(client=client, limit=2, **kwargs)
        pages += 1
        seen += [agreement.slug for agreement in page.results]
        if not page.next_:
            break
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0]
    assert pages == 3 and sorted(seen) == sorted(slugs | {"evfta"})
    evfta = retrieve.sync("evfta", client=client)
    assert (evfta.slug, evfta.kind.value, evfta.title.en) == ("evfta", "fta", "EVFTA")
    assert evfta.title.vi == "Hiệp định EVFTA" and evfta.visibility.value == "government"
    # The detail by id is the same record.
    assert retrieve.sync(str(evfta.id), client=client).to_dict() == evfta.to_dict()
    # Without the key the government record is a 404, typed as the Error model.
    anonymous = generated_client.Client(base_url=live_server.url)
    missing = retrieve.sync("evfta", client=anonymous)
    assert missing.code == "not_found" and json.dumps(missing.to_dict())


PAGE = 2  # every list below holds 3 public records and 4 for a key: two pages either way
LEVELS = ("public", "public", "public", "government", "internal")


@pytest.mark.django_db(transaction=True)
def test_generated_client_pages_through_every_list_operation_and_the_change_feed(generated_client, schema, live_server):
    """Every list operation of the generated client, and the change feed, page
    by page (limit 2), with a key and without: the pages hold exactly the
    records one large page holds, and exactly those the caller may see."""
    visible = small_registry()
    keyed = generated_client.AuthenticatedClient(
        base_url=live_server.url, token=create_key()[1], prefix="", auth_header_name="X-Api-Key"
    )
    anonymous = generated_client.Client(base_url=live_server.url)
    operations = list_operations()
    # Introspected from the package, and read from the schema: a new list must be covered here.
    assert set(operations) == schema_lists(schema)
    kind_at = {reverse(f"api:{kind}-list"): kind for kind in visible}
    # Closed at the end: an open keep-alive connection keeps a server thread, and its database connection.
    with keyed, anonymous:
        for name, operation in operations.items():
            for audience, client in (("government", keyed), ("public", anonymous)):
                if name == "changes_list":
                    check_feed(operation, client, audience, visible)
                else:
                    path = schema_path(schema, name)
                    assert path in kind_at, f"{name}: no records built for {path}"
                    check_list(operation, client, audience, visible[kind_at[path]])


def check_list(operation, client, audience, levels):
    got = {row["id"] for row in page_through_list(operation, client)}
    if audience == "public":
        assert not got & (levels["government"] | levels["internal"]), operation.__name__
    assert got == shown_to(levels, audience), (operation.__name__, audience)


def check_feed(operation, client, audience, visible):
    entries = page_through_feed(operation, client)
    assert all(entry["action"] == "created" for entry in entries), entries
    got = {(entry["kind"], entry["id"]) for entry in entries}
    if audience == "public":
        hidden = {(kind, pk) for kind, levels in visible.items() for pk in levels["government"] | levels["internal"]}
        assert not got & hidden
    assert got == {(kind, pk) for kind, levels in visible.items() for pk in shown_to(levels, audience)}, audience


def small_registry() -> dict[str, dict[str, set[int]]]:
    """Five records of every list (three public, one for keys, one internal),
    built so that nothing else is created: {kind: {level: ids}}."""
    # A source is as visible as the records citing it: each record of a list cites the source of its rank.
    sources = [make_source() for _level in LEVELS]
    built = {"source": {}}
    for level, source in zip(LEVELS, sources, strict=True):
        built["source"].setdefault(level, set()).add(source.pk)

    def record(kind, make, **kw):
        for level, source in zip(LEVELS, sources, strict=True):
            row = make(visibility=level, source=source, internal_note=NOTE, **kw)
            built.setdefault(kind, {}).setdefault(level, set()).add(row.pk)

    record("organization", make_organization)
    orgs = _ids_to_rows("organization", built)
    body, member, other = orgs["public"]
    # Distinct (member, organization) pairs, in the order of LEVELS.
    pairs = iter(
        [(member, body), (member, other), (other, body), (orgs["government"][0], body), (orgs["internal"][0], body)]
    )
    record("membership", lambda **kw: make_membership(member=(pair := next(pairs))[0], organization=pair[1], **kw))
    membership = _first_public("membership", built)
    years = iter(range(2020, 2030))
    record(
        "dues", lambda **kw: make_dues(membership=membership, year=next(years), amount=AMOUNT, currency=CURRENCY, **kw)
    )
    record("person", make_person, email=EMAIL, phone=PHONE)
    record("office", make_office, body=body, holder_organization=member)
    record("ballot", make_ballot, committee=body)
    record("agreement", make_agreement)
    agreement = _first_public("agreement", built)
    make_party(agreement=agreement, organization=member, source=agreement.source, internal_note=NOTE)
    AgreementStatusChange.objects.create(
        agreement=agreement, status="signed", changed_on=datetime.date(2018, 6, 1), source=agreement.source
    )
    record("commitment", make_commitment, agreement=agreement)
    record("event", make_event)
    record("delegation", make_delegation)
    DelegationMember.objects.create(
        delegation=_first_public("delegation", built),
        person=_first_public("person", built),
        source=agreement.source,
        internal_note=NOTE,
    )
    record("initiative", make_initiative)
    record("reportedfigure", lambda internal_note, **kw: build_figure(**kw))
    return built


def _ids_to_rows(kind, built):
    from api.changes import kinds

    model = kinds()[kind].model
    return {level: list(model.objects.filter(pk__in=ids).order_by("pk")) for level, ids in built[kind].items()}


def _first_public(kind, built):
    return _ids_to_rows(kind, built)["public"][0]


def shown_to(levels: dict[str, set[int]], audience) -> set[int]:
    return levels["public"] | (levels["government"] if audience == "government" else set())


def page_through_list(operation, client) -> list[dict]:
    """A list page by page: the same rows, in the same order, as one large page."""
    seen, cursor, pages = [], None, 0
    while True:
        page = read(operation, client, limit=PAGE, **({"cursor": cursor} if cursor else {}))
        pages += 1
        seen += [item.to_dict() for item in page.results]
        if not page.next_:
            break
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0]
    whole = read(operation, client, limit=500)
    assert not whole.next_
    assert seen == [item.to_dict() for item in whole.results]
    assert pages == -(-len(seen) // PAGE) >= 2, (pages, len(seen))
    return seen


def page_through_feed(operation, client) -> list[dict]:
    """The change feed page by page to its end (``has_more``: a feed always has
    a ``next``, to poll later), the same entries as one large page."""
    seen, cursor, pages = [], None, 0
    while True:
        page = read(operation, client, limit=PAGE, **({"after": cursor} if cursor else {}))
        pages += 1
        seen += [entry.to_dict() for entry in page.results]
        cursor = page.cursor
        if not page.has_more:
            break
    whole = read(operation, client, limit=500)
    assert not whole.has_more and whole.cursor == cursor
    assert seen == [entry.to_dict() for entry in whole.results]
    assert pages == -(-len(seen) // PAGE) >= 2, (pages, len(seen))
    # Read again from the end: nothing new.
    assert read(operation, client, after=cursor).results == []
    return seen


def read(operation, client, **params):
    """One page, its body searched for the private values the records hold."""
    response = operation.sync_detailed(client=client, **params)
    assert response.status_code == 200, response.content
    leaked = found(response.content.decode(), PRIVATE_MARKERS)
    assert not leaked, leaked
    return response.parsed


def list_operations() -> dict:
    """The generated package's operations that read a page (they take ``limit``)."""
    api = importlib.import_module(f"{PACKAGE}.api")
    found_ = {}
    for group in pkgutil.iter_modules(api.__path__):
        module = importlib.import_module(f"{PACKAGE}.api.{group.name}")
        for operation in pkgutil.iter_modules(module.__path__):
            loaded = importlib.import_module(f"{PACKAGE}.api.{group.name}.{operation.name}")
            if "limit" in inspect.signature(loaded.sync_detailed).parameters:
                found_[operation.name] = loaded
    return found_


def schema_lists(schema) -> set[str]:
    """The schema's list endpoints: every GET on a path without a parameter."""
    return {
        operation["operationId"]
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get" and "{" not in path
    }


def schema_path(schema, operation_id) -> str:
    return next(
        path
        for path, methods in schema["paths"].items()
        for op in methods.values()
        if op["operationId"] == operation_id
    )
