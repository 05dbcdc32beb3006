from django import forms
from django.forms.renderers import TemplatesSetting


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


class MarkdownTextarea(forms.Textarea):
    """A tall Markdown box with a short help beside it (templates/admin/widgets/)."""

    template_name = "admin/widgets/markdown_textarea.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "cols": 80, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        # The default form renderer looks only in Django's and the apps' own template folders;
        # this template lives in the project's templates/ with the rest of the admin's.
        return super().render(name, value, attrs, renderer=TemplatesSetting())
