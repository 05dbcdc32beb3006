"""Exam fees for other apps' templates (the guide's cost pages), from the certifications data."""

from django import template

from certifications import fees

register = template.Library()


@register.simple_tag
def exam_fees():
    """Every published credential and the range of confirmed fees: `{% exam_fees as fees %}`."""
    return fees.exam_fees()
