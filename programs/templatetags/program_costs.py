"""Cost figures computed from the program data, for the guide's templates (which may not import
the programs app) and the program pages."""

from django import template

from programs import costs

register = template.Library()


@register.simple_tag
def program_cost_overview():
    """Median and middle half of known costs: `{% program_cost_overview as costs %}` (1 query)."""
    return costs.cost_overview()


@register.simple_tag
def total_to_credential(program):
    """Cost + exam fee, and that total as months of pay in the program's state (3 queries)."""
    return costs.totals_to_credential([program])[0]


@register.simple_tag
def federal_aid(program):
    """Whether the program's length and school fit federal student aid (no query)."""
    return costs.federal_aid(program)
