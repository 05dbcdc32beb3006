"""Turn the federal IPEDS and College Scorecard records of schools that train MAs into rows.

The rules, also shown to readers on the "About our data" page:

1. One program per open school (in the HD2024 directory) and IPEDS award level with graduates
   in at least one of the last three academic years in the file. Closed or merged schools are
   left out. Award levels above a bachelor's degree are left out: they are not MA entry programs.
2. The credential comes from the IPEDS award level. IPEDS measures award levels in full-time
   academic years, defined by hours, not calendar months: under 12 weeks is under 300 clock
   hours (9 semester or trimester credits, 13 quarter credits); under one academic year is under
   900 clock hours (30 semester, 45 quarter credits); one but under two years is 900 to 1,799
   clock hours (30 to 59 semester, 45 to 89 quarter credits); two but under four years doubles
   that. A nine-month, 900-hour diploma is therefore a program of "one academic year or more".
3. Cost and length come from the IPEDS program-cost file (IC2023_PY), which gives one cost per
   school for its MA program (CIP 51.0801), with its length in months and in clock or credit
   hours. IC2023_PY does not say whether credit hours are semester or quarter hours (that is
   the school's calendar system, not in our files), so credit hours fit a level when they fit
   it on either scale. A cost goes to an award level by the first rule that decides
   (the rule is stored with the program as cost_match):
   a. the school has one MA award level and one cost: they belong together;
   b. otherwise each cost goes to the level whose hours it fits, one cost per level;
   c. where the hours fit more than one way, the pairing whose reported months are closer to
      the levels' lengths wins (reading an academic year as about nine months);
   d. a cost whose hours fit none of the school's levels goes to none: its price, hours and
      weeks are another program's, so a level left without a cost shows "not reported" and
      names the school's other prices as theirs.
4. Length: only what the program reported, never a typical figure or one derived from
   another: months, hours and weeks as IC2023_PY gives them (weeks only for the school's
   largest program, rank 1; IPEDS asks no weeks of the others, which show none). A reported
   length is flagged, shown as "reported as ..." and left out of filters and sorts when a
   certificate reports more than 24 months, or its months disagree with its hours by more
   than a factor of two (reading an academic year as about nine months), or its credit hours
   come to more than a full-time student can take a month (MAX_CREDITS_A_MONTH). Tuition
   above $50,000 is flagged the same way. With no cost reported, cost is unknown (never
   zero); a blank books figure is unknown too.
5. Estimated cost, for programs with no reported cost at schools whose College Scorecard
   record (2023-24) gives annual tuition: (annual tuition and fees + books and supplies)
   times the program's length in academic years. Programs without a reported length take the
   shortest length their credential allows: one year for a certificate of a year or more, two
   for an associate degree, four for a bachelor's. Certificates under one year without a
   reported length get no estimate. The rate is the lowest published one (in-district at
   public colleges); the out-of-state figure is kept beside it. Every program that reported
   a length here also reported its cost, so estimates use the credential's shortest length.
   The Scorecard's program-year tuition is never used: it is the price of the school's largest
   program, which is usually not MA.
6. School-wide Scorecard figures (completion within 150% of normal time, average net price,
   Pell share, median debt of completers) are stored on the school with their years.
7. Format: IPEDS describes the school, not the program, so the format is a best guess (online
   when every program of the school is offered only at a distance, otherwise on campus) and is
   marked unconfirmed until an editor checks it.
8. Accreditation: ABHES when a 2020 DAPIP ABHES medical-assisting record without an end date
   names the school's IPEDS unit ID and either names this credential (associate degree, or
   certificate or diploma) or names none (the "private schools and programs" records), noted
   "ABHES (2020 record, not re-checked)"; otherwise unknown until an editor checks it. CAAHEP
   is not in DAPIP at all.
9. Size: graduates in the latest year with a record for that award level, with the year.
10. Every imported value names its source and year.
"""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, permutations
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from programs.pricing import whole_program_cost

SOURCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "sources" / "ipeds"
INSTITUTIONS = "ipeds_ma_institutions.csv"
COMPLETIONS = "ipeds_ma_completions_2019-20_to_2023-24.csv"
COSTS = "ipeds_ma_program_costs_2023-24.csv"
ABHES = "dapip_2020_abhes_medical_assisting_accreditation.csv"
SCORECARD = "scorecard_ma_institutions_2023-24.csv"

