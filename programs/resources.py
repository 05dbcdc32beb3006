"""The spreadsheet form of a program, for editors' CSV export and import in admin."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.forms import ImportForm

from certifications.models import Certification
from programs.models import Program, School


class StrictBooleanWidget(widgets.BooleanWidget):
    """Yes or no as a spreadsheet writes it; anything else is an error, never a quiet False.
    Blank means "not known", and only where the field allows it."""

    TRUE_WORDS = {"yes", "true", "1"}
    FALSE_WORDS = {"no", "false", "0"}

    def __init__(self, nullable=False, **kwargs):
        self.nullable = nullable
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        word = "" if value is None else str(value).strip().casefold()
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        if word == "" and self.nullable:
            return None
        allowed = _("yes, no, true, false, 1 or 0")
        if self.nullable:
            allowed = _("yes, no, true, false, 1, 0, or blank for not known")
        raise ValueError(
            _("“%(value)s” is not allowed here: write %(allowed)s.")
            % {"value": value if value is not None else "", "allowed": allowed}
        )


class ProgramResource(resources.ModelResource):
    school = fields.Field(
        attribute="school",
        column_name="school",
        widget=widgets.ForeignKeyWidget(School, field="slug"),
    )
    certifications = fields.Field(
        attribute="certifications",
        column_name="certifications",
        widget=widgets.ManyToManyWidget(Certification, field="slug", separator="|"),
    )
    # Named apart from its column: the export form's own "format" (file type) field would
    # otherwise swallow the column's tick box and drop it from every export.
    delivery_format = fields.Field(attribute="format", column_name="format")
    total_cost = fields.Field(attribute="total_cost", column_name="total_cost", readonly=True)
    cost_is_estimate = fields.Field(
        attribute="cost_is_estimate", column_name="cost_is_estimate", readonly=True
    )

    class Meta:
        model = Program
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "school",
            "name",
            "credential",
            "delivery_format",
            "format_confirmed",
            "length_months",
            "length_suspect",
            "tuition_fees",
            "books_supplies",
            "other_costs",
            "total_cost",
            "cost_is_estimate",
            "estimated_cost",
            "cost_suspect",
            "exam_fee_included",
            "evening",
            "weekend",
            "part_time",
            "has_externship",
            "externship_hours",
            "onsite_hours",
            "accreditation",
            "accreditation_note",
            "accreditation_checked_on",
            "accreditation_checked_url",
            "certifications",
            "last_verified",
            "published",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        # full_clean() on every row turns an unknown choice or a bad value into a row error.
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.BooleanField):
            return StrictBooleanWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.BooleanField):
            kwargs["nullable"] = django_field.null
        return kwargs


def as_utf8(data):
    """A spreadsheet's bytes as UTF-8, which the import reads: UTF-8 with or without the byte
    order mark Excel writes, or else Windows-1252 (Excel for Windows' "CSV" on US systems)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            continue
    raise forms.ValidationError(
        _("The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8” and retry.")
    )


class ProgramImportForm(ImportForm):
    """Spreadsheets are small: refuse anything large or not CSV before a row is read."""

    max_bytes = 2 * 1024 * 1024

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than 2 MB. Split it into smaller files.")
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file exported from a spreadsheet."))
        return SimpleUploadedFile(upload.name, as_utf8(upload.read()), "text/csv")
