from django.conf import settings
from django.core.exceptions import SuspiciousOperation, TooManyFieldsSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.middleware import locale
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's: the language is the address's (/es/... or English). One addition: a reader
    who chose a language with the switcher (Django's language cookie) and comes back to the
    site's root is sent to that language's home. Only the root, the one address people type:
    any other page's language was chosen by the link that led there. Accept-Language alone
    never moves anyone. The redirect depends on a cookie, so it says so (Vary) and is kept by
    no shared cache; it comes before the page cache, which never sees it."""

    def process_request(self, request):
        super().process_request(request)
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return None
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen not in dict(settings.LANGUAGES):
            return None
        here = request.get_full_path()
        target = translate_url(here, chosen)
        if target == here:
            return None
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(response, private=True)
        return response

    def process_response(self, request, response):
        # Django's also says Vary: Accept-Language on every English page, which splits caches
        # by a header no page here depends on, and redirects 404s to a prefixed English
        # address, which English never has (prefix_default_language=False).
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


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


class RequestBodyLimitMiddleware:
    """Bodies are refused by their declared size before anything reads them, and only editors'
    admin pages take files (the CSV import): every public form is text, so a file posted to one
    is refused unread. DATA_UPLOAD_MAX_MEMORY_SIZE bounds a form's fields
    but not its files; this bounds the whole body: REQUEST_BODY_MAX_BYTES, and
    EDITOR_REQUEST_BODY_MAX_BYTES under /admin/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        editor = request.path.startswith("/admin/")
        limit = (
            settings.EDITOR_REQUEST_BODY_MAX_BYTES if editor else settings.REQUEST_BODY_MAX_BYTES
        )
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            return render(request, "400.html", status=400)
        if length > limit:
            context = {"too_large": True, "limit_mb": max(1, limit // 1_000_000)}
            return render(request, "400.html", context, status=413)
        if request.content_type == "multipart/form-data" and not editor:
            request.upload_handlers = [RefuseFilesHandler(request)]
            try:
                request.POST  # noqa: B018 (parsed here, with files refused)
            except (MultiPartParserError, SuspiciousOperation):
                return render(request, "400.html", status=400)
            if request.files_refused:
                return render(request, "400.html", {"no_files": True}, status=400)
        return self.get_response(request)


class RefuseFilesHandler(FileUploadHandler):
    """Reads a form's text fields and drops every file unread, noting that one was sent."""

    def __init__(self, request=None):
        super().__init__(request)
        request.files_refused = False

    def new_file(self, *args, **kwargs):
        self.request.files_refused = True
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None
