import functools

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

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
}


@functools.lru_cache(maxsize=32)
def navigation(script_prefix, language):
    """Reversed once per process, not on every page: the addresses never change at run time."""
    return {name: reverse(view, args=args) for name, (view, args) in NAVIGATION.items()}


def site_url(request):
    """The site's address for canonical links and the sitemap: SITE_URL when it is set (in
    production, behind proxies), else the address this request came to."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_url(request),
        "nav": navigation(get_script_prefix(), get_language()),
    }