RECENT_YEARS = 3
SUSPECT_TUITION = Decimal("50000")
LONGEST_CERTIFICATE_MONTHS = 24
# The heaviest full-time load a college usually allows is 18 credit hours a term; read on the
# quarter scale, which gives the most credits, that is 18 in a quarter of three months. A
# program asking more credit hours a month than this is not a length a student can keep.
MAX_CREDITS_A_MONTH = 6
# A two-semester academic year runs about nine months; only used to compare months with hours.
MONTHS_PER_ACADEMIC_YEAR = 9
HOURS_PER_ACADEMIC_YEAR = {"semester": 30, "quarter": 45, "clock": 900}

# IPEDS award level -> credential.
AWARD_LEVELS = {
    "20": "short_certificate",
    "21": "certificate",
    "2": "diploma",
    "3": "associate",
    "4": "advanced_certificate",
    "5": "bachelor",
}
# Each level's length in full-time academic years, [low, high), as IPEDS defines it.
LEVEL_YEARS = {
    "20": (Decimal(0), Decimal(300) / 900),
    "21": (Decimal(300) / 900, Decimal(1)),
    "2": (Decimal(1), Decimal(2)),
    "3": (Decimal(2), Decimal(4)),
    "4": (Decimal(2), Decimal(4)),
    "5": (Decimal(4), Decimal(5)),
}
CERTIFICATE_LEVELS = {"20", "21", "2", "4"}
# The shortest length a credential allows, in academic years: used for estimates only.
SHORTEST_YEARS = {"2": Decimal(1), "3": Decimal(2), "4": Decimal(2), "5": Decimal(4)}
CREDENTIAL_NAMES = {
    "short_certificate": "Medical Assisting, short certificate",
    "certificate": "Medical Assisting, certificate",
    "diploma": "Medical Assisting, certificate or diploma",
    "associate": "Medical Assisting, associate degree",
    "advanced_certificate": "Medical Assisting, certificate (two academic years or more)",
    "bachelor": "Medical Assisting, bachelor's degree",
}
COST_SOURCE = "IPEDS 2023-24 program-cost survey (IC2023_PY)"
ESTIMATE_SOURCE = "Estimate from College Scorecard 2023-24 annual tuition (not a program price)"
NO_COST_SOURCE = "Not reported to IPEDS"
NO_LENGTH_SOURCE = "Not reported to IPEDS"
SCHOOL_SOURCE = "IPEDS institutional directory (HD2024)"
SCORECARD_SOURCE = "U.S. Department of Education, College Scorecard"
ABHES_NOTE = "ABHES (2020 record, not re-checked)"

# How a program-cost row was matched to an award level (Program.cost_match).
ONLY_LEVEL = "only_level"
HOURS_FIT = "hours_fit"
CLOSER_LENGTH = "closer_length"

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


def share(value):
    value = (value or "").strip()
    return Decimal(value).quantize(Decimal("0.0001")) if value else None


def school_slugs(institutions):
    """name-city slugs, with the unit ID appended where two schools would share one."""
    base = {row["unitid"]: slugify(f"{row['name']} {row['city']}")[:100] for row in institutions}
    counts = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {
        unitid: slug if counts[slug] == 1 else f"{slug}-{unitid}" for unitid, slug in base.items()
    }


def record_levels(program_name):
    """The award levels a DAPIP record names; None when it names no credential."""
    name = program_name.lower()
    if "associate" in name:
        return {"3"}
    if "certificate" in name or "diploma" in name:
        return CERTIFICATE_LEVELS
    return None


def abhes_records(rows):
    """Unit ID -> levels with a 2020 ABHES record without an end date (None: every level)."""
    records = {}
    for row in rows:
        if row["accreditation_end_date"].strip():
            continue
        levels = record_levels(row["program"])
        for unitid in re.findall(r"\d{6}", row["ipeds_unitids"]):
            if levels is None or records.get(unitid, set()) is None:
                records[unitid] = None
            else:
                records[unitid] = records.get(unitid, set()) | levels
    return records


