import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from programs import ipeds
from programs.models import Program, School

SMALL = Path(__file__).parent / "fixtures_ipeds"
REAL_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "programs.json"


@pytest.fixture(scope="module")
def mapped():
    result = ipeds.map_ipeds(SMALL)
    return {
        "schools": {s["ipeds_unitid"]: s for s in result.schools},
        "programs": {(p["school"], p["credential"]): p for p in result.programs},
        "skipped": result.skipped,
    }


def program_of(mapped, unitid, credential):
    return mapped["programs"][(mapped["schools"][unitid]["slug"], credential)]


def test_closed_school_and_old_graduates_are_left_out(mapped):
    assert 100003 not in mapped["schools"]  # closed
    assert 100004 not in mapped["schools"]  # graduates only in 2019-20
    assert mapped["skipped"]["closed school"] == 1
    assert mapped["skipped"]["no graduates in the last three years"] == 1


def test_one_level_takes_the_reported_cost_and_length(mapped):
    program = program_of(mapped, 100001, "certificate")
    assert program["tuition_fees"] == Decimal("12000.00")
    assert program["books_supplies"] is None  # blank is unknown, not zero
    assert program["length_months"] == Decimal("9.0")
    assert program["cost_match"] == ipeds.ONLY_LEVEL
    assert program["length_hours"] == 900 and program["length_hours_unit"] == "clock hours"
    assert program["graduates_per_year"] == 40 and program["graduates_year"] == "2023-24"
    assert ipeds.total_cost(program) == Decimal("12000.00")
    assert program["cost_source"].startswith("IPEDS 2023-24")


def test_two_levels_are_matched_by_hours(mapped):
    certificate = program_of(mapped, 100002, "certificate")
    associate = program_of(mapped, 100002, "associate")
    assert certificate["tuition_fees"] == Decimal("4000.00")
    assert certificate["length_months"] == Decimal("10.0")
    assert associate["tuition_fees"] == Decimal("9000.00")
    assert ipeds.total_cost(associate) == Decimal("10200.00")
    assert certificate["cost_match"] == associate["cost_match"] == ipeds.HOURS_FIT


def test_hours_not_rank_decide_which_level_a_cost_belongs_to(mapped):
    # Like San Joaquin Valley College Visalia: 36 credits in 9 months, 60 credits in 15.
    diploma = program_of(mapped, 100008, "diploma")
    associate = program_of(mapped, 100008, "associate")
    assert (diploma["tuition_fees"], diploma["length_months"]) == (Decimal("21997.00"), 9)
    assert (associate["tuition_fees"], associate["length_months"]) == (Decimal("33472.00"), 15)


def test_a_nine_month_program_of_a_year_or_more_keeps_its_cost(mapped):
    # Like Concorde Memphis: one cost row, 35 credit hours in 8 months, levels 2 and 3.
    diploma = program_of(mapped, 100009, "diploma")
    assert diploma["tuition_fees"] == Decimal("17622.00")
    assert diploma["books_supplies"] == Decimal("683.00")
    assert diploma["length_months"] == Decimal("8.0") and diploma["length_hours"] == 35
    assert program_of(mapped, 100009, "associate")["tuition_fees"] is None


def test_months_decide_when_hours_fit_both_ways():
    # 62 and 80 credits are an associate degree in semester hours and a diploma in quarter hours.
    short = {"program_rank": "1", "program_length": "62", "program_length_unit": "credit hours"}
    long = {"program_rank": "2", "program_length": "80", "program_length_unit": "credit hours"}
    matched = ipeds.match_costs(
        ["2", "3"], [{**short, "months_to_complete": "8"}, {**long, "months_to_complete": "18"}]
    )
    assert matched["2"][0]["program_length"] == "62"
    assert matched["3"][0]["program_length"] == "80"
    assert matched["2"][1] == matched["3"][1] == ipeds.CLOSER_LENGTH


def test_one_cost_whose_hours_fit_two_levels_goes_to_the_closer_length():
    row = {
        "program_rank": "1",
        "program_length": "62",
        "program_length_unit": "credit hours",
        "months_to_complete": "20",
    }
    assert ipeds.match_costs(["2", "3"], [row]) == {"3": (row, ipeds.CLOSER_LENGTH)}


def test_a_cost_whose_hours_fit_no_level_goes_to_none():
    row = {
        "program_rank": "1",
        "program_length": "1260",
        "program_length_unit": "clock hours",
        "months_to_complete": "12",
    }
    assert ipeds.match_costs(["21", "3"], [row]) == {}


