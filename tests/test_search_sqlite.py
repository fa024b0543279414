"""``make run`` uses SQLite: the search columns are NULL there and the search
falls back to folded word fragments in the declared columns. Same pages, no
crash. Run in a child process, on its own SQLite file."""

from tests.sqlite_child import run_on_sqlite

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # response.context, as in the suite
from tests.factories import make_agreement, make_commitment, make_event, make_organization, make_organization_name
apo = make_organization(acronym="APO", name_vi="Tổ chức Năng suất châu Á", slug="apo")
ross = make_organization(acronym="Rosstandart", name_vi="Cơ quan Liên bang Nga", slug="rosstandart")
make_organization_name(organization=ross, acronym="Rostekhregulirovaniye")
make_event(title_vi="Hội nghị APO về năng suất")
make_commitment(agreement=make_agreement(title_vi="Hiệp định", short_title_vi="RCEP"), title_vi="Hàng rào kỹ thuật")
client = Client()
for address in ("/vi/search/?q=APO", "/en/search/?q=hop+tac", "/vi/search/?q=hop+ta",
                "/vi/search/?q=rosstandrat", "/vi/search/?q=APO&kind=events"):
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
results = client.get("/vi/search/?q=APO").context["results"]
assert results.hits[0].record.slug == "apo", results.hits
assert client.get("/vi/search/?q=Rostekhregulirovaniye").context["results"].hits[0].record.slug == "rosstandart"
api = client.get("/api/v1/organizations/?q=apo").json()["results"]
assert api[0]["slug"] == "apo", api
assert client.get("/api/v1/commitments/?q=hang+rao").json()["results"]
assert client.get("/api/v1/commitments/?q=rcep").json()["results"]  # named by its agreement
suggested = client.get("/vi/search/suggest/?q=APO").json()["results"]  # the search box, as a visitor types
assert suggested[0]["url"] == "/vi/organizations/apo/", suggested
assert [s["url"] for s in client.get("/en/search/suggest/?q=hang+ra").json()["results"]], "prefix"
assert client.get("/vi/search/suggest/?q=a").json()["results"] == []
assert client.get("/vi/search/suggest/?q=ap").json()["results"][0]["url"] == "/vi/organizations/apo/"
assert client.get("/vi/search/suggest/?q=a&q=b").status_code == 400
import datetime
tiers = [make_agreement(short_title_vi="ZXQ", title_vi="Khung", signed_on=datetime.date(2001, 1, 1)).pk,
         make_agreement(title_vi="Bản ghi nhớ ZXQ", signed_on=datetime.date(2010, 1, 1)).pk,
         make_agreement(title_vi="Thỏa thuận", summary_vi="zxq", signed_on=datetime.date(2024, 1, 1)).pk]
assert [r["id"] for r in client.get("/api/v1/agreements/?q=zxq").json()["results"]] == tiers  # tiers, not dates
walked, address = [], "/api/v1/agreements/?q=zxq&limit=1"
while address and len(walked) < 5:
    page = client.get(address).json()
    walked, address = walked + [r["id"] for r in page["results"]], page["next"]
assert walked == tiers, walked
print("sqlite search ok")
"""


def test_search_on_sqlite_has_a_fallback(tmp_path):
    run_on_sqlite(tmp_path, SCRIPT, marker="sqlite search ok")
