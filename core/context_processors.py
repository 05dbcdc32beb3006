import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_supported_language_variant, override

# The header's and footer's links: a name for templates, then the view and its arguments.
NAVIGATION = {
    "home": ("guide:home", ()),
    "become": ("guide:page", ("become-a-medical-assistant",)),
    "salary": ("guide:page", ("salary-and-outlook",)),
    "certifications": ("certifications:list", ()),
    "programs": ("programs:list", ()),
    "faq": ("guide:page", ("faq",)),
    "feedback": ("guide:feedback", ()),
    "search": ("guide:search", ()),
    "about": ("guide:page", ("about",)),
    "training": ("guide:page", ("training",)),
    "duties": ("guide:page", ("what-medical-assistants-do",)),
    "career_paths": ("guide:page", ("career-paths",)),
    "resources": ("guide:page", ("resources",)),
    "cost": ("guide:page", ("cost-and-financial-aid",)),
    "states": ("states:list", ()),
    "open_data": ("api:index", ()),
    "glossary": ("guide:glossary", ()),
    "language": ("set_language", ()),
}


@functools.lru_cache(maxsize=32)
def navigation(script_prefix, language):
    """Reversed once per process, not on every page: the addresses never change at run time."""
    return {name: reverse(view, args=args) for name, (view, args) in NAVIGATION.items()}


def site_url(request):
    """The site's address for canonical links and the sitemap: SITE_URL when it is set (in
    production, behind proxies), else the address this request came to."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    # This page's address in the language, with its query; "" when the page has none in it.
    url: str
    # Where the switcher goes in this language: the page, or else the language's home.
    switch_to: str
    current: bool


@functools.lru_cache(maxsize=8)
def home_in(script_prefix, code):
    with override(code):
        return reverse("guide:home")


def languages_of(request):
    """Every language with this page's address in it, the current language first.

    Paths are the same words in every language (/certifications/cma/, /es/certifications/cma/),
    so the page's own address is translated with its query kept as is. A page outside
    i18n_patterns (the API's page, admin) or one that was not found has no address in the
    other language: its url is "", and the switcher offers that language's home instead.
    """
    current = get_supported_language_variant(get_language())
    here = request.get_full_path()
    found = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = here
        else:
            translated = translate_url(here, code)
            url = translated if translated != here else ""
        switch_to = url or home_in(get_script_prefix(), code)
        found.append(Language(code, name, url, switch_to, code == current))
    return sorted(found, key=lambda language: not language.current)


def site(request):
    languages = languages_of(request)
    by_code = {language.code: language for language in languages}
    # hreflang alternates only where the page exists in every language.
    translated = all(language.url for language in languages)
    default = get_supported_language_variant(settings.LANGUAGE_CODE)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_url(request),
        "nav": navigation(get_script_prefix(), get_language()),
        "languages": languages,
        "alternates": languages if translated else [],
        "x_default": by_code[default].url if translated else "",
    }
