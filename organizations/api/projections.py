"""The organizations list built as JSON by PostgreSQL (api.projection): the
same fields as organizations.api.serializers.OrganizationSerializer, in the
same order."""

from api.projection import Projection, bilingual, nested_organization, url, visible_time, web_address
from organizations.models import Organization, OrganizationName

ORGANIZATIONS = Organization._meta.db_table
# The visible former names of organization ``t`` (organizations.selectors.former_names).
_NAMES = f"FROM {OrganizationName._meta.db_table} n WHERE n.organization_id = t.id AND n.visibility = ANY(%(levels)s)"
_NAME = (
    f"json_build_object('name', {bilingual('n', 'name')}, 'acronym', n.acronym, "
    "'valid_from', n.valid_from, 'valid_until', n.valid_until)"
)

ORGANIZATION = Projection(
    table=ORGANIZATIONS,
    joins=f"LEFT JOIN {ORGANIZATIONS} p ON p.id = t.parent_id",
    fields=(
        ("id", "t.id"),
        ("url", url("t", "organization")),
        ("slug", "t.slug"),
        ("acronym", "t.acronym"),
        ("name", bilingual("t", "name")),
        ("kind", "t.kind"),
        ("parent", nested_organization("p")),
        ("country", "NULLIF(t.country, '')"),
        # django-countries keeps several codes as one comma-separated text.
        ("member_countries", "array_to_json(string_to_array(t.member_countries, ','))"),
        ("founded_on", "t.founded_on"),
        ("founded_year", "t.founded_year"),
        ("website", web_address("t.website")),
        ("description", bilingual("t", "description")),
        (
            "names",
            f"COALESCE((SELECT json_agg({_NAME} ORDER BY n.valid_from, n.valid_until, n.id) {_NAMES}), '[]')",
        ),
    ),
    times=(visible_time("p"), f"(SELECT max(n.updated_at) {_NAMES})"),
)
