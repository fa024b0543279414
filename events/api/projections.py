"""The events list built as JSON by PostgreSQL (api.projection): the same
fields as events.api.serializers.EventSerializer, in the same order."""

from api.projection import Projection, bilingual, nested_organization, url, visible_time, web_address
from events.models import Event
from organizations.models import Organization

EVENT = Projection(
    table=Event._meta.db_table,
    joins=f"LEFT JOIN {Organization._meta.db_table} o ON o.id = t.forum_id",
    fields=(
        ("id", "t.id"),
        ("url", url("t", "event")),
        ("slug", "t.slug"),
        ("kind", "t.kind"),
        ("title", bilingual("t", "title")),
        ("forum", nested_organization("o")),
        ("start_on", "t.start_on"),
        ("end_on", "t.end_on"),
        ("mode", "t.mode"),
        ("city", bilingual("t", "city")),
        ("country", "NULLIF(t.country, '')"),
        ("hosted_by_us", "t.hosted_by_us"),
        ("chaired_by_us", "t.chaired_by_us"),
        ("description", bilingual("t", "description")),
        ("web_page", web_address("t.url")),
    ),
    times=(visible_time("o"),),
)
