# "5 Mar 2018": unambiguous for readers on both sides of the Atlantic.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"
