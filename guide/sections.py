"""What each guide page shows beside its own text: the rows of the models it draws on.

Each builder returns template context for one kind of page, with its eager loading spelled out,
so every page needs a fixed number of queries whatever the data size.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.cache import kept_per_data_version
from core.states import all_states
from guide import charts
from guide.models import (
    FAQ,
    WEAK_EMPLOYMENT_RSE,
    WEAK_WAGE_RSE,
    Association,
    CareerPath,
    CareerStep,
    Duty,
    FundingFact,
    GuidePage,
    IndustryWage,
    ScopeItem,
    Skill,
    Source,
    Specialty,
    TrainingTopic,
    WorkSetting,
)
from guide.pay import national_outlook, newest_pay

CHECKLIST_HEADING = "## Questions to ask before you enroll"
COST_CHECKLIST_HEADING = "## Questions to ask a school about cost"


class StatePickerForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Compare a state with the nation"))

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Choose a state"))] + [
            (row.state_code, row.area_name) for row in states
        ]


def career_path(request, page):
    steps = CareerStep.objects.filter(page=page).select_related("source")
    return {"steps": steps}


def duties(request, page):
    all_duties = list(Duty.objects.all())
    scope = list(ScopeItem.objects.select_related("source"))
    return {
        "clinical_duties": [d for d in all_duties if d.kind == Duty.Kind.CLINICAL],
        "administrative_duties": [d for d in all_duties if d.kind == Duty.Kind.ADMINISTRATIVE],
        "may": [s for s in scope if s.allowed == ScopeItem.Allowed.MAY],
        "may_not": [s for s in scope if s.allowed == ScopeItem.Allowed.MAY_NOT],
        "all_states": all_states(),
        "specialties": Specialty.objects.all(),
        "work_settings": list(WorkSetting.objects.select_related("source")),
    }


def industries():
    """The industries' pay the salary page shows, read once per data version like the pay rows."""
    return kept_per_data_version(
        "industry-pay", lambda: list(IndustryWage.objects.select_related("source"))
    )


def salary(request, page):
    pay = newest_pay()
    national, states = pay.national, pay.states
    picker = StatePickerForm(request.GET or None, states=states)
    chosen = None
    if picker.is_bound and picker.is_valid():
        chosen = next(f for f in states if f.state_code == picker.cleaned_data["state"])
    by_median = sorted(
        (s for s in states if s.annual_median), key=lambda s: s.annual_median, reverse=True
    )
    distribution_rows = [row for row in (national, chosen) if row]
    outlook = national_outlook()
    return {
        "occupation_ld": occupation_ld(request, national) if national else None,
        "distribution_rows": distribution_rows,
        "national": national,
        "states": by_median,
        "chosen": chosen,
        "picker": picker,
        "source": national.source if national else None,
        "state_chart": charts.bar_chart(
            [(s.area_name, float(s.annual_median)) for s in by_median],
            highlight=chosen.area_name if chosen else None,
        ),
        "distribution_chart": charts.pay_range_chart(
            [
                (
                    row.area_name,
                    row.annual_p10,
                    row.annual_p25,
                    row.annual_median,
                    row.annual_p75,
                    row.annual_p90,
                )
                for row in distribution_rows
            ]
        ),
        "top_states": by_median[:5],
        "industries": industries(),
        "outlook": outlook,
    }


def training(request, page):
    body, _heading, checklist = page.body.partition(CHECKLIST_HEADING)
    return {
        "topics": TrainingTopic.objects.all(),
        "skills": Skill.objects.all(),
        "body_before_checklist": body if checklist else page.body,
        "checklist": checklist,
    }


def cost_and_financial_aid(request, page):
    """The funding facts by topic; the cost figures come from the programs app's template tags."""
    body, _heading, checklist = page.body.partition(COST_CHECKLIST_HEADING)
    facts = list(FundingFact.objects.published().for_display())
    return {
        "body_before_checklist": body if checklist else page.body,
        "checklist": checklist,
        "funding_topics": [
            (topic, [fact for fact in facts if fact.topic == topic])
            for topic in FundingFact.Topic
            if any(fact.topic == topic for fact in facts)
        ],
    }


def career_paths(request, page):
    return {"paths": CareerPath.objects.select_related("pay_source")}


def faq(request, page):
    return {"faqs": FAQ.objects.published().filter(page=page)}


def resources(request, page):
    return {
        "associations": Association.objects.all(),
        "official_sources": Source.objects.filter(
            kind__in=[Source.Kind.OFFICIAL, Source.Kind.OFFICIAL_DATA]
        ).order_by("publisher", "title"),
    }


def about_our_data(request, page):
    return {"weak_wage_rse": WEAK_WAGE_RSE, "weak_employment_rse": WEAK_EMPLOYMENT_RSE}


SECTIONS = {
    GuidePage.Kind.BECOME: career_path,
    GuidePage.Kind.DUTIES: duties,
    GuidePage.Kind.SALARY: salary,
    GuidePage.Kind.TRAINING: training,
    GuidePage.Kind.COST: cost_and_financial_aid,
    GuidePage.Kind.CAREER_PATHS: career_paths,
    GuidePage.Kind.FAQ: faq,
    GuidePage.Kind.RESOURCES: resources,
    GuidePage.Kind.ABOUT_DATA: about_our_data,
}


def for_page(request, page):
    builder = SECTIONS.get(page.kind)
    return builder(request, page) if builder else {}


def occupation_ld(request, national):
    """schema.org Occupation with the national median wage, for search engines."""
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": "Medical Assistant",
        "occupationalCategory": "31-9092 Medical Assistants",
        "occupationLocation": {"@type": "Country", "name": "US"},
        "estimatedSalary": {
            "@type": "MonetaryAmountDistribution",
            "name": "base",
            "currency": "USD",
            "duration": "P1Y",
            "percentile10": national.annual_p10,
            "percentile25": national.annual_p25,
            "median": national.annual_median,
            "percentile75": national.annual_p75,
            "percentile90": national.annual_p90,
        },
        "mainEntityOfPage": request.build_absolute_uri(request.path),
        "description": str(_("Median annual pay from BLS OEWS, %(period)s."))
        % {"period": national.reference_period},
    }