def abhes_applies(records, unitid, level):
    if unitid not in records:
        return False
    levels = records[unitid]
    return levels is None or level in levels


def academic_years(hours, unit):
    """The readings of a reported length in academic years: one for clock hours, two for credits
    (semester and quarter), as IC2023_PY does not say which credit hours a school uses."""
    if hours is None:
        return []
    if unit.startswith("clock"):
        return [Decimal(hours) / HOURS_PER_ACADEMIC_YEAR["clock"]]
    return [Decimal(hours) / HOURS_PER_ACADEMIC_YEAR[scale] for scale in ("semester", "quarter")]


def fits_level(hours, unit, level):
    """Whether a length in hours lies within the award level's range, on some reading."""
    low, high = LEVEL_YEARS[str(level)]
    return any(low <= value < high for value in academic_years(hours, unit))


def hours_fit(row, level):
    return fits_level(number(row["program_length"], int), row["program_length_unit"], level)


def hours_distance(row, level):
    """How far, in academic years, the row's length lies outside the level's range."""
    low, high = LEVEL_YEARS[level]
    years = academic_years(number(row["program_length"], int), row["program_length_unit"])
    return min((max(low - value, value - high, Decimal(0)) for value in years), default=99)


def months_distance(row, level):
    """How far, in months, the row's reported months lie outside the level's range, reading
    an academic year as about nine months."""
    low, high = (years * MONTHS_PER_ACADEMIC_YEAR for years in LEVEL_YEARS[level])
    months = number(row["months_to_complete"])
    if months is None:
        return Decimal(0)
    return max(low - months, months - high, Decimal(0))


def pairings(levels, rows):
    """Every way to give distinct cost rows to distinct levels, as many pairs as possible."""
    size = min(len(levels), len(rows))
    for chosen_levels in permutations(levels, size):
        for chosen_rows in combinations(rows, size):
            yield tuple(zip(chosen_levels, chosen_rows, strict=True))


def fit_count(pairs):
    return sum(hours_fit(row, level) for level, row in pairs)


def match_costs(levels, cost_rows):
    """Map award level -> (cost row, rule); the rules are in this module's docstring."""
    if not cost_rows:
        return {}
    if len(levels) == 1 and len(cost_rows) == 1:
        return {levels[0]: (cost_rows[0], ONLY_LEVEL)}
    rows = sorted(cost_rows, key=lambda r: int(r["program_rank"]))
    candidates = list(pairings(levels, rows))
    most = max(fit_count(pairs) for pairs in candidates)
    fitting = [pairs for pairs in candidates if fit_count(pairs) == most]
    best = min(
        fitting,
        key=lambda pairs: (
            sum(months_distance(row, level) for level, row in pairs),
            sum(hours_distance(row, level) for level, row in pairs),
            [int(row["program_rank"]) for _level, row in pairs],
        ),
    )
    rule = CLOSER_LENGTH if len(fitting) > 1 else HOURS_FIT
    return {level: (row, rule) for level, row in best if hours_fit(row, level)}


def length_is_implausible(level, months, hours, unit):
    """A certificate over 24 months, months more than twice off what the hours imply, or more
    credit hours a month than a full-time load."""
    if months is None:
        return False
    if level in CERTIFICATE_LEVELS and months > LONGEST_CERTIFICATE_MONTHS:
        return True
    if hours and unit.startswith("credit") and months > 0 and hours / months > MAX_CREDITS_A_MONTH:
        return True
    readings = [years * MONTHS_PER_ACADEMIC_YEAR for years in academic_years(hours, unit)]
    if not readings or months <= 0:
        return False
    return months > 2 * max(readings) or months < min(readings) / 2


