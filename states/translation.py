"""The state pages' texts that have a Spanish version (django-modeltranslation; see
core.translations)."""

from core.translations import register
from states import models

register(models.StateProfile, ["summary"])
register(models.TaskRule, ["title", "details", "training", "caveat"])
