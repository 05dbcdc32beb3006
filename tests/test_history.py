"""The editors' history: starting records for seeded rows, change notes, revert of fields,
many-to-many links and inline rows, whole diffs, and figures that ask for their source."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from certifications.models import Certification, EligibilityRoute, ExamFigure
from guide.models import Source
from programs.models import Program
from tests.factories import (
    make_certification,
    make_exam_fee,
    make_page,
    make_program,
    make_route,
    make_source,
)

pytestmark = pytest.mark.django_db

FIXTURES = [
    settings.BASE_DIR / "fixtures" / name for name in ("guide.json", "certifications.json")
]


def form_data(response, **overrides):
    """What a browser posts back for the admin form in the response, with overrides."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value == [] or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        else:
            value = getattr(value, "pk", value)
        data[name] = value
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def revert_url(record):
    opts = record.instance_type._meta
    pk = getattr(record, opts.pk.attname)
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[pk, record.pk]
    )


def history_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def test_seed_gives_each_loaded_row_one_starting_record():
    route = EligibilityRoute.objects.get(slug="rma-work-experience")
    assert route.history.count() == 1
    assert route.history.get().history_type == "+"
    assert EligibilityRoute.history.count() == EligibilityRoute.objects.count()
    assert Source.history.count() == Source.objects.count()


