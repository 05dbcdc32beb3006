from django.core.exceptions import TooManyFieldsSent
from django.shortcuts import render


class BadQueryStringMiddleware:
    """A query string with more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS gets a 400 page.

    Django raises TooManyFieldsSent when request.GET is first read; in production that becomes a
    plain 400, but with DEBUG on the error page reads request.GET again and fails with a 500.
    Reading it here, before any view, gives every mode the same clear answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 (parsing is the check)
        except TooManyFieldsSent:
            return render(request, "400.html", {"too_many_fields": True}, status=400)
        return self.get_response(request)
