from django import template

from core import figures

register = template.Library()


@register.simple_tag
def figure(name):
    """A figure another app registered in core.figures: `{% figure "exam_fees" as fees %}`."""
    return figures.figure(name)
