"""Spreadsheets as staff would write them, for the import tests: one sheet per
importable model, in the order they must be imported, as .csv or .xlsx bytes."""

import csv
import datetime
import io

from openpyxl import Workbook

# Dates are written the way staff type them: ISO, day-first, or (in .xlsx)
# real date cells.
GOOD = {
    "organization": [
        ["slug", "acronym", "name_vi", "name_en", "kind", "parent", "country", "founded_on", "visibility", "source"],
        [
            "stameq",
            "STAMEQ",
            "Tổng cục Tiêu chuẩn Đo lường Chất lượng",
            "STAMEQ",
            "national_body",
            "",
            "VN",
            "",
            "public",
            "vietq",
        ],
        [
            "apo",
            "APO",
            "Tổ chức Năng suất châu Á",
            "Asian Productivity Organization",
            "regional",
            "",
            "JP",
            datetime.date(1961, 5, 11),
            "public",
            "vietq",
        ],
        [
            "rosstandart",
            "Rosstandart",
            "Cơ quan Liên bang về Quy chuẩn Kỹ thuật và Đo lường Nga",
            "",
            "national body",
            "",
            "RU",
            "",
            "public",
            "vietq",
        ],
    ],
    "membership": [
        ["member", "organization", "member_class", "since", "visibility", "source"],
        ["stameq", "APO", "full", "01/01/1996", "public", "vietq"],
    ],
    "dues": [
        [
            "member",
            "organization",
            "member_class",
            "year",
            "amount",
            "currency",
            "due_on",
            "paid_on",
            "visibility",
            "source",
        ],
        ["stameq", "apo", "", "2019", "1500.50", "USD", "2019-03-31", "15/03/2019", "public", "vietq"],
        ["stameq", "apo", "full", "2020", "1500,50", "USD", "2020-03-31", "", "public", "vietq"],
    ],
    "agreement": [
        [
            "slug",
            "kind",
            "title_vi",
            "title_en",
            "status",
            "signed_on",
            "valid_from",
            "valid_until",
            "parties",
            "visibility",
            "source",
        ],
        [
            "ru-plan-2018",
            "plan",
            "Kế hoạch thực hiện Bản ghi nhớ 2018–2021",
            "MoU implementation plan 2018–2021",
            "signed",
            "2018-05-10",
            "2018-05-10",
            "2021-12-31",
            "stameq; rosstandart",
            "public",
            "vietq",
        ],
        [
            "vkfta",
            "fta",
            "Hiệp định VKFTA",
            "",
            "in_force",
            datetime.date(2015, 5, 5),
            "2015-12-20",
            "",
            "VN; kr",
            "public",
            "vietq",
        ],
    ],
    "commitment": [
        ["agreement", "code", "title_vi", "responsible_unit", "deadline", "status", "visibility", "source"],
        ["vkfta", "tbt", "Chương 6 – TBT", "STAMEQ", "", "ongoing", "public", "vietq"],
        [
            "ru-plan-2018",
            "training",
            "Đào tạo chuyên gia đo lường",
            "stameq",
            "2021-06-30",
            "in_progress",
            "public",
            "",  # a child row without a source takes its agreement's
        ],
    ],
    "event": [
        [
            "slug",
            "kind",
            "title_vi",
            "forum",
            "start_on",
            "end_on",
            "mode",
            "country",
            "hosted_by_us",
            "visibility",
            "source",
        ],
        [
            "apo-gbm-2019",
            "annual_meeting",
            "Họp Hội đồng quản trị APO 2019",
            "apo",
            "2019-04-16",
            "2019-04-18",
            "in_person",
            "VN",
            "có",
            "public",
            "vietq",
        ],
        [
            "accsq-2020-online",
            "meeting",
            "Họp ACCSQ trực tuyến",
            "",
            "2020-08-20",
            "",
            "online",
            "",
            "0",
            "public",
            "vietq",
        ],
    ],
    "delegation": [
        ["slug", "direction", "title_vi", "event", "forum", "headcount", "headcount_qualifier", "visibility", "source"],
        ["to-apo-2019", "outgoing", "Đoàn dự họp APO", "apo-gbm-2019", "apo", "4", "exact", "public", "vietq"],
    ],
    "initiative": [
        ["slug", "title_vi", "forum", "year", "proposer", "status", "visibility", "source"],
        [
            "asean-2020-smart-manufacturing",
            "Sáng kiến thúc đẩy sản xuất thông minh",
            "",
            "2020",
            "stameq",
            "proposed",
            "public",
            "vietq",
        ],
    ],
}
ORDER = list(GOOD)


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([value.isoformat() if isinstance(value, datetime.date) else value for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def encode(rows, file_format: str) -> bytes:
    return as_csv(rows) if file_format == "csv" else as_xlsx(rows)
