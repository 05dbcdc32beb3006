"""No silent overwrites: a save made on an older version comes back unsaved, naming what the
other editor changed, and saves once the editor has merged."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from guide.models import FAQ
from states.models import StateProfile
from tests.factories import (
    make_certification,
    make_page,
    make_program,
    make_route,
    make_school,
    make_source,
    make_wage_figure,
)
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-editor-passphrase-7")
    clients = []
    for name in ("ann", "bea"):
        call_command("create_editor", name, stdout=io.StringIO())
        client = Client()
        client.force_login(User.objects.get(username=name))
        clients.append(client)
    return clients


def open_form(client, obj):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return url, client.get(url).context["adminform"].form


def form_data(client, obj, form, **overrides):
    """The form's values with empty inlines (none of these rows has inline rows)."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    inlines = {
        f"{inline.formset.prefix}-{key}": 0
        for inline in client.get(url).context["inline_admin_formsets"]
        for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    return _form_data(form, **inlines, **overrides)


def test_second_save_on_an_older_version_is_refused_and_names_the_change(editors):
    ann, bea = editors
    program = make_program(tuition_fees=Decimal("10000"), name="Medical Assisting")
    url, ann_form = open_form(ann, program)
    _, bea_form = open_form(bea, program)

    # A changed figure comes with its new source (the figure-source rule).
    ann_edit = _form_data(ann_form, tuition_fees="7500", cost_source="School catalog, 2026")
    assert ann.post(url, ann_edit).status_code == 302
    bea_edit = _form_data(
        bea_form, tuition_fees="9000", name="MA certificate", cost_source="School's website"
    )
    response = bea.post(url, bea_edit)

    assert response.status_code == 200
    program.refresh_from_db()
    assert (program.tuition_fees, program.name) == (Decimal("7500.00"), "Medical Assisting")
    errors = response.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("ann saved this program at ")
    assert "your changes were not saved" in errors[0]
    assert len(errors) == 3
    assert errors[1].startswith("Tuition fees: ann set “7500.00” (")
    assert errors[1].endswith("); yours is “9000”.")
    assert errors[2].startswith("Cost source: ann set “School catalog, 2026” (")
    # The form comes back with Bea's values, for her to merge.
    body = response.content.decode()
    assert 'value="MA certificate"' in body


def test_the_merged_form_saves(editors):
    ann, bea = editors
    program = make_program(tuition_fees=Decimal("10000"), name="Medical Assisting")
    url, ann_form = open_form(ann, program)
    _, bea_form = open_form(bea, program)
    ann.post(url, _form_data(ann_form, tuition_fees="7500", cost_source="School catalog, 2026"))
    refused = bea.post(url, _form_data(bea_form, name="MA certificate"))
    merged = refused.context["adminform"].form

    assert bea.post(url, {**merged.data.dict(), "tuition_fees": "7500"}).status_code == 302
    program.refresh_from_db()
    assert (program.tuition_fees, program.name) == (Decimal("7500.00"), "MA certificate")


def test_saving_twice_in_a_row_from_fresh_forms_is_not_a_conflict(editors):
    ann, _ = editors
    school = make_school(name="Old name")
    for name in ("New name", "Newer name"):
        url, form = open_form(ann, school)
        assert ann.post(url, _form_data(form, name=name)).status_code == 302
    school.refresh_from_db()
    assert school.name == "Newer name"


def test_a_row_without_history_when_opened_names_the_differing_values(editors):
    # Rows loaded by `seed` (raw saves) may have no history record yet.
    ann, bea = editors
    school = make_school(name="Old name", city="Dover")
    school.history.all().delete()
    url, ann_form = open_form(ann, school)
    _, bea_form = open_form(bea, school)
    assert bea_form.initial["version_seen"] == 0
    ann.post(url, _form_data(ann_form, name="Ann's name"))
    response = bea.post(url, _form_data(bea_form, city="Camden"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert any(e.startswith("Name: ann set “Ann's name” (") for e in errors)
    school.refresh_from_db()
    assert (school.name, school.city) == ("Ann's name", "Dover")


def _faq():
    return FAQ.objects.create(slug="faq-1", question="How long?", answer="A year.")


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (make_program, "name", "Renamed"),
        (make_school, "name", "Renamed"),
        (make_page, "title", "Renamed"),
        (make_certification, "name", "Renamed"),
        (make_route, "name", "Renamed"),
        (_faq, "question", "Renamed?"),
    ],
)
def test_every_edited_model_refuses_a_stale_save(editors, factory, field, value):
    ann, bea = editors
    obj = factory()
    url, ann_form = open_form(ann, obj)
    _, bea_form = open_form(bea, obj)
    assert ann.post(url, form_data(ann, obj, ann_form)).status_code == 302
    response = bea.post(url, form_data(bea, obj, bea_form, **{field: value}))
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) != value


