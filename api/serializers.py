"""What each endpoint returns. Unknown is null, never zero; each figure comes with its source."""

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from certifications.models import Certification, CertifyingBody, EligibilityRoute, ExamFigure
from guide.models import PAY_FIELDS, Source, WageFigure
from programs.costs import AidOutlook, cost_parts, federal_aid
from programs.models import Program, School
from states.models import StateProfile, TaskRule


def number(value):
    """A stored decimal as a JSON number; None stays None (unknown)."""
    return None if value is None else float(value)


class Number(serializers.DecimalField):
    """A stored decimal (money, hours, shares) as a JSON number, exactly as stored: DRF's own
    field re-quantizes every value, a third of the time a page of programs takes to write."""

    def to_representation(self, value):
        return number(value)


class RecordSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DecimalField: Number,
    }


class SourceSerializer(RecordSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "url", "kind", "as_of", "accessed_on"]


class SiteLinkMixin(serializers.Serializer):
    """`page`: the object's page on the site, as a full address."""

    page = serializers.SerializerMethodField()

    def get_page(self, obj) -> str:
        return site_root(self) + obj.get_absolute_url()


# Stands for the slug in an address reversed once a response (see api_url).
MARK = "url-mark"


def addresses(serializer):
    """What a response's serializers work out once and share: the site's root and the API's
    addresses with MARK for their argument. A list of 25 programs reversed and checked the
    host for 75 addresses, a third of the time it took to write."""
    return serializer.context.setdefault("addresses", {})


def site_root(serializer):
    """The site's scheme and host, as the request gives them; "" without a request."""
    known = addresses(serializer)
    if "" not in known:
        request = serializer.context.get("request")
        known[""] = request.build_absolute_uri("/")[:-1] if request else ""
    return known[""]


def api_url(serializer, name, **kwargs):
    request = serializer.context.get("request")
    if list(kwargs) != ["slug"]:
        return reverse(f"api:{name}", kwargs=kwargs, request=request)
    # MARK fits where a slug goes; other arguments (a state's two letters) are not so common.
    known = addresses(serializer)
    if name not in known:
        address = reverse(f"api:{name}", kwargs={"slug": MARK}, request=request)
        before, _mark, after = address.rpartition(MARK)
        known[name] = (before, after)
    before, after = known[name]
    return f"{before}{kwargs['slug']}{after}"


class SchoolBriefSerializer(RecordSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = School
        fields = ["slug", "url", "name", "city", "state"]

    def get_url(self, school) -> str:
        return api_url(self, "school-detail", slug=school.slug)


class ProgramSerializer(SiteLinkMixin, RecordSerializer):
    """A program as the finder lists it."""

    url = serializers.SerializerMethodField()
    school = SchoolBriefSerializer()
    credential_label = serializers.CharField()
    format_label = serializers.CharField()
    accreditation_label = serializers.CharField()
    flagged_length_months = serializers.SerializerMethodField()
    certifications = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "slug",
            "url",
            "page",
            "name",
            "school",
            "credential",
            "credential_label",
            "format",
            "format_label",
            "length_months",
            "flagged_length_months",
            "length_hours",
            "length_hours_unit",
            "total_cost",
            "cost_is_estimate",
            "graduates_per_year",
            "graduates_year",
            "evening",
            "weekend",
            "part_time",
            "has_externship",
            "accreditation",
            "accreditation_label",
            "certifications",
        ]

    def get_url(self, program) -> str:
        return api_url(self, "program-detail", slug=program.slug)

    def get_flagged_length_months(self, program) -> float | None:
        """The school's own length when it looks wrong (it is left out of filters and sorts)."""
        return program.reported_length_months if program.length_suspect else None

    def get_certifications(self, program) -> list[str]:
        return [certification.code for certification in program.certifications.all()]


class FinderProgramSerializer(ProgramSerializer):
    """A program in the finder's results: how far it is and which limited figures it lacks."""

    distance_miles = serializers.SerializerMethodField()
    missing = serializers.ListField(child=serializers.CharField())

    class Meta(ProgramSerializer.Meta):
        fields = [*ProgramSerializer.Meta.fields, "distance_miles", "missing"]

    def get_certifications(self, program) -> list[str]:
        # A page of results comes with its credentials named (programs.models.name_certifications).
        return program.certification_codes

    def get_distance_miles(self, program) -> float | None:
        return None if program.distance is None else round(program.distance, 1)


class AmountSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = Number(max_digits=9, decimal_places=2)


class ExamFeeSerializer(serializers.Serializer):
    low = Number(max_digits=7, decimal_places=2)
    high = Number(max_digits=7, decimal_places=2)
    certifications = serializers.SerializerMethodField()
    of_all_credentials = serializers.BooleanField(source="of_all")

    def get_certifications(self, fee) -> list[str]:
        return [certification.code for certification in fee.credentials]


class PayBriefSerializer(RecordSerializer):
    period = serializers.CharField(source="reference_period")
    weak_estimate = serializers.BooleanField(source="is_weak")
    source = SourceSerializer()

    class Meta:
        model = WageFigure
        fields = [
            "area_name",
            "area_type",
            "annual_median",
            "year",
            "period",
            "wage_rse",
            "weak_estimate",
            "source",
        ]


class TotalToCredentialSerializer(serializers.Serializer):
    """The program's cost plus the exam fee, and that total in months of median pay."""

    low = Number(max_digits=11, decimal_places=2, allow_null=True)
    high = Number(max_digits=11, decimal_places=2, allow_null=True)
    is_estimate = serializers.BooleanField()
    exam_fee_included_in_cost = serializers.BooleanField(source="fee_included")
    exam_fee = ExamFeeSerializer(source="fee", allow_null=True)
    pay = PayBriefSerializer(allow_null=True)
    pay_is_national = serializers.BooleanField()
    months_of_pay_low = Number(
        source="months_low", max_digits=6, decimal_places=1, allow_null=True
    )
    months_of_pay_high = Number(
        source="months_high", max_digits=6, decimal_places=1, allow_null=True
    )


