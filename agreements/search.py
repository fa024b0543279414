"""What the site-wide search finds among agreements and commitments (core.search.SearchIndex)."""

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Commitment
from core.search import SearchIndex

INDEXES = (
    SearchIndex(
        "agreements",
        _("Agreements"),
        "agreements:list",
        Agreement,
        ("short_title_vi", "short_title_en", "title_vi", "title_en", "summary_vi", "summary_en"),
    ),
    SearchIndex(
        "commitments",
        _("Commitments"),
        "agreements:commitments",
        Commitment,
        ("reference_vi", "reference_en", "title_vi", "title_en", "text_vi", "text_en"),
        select_related=("agreement",),
    ),
)
