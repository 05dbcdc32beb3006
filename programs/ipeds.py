"""Turn the federal IPEDS records of schools that train MAs into School and Program rows.

The rules, also shown to readers on the "About our data" page:

1. One program per open school (in the HD2024 directory) and IPEDS award level with graduates
   in at least one of the last three academic years in the file. Closed or merged schools are
   left out. Award levels above a bachelor's degree are left out: they are not MA entry programs.
2. The credential comes from the IPEDS award level.
3. Cost and length come from the IPEDS program-cost file (IC2023_PY) where the school reports
   them: matched directly when the school has one MA award level, otherwise by length. Tuition
   above $50,000 is flagged as suspect and not shown. With no cost reported, cost is unknown
   (never zero); a blank books figure is unknown too.
4. With no length reported, the credential's typical length is used and marked as typical.
5. Format: IPEDS describes the school, not the program, so the format is a best guess (online
   when every program of the school is offered only at a distance, otherwise on campus) and is
   marked unconfirmed until an editor checks it.
6. Accreditation: ABHES when the school's IPEDS unit ID has a 2020 DAPIP ABHES medical-assisting
   record without an end date, noted "ABHES (2020 record, not re-checked)"; otherwise unknown
   until an editor checks it. CAAHEP is not in DAPIP at all.
7. Size: graduates in the latest year with a record for that award level, with the year.
8. Every imported value names its source and year.
"""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

SOURCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "sources" / "ipeds"
INSTITUTIONS = "ipeds_ma_institutions.csv"
COMPLETIONS = "ipeds_ma_completions_2019-20_to_2023-24.csv"
COSTS = "ipeds_ma_program_costs_2023-24.csv"
ABHES = "dapip_2020_abhes_medical_assisting_accreditation.csv"

RECENT_YEARS = 3
SUSPECT_TUITION = Decimal("50000")

# IPEDS award level -> (credential, typical months, months range a reported length may fall in)
AWARD_LEVELS = {
    "20": ("short_certificate", Decimal("2"), (0, 3)),
    "21": ("certificate", Decimal("9"), (3, 12)),
    "2": ("diploma", Decimal("12"), (12, 24)),
    "3": ("associate", Decimal("24"), (15, 30)),
    "4": ("advanced_certificate", Decimal("36"), (24, 48)),
    "5": ("bachelor", Decimal("48"), (36, 60)),
}
CREDENTIAL_NAMES = {
    "short_certificate": "Medical Assisting, certificate (under 12 weeks)",
    "certificate": "Medical Assisting, certificate (under 1 year)",
    "diploma": "Medical Assisting, certificate or diploma (1 to 2 years)",
    "associate": "Medical Assisting, associate degree",
    "advanced_certificate": "Medical Assisting, certificate (2 to 4 years)",
    "bachelor": "Medical Assisting, bachelor's degree",
}
COST_SOURCE = "IPEDS 2023-24 program-cost survey (IC2023_PY)"
TYPICAL_LENGTH_SOURCE = "Typical length of this credential; the school reported none to IPEDS"
SCHOOL_SOURCE = "IPEDS institutional directory (HD2024)"
ABHES_NOTE = "ABHES (2020 record, not re-checked)"

_validate_url = URLValidator(schemes=["http", "https"])