def test_an_associate_never_takes_a_certificates_price_hours_or_weeks():
    # Regan Career Institute (490197): 900 and 1,260 clock hours, both of a year or more; IPEDS
    # reports no associate price, so the associate degree had the $16,200 certificate's.
    short = {
        "program_rank": "2",
        "program_length": "900",
        "program_length_unit": "clock hours",
        "months_to_complete": "9",
    }
    long = {**short, "program_rank": "4", "program_length": "1260", "months_to_complete": "12"}
    matched = ipeds.match_costs(["2", "3"], [short, long])
    assert list(matched) == ["2"]
    assert matched["2"][0] is short


def test_weeks_are_the_weeks_the_school_reported(mapped):
    # Row: 900 clock hours, 9 months, 36 weeks; 9 x 52 / 12 would give 39.
    assert program_of(mapped, 100001, "certificate")["reported_weeks"] == 36
    # IPEDS asks weeks only of the school's largest program (rank 1): none is made up.
    assert program_of(mapped, 100002, "certificate")["reported_weeks"] is None


def test_implausible_length_is_flagged_and_not_a_length(mapped):
    program = program_of(mapped, 100010, "certificate")
    assert program["length_suspect"] is True
    assert program["length_months"] is None
    assert program["reported_length_months"] == Decimal("32.0")
    assert ipeds.total_cost(program) == Decimal("18684.00")


@pytest.mark.parametrize(
    ("level", "months", "hours", "unit", "flagged"),
    [
        ("21", Decimal(32), 26, "credit hours", True),  # certificate over 24 months
        ("3", Decimal(30), 64, "credit hours", False),  # an associate may take 30 months
        ("2", Decimal(9), 900, "clock hours", False),
        ("2", Decimal(20), 900, "clock hours", True),  # 900 hours read as about 9 months
        ("2", Decimal(4), 1000, "clock hours", True),
        ("2", Decimal(8), 35, "credit hours", False),
        # Concorde Southaven's associate: 62 credit hours in 8 months, 7.75 a month.
        ("3", Decimal(8), 62, "credit hours", True),
        ("2", Decimal(9), 54, "credit hours", False),  # 6 a month: a full quarter-hour load
        ("2", Decimal(9), 1200, "clock hours", False),  # clock hours are not credit hours
    ],
)
def test_months_that_disagree_with_hours_are_flagged(level, months, hours, unit, flagged):
    assert ipeds.length_is_implausible(level, months, hours, unit) is flagged


def test_suspect_cost_is_flagged_and_has_no_total(mapped):
    program = program_of(mapped, 100005, "certificate")
    assert program["cost_suspect"] is True
    assert ipeds.total_cost(program) is None


def test_abhes_record_applies_only_to_the_credential_it_names(mapped):
    # Like Chattahoochee Valley CC: the record is for the associate degree.
    assert program_of(mapped, 100011, "associate")["accreditation"] == "abhes"
    assert program_of(mapped, 100011, "certificate")["accreditation"] == "unknown"
    # Like Southeastern College: the record is for the certificate or diploma.
    assert program_of(mapped, 100012, "diploma")["accreditation"] == "abhes"
    assert program_of(mapped, 100012, "associate")["accreditation"] == "unknown"


def test_missing_coordinates_online_only_and_abhes(mapped):
    school = mapped["schools"][100006]
    assert school["latitude"] is None and school["longitude"] is None
    program = program_of(mapped, 100006, "associate")
    assert program["format"] == "online" and program["format_confirmed"] is False
    assert program["accreditation"] == "abhes"
    assert program["accreditation_note"] == "ABHES (2020 record, not re-checked)"
    assert program["graduates_per_year"] == 0 and program["graduates_year"] == "2023-24"


def test_expired_abhes_record_does_not_count(mapped):
    assert program_of(mapped, 100001, "certificate")["accreditation"] == "unknown"


def test_no_reported_length_is_never_invented(mapped):
    program = program_of(mapped, 100007, "diploma")
    assert program["length_months"] is None and program["reported_length_months"] is None
    assert program["length_source"] == "Not reported to IPEDS"
    assert (mapped["schools"][100007]["slug"], "bachelor") not in mapped["programs"]
    assert mapped["skipped"]["award level above a bachelor's degree"] == 1


def test_estimate_from_annual_tuition_for_a_year_or_more(mapped):
    # Like Malcolm X College: ($4,380 in-district + $1,920 books) x 1 academic year.
    program = program_of(mapped, 100007, "diploma")
    assert program["tuition_fees"] is None
    assert program["estimated_cost"] == Decimal("6300.00")
    assert program["estimated_cost_out_of_state"] == Decimal("16350.00")
    assert program["estimate_years"] == 1
    assert ipeds.total_cost(program) == Decimal("6300.00")
    assert program["cost_source"].startswith("Estimate from College Scorecard")


