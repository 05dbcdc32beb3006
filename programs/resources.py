"""The spreadsheet form of a program, for editors' CSV export and import in admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.forms import ImportForm

from certifications.models import Certification
from programs.models import Program, School


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
            "format",
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
        return upload