@dataclass
class Mapped:
    schools: list = field(default_factory=list)
    programs: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)

    def skip(self, reason):
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read_csv(directory, name):
    with (Path(directory) / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def clean_url(value):
    """IPEDS often gives bare host names; add https:// and drop anything that is not a URL."""
    value = (value or "").strip()
    if not value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        _validate_url(value)
    except ValidationError:
        return ""
    return value[:500]


def money(value):
    value = (value or "").strip()
    return Decimal(value).quantize(Decimal("0.01")) if value else None


def number(value, kind=Decimal):
    value = (value or "").strip()
    return kind(value) if value else None


def coordinate(value):
    value = (value or "").strip()
    try:
        return float(value) if value else None
    except ValueError:
        return None


def school_slugs(institutions):
    """name-city slugs, with the unit ID appended where two schools would share one."""
    base = {row["unitid"]: slugify(f"{row['name']} {row['city']}")[:100] for row in institutions}
    counts = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {
        unitid: slug if counts[slug] == 1 else f"{slug}-{unitid}" for unitid, slug in base.items()
    }


def abhes_unitids(rows):
    """Unit IDs with a 2020 ABHES medical-assisting record that had no end date."""
    ids = set()
    for row in rows:
        if row["accreditation_end_date"].strip():
            continue
        ids.update(re.findall(r"\d{6}", row["ipeds_unitids"]))
    return ids


def match_costs(levels, cost_rows):
    """Map award level -> cost row: directly for a single level, otherwise by length."""
    if not cost_rows:
        return {}
    if len(levels) == 1:
        (level,) = levels
        low, high = AWARD_LEVELS[level][2]
        fitting = [r for r in cost_rows if low <= float(r["months_to_complete"] or 0) < high]
        chosen = fitting or sorted(cost_rows, key=lambda r: int(r["program_rank"]))
        return {level: chosen[0]}
    matched = {}
    for row in cost_rows:
        months = number(row["months_to_complete"], float)
        if months is None:
            continue
        fits = [
            lvl for lvl in levels if AWARD_LEVELS[lvl][2][0] <= months < AWARD_LEVELS[lvl][2][1]
        ]
        if len(fits) == 1 and fits[0] not in matched:
            matched[fits[0]] = row
    return matched


def map_ipeds(directory=SOURCE_DIR):
    institutions = read_csv(directory, INSTITUTIONS)
    completions = read_csv(directory, COMPLETIONS)
    costs = read_csv(directory, COSTS)
    accredited = abhes_unitids(read_csv(directory, ABHES))

    years = sorted({row["academic_year"] for row in completions})
    recent = set(years[-RECENT_YEARS:])
    latest = {}
    active = set()
    for row in completions:
        key = (row["unitid"], row["award_level_code"])
        graduates = int(row["completions_total"] or 0)
        if row["academic_year"] in recent and graduates > 0:
            active.add(key)
        if key not in latest or row["academic_year"] > latest[key][0]:
            latest[key] = (row["academic_year"], graduates)

    costs_by_school = {}
    for row in costs:
        if row["cipcode"].strip() == "51.0801":
            costs_by_school.setdefault(row["unitid"], []).append(row)

    result = Mapped()
    slugs = school_slugs(institutions)
    for school in sorted(institutions, key=lambda row: slugs[row["unitid"]]):
        unitid = school["unitid"]
        levels = sorted(
            {level for (uid, level) in active if uid == unitid},
            key=lambda level: list(AWARD_LEVELS).index(level) if level in AWARD_LEVELS else 99,
        )
        if school["in_hd2024_directory"].strip().lower() != "yes":
            result.skip("closed school")
            continue
        unknown_levels = [level for level in levels if level not in AWARD_LEVELS]
        for _ in unknown_levels:
            result.skip("award level above a bachelor's degree")
        levels = [level for level in levels if level in AWARD_LEVELS]
        if not levels:
            result.skip("no graduates in the last three years")
            continue
        result.schools.append(
            {
                "slug": slugs[unitid],
                "ipeds_unitid": int(unitid),
                "name": school["name"].strip()[:200],
                "alias": school["alias"].strip()[:300],
                "address": school["address"].strip()[:200],
                "city": school["city"].strip()[:100],
                "state": school["state"].strip()[:2],
                "zip_code": school["zip"].strip()[:10],
                "latitude": coordinate(school["latitude"]),
                "longitude": coordinate(school["longitude"]),
                "sector": school["sector"].strip()[:80],
                "website": clean_url(school["website"]),
                "net_price_calculator_url": clean_url(school["net_price_calculator_url"]),
                "is_open": True,
                "data_source": SCHOOL_SOURCE,
            }
        )
        matched = match_costs(levels, costs_by_school.get(unitid, []))
        for level in levels:
            result.programs.append(
                map_program(slugs[unitid], level, school, matched.get(level), latest, accredited)
            )
    return result


def map_program(school_slug, level, school, cost, latest, accredited):
    credential, typical_months, _ = AWARD_LEVELS[level]
    year, graduates = latest[(school["unitid"], level)]
    program = {
        "school": school_slug,
        "slug": f"{school_slug}-{credential.replace('_', '-')}",
        "name": CREDENTIAL_NAMES[credential],
        "credential": credential,
        "ipeds_award_level": int(level),
        "format": "online" if school["all_programs_distance_only"].strip() == "yes" else "campus",
        "format_confirmed": False,
        "length_months": typical_months,
        "length_is_typical": True,
        "length_hours": None,
        "length_hours_unit": "",
        "length_source": TYPICAL_LENGTH_SOURCE,
        "tuition_fees": None,
        "books_supplies": None,
        "cost_suspect": False,
        "cost_source": "Not reported to IPEDS",
        "accreditation": "unknown",
        "accreditation_note": "",
        "graduates_per_year": graduates,
        "graduates_year": year,
        "graduates_source": f"IPEDS Completions {year}, CIP 51.0801, award level {level}",
        "data_source": "NCES IPEDS (Completions 2019-20 to 2023-24, HD2024, IC2023_PY)",
        "data_as_of": year,
    }
    if cost:
        months = number(cost["months_to_complete"])
        if months is not None:
            program.update(
                length_months=months.quantize(Decimal("0.1")),
                length_is_typical=False,
                length_hours=number(cost["program_length"], int),
                length_hours_unit=cost["program_length_unit"].strip(),
                length_source=COST_SOURCE,
            )
        tuition = money(cost["tuition_fees_full_program"])
        if tuition is not None:
            program.update(
                tuition_fees=tuition,
                books_supplies=money(cost["books_supplies_full_program"]),
                cost_suspect=tuition > SUSPECT_TUITION,
                cost_source=COST_SOURCE,
            )
    if school["unitid"] in accredited:
        program.update(accreditation="abhes", accreditation_note=ABHES_NOTE)
    return program


def total_cost(program):
    """The same rule as Program.compute_total_cost, for fixture rows that skip save()."""
    if program["tuition_fees"] is None or program["cost_suspect"]:
        return None
    extras = [program["books_supplies"]]
    return program["tuition_fees"] + sum((x for x in extras if x is not None), Decimal(0))