class ProgramDetailSerializer(ProgramSerializer):
    """A program with its costs, their sources and the total to a credential."""

    costs = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    total_to_credential = serializers.SerializerMethodField()
    federal_aid = serializers.SerializerMethodField()

    class Meta(ProgramSerializer.Meta):
        fields = [
            *ProgramSerializer.Meta.fields,
            "externship_hours",
            "onsite_hours",
            "accreditation_checked_on",
            "costs",
            "sources",
            "total_to_credential",
            "federal_aid",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_costs(self, program):
        estimate = program.cost_is_estimate
        return {
            "total": program.total_cost,
            "is_estimate": estimate,
            "parts": AmountSerializer(
                [{"label": str(label), "amount": amount} for label, amount in cost_parts(program)],
                many=True,
            ).data,
            "estimate_years": program.estimate_years if estimate else None,
            "estimated_cost_out_of_state": (
                program.estimated_cost_out_of_state if estimate else None
            ),
            "exam_fee_included": program.exam_fee_included,
        }

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_sources(self, program):
        return {
            "cost": program.cost_source,
            "length": program.length_source,
            "graduates": program.graduates_source,
            "data": program.data_source,
            "data_as_of": program.data_as_of,
        }

    @extend_schema_field(TotalToCredentialSerializer)
    def get_total_to_credential(self, program):
        return TotalToCredentialSerializer(self.context["total"], context=self.context).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_federal_aid(self, program):
        aid = federal_aid(program)
        return {
            "outlook": aid.outlook,
            "label": str(AidOutlook(aid.outlook).label),
            "by_award_level": aid.by_award_level,
        }


class SchoolSerializer(SiteLinkMixin, SchoolBriefSerializer):
    """A school with the College Scorecard figures of the whole school (not of one program)."""

    programs = serializers.SerializerMethodField()

    class Meta(SchoolBriefSerializer.Meta):
        fields = [
            *SchoolBriefSerializer.Meta.fields,
            "ipeds_unitid",
            "address",
            "zip_code",
            "latitude",
            "longitude",
            "sector",
            "website",
            "net_price_calculator_url",
            "data_source",
            "scorecard_year",
            "tuition_in_district",
            "tuition_in_state",
            "tuition_out_of_state",
            "books_supplies_per_year",
            "net_price",
            "completion_rate_150pct",
            "pell_share",
            "median_debt_completers",
            "median_debt_years",
            "scorecard_source",
            "programs",
        ]

    def get_page(self, school) -> str | None:
        # A school has no page of its own: its programs do.
        return None

    def get_programs(self, school) -> list[str]:
        return [api_url(self, "program-detail", slug=p.slug) for p in school.public_programs]


class WageFigureSerializer(RecordSerializer):
    period = serializers.CharField(source="reference_period")
    weak_estimate = serializers.BooleanField(source="is_weak")
    weak_reasons = serializers.ListField(source="weaknesses", child=serializers.CharField())
    source = SourceSerializer()

    class Meta:
        model = WageFigure
        fields = [
            "soc_code",
            "area_type",
            "area_code",
            "area_name",
            "state_code",
            "state_codes",
            "year",
            "period",
            "employment",
            *PAY_FIELDS,
            "employment_rse",
            "wage_rse",
            "footnote_codes",
            "weak_estimate",
            "weak_reasons",
            "source",
        ]


class ExamFigureSerializer(RecordSerializer):
    source = SourceSerializer()

    class Meta:
        model = ExamFigure
        fields = ["kind", "value", "amount_low", "amount_high", "note", "checked_on", "source"]


class RouteSerializer(RecordSerializer):
    source = SourceSerializer()

    class Meta:
        model = EligibilityRoute
        exclude = ["id", "certification", "published", "sort_order"]


class BodySerializer(RecordSerializer):
    class Meta:
        model = CertifyingBody
        fields = ["slug", "name", "abbreviation", "url"]


class CertificationSerializer(SiteLinkMixin, RecordSerializer):
    url = serializers.SerializerMethodField()
    body = BodySerializer()
    exam_fee_low = serializers.SerializerMethodField()
    exam_fee_high = serializers.SerializerMethodField()
    figures = ExamFigureSerializer(many=True)
    routes = RouteSerializer(many=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = Certification
        fields = [
            "code",
            "slug",
            "url",
            "page",
            "name",
            "body",
            "summary",
            "at_test_center",
            "at_school",
            "at_home",
            "delivery_note",
            "renewal_months",
            "renewal_requirement",
            "credential_accreditation",
            "official_url",
            "checked_on",
            "exam_fee_low",
            "exam_fee_high",
            "figures",
            "routes",
            "sources",
        ]

    def get_url(self, certification) -> str:
        return api_url(self, "certification-detail", slug=certification.slug)

    def get_exam_fee_low(self, certification) -> float | None:
        bounds = certification.exam_fee_bounds
        return bounds[0] if bounds else None

    def get_exam_fee_high(self, certification) -> float | None:
        bounds = certification.exam_fee_bounds
        return bounds[1] if bounds else None


class TaskRuleSerializer(RecordSerializer):
    source = SourceSerializer()

    class Meta:
        model = TaskRule
        fields = [
            "slug",
            "task",
            "allowed",
            "title",
            "details",
            "training",
            "confidence",
            "caveat",
            "reviewed_on",
            "source",
        ]


class StateSerializer(SiteLinkMixin, RecordSerializer):
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    rules_source = SourceSerializer(allow_null=True)
    projection_source = SourceSerializer(allow_null=True)
    rules = serializers.SerializerMethodField()

    class Meta:
        model = StateProfile
        fields = [
            "state",
            "name",
            "url",
            "page",
            "regulation",
            "summary",
            "confidence",
            "rules_source",
            "board_name",
            "board_url",
            "projection_period",
            "projection_base",
            "projection_end",
            "projection_growth_pct",
            "projection_openings",
            "projection_openings_per_year",
            "projection_source",
            "researched_on",
            "reviewed_on",
            "rules",
        ]

    def get_url(self, profile) -> str:
        return api_url(self, "state-detail", code=profile.state)

    @extend_schema_field(TaskRuleSerializer(many=True))
    def get_rules(self, profile):
        return TaskRuleSerializer(profile.state_rules, many=True, context=self.context).data