def test_estimate_counts_two_years_for_an_associate_and_none_under_a_year(mapped):
    associate = program_of(mapped, 100011, "associate")
    assert associate["estimated_cost"] == Decimal("12096.00")  # (5,040 + 1,008) x 2
    assert associate["estimate_years"] == 2
    assert program_of(mapped, 100011, "certificate")["estimated_cost"] is None


def test_estimate_without_books_and_in_a_territory(mapped):
    assert mapped["schools"][100013]["state"] == "PR"
    assert program_of(mapped, 100013, "diploma")["estimated_cost"] == Decimal("2500.00")


def test_reported_cost_is_never_replaced_by_an_estimate(mapped):
    program = program_of(mapped, 100002, "certificate")
    assert program["estimated_cost"] is None and ipeds.total_cost(program) == Decimal("4600.00")


def test_school_wide_scorecard_figures_keep_their_years(mapped):
    school = mapped["schools"][100007]
    assert school["scorecard_year"] == "2023-24"
    assert school["completion_rate_150pct"] == Decimal("0.1442")
    assert school["net_price"] == Decimal("3729.00")
    assert school["pell_share"] == Decimal("0.4208")
    assert school["median_debt_completers"] == Decimal("8375.00")
    assert school["median_debt_years"] == "FY2020 and FY2021"
    assert mapped["schools"][100002]["median_debt_completers"] is None
    assert mapped["schools"][100002]["median_debt_years"] == ""
    assert mapped["schools"][100009]["scorecard_year"] == ""  # not in the Scorecard file


def test_urls_are_made_absolute_or_dropped(mapped):
    assert mapped["schools"][100001]["website"] == "https://www.alpha.edu/"
    assert mapped["schools"][100002]["net_price_calculator_url"] == ""


