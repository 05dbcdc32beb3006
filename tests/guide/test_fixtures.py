import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command

from guide.models import FAQ, CareerStep, GuidePage, OutlookFigure, Source, WageFigure

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "guide.json"
PAGES = [
    "home",
    "become-a-medical-assistant",
    "what-medical-assistants-do",
    "salary-and-outlook",
    "training",
    "career-paths",
    "faq",
    "resources",
    "about",
    "about-our-data",
    "cost-and-financial-aid",
]

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Source, GuidePage, CareerStep, FAQ, WageFigure)]


def test_loads_twice_without_duplicates():
    before = counts()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert counts() == before


def test_every_guide_page_is_there_and_published():
    pages = {p.slug: p for p in GuidePage.objects.published()}
    for slug in PAGES:
        assert pages[slug].summary and len(pages[slug].summary) <= 300


def test_content_outline():
    assert CareerStep.objects.filter(page__slug="become-a-medical-assistant").count() == 5
    assert FAQ.objects.filter(page__slug="faq", published=True).count() >= 15


def test_wage_figures_for_the_nation_every_state_dc_and_three_territories():
    assert WageFigure.objects.national().count() == 1
    assert WageFigure.objects.states().count() == 54
    assert WageFigure.objects.states().get(state_code="PR").annual_median == 46120
    national = WageFigure.objects.national().get()
    assert national.annual_median == 45690 and national.employment == 817870
    assert national.source.kind == Source.Kind.OFFICIAL_DATA
    assert WageFigure.objects.states().get(state_code="DC").area_name == "District of Columbia"


def test_outlook_in_whole_jobs():
    ma = OutlookFigure.objects.get(soc_code="31-9092")
    assert (ma.employment_start, ma.employment_end) == (811000, 912200)
    assert ma.openings_per_year == 112300 and str(ma.growth_pct) == "12.5"


def test_natural_keys_round_trip():
    rows = list(GuidePage.objects.all()) + list(WageFigure.objects.all()[:5])
    text = serializers.serialize(
        "json", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    data = json.loads(text)
    assert all("pk" not in obj for obj in data)
    GuidePage.objects.filter(slug="faq").update(title="Changed")
    for obj in serializers.deserialize("json", text):
        obj.save()
    assert GuidePage.objects.get(slug="faq").title != "Changed"
    assert GuidePage.objects.count() == len(PAGES)


def test_build_guide_fixture_reproduces_the_committed_file(tmp_path):
    output = tmp_path / "guide.json"
    call_command("build_guide_fixture", output=str(output), stdout=io.StringIO())
    assert output.read_bytes() == FIXTURE.read_bytes()


def test_every_metro_and_nonmetropolitan_area_with_its_bls_code():
    areas = WageFigure.objects.filter(
        area_type__in=[WageFigure.AreaType.METRO, WageFigure.AreaType.NONMETRO]
    )
    assert areas.count() == 523
    assert areas.filter(area_type=WageFigure.AreaType.NONMETRO).count() == 134
    houston = areas.get(area_code="0026420")
    assert houston.area_name == "Houston-Pasadena-The Woodlands, TX"
    assert houston.annual_median == 42110 and houston.state_codes == "TX"
    # Values BLS did not release stay unknown rather than zero.
    assert areas.get(area_name="San Juan-Bayamon-Caguas, PR").employment is None


def test_a_metro_that_spans_states_is_listed_in_each():
    new_york = "New York-Newark-Jersey City, NY-NJ"
    assert WageFigure.objects.areas_in("NY").filter(area_name=new_york).exists()
    assert WageFigure.objects.areas_in("NJ").filter(area_name=new_york).exists()
    assert not WageFigure.objects.areas_in("CT").filter(area_name=new_york).exists()
    washington = WageFigure.objects.get(area_code="0047900")
    assert washington.state_codes.split() == ["DC", "VA", "MD", "WV"]


def test_no_fixture_describes_a_row_twice():
    """Two rows with one slug: seed keeps the first and loaddata the second, so a test database
    and a production one would disagree about the same source."""
    keys = Counter()
    for path in sorted(FIXTURE.parent.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            slug = row["fields"].get("slug")
            if slug:
                keys[row["model"], slug] += 1
    assert [key for key, times in keys.items() if times > 1] == []
