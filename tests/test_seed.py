import json

import pytest
from django.core.management import call_command

from guide.models import GuidePage, Source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_reference_data")]


@pytest.fixture
def fixture_file(tmp_path):
    rows = [
        {
            "model": "guide.contributor",
            "fields": {"slug": "team", "name": "Team", "role": "Editors", "bio": ""},
        },
        {
            "model": "guide.source",
            "fields": {
                "slug": "oews",
                "title": "OEWS",
                "publisher": "BLS",
                "url": "https://www.bls.gov/oes/",
                "kind": "official_data",
                "as_of": "May 2025",
            },
        },
        {
            "model": "guide.guidepage",
            "fields": {
                "slug": "faq",
                "title": "FAQ",
                "summary": "Questions.",
                "body": "",
                "author": ["team"],
                "reviewed_on": "2026-11-22",
                "sources": [["oews"]],
                "published": True,
            },
        },
    ]
    path = tmp_path / "guide.json"
    path.write_text(json.dumps(rows))
    return path


def test_seed_twice_adds_nothing_the_second_time(fixture_file):
    call_command("seed", str(fixture_file))
    call_command("seed", str(fixture_file))
    assert GuidePage.objects.count() == 1
    assert Source.objects.count() == 1
    assert list(GuidePage.objects.get().sources.values_list("slug", flat=True)) == ["oews"]


def test_seed_keeps_an_editors_change(fixture_file):
    call_command("seed", str(fixture_file))
    GuidePage.objects.filter(slug="faq").update(title="Edited by an editor")
    call_command("seed", str(fixture_file))
    assert GuidePage.objects.get(slug="faq").title == "Edited by an editor"
