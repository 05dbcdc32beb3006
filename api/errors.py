"""Every error the API gives is JSON: {"status", "detail", "errors": [{"parameter", "message"}]},
with the parameter each message is about, so a client can show it beside its own control."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def messages_by_parameter(detail):
    """[{"parameter", "message"}] from DRF's error detail (a dict by field, a list or a text)."""
    if isinstance(detail, dict):
        return [
            {"parameter": name, "message": str(message)}
            for name, messages in detail.items()
            for message in (messages if isinstance(messages, list) else [messages])
        ]
    if isinstance(detail, list):
        return [{"parameter": None, "message": str(message)} for message in detail]
    return [{"parameter": None, "message": str(detail)}]


def json_error(exc, context):
    """DRF's EXCEPTION_HANDLER: its own handling (status, Retry-After), in our shape."""
    if isinstance(exc, exceptions.Throttled):
        exc.detail = _(
            "Too many requests from your address: try again in %(seconds)d seconds."
        ) % {"seconds": exc.wait}
    response = exception_handler(exc, context)
    if response is None:
        return None
    errors = messages_by_parameter(getattr(exc, "detail", response.data))
    if isinstance(exc, exceptions.ValidationError):
        summary = _("Some parameters are not valid: see errors.")
    else:
        summary = errors[0]["message"]
    response.data = {"status": response.status_code, "detail": summary, "errors": errors}
    return response


def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint."""
    message = _("No API endpoint at this address: the endpoints are listed at %(index)s.") % {
        "index": reverse("api:index")
    }
    return JsonResponse(
        {"status": 404, "detail": message, "errors": [{"parameter": None, "message": message}]},
        status=404,
    )
