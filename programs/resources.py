"""The spreadsheet form of a program, for editors' CSV export and import in admin."""

from import_export import fields, resources, widgets

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
            "length_is_typical",
            "tuition_fees",
            "books_supplies",
            "other_costs",
            "total_cost",
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
