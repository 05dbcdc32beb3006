from django import forms


class StrictNumberInput(forms.NumberInput):
    """A number box that never echoes a non-number back (browsers and validators reject it)."""

    def format_value(self, value):
        if value in (None, ""):
            return None
        try:
            float(value)
        except (TypeError, ValueError):
            return None
        return super().format_value(value)
