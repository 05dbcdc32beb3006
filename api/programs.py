"""The API's one way into the program finder: everything the programs endpoint and the program
download know of the finder's filters, order and unknowns rule comes through this module.
"""

from programs.finder import PER_PAGE, Finder
from programs.models import LIMITED_FIGURES

# The finder's page size: the API's page N is the finder's page N, program for program.
PAGE_SIZE = PER_PAGE


def programs_for(params, page=1, everything=False):
    """The finder's answer to the query string `params` (a QueryDict of valid parameters):
    a page of programs, or with everything=True every match in order, each program carrying
    `distance` (miles from the ZIP code, or None) and `missing` (the limited figures it did not
    report: "cost", "length"). The result also says `total`, `unreported` (programs listed only
    because they did not report a limited figure), `limits`, `unknown_hidden`, `sort`,
    `without_coordinates` and, for a page, the Django `page`."""
    return Finder(params).run(page_number=page, everything=everything)


def figures_limited(result):
    """The figures the query limits, in the words `missing` uses: ["cost", "length"]."""
    return [LIMITED_FIGURES[name][1] for name in result.limits]
