from django import template
from django.utils.translation import gettext as _

from core import formatting

register = template.Library()

register.filter("dollars", formatting.dollars)
# The one number filter: cheaper than humanize's intcomma and floatformat, and rounds half up.
register.filter("number", formatting.number)


@register.filter
def or_not_reported(value):
    """The figure, or "Not reported" when there is none: {{ cost|dollars|or_not_reported }}."""
    return _("Not reported") if formatting.is_missing(value) else value
