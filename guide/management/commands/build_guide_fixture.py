import csv
import json
import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.states import all_states
from guide.models import PAY_FIELDS

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "sources" / "bls"
OEWS = "oews_may2025_medical_assistants_states.csv"
OEWS_METROS = "oews_may2025_medical_assistants_metros.csv"
PROJECTIONS = "bls_employment_projections_2024-34_ma_and_related.csv"
GENERATED_MODELS = {"guide.wagefigure", "guide.outlookfigure"}
OEWS_SOURCE = {
    "slug": "bls-oews-may-2025-medical-assistants",
    "title": "Occupational Employment and Wages, May 2025: 31-9092 Medical Assistants",
    "publisher": "U.S. Bureau of Labor Statistics",
    "url": "https://www.bls.gov/oes/current/oes319092.htm",
    "kind": "official_data",
    "as_of": "May 2025",
    "accessed_on": None,
    "reviewed_on": None,
}
PROJECTIONS_SOURCE = {
    "slug": "bls-employment-projections-2024-34",
    "title": "Employment Projections 2024-34: occupations (Tables 1.2 and 1.10)",
    "publisher": "U.S. Bureau of Labor Statistics",
    "url": "https://www.bls.gov/emp/tables.htm",
    "kind": "official_data",
    "as_of": "2024-2034",
    "accessed_on": None,
    "reviewed_on": None,
}
GENERATED_SOURCES = {OEWS_SOURCE["slug"], PROJECTIONS_SOURCE["slug"]}


def _value(text):
    """BLS writes '-' (and blanks) where an estimate was not released."""
    text = (text or "").strip()
    return None if text in {"", "-", "*", "#"} else text


def _read(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _wage_fields(row, area_type, state_code, state_codes):
    return {
        "soc_code": row["soc_code"],
        "area_type": area_type,
        "area_code": row["area_code"],
        "area_name": row["area_name"],
        "state_code": state_code,
        "state_codes": " ".join(state_codes),
        "year": 2025,
        "employment": int(row["employment"]) if _value(row["employment"]) else None,
        "employment_rse": _value(row["employment_rse_pct"]),
        "wage_rse": _value(row["wage_rse_pct"]),
        "footnote_codes": " ".join(re.findall(r"\w+", row["footnote_codes"])),
        **{column: _value(row[column]) for column in PAY_FIELDS},
        "source": [OEWS_SOURCE["slug"]],
    }


def state_codes_by_fips(state_rows):
    """FIPS code to two-letter code, matched on the names BLS gives the state rows."""
    by_name = {state.name: state.code for state in all_states()}
    return {
        row["state_fips"]: by_name[row["area_name"]]
        for row in state_rows
        if row["area_type"] == "state"
    }


def metro_state_codes(row, home_code, known_codes):
    """Every state a metro area names after its comma ("..., NY-NJ"), its own state first."""
    named = row["area_name"].rpartition(", ")[2].split("-")
    return [home_code] + [code for code in named if code in known_codes and code != home_code]


def wage_rows(source_dir):
    state_rows = _read(source_dir / OEWS)
    fips = state_codes_by_fips(state_rows)
    rows = []
    for row in state_rows:
        code = fips.get(row["state_fips"], "")
        fields = _wage_fields(row, row["area_type"], code, [code] if code else [])
        rows.append({"model": "guide.wagefigure", "fields": fields})
    known_codes = set(fips.values())
    for row in _read(source_dir / OEWS_METROS):
        code = fips[row["state_fips"]]
        # BLS codes a nonmetropolitan area with its state's FIPS code in front; a metro
        # area's code is "00" and its CBSA code.
        if row["area_code"].startswith("00"):
            area_type, codes = "metro", metro_state_codes(row, code, known_codes)
        else:
            area_type, codes = "nonmetro", [code]
        rows.append(
            {"model": "guide.wagefigure", "fields": _wage_fields(row, area_type, code, codes)}
        )
    order = ["national", "state", "metro", "nonmetro"]
    rows.sort(key=lambda o: (order.index(o["fields"]["area_type"]), o["fields"]["area_name"]))
    return rows


def outlook_rows(source_dir):
    rows = []
    for row in _read(source_dir / PROJECTIONS):
        thousands = Decimal(1000)
        rows.append(
            {
                "model": "guide.outlookfigure",
                "fields": {
                    "slug": f"{row['soc_code']}-2024-2034",
                    "soc_code": row["soc_code"],
                    "occupation": row["occupation"],
                    "period_start": 2024,
                    "period_end": 2034,
                    "employment_start": int(Decimal(row["employment_2024_thousands"]) * thousands),
                    "employment_end": int(Decimal(row["employment_2034_thousands"]) * thousands),
                    "growth_pct": row["change_2024_34_percent"],
                    "openings_per_year": int(
                        Decimal(row["annual_openings_2024_34_thousands"]) * thousands
                    ),
                    "source": [PROJECTIONS_SOURCE["slug"]],
                },
            }
        )
    return rows


def with_spanish(source, objects):
    """The generated source with the Spanish texts (and their English fingerprints) its row in
    the file already has, while its English is the same: translators add those to the file."""
    old = next(
        (
            obj["fields"]
            for obj in objects
            if obj["model"] == "guide.source" and obj["fields"]["slug"] == source["slug"]
        ),
        {},
    )
    if any(old.get(name) != value for name, value in source.items()):
        return source
    kept = {name: value for name, value in old.items() if name not in source}
    return {**source, **kept}


class Command(BaseCommand):
    help = (
        "Regenerate the BLS wage rows (nation, states, metro and nonmetropolitan areas) and "
        "outlook rows of fixtures/guide.json from fixtures/sources/bls/, keeping every "
        "hand-written object as it is. "
        "Running it twice gives the same file byte for byte."
    )

    def add_arguments(self, parser):
        fixture = settings.BASE_DIR / "fixtures" / "guide.json"
        parser.add_argument("--input", default=str(fixture))
        parser.add_argument("--output", default=str(fixture))
        parser.add_argument("--source", default=str(SOURCE_DIR))

    def handle(self, *args, input, output, source, **options):
        objects = json.loads(Path(input).read_text(encoding="utf-8"))
        kept = [
            obj
            for obj in objects
            if obj["model"] not in GENERATED_MODELS
            and not (obj["model"] == "guide.source" and obj["fields"]["slug"] in GENERATED_SOURCES)
        ]
        source_dir = Path(source)
        generated = [
            {"model": "guide.source", "fields": with_spanish(OEWS_SOURCE, objects)},
            {"model": "guide.source", "fields": with_spanish(PROJECTIONS_SOURCE, objects)},
            *wage_rows(source_dir),
            *outlook_rows(source_dir),
        ]
        text = json.dumps(kept + generated, indent=2, ensure_ascii=False) + "\n"
        Path(output).write_text(text, encoding="utf-8")
        self.stdout.write(f"{len(generated)} BLS objects written to {output}")
