"""Editors unpublish rather than delete; the pages the site is built around stay published;
a renamed guide page's old address leads to its new one."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from certifications.models import Certification
from guide.models import FAQ, GuidePage
from programs.models import Program
from states.models import StateProfile
from tests.factories import (
    make_certification,
    make_contributor,
    make_exam_fee,
    make_page,
    make_program,
    make_route,
    make_school,
    make_source,
)
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-editor-passphrase-7")
    call_command("create_editor", "erin", stdout=io.StringIO())
    client.force_login(User.objects.get(username="erin"))
    return client


def page_form_data(client, url, **overrides):
    """The guide page's admin form posted back unchanged but for the overrides, inlines empty."""
    page = client.get(url)
    data = _form_data(page.context["adminform"].form, **overrides)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def rows_readers_reach():
    program = make_program()
    route = make_route()
    return {
        "programs_school": program.school,
        "programs_program": program,
        "certifications_certification": route.certification,
        "certifications_eligibilityroute": route,
        "guide_guidepage": make_page(),
    }


def test_editors_cannot_delete_what_readers_reach(editor_client):
    for name, obj in rows_readers_reach().items():
        delete = editor_client.post(
            reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"}
        )
        assert delete.status_code == 403, name
        assert type(obj).objects.filter(pk=obj.pk).exists(), name
        assert "delete_selected" not in actions(editor_client, name), name


def actions(client, name):
    """The bulk actions the changelist offers this user (none: no action form at all)."""
    form = client.get(reverse(f"admin:{name}_changelist")).context["action_form"]
    return [] if form is None else [action for action, _label in form.fields["action"].choices]


def test_editors_get_no_delete_action_but_unpublish(editor_client):
    make_program()
    offered = actions(editor_client, "programs_program")
    assert "delete_selected" not in offered and "unpublish" in offered


def test_superusers_still_delete(admin_client):
    for name, obj in rows_readers_reach().items():
        if name == "programs_school":
            continue  # its program protects it; deleted below after the program
        response = admin_client.post(
            reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"}
        )
        assert response.status_code == 302, name
        assert not type(obj).objects.filter(pk=obj.pk).exists(), name


def test_unpublish_action_takes_programs_and_certifications_off_the_site(editor_client):
    program = make_program()
    certification = make_certification()
    assert editor_client.get(program.get_absolute_url()).status_code == 200
    for name, obj in [
        ("programs_program", program),
        ("certifications_certification", certification),
    ]:
        response = editor_client.post(
            reverse(f"admin:{name}_changelist"),
            {"action": "unpublish", "_selected_action": [obj.pk]},
            follow=True,
        )
        assert "1 item unpublished" in response.content.decode()
    assert Program.objects.get(pk=program.pk).published is False
    assert Certification.objects.get(pk=certification.pk).published is False
    # Saved one by one, so the history can bring it back.
    assert program.history.first().published is False
    # Readers no longer see it; the row is still there for the editor to publish again.
    editor_client.logout()
    assert editor_client.get(program.get_absolute_url()).status_code == 404


@pytest.mark.usefixtures("without_reference_data")
@pytest.mark.parametrize("kind", ["home", "faq", "about"])
def test_pages_the_site_is_built_around_cannot_be_unpublished(kind):
    page = make_page(slug=kind, kind=kind)
    page.published = False
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "stays published" in error.value.message_dict["published"][0]


def test_an_ordinary_page_can_be_unpublished():
    page = make_page(kind="")
    page.published = False
    page.full_clean()
    page.save()
    page.refresh_from_db()
    assert page.published is False


@pytest.mark.usefixtures("without_reference_data")
def test_unticking_published_on_the_home_page_in_admin_says_why_and_keeps_it(editor_client):
    page = make_page(slug="home", kind="home", title="Welcome")
    url = reverse("admin:guide_guidepage_change", args=[page.pk])
    data = page_form_data(editor_client, url)
    del data["published"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"published"}
    assert "“Welcome” is one of the pages the site is built around" in response.content.decode()
    page.refresh_from_db()
    assert page.published is True
    assert editor_client.get("/").status_code == 200


