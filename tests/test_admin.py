import pytest
from django.contrib import admin
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import bulk_programs, make_program

pytestmark = pytest.mark.django_db

REGISTERED = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"guide", "certifications", "programs", "states"}
]


# Reader feedback comes only from readers: nobody, not even a superuser, writes it in admin.
NO_ADD_PAGE = {"guide.Feedback"}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_and_add_page_load(admin_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(changelist).status_code == 200
    expected = 403 if opts.label in NO_ADD_PAGE else 200
    assert admin_client.get(add).status_code == expected


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_an_editor_may_open_each_add_page_the_group_allows(client, model):
    from django.contrib.auth.models import User

    from guide.editors import sync_editors_group

    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(sync_editors_group())
    client.force_login(editor)
    opts = model._meta
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    expected = 403 if opts.label in NO_ADD_PAGE else 200
    assert client.get(add).status_code == expected


def test_every_content_model_is_registered():
    from django.apps import apps

    for app_label in ("guide", "certifications", "programs", "states"):
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical") or model._meta.auto_created:
                continue
            assert model in admin.site._registry, model


def test_changelists_use_a_fixed_number_of_queries(admin_client):
    make_program()
    url = reverse("admin:programs_program_changelist")
    admin_client.get(url)
    reset_queries()
    with CaptureQueriesContext(connection) as small:
        admin_client.get(url)
    bulk_programs(80, "many")
    reset_queries()
    with CaptureQueriesContext(connection) as large:
        admin_client.get(url)
    assert len(large) == len(small) <= 12
