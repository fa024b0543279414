"""Where a record lives on the public site, for lists that mix kinds of
records (search results, partner timelines, the sitemap)."""

from django.urls import reverse

# model label → (URL name, attribute holding the URL argument)
_DETAIL_PAGES = {
    "organizations.organization": ("organizations:detail", "slug"),
    "agreements.agreement": ("agreements:detail", "slug"),
    "events.event": ("events:detail", "slug"),
    "events.delegation": ("events:delegation", "slug"),
    "events.initiative": ("events:initiative", "slug"),
}


def public_url(obj) -> str:
    """The page of ``obj``; a commitment or an office points into its parent's page."""
    label = obj._meta.label_lower
    if label == "agreements.commitment":
        return reverse("agreements:detail", args=[obj.agreement.slug]) + f"#commitment-{obj.code}"
    if label == "organizations.office":
        return reverse("organizations:offices") + f"#office-{obj.slug}"
    if label == "organizations.membership":
        return reverse("organizations:detail", args=[obj.organization.slug])
    name, attribute = _DETAIL_PAGES[label]
    return reverse(name, args=[getattr(obj, attribute)])
