import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Draft
from guide.editors import sync_editors_group
from guide.models import FAQ, GuidePage
from guide.sanitiser import dropped_markup
from tests.admin_forms import change_form_data
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def change_url(page):
    return reverse("admin:guide_guidepage_change", args=[page.pk])


def preview_url(page):
    return reverse("admin:guide_guidepage_preview", args=[page.pk])


def save_draft(client, page):
    """Post the page's change form as a draft whose body is "Draft body."."""
    url = change_url(page)
    data = change_form_data(client, url, body="Draft body.", _save_draft="Save as draft")
    client.post(url, data)


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(sync_editors_group())
    client.force_login(editor)
    return client


def test_preview_renders_the_unsaved_edit_with_the_public_template(editor_client):
    page = make_page(title="Old title", body="Old body.")
    data = change_form_data(editor_client, change_url(page), body="A **new** paragraph.")

    response = editor_client.post(preview_url(page), data)

    assert response.status_code == 200
    assert "guide/guidepage_detail.html" in [t.name for t in response.templates]
    assert b"A <strong>new</strong> paragraph." in response.content
    assert "nothing is saved" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    page.refresh_from_db()
    assert page.body == "Old body."


def test_preview_of_invalid_input_shows_the_form_errors(editor_client):
    page = make_page()
    data = change_form_data(editor_client, change_url(page), title="")

    response = editor_client.post(preview_url(page), data)

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert response.context["form"].errors["title_en"]


def test_preview_needs_change_permission(client):
    page = make_page()
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)

    response = client.post(preview_url(page), {"title": "x"})

    assert response.status_code == 403


def test_preview_is_post_only(editor_client):
    page = make_page()
    assert editor_client.get(preview_url(page)).status_code == 405


def test_preview_warns_about_what_the_sanitiser_drops(editor_client):
    page = make_page()
    body = "Text.\n\n![A chart](chart.png)\n\n<script>x</script>"
    data = change_form_data(editor_client, change_url(page), body=body)

    content = editor_client.post(preview_url(page), data).content.decode()

    assert "The public page will not show these parts of your text:" in content
    assert "images (![…](…))" in content
    assert "scripts and styles (&lt;script&gt;)" in content


