# Dates as Vietnamese government documents write them (05/03/2018). Input is
# day first too, in every language (coopdb/formats/en has the same input
# formats): 01/07/2019 is 1 July 2019 in a form, an inline, a list filter, the
# import and a management command. The admin's calendar writes the first one.
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
# Lower case mid-phrase ("Sự kiện tháng 11/2019"); a label that starts a line adds |capfirst.
YEAR_MONTH_FORMAT = r"\t\há\n\g n/Y"
MONTH_DAY_FORMAT = "d/m"
NUMBER_GROUPING = 3  # Django leaves Vietnamese ungrouped; 1.234 is the usual writing
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."

# Day first (01/07/2019 or 1/7/2019; %d and %m also read one digit), then ISO.
# Never month first.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
