"""The API's one way into the program finder: everything the programs endpoint and the program
download know of the finder's filters, order and unknowns rule comes through programs_for.

The finder is being reshaped (a plain FilterSet, QuerySet methods, one function giving the
ordered programs); only this function should need to follow it.
"""

from programs.finder import PER_PAGE, Finder

# The finder's page size: the API's page N is the finder's page N, program for program.
PAGE_SIZE = PER_PAGE


def programs_for(params, page=1, everything=False):
    """The finder's answer to the query string `params` (a QueryDict of valid parameters):
    a page of programs, or with everything=True every match in order, each program carrying
    `distance` (miles from the ZIP code, or None) and `missing` (the limited figures it did not
    report). The result also says `total`, `unreported` (programs listed only because they did
    not report a limited figure), `limits`, `unknown_hidden`, `sort`, `without_coordinates` and,
    for a page, the Django `page`."""
    return Finder(params).run(page_number=page, everything=everything)
