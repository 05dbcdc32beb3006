"""How figures read on the site, as plain text: the template filters and Python both call these.

One rounding rule for every figure we work out: halves round up (away from zero), as people
round by hand. Python's round() and format() round halves to even, which printed a monthly pay
of $3,412.50 as $3,412.
"""

from decimal import ROUND_HALF_UP, Decimal

# A minus sign (U+2212) before the dollar sign: "−$28", never "$-28".
MINUS = "\u2212"


def is_missing(value):
    """A figure nobody reported: None or empty. Zero is a figure."""
    return value is None or value == ""


def rounded(value, places=0):
    """The value as a Decimal rounded half up to the given decimal places."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def number(value, places=0):
    """Thousands separators, rounded half up; a trailing ".0" is dropped: 1,260 / 8.5 / 9."""
    if is_missing(value):
        return ""
    amount = rounded(value, places)
    if places and amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    sign = MINUS if amount < 0 else ""
    return f"{sign}{abs(amount):,}"


def dollars(value):
    """Whole dollars with thousands separators ("−$28" below zero), or "" when unknown."""
    if is_missing(value):
        return ""
    amount = rounded(value)
    sign = MINUS if amount < 0 else ""
    return f"{sign}${abs(amount):,}"
