import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Load the ZIP-code table now, so the first visitor who searches by distance does not wait.
from programs import geo  # noqa: E402

geo.warm()
