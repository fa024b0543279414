"""Upload checks for signed documents: size, and type by content.

The type is read from the file's first bytes (its "magic number"), not from
its name or the browser's Content-Type, both of which the uploader controls.
Three formats need no library: PDF, PNG and JPEG signatures are fixed.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# content type -> (leading bytes, accepted name endings, name shown to staff)
DOCUMENT_TYPES = {
    "application/pdf": (b"%PDF-", {".pdf"}, "PDF"),
    "image/png": (b"\x89PNG\r\n\x1a\n", {".png"}, "PNG"),
    "image/jpeg": (b"\xff\xd8\xff", {".jpg", ".jpeg"}, "JPEG"),
}
SNIFF_BYTES = 16


def sniff_content_type(file) -> str | None:
    """The document type the file's first bytes announce, or None."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(position)
    for content_type, (magic, _endings, _name) in DOCUMENT_TYPES.items():
        if head.startswith(magic):
            return content_type
    return None


def extension_for(content_type: str) -> str:
    return sorted(DOCUMENT_TYPES[content_type][1])[0]


def validate_document_file(value):
    """Reject files over the size limit, files whose content is not PDF, PNG
    or JPEG, and files whose name claims another type than their content."""
    if isinstance(value, FieldFile) and value._committed:
        return  # already stored and checked when it was uploaded
    limit = settings.COOPDB_DOCUMENT_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            _("This file is %(size)s; documents may be at most %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    content_type = sniff_content_type(value)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, PNG and JPEG files can be attached, and this file's content is none of them."),
            code="wrong_type",
        )
    _magic, endings, type_name = DOCUMENT_TYPES[content_type]
    ending = PurePath(value.name or "").suffix.lower()
    if ending not in endings:
        raise ValidationError(
            _("This file's content is %(type)s but its name ends in “%(ending)s”; rename it and upload it again."),
            code="wrong_extension",
            params={"type": type_name, "ending": ending or "—"},
        )
