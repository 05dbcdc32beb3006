"""Whole tables to download, as CSV or JSON: every published program, and every pay figure.

Each file names its sources and periods and the moment the site's data last changed: the CSV in
columns of every row, the JSON in its header, beside the data dictionary.
"""

import csv
import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict, StreamingHttpResponse
from rest_framework import serializers

from api.dictionary import PAY, PROGRAMS
from api.programs import programs_for
from api.serializers import ProgramSerializer, WageFigureSerializer, number
from core.cache import data_version
from guide.models import Source, WageFigure
from programs.models import Program

CHUNK = 500


class ProgramRowSerializer(ProgramSerializer):
    """A program as the download has it: the listing's fields, the reported cost's parts and
    the sources of its figures."""

    tuition_fees = serializers.SerializerMethodField()
    books_supplies = serializers.SerializerMethodField()
    other_costs = serializers.SerializerMethodField()
    estimate_years = serializers.SerializerMethodField()

    class Meta(ProgramSerializer.Meta):
        fields = [
            *ProgramSerializer.Meta.fields,
            "tuition_fees",
            "books_supplies",
            "other_costs",
            "estimate_years",
            "cost_source",
            "length_source",
            "graduates_source",
            "data_source",
            "data_as_of",
        ]

    @staticmethod
    def reported_part(program, name):
        # The parts of a reported price only: a flagged price shows none of them.
        reported = program.total_cost is not None and not program.cost_is_estimate
        return number(getattr(program, name)) if reported else None

    def get_tuition_fees(self, program) -> float | None:
        return self.reported_part(program, "tuition_fees")

    def get_books_supplies(self, program) -> float | None:
        return self.reported_part(program, "books_supplies")

    def get_other_costs(self, program) -> float | None:
        return self.reported_part(program, "other_costs")

    def get_estimate_years(self, program) -> float | None:
        return number(program.estimate_years) if program.cost_is_estimate else None


def flat(row, built):
    """One level: nested objects as prefix_field, lists joined by “|”."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update({f"{key}_{inner}": v for inner, v in value.items()})
        elif isinstance(value, list):
            out[key] = "|".join(str(item) for item in value)
        else:
            out[key] = value
    out["data_built"] = built
    return out


def built_at():
    return datetime.datetime.fromtimestamp(data_version() / 1e9, tz=datetime.UTC).isoformat(
        timespec="seconds"
    )


def program_rows(request, built):
    programs = programs_for(QueryDict(), everything=True).programs
    serializer = ProgramRowSerializer(context={"request": request})
    for program in programs:
        yield flat(serializer.to_representation(program), built)


def pay_rows(request, built):
    figures = WageFigure.objects.select_related("source").order_by("-year", "area_type", "pk")
    serializer = WageFigureSerializer(context={"request": request})
    for figure in figures.iterator(chunk_size=CHUNK):
        yield flat(serializer.to_representation(figure), built)


class _Echo:
    def write(self, value):
        return value


def as_csv(dataset, rows):
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.names)
    for row in rows:
        yield writer.writerow(["" if row[name] is None else row[name] for name in dataset.names])


def as_json(dataset, rows, built, provenance):
    """The header (dataset, date, sources, periods, dictionary), then the rows, streamed."""
    sources, periods = provenance
    head = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "data_built": built,
        "sources": sources,
        "periods": periods,
        "dictionary": {name: str(meaning) for name, meaning in dataset.columns},
    }
    yield json.dumps(head, cls=DjangoJSONEncoder)[:-1] + ', "rows": ['
    for index, row in enumerate(rows):
        kept = {name: row[name] for name in dataset.names}
        yield ("," if index else "") + json.dumps(kept, cls=DjangoJSONEncoder)
    yield "]}"


def program_provenance():
    """The sources and periods the published programs' figures name, in two queries."""
    public = Program.objects.published().order_by()
    sources = set()
    for names in public.values_list(*SOURCE_COLUMNS).distinct():
        sources.update(name for name in names if name)
    periods = set()
    for values in public.values_list("data_as_of", "graduates_year").distinct():
        periods.update(value for value in values if value)
    return sorted(sources), sorted(periods)


def pay_provenance():
    """The pay tables' sources and reference periods, in two queries."""
    sources = Source.objects.filter(wage_figures__isnull=False).distinct().order_by("slug")
    years = WageFigure.objects.order_by("-year").values_list("year", flat=True).distinct()
    return (
        [
            {"title": s.title, "publisher": s.publisher, "url": s.url, "as_of": s.as_of}
            for s in sources
        ],
        [str(WageFigure(year=year).reference_period) for year in years],
    )


TABLES = {
    "programs": (PROGRAMS, program_rows, program_provenance),
    "pay": (PAY, pay_rows, pay_provenance),
}
SOURCE_COLUMNS = ("cost_source", "length_source", "graduates_source", "data_source")


def download(request, table, file_format):
    dataset, rows_of, provenance = TABLES[table]
    built = built_at()
    rows = rows_of(request, built)
    name = f"medical-assistant-{table}-{built[:10]}.{file_format}"
    if file_format == "csv":
        body, content_type = as_csv(dataset, rows), "text/csv; charset=utf-8"
    else:
        body = as_json(dataset, rows, built, provenance())
        content_type = "application/json"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
