"""The guide's texts that have a Spanish version (django-modeltranslation; see
core.translations)."""

from core.translations import register
from guide import models

register(models.GuidePage, ["title", "summary", "body"])
register(models.CareerStep, ["title", "body", "typical_time", "typical_cost"])
register(models.Duty, ["title", "description"])
register(models.ScopeItem, ["task", "notes"])
for named in [
    models.Specialty,
    models.Skill,
    models.TrainingTopic,
    models.WorkSetting,
    models.IndustryWage,
]:
    register(named, ["name", "description"])
register(models.CareerPath, ["title", "description", "extra_training"])
register(models.FAQ, ["question", "answer"])
register(models.Association, ["description"])
register(models.FundingFact, ["title", "body", "caveat"])
register(models.Contributor, ["role", "bio"])
register(models.Source, ["as_of"])
