def same_origin(request):
    """Browsers say where a form post came from: only our own pages may send the forms that
    carry no CSRF token (so that the pages showing them stay cacheable for everyone)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    return origin == f"{request.scheme}://{request.get_host()}"
