"""Checks that every fact-bearing model shares, so admin, CSV import and the shell agree."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
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


@deconstructible
class FigureRange:
    """The plausible range of a figure, for its field's validators and its database check, so a
    form, a CSV import, full_clean() and the database refuse the same values. Ranges are chosen
    so that every total built from the figures still fits its column: an implausible figure is
    a typing slip, and a stored one must never take a page down."""

    def __init__(self, low, high, money=False):
        self.low = low
        self.high = high
        self.money = money

    def __eq__(self, other):
        return isinstance(other, FigureRange) and (self.low, self.high, self.money) == (
            other.low,
            other.high,
            other.money,
        )

    def shown(self, value):
        number = f"{abs(value):,}"
        if self.money:
            number = f"${number}"
        return f"-{number}" if value < 0 else number

    @property
    def message(self):
        return format_lazy(
            _("Enter a figure from {low} to {high}."),
            low=self.shown(self.low),
            high=self.shown(self.high),
        )

    def __call__(self, value):
        if value is not None and not self.low <= value <= self.high:
            raise ValidationError(self.message, code="out_of_range")

    def constraints(self, prefix, *fields):
        """One database check per field, holding the range the validator holds."""
        return [
            models.CheckConstraint(
                condition=models.Q(**{f"{field}__isnull": True})
                | models.Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high}),
                name=f"{prefix}_{field}_bounds",
                violation_error_message=format_lazy("{}: {}", field, self.message),
            )
            for field in fields
        ]