def test_build_is_repeatable_byte_for_byte(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    call_command("build_program_fixtures", output=str(first), stdout=io.StringIO())
    call_command("build_program_fixtures", output=str(second), stdout=io.StringIO())
    assert first.read_bytes() == second.read_bytes() == REAL_FIXTURE.read_bytes()


def test_real_fixture_counts_follow_the_rules():
    objects = json.loads(REAL_FIXTURE.read_text())
    mapped = ipeds.map_ipeds()
    schools = [o for o in objects if o["model"] == "programs.school"]
    programs = [o for o in objects if o["model"] == "programs.program"]
    assert len(schools) == len(mapped.schools) > 1000
    assert len(programs) == len(mapped.programs) > 1500
    assert all(p["fields"]["total_cost"] != "0.00" for p in programs)


@pytest.mark.django_db
def test_real_fixture_shows_each_credential_only_its_own_figures():
    programs = {
        o["fields"]["slug"]: o["fields"]
        for o in json.loads(REAL_FIXTURE.read_text())
        if o["model"] == "programs.program"
    }
    regan = programs["regan-career-institute-el-monte-associate"]
    assert regan["tuition_fees"] is None and regan["length_hours"] is None
    assert regan["reported_weeks"] is None and regan["cost_match"] == ""
    assert programs["regan-career-institute-el-monte-diploma"]["tuition_fees"] == "10475.00"
    concorde = programs["concorde-career-college-southaven-southaven-associate"]
    assert concorde["length_suspect"] is True and concorde["length_months"] is None
    # Concorde Southaven's diploma: IPEDS reports 8 months and 32 weeks (not 34).
    assert programs["concorde-career-college-southaven-southaven-diploma"]["reported_weeks"] == 32


@pytest.mark.django_db
def test_real_fixture_loads_twice_without_duplicates():
    call_command("loaddata", str(REAL_FIXTURE), verbosity=0)
    counts = (School.objects.count(), Program.objects.count())
    call_command("loaddata", str(REAL_FIXTURE), verbosity=0)
    assert (School.objects.count(), Program.objects.count()) == counts
    assert Program.objects.filter(total_cost__isnull=False).count() > 300


@pytest.mark.django_db
def test_reimport_keeps_editors_work_and_updates_ipeds_fields():
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    program = Program.objects.get(slug__endswith="-certificate", school__ipeds_unitid=100001)
    program.format = Program.Format.HYBRID
    program.format_confirmed = True
    program.evening = True
    program.accreditation = Program.Accreditation.CAAHEP
    program.accreditation_checked_on = "2026-11-01"
    program.graduates_per_year = 1
    program.save()

    out = io.StringIO()
    call_command("import_programs", source=str(SMALL), stdout=out)
    program.refresh_from_db()
    assert program.format == Program.Format.HYBRID
    assert program.evening is True
    assert program.accreditation == Program.Accreditation.CAAHEP
    assert program.graduates_per_year == 40
    assert program.total_cost == Decimal("12000.00")
    assert "1 updated" in out.getvalue()


@pytest.mark.django_db
def test_reimport_unpublishes_programs_that_left_the_data():
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    school = School.objects.get(ipeds_unitid=100001)
    Program.objects.create(
        school=school,
        slug="gone",
        name="Old program",
        credential=Program.Credential.DIPLOMA,
        data_source="NCES IPEDS (old)",
    )
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    assert Program.objects.get(slug="gone").published is False


@pytest.fixture(scope="module")
def real():
    result = ipeds.map_ipeds()
    return {"programs": {p["slug"]: p for p in result.programs}, "schools": result.schools}


# The 21 schools whose program cost was lost when award level 2 was read as 12 to 24 months.
LOST_COSTS = [122685, 122694, 125532, 219903, 262457, 418409, 434159, 442444, 446552, 447014]
LOST_COSTS += [447351, 447999, 450128, 452081, 456852, 475176, 481775, 487588, 493451, 495952]
LOST_COSTS += [495961]


def test_every_school_that_reported_a_program_cost_shows_it(real):
    costs = ipeds.read_csv(ipeds.SOURCE_DIR, ipeds.COSTS)
    reporters = {int(row["unitid"]) for row in costs if row["cipcode"].strip() == "51.0801"}
    slugs = {s["slug"]: s["ipeds_unitid"] for s in real["schools"]}
    with_cost = {slugs[p["school"]] for p in real["programs"].values() if p["tuition_fees"]}
    listed = reporters & set(slugs.values())
    assert listed - with_cost == set()
    assert set(LOST_COSTS) <= with_cost
    for program in real["programs"].values():
        if program["tuition_fees"] is None:
            assert program["cost_source"] != ipeds.COST_SOURCE


def test_concorde_memphis_and_malcolm_x(real):
    memphis = real["programs"]["concorde-career-college-memphis-memphis-diploma"]
    assert memphis["tuition_fees"] == Decimal("17622.00")
    assert memphis["books_supplies"] == Decimal("683.00")
    assert memphis["length_months"] == Decimal("8.0")
    malcolm_x = real["programs"]["city-colleges-of-chicago-malcolm-x-college-chicago-diploma"]
    assert malcolm_x["estimated_cost"] == Decimal("6300.00")  # ($4,380 + $1,920) x 1


@pytest.mark.parametrize(
    ("slug", "accreditation"),
    [
        ("chattahoochee-valley-community-college-phenix-city-certificate", "unknown"),
        ("chattahoochee-valley-community-college-phenix-city-associate", "abhes"),
        ("southern-maine-community-college-south-portland-diploma", "unknown"),
        ("lewis-and-clark-community-college-godfrey-associate", "unknown"),
        ("southeastern-college-charleston-north-charleston-associate", "unknown"),
        ("southeastern-college-columbia-columbia-associate", "unknown"),
    ],
)
def test_abhes_records_follow_their_credential_in_the_real_data(real, slug, accreditation):
    assert real["programs"][slug]["accreditation"] == accreditation


def test_real_data_shows_a_cost_for_most_programs_and_invents_no_length(real):
    programs = real["programs"].values()
    assert sum(ipeds.total_cost(p) is not None for p in programs) >= 1100
    for program in programs:
        if program["length_months"] is not None:
            assert program["length_months"] == program["reported_length_months"]
            assert program["length_source"] == ipeds.COST_SOURCE


@pytest.mark.django_db
def test_reimport_keeps_an_editors_cost_and_a_checked_accreditation():
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    program = Program.objects.get(slug__endswith="-diploma", school__ipeds_unitid=100007)
    assert program.total_cost == Decimal("6300.00") and program.cost_is_estimate
    program.estimated_cost = Decimal("7100")
    program.cost_source = "School catalog 2024-25, checked by an editor"
    program.save()
    abhes = Program.objects.get(slug__endswith="-associate", school__ipeds_unitid=100011)
    abhes.accreditation = Program.Accreditation.CAAHEP
    abhes.accreditation_checked_on = "2026-11-01"
    abhes.save()

    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    program.refresh_from_db()
    abhes.refresh_from_db()
    assert program.total_cost == Decimal("7100.00") and program.cost_is_estimate
    assert abhes.accreditation == Program.Accreditation.CAAHEP


@pytest.mark.django_db
def test_reimport_replaces_a_typical_length_from_an_older_import():
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    program = Program.objects.get(slug__endswith="-diploma", school__ipeds_unitid=100007)
    program.length_months = Decimal("12")
    program.length_source = "Typical length of this credential; the school reported none to IPEDS"
    program.save()
    call_command("import_programs", source=str(SMALL), stdout=io.StringIO())
    program.refresh_from_db()
    assert program.length_months is None
    assert program.length_source == "Not reported to IPEDS"
