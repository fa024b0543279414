"""What the site-wide search finds among agreements and commitments
(core.search.SearchIndex; the searched fields are the models' ``search_fields``)."""

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Commitment
from core.search import SearchIndex

INDEXES = (
    SearchIndex("agreements", _("Agreements"), "agreements:list", Agreement),
    SearchIndex(
        "commitments",
        _("Commitments"),
        "agreements:commitments",
        Commitment,
        select_related=("agreement",),
        context="agreement",
    ),
)
