from django import template

register = template.Library()


@register.filter
def choices(bound_field):
    """A drop-down's (value, label) pairs, straight from its form field: iterating the bound
    field instead builds a widget option, with its own dict of attributes, for each."""
    return list(bound_field.field.choices)