def test_save_warns_about_what_the_sanitiser_drops(editor_client):
    page = make_page()
    data = change_form_data(editor_client, change_url(page), body="# Top heading\n\nText.")

    response = editor_client.post(change_url(page), data, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("top-level headings" in m for m in messages)


def test_the_body_field_has_markdown_help(editor_client):
    page = make_page()
    content = editor_client.get(change_url(page)).content.decode()
    assert "Markdown help" in content
    assert 'name="_save_draft"' in content
    assert f'formaction="{preview_url(page)}"' in content


def test_a_saved_draft_leaves_the_public_page_unchanged(editor_client, client):
    page = make_page(title="Published title", body="Published body.")
    data = change_form_data(
        editor_client, change_url(page), body="Draft body.", _save_draft="Save as draft"
    )

    response = editor_client.post(change_url(page), data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Published body."
    assert Draft.objects.for_object(page).get().data["body_en"] == "Draft body."
    public = client.get(page.get_absolute_url()).content.decode()
    assert "Published body." in public
    assert "Draft body." not in public
    # The change form opens with the draft, and says so.
    with CaptureQueriesContext(connection) as queries:
        form_page = editor_client.get(change_url(page)).content.decode()
    assert "Draft body." in form_page
    assert "This form shows a draft saved by ed on" in form_page
    # The form and the notice above it share one read of the draft.
    drafts = Draft._meta.db_table
    reads = [q for q in queries.captured_queries if q["sql"].startswith(f'SELECT "{drafts}".')]
    assert len(reads) == 1


def test_publishing_applies_the_draft(editor_client, client):
    page = make_page(body="Published body.")
    save_draft(editor_client, page)
    # The form now opens with the draft; plain Save publishes it.
    data = change_form_data(editor_client, change_url(page))
    assert data["body_en"] == "Draft body."

    editor_client.post(change_url(page), data)

    page.refresh_from_db()
    assert page.body == "Draft body."
    assert not Draft.objects.for_object(page).exists()
    assert "Draft body." in client.get(page.get_absolute_url()).content.decode()


def test_a_draft_can_be_previewed(editor_client):
    page = make_page(body="Published body.")
    save_draft(editor_client, page)
    data = change_form_data(editor_client, change_url(page))

    assert b"Draft body." in editor_client.post(preview_url(page), data).content


def test_a_draft_can_be_discarded(editor_client):
    page = make_page(body="Published body.")
    save_draft(editor_client, page)

    response = editor_client.post(change_url(page), {"_discard_draft": "Discard draft"})

    assert response.status_code == 302
    assert not Draft.objects.for_object(page).exists()
    assert change_form_data(editor_client, change_url(page))["body_en"] == "Published body."


def test_a_draft_refuses_changes_it_cannot_keep(editor_client):
    page = make_page(body="Published body.", sort_order=1)
    data = change_form_data(
        editor_client,
        change_url(page),
        body="Draft body.",
        sort_order="5",
        _save_draft="Save as draft",
    )

    response = editor_client.post(change_url(page), data)

    assert response.status_code == 200
    assert "A draft keeps only" in response.content.decode()
    assert not Draft.objects.for_object(page).exists()
    page.refresh_from_db()
    assert page.sort_order == 1


@pytest.mark.usefixtures("without_reference_data")
def test_a_draft_refuses_changed_inline_items(editor_client):
    page = make_page(kind=GuidePage.Kind.FAQ, slug="faq")
    FAQ.objects.create(page=page, slug="q1", question="Old question?", answer="A.")
    data = change_form_data(
        editor_client,
        change_url(page),
        body="Draft body.",
        **{"faqs-0-question": "New question?", "_save_draft": "Save as draft"},
    )

    response = editor_client.post(change_url(page), data)

    assert response.status_code == 200
    assert "A draft does not keep changes to these items." in response.content.decode()
    assert FAQ.objects.get().question == "Old question?"


@pytest.mark.usefixtures("without_reference_data")
def test_faq_preview_shows_the_edited_answer_on_its_page(editor_client):
    page = make_page(kind=GuidePage.Kind.FAQ, slug="faq")
    faq = FAQ.objects.create(page=page, slug="q1", question="How long?", answer="Old answer.")
    url = reverse("admin:guide_faq_change", args=[faq.pk])
    data = change_form_data(editor_client, url, answer="New *answer*.")

    response = editor_client.post(reverse("admin:guide_faq_preview", args=[faq.pk]), data)

    content = response.content.decode()
    assert "New <em>answer</em>." in content
    assert 'id="q1" open' in content
    faq.refresh_from_db()
    assert faq.answer == "Old answer."


def test_dropped_markup_names_each_kind_once():
    text = "# Title\n\n![a](a.png) ![b](b.png)\n\n<div>raw</div>\n\n## Fine\n\n- a list"
    assert dropped_markup(text) == [
        "top-level headings (# …): the page title is the only one, start at ##",
        "images (![…](…))",
        "raw HTML <div>",
    ]


def test_allowed_markdown_drops_nothing():
    text = "## Heading\n\n**bold** [link](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    assert dropped_markup(text) == []


@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_preview_of_a_missing_page_is_a_404(editor_client, object_id):
    url = reverse("admin:guide_guidepage_preview", args=[object_id])
    assert editor_client.post(url, {}).status_code == 404


@pytest.mark.usefixtures("without_reference_data")
def test_preview_of_the_front_page_uses_the_home_template(editor_client):
    page = make_page(kind=GuidePage.Kind.HOME, slug="home", summary="Old summary.")
    data = change_form_data(editor_client, change_url(page), summary="A new front summary.")

    response = editor_client.post(preview_url(page), data)

    assert "guide/home.html" in [t.name for t in response.templates]
    assert "A new front summary." in response.content.decode()


@pytest.mark.usefixtures("without_reference_data")
def test_the_page_list_shows_which_pages_have_a_draft_waiting(editor_client):
    waiting = make_page(title="Page with a draft")
    make_page(title="Page without")
    save_draft(editor_client, waiting)

    response = editor_client.get(reverse("admin:guide_guidepage_changelist"))

    rows = {row.title: row.draft_waiting for row in response.context["cl"].result_list}
    assert rows == {"Page with a draft": True, "Page without": False}
