"""Finding private marker values in a response, without false alarms.

A bare substring test misfires: "987654" occurs by chance in a time stamp's
microseconds and "XAU" or "7q2x" inside an opaque API cursor. A marker only
counts when it stands as a whole value, and an amount in any of its
renderings (987654.32, 987.654,32, 987,654.32, 987654).
"""

import re

_NOT_AFTER = r"(?<![\w.:-])"
_NOT_BEFORE = r"(?![\w-])"


def amount(value: str) -> re.Pattern:
    whole, _, cents = value.partition(".")
    thousands, units = whole[:-3], whole[-3:]
    return re.compile(rf"{_NOT_AFTER}{thousands}[.,\s]?{units}(?:[.,]{cents})?{_NOT_BEFORE}")


def word(value: str) -> re.Pattern:
    return re.compile(_NOT_AFTER + re.escape(value) + _NOT_BEFORE)


def found(text: str, patterns) -> list[str]:
    return [pattern.pattern for pattern in patterns if pattern.search(text)]