def test_seed_twice_adds_no_history():
    before = EligibilityRoute.history.count(), Certification.history.count()
    call_command("seed", *map(str, FIXTURES), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (EligibilityRoute.history.count(), Certification.history.count()) == before


def test_seeded_many_to_many_links_are_in_the_starting_record():
    certification = Certification.objects.get(slug="rma")
    first = certification.history.earliest("history_date")
    recorded = set(first.sources.values_list("source_id", flat=True))
    assert recorded == set(certification.sources.values_list("pk", flat=True))
    assert recorded


def test_an_edit_to_a_seeded_route_reverts_to_the_seeded_value(admin_client):
    route = EligibilityRoute.objects.get(slug="rma-work-experience")
    assert route.min_experience_months == 36
    page = admin_client.get(change_url(route))
    response = admin_client.post(
        change_url(route),
        form_data(page, min_experience_months=24, same_source="on", change_note="Typo test"),
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.min_experience_months == 24

    seeded_record = route.history.earliest("history_date")
    revert_page = admin_client.get(revert_url(seeded_record))
    assert revert_page.context["adminform"].form.initial["min_experience_months"] == 36
    response = admin_client.post(revert_url(seeded_record), form_data(revert_page))
    assert response.status_code == 302
    assert response.url == history_url(route)
    route.refresh_from_db()
    assert route.min_experience_months == 36
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert message.startswith("Reverted to the version of ")
    assert message.endswith(", loaded from the site's data.")
    assert route.history.latest("history_date").history_change_reason == message


def test_change_note_is_kept_and_shown_in_the_history(admin_client):
    page = make_page(title="Old title")
    response = admin_client.post(
        change_url(page),
        form_data(
            admin_client.get(change_url(page)),
            title="New title",
            change_note="Title matched to the menu",
            **{f"{p}-{k}": 0 for p in ("steps", "faqs") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
        ),
    )
    assert response.status_code == 302
    assert page.history.latest("history_date").history_change_reason == (
        "Title matched to the menu"
    )
    assert "Title matched to the menu" in admin_client.get(history_url(page)).content.decode()


def test_change_note_is_optional_and_limited_to_what_history_stores(admin_client):
    page = make_page(title="Old title")
    inlines = {f"{p}-{k}": 0 for p in ("steps", "faqs") for k in ("TOTAL_FORMS", "INITIAL_FORMS")}
    edit = admin_client.get(change_url(page))
    too_long = admin_client.post(
        change_url(page), form_data(edit, title="New", change_note="x" * 101, **inlines)
    )
    assert too_long.status_code == 200
    assert "change_note" in too_long.context["adminform"].form.errors
    without = admin_client.post(change_url(page), form_data(edit, title="New", **inlines))
    assert without.status_code == 302
    assert page.history.latest("history_date").history_change_reason is None


@pytest.mark.usefixtures("without_reference_data")
def test_revert_restores_a_programs_certifications(admin_client):
    cma, rma = make_certification(code="CMA"), make_certification(code="RMA")
    program = make_program()
    program.certifications.set([cma])
    version = program.history.latest("history_date")
    program.certifications.set([rma])

    revert_page = admin_client.get(revert_url(version))
    assert revert_page.context["adminform"].form.initial["certifications"] == [cma.pk]
    response = admin_client.post(revert_url(version), form_data(revert_page))
    assert response.status_code == 302
    assert list(program.certifications.all()) == [cma]
    latest = program.history.latest("history_date")
    assert list(latest.certifications.values_list("certification_id", flat=True)) == [cma.pk]


def test_revert_restores_inline_rows_as_they_were(admin_client):
    certification = make_certification()
    kept = make_route(certification=certification, name="Graduates", min_program_hours=560)
    removed = make_route(certification=certification, name="Work experience")
    # A save of the certification's form: the parent, then the rows saved with it.
    certification.save()
    version = certification.history.latest("history_date")

    # The next save of the form: admin saves the parent first, then its inline rows.
    certification.save()
    kept.min_program_hours = 720
    kept.save()
    removed_pk = removed.pk
    removed.delete()
    added = make_route(certification=certification, name="Added later")

    revert_page = admin_client.get(revert_url(version))
    listed = revert_page.content.decode()
    assert "Work experience" in listed and "Added later" not in listed
    response = admin_client.post(revert_url(version), form_data(revert_page))
    assert response.status_code == 302

    routes = {route.pk: route for route in certification.routes.all()}
    assert set(routes) == {kept.pk, removed_pk}
    assert routes[kept.pk].min_program_hours == 560
    assert routes[removed_pk].name == "Work experience"
    assert not EligibilityRoute.objects.filter(pk=added.pk).exists()
    restored = EligibilityRoute.history.filter(id=removed_pk).latest("history_date")
    assert restored.history_change_reason.startswith("Reverted to the version of ")


def test_revert_of_an_unknown_version_is_a_404(admin_client):
    program = make_program()
    url = reverse("admin:programs_program_simple_history", args=[program.pk, "nope"])
    assert admin_client.get(url).status_code == 404


def test_history_shows_a_long_text_in_full_with_its_changed_words(admin_client):
    opening = "A medical assistant works in clinics and hospitals. " * 6
    page = make_page(body=opening + "The end is here.")
    page.body = opening + "The end is changed."
    page.save()
    body = admin_client.get(history_url(page)).content.decode()
    assert body.count(opening.strip()) >= 1
    assert "<del>here.</del>" in body
    assert "<ins>changed.</ins>" in body


def test_a_changed_figure_with_its_old_source_asks_for_the_source(admin_client):
    fee = make_exam_fee(make_certification(), "125")
    page = admin_client.get(change_url(fee))
    response = admin_client.post(
        change_url(fee), form_data(page, amount_low="135", value_en="$135")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["source"]
    assert "Amount low" in errors[0]
    fee.refresh_from_db()
    assert fee.amount_low == Decimal("125")


def test_a_changed_figure_saves_with_a_new_source(admin_client):
    fee = make_exam_fee(make_certification(), "125")
    newer = make_source(title="AMT fees 2026")
    page = admin_client.get(change_url(fee))
    data = form_data(page, amount_low="135", value_en="$135", source=newer.pk)
    assert admin_client.post(change_url(fee), data).status_code == 302
    fee.refresh_from_db()
    assert (fee.amount_low, fee.source) == (Decimal("135"), newer)


def test_a_changed_figure_saves_when_the_editor_confirms_the_same_source(admin_client):
    fee = make_exam_fee(make_certification(), "125")
    page = admin_client.get(change_url(fee))
    data = form_data(page, amount_low="135", value_en="$135", same_source="on")
    assert admin_client.post(change_url(fee), data).status_code == 302
    assert ExamFigure.objects.get(pk=fee.pk).amount_low == Decimal("135")


def test_a_program_cost_change_asks_for_the_cost_source_only(admin_client):
    program = make_program(cost_source="IPEDS 2024", length_source="IPEDS 2024")
    page = admin_client.get(change_url(program))
    response = admin_client.post(change_url(program), form_data(page, tuition_fees="9000"))
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["cost_source"]
    fixed = form_data(page, tuition_fees="9000", cost_source="School catalog, 2026-27")
    assert admin_client.post(change_url(program), fixed).status_code == 302
    assert Program.objects.get(pk=program.pk).tuition_fees == Decimal("9000")


def test_other_changes_need_no_source(admin_client):
    program = make_program(cost_source="IPEDS 2024")
    page = admin_client.get(change_url(program))
    data = form_data(page, name="Medical Assisting (evening)")
    assert admin_client.post(change_url(program), data).status_code == 302


def test_revert_page_needs_no_new_source_for_old_figures(admin_client):
    fee = make_exam_fee(make_certification(), "125", verified_on=datetime.date(2026, 1, 2))
    version = fee.history.latest("history_date")
    fee.amount_low = Decimal("135")
    fee.source = make_source()
    fee.save()
    revert_page = admin_client.get(revert_url(version))
    assert admin_client.post(revert_url(version), form_data(revert_page)).status_code == 302
    assert ExamFigure.objects.get(pk=fee.pk).amount_low == Decimal("125")


def inline_form_class(rf, admin_user, parent, model):
    """The form class the parent's change page uses for its inline rows of the model."""
    from django.contrib import admin

    request = rf.get("/")
    request.user = admin_user
    inlines = admin.site._registry[type(parent)].get_inline_instances(request, parent)
    inline = next(i for i in inlines if i.model is model)
    return inline.get_formset(request, parent).form


def test_a_fee_changed_inline_on_the_certification_asks_for_its_source(rf, admin_user):
    certification = make_certification()
    fee = make_exam_fee(certification, "125")
    form_class = inline_form_class(rf, admin_user, certification, ExamFigure)
    data = {
        "certification": certification.pk,
        "kind": fee.kind,
        "value_en": "$135",
        "amount_low": "135",
        "source": fee.source.pk,
        "slug": fee.slug,
        "id": fee.pk,
    }
    changed = form_class(data, instance=fee)
    assert "source" in changed.errors
    confirmed = form_class({**data, "same_source": "on"}, instance=fee)
    assert confirmed.is_valid(), confirmed.errors


def test_the_certification_form_offers_same_source_on_each_figure_row(admin_client):
    certification = make_certification()
    make_exam_fee(certification, "125")
    make_route(certification=certification)
    body = admin_client.get(change_url(certification)).content.decode()
    assert 'name="figures-0-same_source"' in body
    assert 'name="routes-0-same_source"' in body
    assert 'name="change_note"' in body


def test_a_deleted_source_comes_back_from_its_history_with_the_pages_that_cited_it(admin_client):
    source = make_source(title="OEWS May 2025")
    page, certification, former = make_page(), make_certification(), make_page()
    page.sources.add(source)
    certification.sources.add(source)
    former.sources.add(source)
    former.sources.remove(source)
    version, pk = source.history.latest("history_date"), source.pk
    # Admin refuses to delete a cited source; a script or the shell still can.
    source.delete()
    assert not page.sources.exists() and not certification.sources.exists()

    revert_page = admin_client.get(revert_url(version))
    response = admin_client.post(revert_url(version), form_data(revert_page))
    assert response.status_code == 302

    restored = Source.objects.get(pk=pk)
    assert list(page.sources.all()) == [restored]
    assert list(certification.sources.all()) == [restored]
    assert not former.sources.exists()
    # The page's history records the link it got back, and why.
    latest = page.history.latest("history_date")
    assert list(latest.sources.values_list("source_id", flat=True)) == [pk]
    assert latest.history_change_reason.startswith("Reverted to the version of ")
