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
    assert not program["length_is_typical"]
    assert program["length_hours"] == 900 and program["length_hours_unit"] == "clock hours"
    assert program["graduates_per_year"] == 40 and program["graduates_year"] == "2023-24"
    assert ipeds.total_cost(program) == Decimal("12000.00")
    assert program["cost_source"].startswith("IPEDS 2023-24")


def test_two_levels_are_matched_by_length(mapped):
    certificate = program_of(mapped, 100002, "certificate")
    associate = program_of(mapped, 100002, "associate")
    assert certificate["tuition_fees"] == Decimal("4000.00")
    assert certificate["length_months"] == Decimal("10.0")
    assert associate["tuition_fees"] == Decimal("9000.00")
    assert ipeds.total_cost(associate) == Decimal("10200.00")


def test_suspect_cost_is_flagged_and_has_no_total(mapped):
    program = program_of(mapped, 100005, "certificate")
    assert program["cost_suspect"] is True
    assert ipeds.total_cost(program) is None


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


def test_no_reported_cost_or_length_uses_the_typical_length(mapped):
    program = program_of(mapped, 100007, "diploma")
    assert program["tuition_fees"] is None and ipeds.total_cost(program) is None
    assert program["length_months"] == Decimal("12") and program["length_is_typical"]
    assert "Typical" in program["length_source"]
    assert (mapped["schools"][100007]["slug"], "bachelor") not in mapped["programs"]
    assert mapped["skipped"]["award level above a bachelor's degree"] == 1


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
