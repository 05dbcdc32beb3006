"""The reference fixtures every test starts with (tests/conftest.py): there for each test,
emptied on request, and back after a transactional test has flushed the tables."""

import pytest

from certifications.models import Certification
from guide.models import GuidePage, Source, WageFigure
from states.models import StateProfile, TaskRule


def reference_rows():
    return [
        GuidePage.objects.filter(kind="home").exists(),
        Certification.objects.filter(slug="cma").exists(),
        WageFigure.objects.states().filter(state_code="TX").exists(),
        StateProfile.objects.filter(state="TX").exists(),
        Source.history.exists(),
    ]


@pytest.mark.django_db
def test_each_test_starts_with_the_reference_data():
    assert reference_rows() == [True] * 5


@pytest.mark.django_db
@pytest.mark.usefixtures("without_reference_data")
def test_without_reference_data_empties_the_tables_and_their_history():
    models = [GuidePage, Source, WageFigure, Certification, StateProfile, TaskRule]
    assert [model.objects.count() for model in models] == [0] * len(models)
    assert [model.history.count() for model in models] == [0] * len(models)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_finds_the_reference_data_too():
    """In one process pytest-django runs this after the other transactional tests, such as
    tests/states/test_migrations.py, whose flush empties every table: the data is back."""
    assert reference_rows() == [True] * 5
