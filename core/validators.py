"""Checks that every fact-bearing model shares, so admin, CSV import and the shell agree."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

not_negative = MinValueValidator(0, message=_("An amount cannot be below zero."))


def not_in_future(value):
    """A check or review happened on a day that has come: a later date claims work not done.
    A database check cannot hold this (today moves), so it lives here and in full_clean()."""
    if value is not None and value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future: give the day the check was made."),
            code="future_date",
            params={"date": value.isoformat()},
        )


def at_least_zero(prefix, *fields):
    """One database check per amount: blank is allowed, below zero never."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 0}),
            name=f"{prefix}_{field}_not_negative",
            violation_error_message=_("An amount cannot be below zero."),
        )
        for field in fields
    ]


def within(prefix, field, low, high):
    """A database check that a number, when given, lies above low and at most high; the field's
    validators give the editor the plain message first."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gt": low, f"{field}__lte": high}),
        name=f"{prefix}_{field}_in_range",
        violation_error_message=_("A figure is outside the range it may take (%(name)s)."),
    )