@pytest.mark.usefixtures("without_reference_data")
def test_unpublish_action_keeps_the_site_pages_and_says_so(editor_client):
    home = make_page(slug="home", kind="home", title="Welcome")
    draft = make_page(kind="", title="Old notes")
    response = editor_client.post(
        reverse("admin:guide_guidepage_changelist"),
        {"action": "unpublish", "_selected_action": [home.pk, draft.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "“Welcome” is one of the pages the site is built around" in body
    assert "1 item unpublished" in body
    assert GuidePage.objects.get(pk=home.pk).published is True
    assert GuidePage.objects.get(pk=draft.pk).published is False


def seeded_page(**fields):
    """A page as `seed` loads it: saved raw, so it has no history."""
    GuidePage.objects.bulk_create(
        [
            GuidePage(
                title="Externships",
                summary="Where students practise.",
                reviewed_on=datetime.date(2026, 11, 1),
                published=True,
                author=make_contributor(),
                **fields,
            )
        ]
    )
    page = GuidePage.objects.get(slug=fields["slug"])
    assert not page.history.exists()
    return page


@pytest.mark.usefixtures("without_reference_data")
@pytest.mark.parametrize("kind", ["", "resources"])
def test_renaming_any_seeded_page_in_admin_leaves_a_redirect(editor_client, client, kind):
    page = seeded_page(slug="externships", kind=kind)
    url = reverse("admin:guide_guidepage_change", args=[page.pk])
    data = page_form_data(editor_client, url, slug="clinical-externships")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    old = client.get("/externships/")
    assert old.status_code == 301 and old["Location"] == "/clinical-externships/"
    assert client.get("/clinical-externships/").status_code == 200


def test_a_page_renamed_twice_redirects_from_both_old_addresses(client):
    page = seeded_page(slug="externships", kind="")
    for slug in ("clinical-externships", "externships-explained"):
        page.slug = slug
        page.save()
    for old in ("/externships/", "/clinical-externships/"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == "/externships-explained/"


def test_a_seeded_pages_first_edit_keeps_its_starting_version_with_its_sources():
    page = seeded_page(slug="externships", kind="")
    source = make_source()
    # Raw, as seed loads links: sources.add() would record a version of its own.
    GuidePage.sources.through.objects.create(guidepage=page, source=source)
    assert not page.history.exists()
    page.title = "Clinical externships"
    page.save()
    first = page.history.earliest("history_date")
    assert first.title == "Externships"
    assert list(first.sources.values_list("source_id", flat=True)) == [source.pk]


def test_a_school_is_kept_for_its_programs_even_for_superusers(admin_client):
    school = make_school()
    make_program(school=school)
    response = admin_client.post(
        reverse("admin:programs_school_delete", args=[school.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert type(school).objects.filter(pk=school.pk).exists()


def test_an_unpublished_route_leaves_the_credential_page_and_the_checker(editor_client, client):
    kept = make_route(name="Recent graduate route")
    certification = kept.certification
    withdrawn = make_route(certification=certification, name="Withdrawn work route")
    response = editor_client.post(
        reverse("admin:certifications_eligibilityroute_changelist"),
        {"action": "unpublish", "_selected_action": [withdrawn.pk]},
        follow=True,
    )
    assert "1 item unpublished" in response.content.decode()
    body = client.get(certification.get_absolute_url()).content.decode()
    assert "Recent graduate route" in body and "Withdrawn work route" not in body
    (checked,) = Certification.objects.filter(pk=certification.pk).for_eligibility()
    assert list(checked.routes.all()) == [kept]


def test_editors_unpublish_questions_and_cannot_delete_profiles_questions_or_fees(editor_client):
    certification = make_certification()
    rows = {
        "states_stateprofile": StateProfile.objects.first(),
        "guide_faq": FAQ.objects.create(slug="q-delete", question="Why?", answer="Because."),
        "certifications_examfigure": make_exam_fee(certification, Decimal("135")),
    }
    for name, obj in rows.items():
        delete = editor_client.post(
            reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"}
        )
        assert delete.status_code == 403, name
        assert type(obj).objects.filter(pk=obj.pk).exists(), name
        assert "delete_selected" not in actions(editor_client, name), name
    assert "unpublish" in actions(editor_client, "guide_faq")


def test_a_source_pages_cite_cannot_be_deleted_and_the_page_names_them(admin_client):
    source = make_source(title="OEWS May 2025")
    page = make_page(title="How much medical assistants earn")
    page.sources.add(source)
    url = reverse("admin:guide_source_delete", args=[source.pk])
    confirm = admin_client.get(url).content.decode()
    assert "Guide page: How much medical assistants earn" in confirm
    assert "GuidePage_sources object" not in confirm

    admin_client.post(url, {"post": "yes"})
    assert list(page.sources.all()) == [source]

    page.sources.clear()
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not type(source).objects.filter(pk=source.pk).exists()