def _value(value):
    if isinstance(value, bool):
        return "on" if value else None
    return getattr(value, "pk", value)


def test_a_long_faq_page_with_all_its_questions_saves(editors):
    # The seeded FAQ page (20 questions) posted 200 fields, the old bound: with the version field
    # its save was a 400 for the editor.
    ann, _ = editors
    page = make_page(title="Questions and answers")
    for n in range(30):
        FAQ.objects.create(page=page, slug=f"q-{n}", question=f"Question {n}?", answer="Yes.")
    url, form = open_form(ann, page)
    data = _form_data(form, title_en="FAQ")
    for inline in ann.get(url).context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(k): v for k, v in management.initial.items()}
        for inline_form in formset.forms:
            for name, field in inline_form.fields.items():
                value = _value(inline_form.initial.get(name, field.initial))
                if value is not None:
                    data[inline_form.add_prefix(name)] = value
    assert len(data) > 200
    assert ann.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "FAQ"


def _state_profile():
    # The states' profiles are loaded by a migration; Delaware's may be there already.
    StateProfile.objects.filter(state="DE").delete()
    return StateProfile.objects.create(
        state="DE",
        regulation=StateProfile.Regulation.DELEGATION,
        summary="Delaware leaves tasks to the delegating clinician.",
        confidence="secondary",
        rules_source=make_source(),
        researched_on=datetime.date(2026, 10, 1),
    )


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (make_source, "title", "Renamed"),
        (_state_profile, "summary_en", "Rewritten."),
        (
            lambda: make_wage_figure(area_type="state", area_code="2000000", year=2099),
            "area_name",
            "Renamed",
        ),
    ],
)
def test_models_without_their_own_check_refuse_a_stale_save_too(editors, factory, field, value):
    # Every admin built on core.admin.HistoryAdmin checks the version: before, a second
    # editor's save silently put back the first editor's old values.
    ann, bea = editors
    obj = factory()
    url, ann_form = open_form(ann, obj)
    _, bea_form = open_form(bea, obj)
    assert ann.post(url, form_data(ann, obj, ann_form, change_note="Checked")).status_code == 302
    response = bea.post(url, form_data(bea, obj, bea_form, **{field: value}))
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) != value


def test_a_source_edit_names_the_field_the_other_editor_changed(editors):
    ann, bea = editors
    source = make_source(title="OEWS", publisher="BLS")
    url, ann_form = open_form(ann, source)
    _, bea_form = open_form(bea, source)
    assert ann.post(url, form_data(ann, source, ann_form, publisher="U.S. BLS")).status_code == 302
    response = bea.post(url, form_data(bea, source, bea_form, title="OEWS 2025"))
    errors = response.context["adminform"].form.non_field_errors()
    assert [errors[n].split(":")[0] for n in range(1, len(errors))] == ["Publisher"]
    source.refresh_from_db()
    assert (source.title, source.publisher) == ("OEWS", "U.S. BLS")


def test_a_state_profile_edit_names_the_field_the_other_editor_changed(editors):
    ann, bea = editors
    profile = _state_profile()
    url, ann_form = open_form(ann, profile)
    _, bea_form = open_form(bea, profile)
    ann_edit = form_data(ann, profile, ann_form, board_name="Delaware Board of Medicine")
    assert ann.post(url, ann_edit).status_code == 302
    response = bea.post(url, form_data(bea, profile, bea_form, summary_en="Rewritten."))
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 2
    assert errors[1].startswith("Board name: ann set “Delaware Board of Medicine” (")
    profile.refresh_from_db()
    assert profile.summary != "Rewritten."


def test_a_wage_figure_conflict_is_told_as_such_not_as_a_figure_without_its_source(editors):
    # Before, Bea's untouched annual median differed from Ann's new one and she was told "You
    # changed Annual median but not its source".
    ann, bea = editors
    wage = make_wage_figure(
        area_type="state",
        area_code="1000000",
        area_name="Delaware",
        year=2099,
        annual_median=Decimal("45690"),
    )
    url, ann_form = open_form(ann, wage)
    _, bea_form = open_form(bea, wage)
    ann_edit = form_data(ann, wage, ann_form, annual_median="46000", same_source="on")
    assert ann.post(url, ann_edit).status_code == 302
    response = bea.post(url, form_data(bea, wage, bea_form, area_name="Delaware (state)"))
    form = response.context["adminform"].form
    assert "source" not in form.errors
    assert "You changed" not in response.content.decode()
    errors = form.non_field_errors()
    assert len(errors) == 2
    assert errors[1].startswith("Annual median: ann set “46000” (")
    assert errors[1].endswith("); yours is “45690”.")
    wage.refresh_from_db()
    assert (wage.area_name, wage.annual_median) == ("Delaware", Decimal("46000"))
