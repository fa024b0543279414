"""Reading the spreadsheets staff upload (.xlsx and .csv) into datasets.

What Excel and colleagues actually send: CSV separated by ``,``, ``;`` (Excel
under Vietnamese regional settings) or tabs ("Unicode Text"), in UTF-8 with or
without a byte-order mark, UTF-16, Windows-1258 or Windows-1252; workbooks
with blank rows; files that are no spreadsheet at all. Every problem becomes a
``SheetError`` carrying one translated sentence for the import page: a
traceback or a server path never reaches the page.

Each dataset remembers the spreadsheet line of each of its rows
(``sheet_lines``; the header is line 1), so row errors name the line the
person sees in Excel even when blank rows were skipped.

This module imports no models: the settings name its formats.
"""

import codecs
import csv
import io
import logging
import unicodedata

import tablib
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX
from openpyxl.utils import get_column_letter

logger = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t")
# Single-byte encodings a Vietnamese office's files come in, besides UTF-8/16.
LEGACY_ENCODINGS = ["cp1258", "cp1252"]
# Letters with Vietnamese tone marks (Latin Extended Additional, ạ … ỹ): a
# Windows-1258 file writes them as a vowel plus a combining mark, which only
# compose back into these letters when the bytes really were Windows-1258.
VIETNAMESE_TONED = range(0x1EA0, 0x1EFA)
MAGIC_NAMES = {b"%PDF": "PDF", b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls"}


class SheetError(ValueError):
    """A problem with the uploaded file as a whole, said for the person."""


def _text(value) -> str:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def build_dataset(records) -> tablib.Dataset:
    """A dataset from ``(line, cells)`` pairs: the first non-blank record is
    the header; blank records are skipped but keep their line numbers; header
    cells are stripped; unnamed columns must be empty and are dropped."""
    records = [(line, [_text(cell) for cell in cells]) for line, cells in records]
    records = [(line, cells) for line, cells in records if not all(_blank(cell) for cell in cells)]
    if not records:
        raise SheetError(_("The file is empty: it has no header row and no data."))
    (_header_line, header), rows = records[0], records[1:]
    width = max(len(cells) for _line, cells in records)
    headers = [("" if _blank(cell) else str(cell).strip().lstrip("\ufeff")) for cell in header]
    headers += [""] * (width - len(headers))
    rows = [(line, cells + [None] * (width - len(cells))) for line, cells in rows]
    kept = _named_columns(headers, rows)
    dataset = tablib.Dataset(headers=[headers[index] for index in kept])
    for _line, cells in rows:
        dataset.append([cells[index] for index in kept])
    dataset.sheet_lines = [line for line, _cells in rows]
    if not rows:
        raise SheetError(_("The file has a header row but no data rows to import."))
    return dataset


def _named_columns(headers, rows) -> list[int]:
    """Indexes of the columns with a header; a column with data but no header
    is an error (its values would be lost silently)."""
    for index, header in enumerate(headers):
        if header:
            continue
        for line, cells in rows:
            if not _blank(cells[index]):
                raise SheetError(
                    _("Column %(column)s has a value on line %(line)d but no header: name it or delete it.")
                    % {"column": get_column_letter(index + 1), "line": line}
                )
    return [index for index, header in enumerate(headers) if header]


def _not_a_text_file(data: bytes):
    for magic, name in MAGIC_NAMES.items():
        if data.startswith(magic):
            if name == "xlsx":
                return _("This file is an Excel workbook, not CSV: choose the format “xlsx”.")
            return _("This file is a %(kind)s file, not a spreadsheet: save it from Excel as .xlsx or .csv.") % {
                "kind": name.upper()
            }
    return None


def decode_text(data: bytes) -> str:
    """The file's text, whatever Excel saved it as, in NFC (Windows-1258
    writes Vietnamese tones as combining marks)."""
    if problem := _not_a_text_file(data):
        raise SheetError(problem)
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    return unicodedata.normalize("NFC", text)


def _decode_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be", *LEGACY_ENCODINGS]).best()
    if best is None:
        raise SheetError(_("The file's characters could not be read: save it from Excel as “CSV UTF-8” or as .xlsx."))
    encoding = best.encoding
    if encoding in LEGACY_ENCODINGS:
        # The two code pages agree on every Western letter, so the detector
        # often ties; Vietnamese tone marks only make sense in Windows-1258.
        encoding = "cp1258" if _looks_vietnamese(data) else encoding
        return data.decode(encoding, errors="replace")
    return str(best)


def _looks_vietnamese(data: bytes) -> bool:
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return False
    return any(ord(char) in VIETNAMESE_TONED for char in text)


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header row into the most columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: len(next(csv.reader([first], delimiter=delimiter), [])) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])  # ties: the first (",")


def read_csv(data: bytes) -> tablib.Dataset:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise SheetError(_("The file is empty: it has no header row and no data."))
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    try:
        records = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error:
        logger.info("Unreadable CSV upload", exc_info=True)
        raise SheetError(_("The file is not a well-formed CSV file: save it again from Excel.")) from None
    return build_dataset(records)


def read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl

    if not data:
        raise SheetError(_("The file is empty: it has no header row and no data."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors...
        logger.info("Unreadable .xlsx upload", exc_info=True)
        problem = _not_a_text_file(data) if not data.startswith(b"PK") else None
        raise SheetError(
            problem
            or _(
                "This file is not an Excel workbook (.xlsx): it may be another kind of file renamed, or "
                "damaged. Open it in Excel and save it as .xlsx, or as CSV and choose the format “csv”."
            )
        ) from None
    try:
        # The templates' data sheet, else the first (the one open when saved may be the notes).
        sheet = workbook["data"] if "data" in workbook.sheetnames else workbook.worksheets[0]
        return build_dataset(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        workbook.close()


class SheetXLSX(XLSX):
    """.xlsx import: clear messages, spreadsheet line numbers. Export: dates
    and numbers stay cells of their type; formulas are neutralised by tablib's
    own escaping (the library's would turn every cell into text)."""

    def create_dataset(self, in_stream):
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        from openpyxl.utils.exceptions import IllegalCharacterError

        try:
            return dataset.export(self.get_title(), escape=True, **kwargs)
        except IllegalCharacterError:
            self._escape_illegal_chars(dataset)  # control characters a cell cannot hold become "�"
            return dataset.export(self.get_title(), escape=True, **kwargs)


class SheetCSV(CSV):
    """CSV import: any separator and encoding Excel writes. Read as bytes
    (the library would decode it as UTF-8 first and fail)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_csv(in_stream)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"
