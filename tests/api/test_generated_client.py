"""A Python client generated from the schema by openapi-python-client (as an
integrator would) builds without a warning and works against a live server."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from tests.api.conftest import create_key
from tests.factories import make_agreement

PACKAGE = "coopdb_generated_client"


@pytest.fixture
def generated_client(tmp_path):
    schema = SchemaGenerator().get_schema(request=None, public=True)
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

