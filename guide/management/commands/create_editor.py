import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guide.editors import sync_editors_group


class Command(BaseCommand):
    help = (
        "Create an editor account: staff, in the Editors group, no access to accounts. "
        "Asks for the password, or reads EDITOR_PASSWORD when it is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = os.environ.get("EDITOR_PASSWORD") or self.ask_password()
        user = user_model(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(sync_editors_group())
        self.stdout.write(self.style.SUCCESS(f"Editor {username!r} created; sign in at /admin/."))

    def ask_password(self):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
