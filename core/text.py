"""Text helpers that know Vietnamese."""

from django.utils.text import slugify


def slugify_vi(value: str) -> str:
    """Slugify Vietnamese text: NFKD strips tone marks but keeps đ, so map it first."""
    return slugify(str(value).replace("đ", "d").replace("Đ", "D"))
