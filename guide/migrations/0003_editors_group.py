from django.db import migrations


def create_editors_group(apps, schema_editor):
    from guide.editors import sync_editors_group

    sync_editors_group(apps)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("guide", "0002_page_updated_at_default"),
        ("certifications", "0001_initial"),
        ("programs", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
