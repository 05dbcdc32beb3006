import io
import json
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


@pytest.fixture
def loaded():
    call_command("loaddata", str(FIXTURE), verbosity=0)


def counts():
    return [m.objects.count() for m in (Source, GuidePage, CareerStep, FAQ, WageFigure)]


def test_loads_twice_without_duplicates(loaded):
    before = counts()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert counts() == before


def test_every_guide_page_is_there_and_published(loaded):
    pages = {p.slug: p for p in GuidePage.objects.published()}
    for slug in PAGES:
        assert pages[slug].summary and len(pages[slug].summary) <= 300


def test_content_outline(loaded):
    assert CareerStep.objects.filter(page__slug="become-a-medical-assistant").count() == 5
    assert FAQ.objects.filter(page__slug="faq", published=True).count() >= 15


def test_wage_figures_for_the_nation_every_state_and_dc(loaded):
    assert WageFigure.objects.national().count() == 1
    assert WageFigure.objects.states().count() == 51
    national = WageFigure.objects.national().get()
    assert national.annual_median == 45690 and national.employment == 817870
    assert national.source.kind == Source.Kind.OFFICIAL_DATA
    assert WageFigure.objects.states().get(state_code="DC").area_name == "District of Columbia"


def test_outlook_in_whole_jobs(loaded):
    ma = OutlookFigure.objects.get(soc_code="31-9092")
    assert (ma.employment_start, ma.employment_end) == (811000, 912200)
    assert ma.openings_per_year == 112300 and str(ma.growth_pct) == "12.5"


def test_natural_keys_round_trip(loaded):
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