def scorecard_school(row):
    """The school's College Scorecard figures: annual tuition and school-wide outcomes."""
    if row is None:
        return {
            "scorecard_year": "",
            "tuition_in_district": None,
            "tuition_in_state": None,
            "tuition_out_of_state": None,
            "books_supplies_per_year": None,
            "net_price": None,
            "completion_rate_150pct": None,
            "pell_share": None,
            "median_debt_completers": None,
            "median_debt_years": "",
        }
    return {
        "scorecard_year": row["tuition_year"].strip(),
        "tuition_in_district": money(row["tuition_fee_in_state"]),
        "tuition_in_state": money(row["ipeds_ic2023_in_state_tuition_fees"]),
        "tuition_out_of_state": money(row["tuition_fee_out_of_state"]),
        "books_supplies_per_year": money(row["books_supplies"]),
        "net_price": money(row["net_price"]),
        "completion_rate_150pct": share(row["completion_rate_150pct"]),
        "pell_share": share(row["pell_share"]),
        "median_debt_completers": money(row["median_debt_completers"]),
        # The debt figure pools completers of two federal fiscal years (README section 6).
        "median_debt_years": "FY2020 and FY2021" if row["median_debt_completers"].strip() else "",
    }


def map_ipeds(directory=SOURCE_DIR):
    institutions = read_csv(directory, INSTITUTIONS)
    completions = read_csv(directory, COMPLETIONS)
    costs = read_csv(directory, COSTS)
    accredited = abhes_records(read_csv(directory, ABHES))
    scorecard = {row["unitid"]: row for row in read_csv(directory, SCORECARD)}

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
        figures = scorecard_school(scorecard.get(unitid))
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
                **figures,
                "scorecard_source": SCORECARD_SOURCE if figures["scorecard_year"] else "",
            }
        )
        matched = match_costs(levels, costs_by_school.get(unitid, []))
        for level in levels:
            cost, rule = matched.get(level, (None, ""))
            program = map_program(slugs[unitid], level, school, cost, latest, accredited)
            program["cost_match"] = rule
            result.programs.append(with_estimate(program, figures))
    return result


def map_program(school_slug, level, school, cost, latest, accredited):
    credential = AWARD_LEVELS[level]
    year, graduates = latest[(school["unitid"], level)]
    program = {
        "school": school_slug,
        "slug": f"{school_slug}-{credential.replace('_', '-')}",
        "name": CREDENTIAL_NAMES[credential],
        "credential": credential,
        "ipeds_award_level": int(level),
        "format": "online" if school["all_programs_distance_only"].strip() == "yes" else "campus",
        "format_confirmed": False,
        "length_months": None,
        "reported_length_months": None,
        "length_suspect": False,
        "length_hours": None,
        "length_hours_unit": "",
        "reported_weeks": None,
        "length_source": NO_LENGTH_SOURCE,
        "tuition_fees": None,
        "books_supplies": None,
        "cost_suspect": False,
        "cost_source": NO_COST_SOURCE,
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
        hours = number(cost["program_length"], int)
        unit = cost["program_length_unit"].strip()
        if months is not None:
            months = months.quantize(Decimal("0.1"))
            suspect = length_is_implausible(level, months, hours, unit)
            program.update(
                length_months=None if suspect else months,
                reported_length_months=months,
                length_suspect=suspect,
                length_hours=hours,
                length_hours_unit=unit,
                reported_weeks=number(cost["weeks_to_complete"], int),
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
    if abhes_applies(accredited, school["unitid"], level):
        program.update(accreditation="abhes", accreditation_note=ABHES_NOTE)
    return program


def with_estimate(program, figures):
    """Add the estimated cost (rule 5) to a program that reported none."""
    program.update(estimated_cost=None, estimated_cost_out_of_state=None, estimate_years=None)
    years = SHORTEST_YEARS.get(str(program["ipeds_award_level"]))
    tuition = figures["tuition_in_district"]
    if program["tuition_fees"] is not None or years is None or tuition is None:
        return program
    books = figures["books_supplies_per_year"] or Decimal(0)
    out_of_state = figures["tuition_out_of_state"]
    program.update(
        estimated_cost=((tuition + books) * years).quantize(Decimal("0.01")),
        estimated_cost_out_of_state=(
            None
            if out_of_state is None
            else ((out_of_state + books) * years).quantize(Decimal("0.01"))
        ),
        estimate_years=years.quantize(Decimal("0.1")),
        cost_source=ESTIMATE_SOURCE,
    )
    return program


def total_cost(program):
    """A mapped row's total, by the model's one rule (fixture rows skip save())."""
    return whole_program_cost(
        program["tuition_fees"],
        (program["books_supplies"],),
        program["estimated_cost"],
        program["cost_suspect"],
    )
