"""E-mail to the Editors group when a reader sends a note (Django's mail: the console in dev)."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from core.context_processors import site_url
from guide.editors import EDITORS_GROUP

logger = logging.getLogger(__name__)


def editors_addresses():
    """The addresses of the active editors who have one."""
    editors = (
        get_user_model()
        ._default_manager.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
    )
    return sorted(set(editors.values_list("email", flat=True)))


def notify_editors_of_feedback(feedback, request):
    """Tell the editors a note is waiting, with a link to it in admin."""
    recipients = editors_addresses()
    if not recipients:
        return
    context = {
        "feedback": feedback,
        "triage_url": site_url(request)
        + reverse("admin:guide_feedback_change", args=[feedback.pk]),
        "queue_url": site_url(request) + reverse("admin:guide_feedback_changelist"),
    }
    # Editors work in English, whichever language the reader wrote from.
    with override(settings.LANGUAGE_CODE):
        # One line whatever the page address holds: a header cannot carry a line break.
        subject = " ".join(render_to_string("guide/email/feedback_subject.txt", context).split())
        body = render_to_string("guide/email/feedback_body.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except (OSError, smtplib.SMTPException):
        # The note is saved and shows on the dashboard: a mail server that is down must not
        # cost the reader their message.
        logger.exception("Could not e-mail the editors about feedback %s", feedback.pk)
