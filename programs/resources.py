"""The spreadsheet form of a program: every column once, for the editors' CSV export and
import in admin, and the readers' CSV export (/programs/export.csv), which takes a subset."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.forms import ImportForm

from certifications.models import Certification
from programs.models import Program, School, hours_unit_label


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

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "yes" if value else "no"


def yes_or_no(value):
    """A yes/no cell for readers, in the language of the page they asked from (the editors'
    files keep StrictBooleanWidget's English words, which the import reads)."""
    if value is None:
        return ""
    return _("yes") if value else _("no")


def plain_number(value):
    """A number cell as a spreadsheet may write it (“1,857.00”, “$1,857”) without the dollar
    sign and thousands separators, which Decimal and int do not read."""
    if isinstance(value, str):
        return value.strip().removeprefix("$").replace(",", "")
    return value


class ReadableDecimalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(plain_number(value), row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not a number") % {"value": value}) from None


class ReadableIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(plain_number(value), row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not a whole number") % {"value": value}) from None


class ReadableDateWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write it as 2026-03-31") % {"value": value}
            ) from None


class ChoiceWidget(widgets.CharWidget):
    """A column with a fixed list of codes: an unknown code is an error naming the codes."""

    def __init__(self, choices=(), **kwargs):
        self.codes = [code for code, _label in choices]
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        code = super().clean(value, row, **kwargs)
        if code not in self.codes:
            raise ValueError(
                _("“%(value)s” is not allowed here: write one of %(codes)s")
                % {"value": code, "codes": ", ".join(self.codes)}
            )
        return code


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("no %(model)s with the slug “%(value)s”")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An import cleans a row's cell more than once (the row check in import_instance,
        # skip_row, save_m2m when confirmed): look each distinct cell up once. Each resource
        # deep-copies its fields, so this lives for one import.
        self.resolved = {}

    def clean(self, value, row=None, **kwargs):
        key = str(value or "")
        if key not in self.resolved:
            self.resolved[key] = self.resolve(value, row, **kwargs)
        return self.resolved[key]

    def resolve(self, value, row=None, **kwargs):
        found = list(super().clean(value, row, **kwargs))
        slugs = [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]
        unknown = sorted(set(slugs) - {getattr(obj, self.field) for obj in found})
        if unknown:
            raise ValueError(
                _("no %(model)s with the slug “%(value)s”: write %(allowed)s, separated by “|”")
                % {
                    "model": self.model._meta.verbose_name,
                    "value": ", ".join(unknown),
                    "allowed": ", ".join(
                        self.model.objects.order_by(self.field).values_list(self.field, flat=True)
                    ),
                }
            )
        return found


# An import-only column: “yes” says the row's source now gives its changed figures.
SAME_SOURCE = "same_source"


def plausible(instance, name):
    """Whether a field's value passes the field's own validators."""
    try:
        instance._meta.get_field(name).run_validators(getattr(instance, name))
    except ValidationError:
        return False
    return True


def same_cell(cell, exported):
    """Whether a cell still says what the export wrote: numbers compared as numbers (a
    spreadsheet writes 10000.00 as 10000), text without surrounding spaces."""
    cell, exported = str(cell).strip(), str(exported).strip()
    try:
        return Decimal(plain_number(cell)) == Decimal(exported)
    except InvalidOperation:
        return cell.casefold() == exported.casefold()


class UnknownColumns(ValueError):
    """Header cells that name no column: a misspelt column would otherwise be ignored."""

    def __init__(self, columns):
        self.columns = columns
        super().__init__(", ".join(columns))


@dataclass
class Problem:
    """One thing wrong in an uploaded spreadsheet, where the editor finds it (row None: the
    file as a whole)."""

    row: int | None
    column: str
    value: str
    message: str

    @property
    def names_value(self):
        """Our own messages quote the value; Django's model checks do not."""
        return f"“{self.value}”" in self.message


class ProgramResource(resources.ModelResource):
    school = fields.Field(
        attribute="school",
        column_name="school",
        widget=SlugForeignKeyWidget(School, field="slug"),
    )
    certifications = fields.Field(
        attribute="certifications",
        column_name="certifications",
        widget=SlugManyToManyWidget(Certification, field="slug", separator="|"),
    )
    # Named apart from its column: the export form's own "format" (file type) field would
    # otherwise swallow the column's tick box and drop it from every export.
    delivery_format = fields.Field(
        attribute="format",
        column_name="format",
        widget=ChoiceWidget(choices=Program.Format.choices),
    )
    total_cost = fields.Field(attribute="total_cost", column_name="total_cost", readonly=True)
    cost_is_estimate = fields.Field(
        attribute="cost_is_estimate",
        column_name="cost_is_estimate",
        readonly=True,
        widget=StrictBooleanWidget(),
    )
    # Read-only: which school and page a row is, for people reading the spreadsheet.
    school_name = fields.Field(attribute="school__name", column_name="school_name", readonly=True)
    city = fields.Field(attribute="school__city", column_name="city", readonly=True)
    state = fields.Field(attribute="school__state", column_name="state", readonly=True)
    page = fields.Field(column_name="page", readonly=True)

    class Meta:
        model = Program
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "school",
            "school_name",
            "city",
            "state",
            "name",
            "credential",
            "delivery_format",
            "format_confirmed",
            "length_months",
            "reported_length_months",
            "length_suspect",
            "length_hours",
            "length_hours_unit",
            "tuition_fees",
            "books_supplies",
            "other_costs",
            "total_cost",
            "cost_is_estimate",
            "estimated_cost",
            "estimated_cost_out_of_state",
            "cost_suspect",
            "cost_source",
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
            "graduates_per_year",
            "graduates_year",
            "last_verified",
            "published",
            "page",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        # full_clean() on every row turns an unknown choice or a bad value into a row error.
        clean_model_instances = True
        use_transactions = True

    def get_user_visible_fields(self):
        # The import page lists the columns an import reads; the read-only ones are for reading.
        return [field for field in self.get_import_fields() if not field.readonly]

    def dehydrate_page(self, program):
        # A row being imported may have no slug yet, hence no address.
        return program.get_absolute_url() if program.slug else ""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # Each bad value becomes a ValueError naming it, which the import reports as an error
        # in its row and column; other exceptions would stop at the first row's first error.
        if isinstance(f, models.BooleanField):
            return StrictBooleanWidget
        if f.choices:
            return ChoiceWidget
        if isinstance(f, models.DecimalField):
            return ReadableDecimalWidget
        if isinstance(f, models.IntegerField):
            return ReadableIntegerWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return ReadableDateWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.BooleanField):
            kwargs["nullable"] = django_field.null
        if django_field.choices:
            kwargs["choices"] = django_field.choices
        return kwargs

    def import_instance(self, instance, row, **kwargs):
        # The library reads many-to-many columns only when saving, and quietly drops unknown
        # slugs there: read them here too, so they are reported with the row's other errors.
        errors = {}
        exported = self.read_only_cells(instance) if instance.pk else {}
        before = {name: getattr(instance, name) for name in self.figure_names()}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        errors.update(self.changed_read_only_cells(exported, row))
        if instance.pk:
            errors.update(self.figures_without_source(instance, before, row))
        if errors:
            raise ValidationError(errors)

    def figure_names(self):
        return [name for names in Program.figure_sources.values() for name in names]

    def figures_without_source(self, instance, before, row):
        """The admin form's rule, for a spreadsheet: a changed figure needs its source column
        changed too, or “yes” in the same_source column."""
        try:
            same_source = StrictBooleanWidget(nullable=True).clean(row.get(SAME_SOURCE))
        except ValueError as error:
            return {SAME_SOURCE: ValidationError(str(error), code="invalid")}
        if same_source:
            return {}
        errors = {}
        for source, figures in Program.figure_sources.items():
            # A figure its own checks refuse is reported by them, not as a missing source.
            changed = [
                name
                for name in figures
                if getattr(instance, name) != before[name] and plausible(instance, name)
            ]
            if changed and getattr(instance, source) == self.original_source(instance, source):
                errors[source] = ValidationError(
                    _(
                        "%(figures)s changed but %(source)s did not. Give the source of the new "
                        "value, or write yes in a %(same)s column."
                    )
                    % {"figures": ", ".join(changed), "source": source, "same": SAME_SOURCE},
                    code="figure_without_source",
                )
        return errors

    @staticmethod
    def original_source(instance, source):
        return Program.objects.filter(pk=instance.pk).values_list(source, flat=True).first()

    def read_only_cells(self, instance):
        """The read-only columns as the export wrote them for this row."""
        return {
            field.column_name: str(self.export_field(field, instance))
            for field in self.get_export_fields()
            if field.readonly
        }

    def changed_read_only_cells(self, exported, row):
        """Read-only columns are for reading: a cell changed there would be lost in silence."""
        errors = {}
        for column, value in exported.items():
            cell = row.get(column)
            if cell is None or same_cell(cell, value):
                continue
            errors[column] = ValidationError(
                _(
                    "“%(value)s” differs from “%(exported)s”, but this column is read-only "
                    "here: change it where it belongs (the school's own row for its name, city "
                    "and state), or leave the cell as exported."
                )
                % {"value": cell, "exported": value},
                code="read_only",
            )
        return errors

    def before_import(self, dataset, **kwargs):
        known = {field.column_name for field in self.get_export_fields()} | {SAME_SOURCE}
        unknown = [header for header in dataset.headers if header not in known]
        if unknown:
            raise UnknownColumns(unknown)

    def problems(self, result):
        """Every error of an import, each with its spreadsheet row (the header is row 1), its
        column and the value found there, in the order of the file."""
        columns = {field.attribute: field.column_name for field in self.get_import_fields()}
        found = []
        for base in result.base_errors:
            if isinstance(base.error, UnknownColumns):
                allowed = ", ".join(field.column_name for field in self.get_export_fields())
                for column in base.error.columns:
                    message = _("“%(value)s” is not a column here: the columns are %(allowed)s")
                    found.append(
                        Problem(1, column, column, message % {"value": column, "allowed": allowed})
                    )
            else:
                found.append(Problem(None, "", "", str(base.error)))
        for invalid in result.invalid_rows:
            values = dict(zip(result.diff_headers, invalid.values, strict=True))
            for attribute, messages in invalid.error_dict.items():
                column = "" if attribute == NON_FIELD_ERRORS else columns.get(attribute, attribute)
                value = values.get(column, "")
                for message in messages:
                    found.append(Problem(invalid.number + 1, column, value, message))
        for number, errors in result.row_errors():
            for error in errors:
                found.append(Problem(number + 1, "", "", str(error.error)))
        return sorted(found, key=lambda problem: problem.row or 0)


class PublicProgramResource(ProgramResource):
    """The readers' CSV: the editors' columns a reader needs, under plain headings, with each
    figure as the program's page shows it (a flagged figure left out, labels for codes)."""

    # Only the finder knows how far a program is from the reader's ZIP code.
    distance = fields.Field(attribute="distance", column_name="distance", readonly=True)

    class Meta(ProgramResource.Meta):
        fields = [*ProgramResource.Meta.fields, "distance"]

    # The editors' field behind each reader column, in the readers' order, and its heading in
    # the language of the page the reader asked from (/es/programs/export.csv: Spanish). The
    # one code-like heading, cost_is_estimate, is the editors' column name in any language.
    headings = {
        "school_name": gettext_lazy("School"),
        "city": gettext_lazy("City"),
        "state": gettext_lazy("State"),
        "name": gettext_lazy("Program"),
        "credential": gettext_lazy("Credential"),
        "delivery_format": gettext_lazy("Format"),
        "format_confirmed": gettext_lazy("Format confirmed"),
        "length_months": gettext_lazy("Length (months)"),
        "reported_length_months": gettext_lazy("Reported length, flagged (months)"),
        "length_hours": gettext_lazy("Length (hours)"),
        "length_hours_unit": gettext_lazy("Hours unit"),
        "tuition_fees": gettext_lazy("Tuition and fees ($)"),
        "books_supplies": gettext_lazy("Books and supplies ($)"),
        "total_cost": gettext_lazy("Total cost ($)"),
        "cost_is_estimate": "cost_is_estimate",
        "estimated_cost_out_of_state": gettext_lazy("Estimated cost, out of state ($)"),
        "cost_source": gettext_lazy("Cost source"),
        "accreditation": gettext_lazy("Accreditation"),
        "graduates_per_year": gettext_lazy("Graduates"),
        "graduates_year": gettext_lazy("Graduates year"),
        "distance": gettext_lazy("Distance (miles)"),
        "page": gettext_lazy("Page"),
    }

    def get_export_fields(self, selected_fields=None):
        return [self.fields[name] for name in self.headings]

    def get_export_headers(self, selected_fields=None):
        return [str(heading) for heading in self.headings.values()]

    def rows(self, programs):
        """The heading row, then one row per program, one at a time for streaming."""
        # What export_field() looks up for every cell, looked up once per column.
        columns = [
            getattr(self, f"dehydrate_{name}", None) or self.fields[name].export
            for name in self.headings
        ]
        yield self.get_export_headers()
        for program in programs:
            yield [column(program) for column in columns]

    def dehydrate_credential(self, program):
        return program.credential_label

    def dehydrate_delivery_format(self, program):
        return program.format_label

    def dehydrate_reported_length_months(self, program):
        return program.reported_length_months if program.length_suspect else ""

    def dehydrate_tuition_fees(self, program):
        return "" if program.cost_suspect else program.tuition_fees

    def dehydrate_estimated_cost_out_of_state(self, program):
        return program.estimated_cost_out_of_state if program.cost_is_estimate else ""

    def dehydrate_accreditation(self, program):
        return program.accreditation_label

    def dehydrate_format_confirmed(self, program):
        return yes_or_no(program.format_confirmed)

    def dehydrate_cost_is_estimate(self, program):
        return yes_or_no(program.cost_is_estimate)

    def dehydrate_length_hours_unit(self, program):
        return hours_unit_label(program.length_hours_unit, program.length_hours or 0)

    def dehydrate_cost_source(self, program):
        return program.cost_source_label

    def dehydrate_distance(self, program):
        distance = getattr(program, "distance", None)
        return "" if distance is None else f"{distance:.1f}"


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
