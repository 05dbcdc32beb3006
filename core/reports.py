"""The data report (`manage.py data_report`): a registry each app fills in its AppConfig.ready(),
as site search does (core.search), so the report counts every app's figures without core
importing any of them.

A count is a number the report prints with its label; a check is a count with the number it
must be (0 for a fault such as a figure without its source), which the report marks when it
differs and `data_report --check` fails on. A section writes a longer table after the counts
(the programs' per-state figures).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    # count() -> int, run when the report is made.
    count: Callable
    order: int
    expected: int | None = None


@dataclass(frozen=True)
class Section:
    key: str
    # write(stdout) writes the section's lines.
    write: Callable
    order: int


_counts = {}
_sections = {}


def register_count(key, label, count, order, expected=None):
    """Called from an AppConfig.ready(); registering the same key again replaces it."""
    _counts[key] = Count(key, label, count, order, expected)


def register_section(key, write, order):
    """Called from an AppConfig.ready(); registering the same key again replaces it."""
    _sections[key] = Section(key, write, order)


def counts():
    return sorted(_counts.values(), key=lambda c: (c.order, c.key))


def sections():
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
