"""The Editors group: everything on content, certifications and programs, nothing on accounts."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Editors"
EDITOR_APPS = ("guide", "certifications", "programs", "states")
# Feedback comes from readers: editors triage it but neither invent nor erase it.
# What readers reach by address (schools, programs, credentials, their routes, guide pages)
# is unpublished, not deleted, so links keep working and history can bring it back; so are
# the facts pages are built from (a state's profile, a question, a fee). Deleting stays with
# superusers.
WITHHELD = (
    "add_feedback",
    "delete_feedback",
    "add_historicalfeedback",
    "delete_school",
    "delete_program",
    "delete_certification",
    "delete_eligibilityroute",
    "delete_guidepage",
    "delete_stateprofile",
    "delete_faq",
    "delete_examfigure",
)


def sync_editors_group(apps=global_apps):
    """Create the group if needed and give it exactly the editors' permissions."""
    for label in EDITOR_APPS:
        # An app whose first migration has not run yet gets its permissions after it does.
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        # Migration state holds stubs without models_module, which create_permissions skips.
        if getattr(app_config, "models_module", None) is None:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    permissions = permission_model.objects.filter(content_type__app_label__in=EDITOR_APPS).exclude(
        codename__in=WITHHELD
    )
    group.permissions.set(permissions)
    return group


def sync_after_migrate(sender, **kwargs):
    """New models arrive with new permissions; keep the group exact after every migrate."""
    if kwargs.get("plan") is not None and not kwargs["plan"]:
        return
    sync_editors_group(kwargs.get("apps") or global_apps)
