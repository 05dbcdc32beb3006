from django.core.management.base import BaseCommand

from core.ratelimits import normal_username, unlock_sign_in


class Command(BaseCommand):
    help = (
        "Let an editor sign in again at once after the lockout paused them: forgets the failed "
        "sign-ins counted against the username, however it was spelled."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        forgotten = unlock_sign_in(options["username"])
        self.stdout.write(
            f"{normal_username(options['username'])}: {forgotten} lockout record(s) removed; "
            "they can sign in now."
        )
