# Dates as Vietnamese government documents write them (05/03/2018); only the
# display formats change, input formats stay Django's.
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
YEAR_MONTH_FORMAT = r"\T\há\n\g n/Y"
MONTH_DAY_FORMAT = "d/m"
NUMBER_GROUPING = 3  # Django leaves Vietnamese ungrouped; 1.234 is the usual writing
