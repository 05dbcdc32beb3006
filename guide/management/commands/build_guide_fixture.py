import csv
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "sources" / "bls"
OEWS = "oews_may2025_medical_assistants_states.csv"
PROJECTIONS = "bls_employment_projections_2024-34_ma_and_related.csv"
TERRITORIES = {"66", "72", "78"}
GENERATED_MODELS = {"guide.wagefigure", "guide.outlookfigure"}
OEWS_SOURCE = {
    "slug": "bls-oews-may-2025-medical-assistants",
    "title": "Occupational Employment and Wages, May 2025: 31-9092 Medical Assistants",
    "publisher": "U.S. Bureau of Labor Statistics",
    "url": "https://www.bls.gov/oes/current/oes319092.htm",
    "kind": "official_data",
    "as_of": "May 2025",
    "accessed_on": None,
    "reviewed_on": "2026-11-22",
}
PROJECTIONS_SOURCE = {
    "slug": "bls-employment-projections-2024-34",
    "title": "Employment Projections 2024-34: occupations (Tables 1.2 and 1.10)",
    "publisher": "U.S. Bureau of Labor Statistics",
    "url": "https://www.bls.gov/emp/tables.htm",
    "kind": "official_data",
    "as_of": "2024-2034",
    "accessed_on": None,
    "reviewed_on": "2026-11-22",
}
GENERATED_SOURCES = {OEWS_SOURCE["slug"], PROJECTIONS_SOURCE["slug"]}
WAGE_COLUMNS = [
    "annual_mean",
    "hourly_mean",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
]
STATE_CODES = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
}


def _value(text):
    """BLS writes '-' (and blanks) where an estimate was not released."""
    text = (text or "").strip()
    return None if text in {"", "-", "*", "#"} else text


def _read(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def wage_rows(source_dir):
    rows = []
    for row in _read(source_dir / OEWS):
        if row["area_type"] not in {"national", "state"} or row["state_fips"] in TERRITORIES:
            continue
        fields = {
            "soc_code": row["soc_code"],
            "area_type": row["area_type"],
            "area_code": row["area_code"],
            "area_name": row["area_name"],
            "state_code": STATE_CODES.get(row["state_fips"], ""),
            "year": 2025,
            "employment": int(row["employment"]) if _value(row["employment"]) else None,
            **{column: _value(row[column]) for column in WAGE_COLUMNS},
            "source": [OEWS_SOURCE["slug"]],
        }
        rows.append({"model": "guide.wagefigure", "fields": fields})
    rows.sort(key=lambda o: (o["fields"]["area_type"] != "national", o["fields"]["area_name"]))
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


class Command(BaseCommand):
    help = (
        "Regenerate the BLS wage and outlook rows of fixtures/guide.json from "
        "fixtures/sources/bls/, keeping every hand-written object as it is. "
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
            {"model": "guide.source", "fields": OEWS_SOURCE},
            {"model": "guide.source", "fields": PROJECTIONS_SOURCE},
            *wage_rows(source_dir),
            *outlook_rows(source_dir),
        ]
        text = json.dumps(kept + generated, indent=2, ensure_ascii=False) + "\n"
        Path(output).write_text(text, encoding="utf-8")
        self.stdout.write(f"{len(generated)} BLS objects written to {output}")
