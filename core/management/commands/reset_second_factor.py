from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Remove an account's authenticator app (lost phone): the next sign-in with the password "
        "sets up a new one. Superusers must set it up again before using admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(options["username"])
        except user_model.DoesNotExist:
            raise CommandError(f"No account named {options['username']!r}.") from None
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"{user.get_username()}: {removed} authenticator device(s) removed; the next sign-in "
            "sets up a new one."
        )
