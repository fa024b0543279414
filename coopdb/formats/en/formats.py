# "5 Mar 2018": unambiguous for readers on both sides of the Atlantic.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"

# Staff switch languages freely: what they type must mean the same day in
# both, so English input is day first as in Vietnamese (never Django's
# month-first US default). The admin's calendar writes the first format.
from coopdb.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: E402, F401
