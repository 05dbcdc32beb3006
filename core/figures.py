"""Figures an app offers other apps' pages: a registry each app fills in its AppConfig.ready(),
as site search does (core/search.py), so the guide's templates show program costs and exam fees
without loading another app's template tags: `{% load figures %}{% figure "exam_fees" as fees %}`.

Each figure is a function of no arguments that returns what the template reads; it keeps its own
cache if it needs one.
"""

_FIGURES = {}


def register(name, compute):
    """Called from an AppConfig.ready(); registering the same name again replaces it."""
    _FIGURES[name] = compute


def figure(name):
    """The registered figure, worked out now; a name nobody registered is a programming error."""
    return _FIGURES[name]()
