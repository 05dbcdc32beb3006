"""How figures read on the site, as plain text: the template filters and Python both call these."""


def is_missing(value):
    """A figure nobody reported: None or empty. Zero is a figure."""
    return value is None or value == ""


def dollars(value):
    """Whole dollars with thousands separators, or an empty string when unknown."""
    if is_missing(value):
        return ""
    return f"${value:,.0f}"
