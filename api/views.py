"""The read-only API: thin views over the finder, the querysets and the serializers.

Every response is JSON; every list is paged with its total; each query parameter is checked
(unknown or repeated ones too) and a bad one is a 400 naming it. Responses carry an ETag and
Last-Modified from the data version, may be read from any origin, and count against a
per-address rate limit.
"""

from django.conf import settings
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters import MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api import dictionary
from api.downloads import TABLES, download
from api.filters import SchoolFilter, WageFigureFilter
from api.programs import PAGE_SIZE, figures_limited, programs_for
from api.serializers import (
    CertificationSerializer,
    FinderProgramSerializer,
    ProgramDetailSerializer,
    SchoolSerializer,
    StateSerializer,
    WageFigureSerializer,
)
from certifications.models import Certification
from core.cache import data_version
from core.ratelimits import limited
from guide.models import WageFigure
from programs.costs import totals_to_credential
from programs.filters import RADII, SORTS, ProgramFilter
from programs.models import Program, School
from states.models import StateProfile, TaskRule

PAGE = "page"
# Headers a page on another site may read from our responses.
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"


def validators():
    """(ETag, Last-Modified as a timestamp): every answer follows from the URL and the data, and
    the data version is the moment, in nanoseconds, that the data last changed."""
    version = data_version()
    return f'"api-{version}"', version // 1_000_000_000


def allow_any_origin(response):
    """CORS for reading only: any page may GET (no cookies are sent or needed)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


class AlwaysJson(BaseContentNegotiation):
    """JSON whatever the Accept header says: the API has no other format, and a client asking
    for HTML or CSV is better served the JSON than a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return None


class ApiView(GenericAPIView):
    """What every endpoint shares: the rate limit, the check of the query string, caching
    headers and CORS."""

    content_negotiation_class = AlwaysJson
    rate_group = "api"
    rate_setting = "API_RATE"
    # Parameters beyond the filter set's: paged lists take `page`.
    extra_parameters = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        retry_after = limited(request._request, self.rate_group, self.rate_setting)
        if retry_after:
            raise exceptions.Throttled(wait=retry_after)
        self.parameter_errors = self.check_parameters(request.query_params)
        if self.parameter_errors and not getattr(self, "filterset_class", None):
            raise exceptions.ValidationError(self.parameter_errors)

    def filter_queryset(self, queryset):
        """The filter set's checks, reported with the unknown and repeated parameters: one
        answer names every bad parameter."""
        errors = dict(self.parameter_errors)
        try:
            queryset = super().filter_queryset(queryset)
        except exceptions.ValidationError as invalid:
            errors.update(invalid.detail)
        if errors:
            raise exceptions.ValidationError(errors)
        return queryset

    def parameters(self):
        """The query parameters this endpoint reads, and those it reads more than once."""
        filterset = getattr(self, "filterset_class", None)
        names = set(self.extra_parameters)
        several = set()
        if filterset:
            names |= set(filterset.base_filters) | set(filterset._meta.form.base_fields)
            several = {
                name
                for name, field in filterset.base_filters.items()
                if isinstance(field, MultipleChoiceFilter)
            }
        return names, several

    def check_parameters(self, params):
        """{parameter: message} for each unknown parameter and each given more than once."""
        names, several = self.parameters()
        errors = {}
        for name in params:
            if name not in names:
                allowed = ", ".join(sorted(names)) or _("none")
                errors[name[:40]] = _("Unknown parameter. This endpoint reads: %(names)s.") % {
                    "names": allowed
                }
            elif name not in several and len(params.getlist(name)) > 1:
                errors[name] = _("Give this parameter once.")
        return errors

    def dispatch(self, request, *args, **kwargs):
        """A client that holds the current answer gets a 304 before any work is done; only a
        successful answer names the data version, so an error is never revalidated."""
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        etag, changed = validators()
        not_modified = get_conditional_response(request, etag=etag, last_modified=changed)
        if not_modified is not None:
            return allow_any_origin(not_modified)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(changed)
            # Caches keep the answer but ask again each time; the ETag makes asking cheap.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return allow_any_origin(response)

    def options(self, request, *args, **kwargs):
        """A CORS preflight: only GET is offered."""
        response = Response(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        return response


def page_links(request, number, has_next, has_previous):
    url = request.build_absolute_uri()
    previous = None
    if has_previous:
        previous = (
            remove_query_param(url, PAGE)
            if number == 2
            else replace_query_param(url, PAGE, number - 1)
        )
    return {
        "next": replace_query_param(url, PAGE, number + 1) if has_next else None,
        "previous": previous,
    }


def envelope(request, page, results, **extra):
    """A page of a list: its totals and links, then anything the list adds, then the results."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        **page_links(request, page.number, page.has_next(), page.has_previous()),
        **extra,
        "results": results,
    }


def requested_page(request):
    """The page number asked for, 1 without one; a 404 naming the problem otherwise."""
    raw = request.query_params.get(PAGE, "1")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) >= 1):
        raise exceptions.NotFound(_("“page” is a whole number from 1."))
    return int(raw)


def no_such_page(number, last):
    return exceptions.NotFound(
        _("There is no page %(number)d: the last page is %(last)d.")
        % {"number": number, "last": last}
    )


class Pages(PageNumberPagination):
    page_size = 100

    def get_page_number(self, request, paginator):
        return requested_page(request)

    def paginate_queryset(self, queryset, request, view=None):
        number = requested_page(request)
        paginator = self.django_paginator_class(queryset, self.page_size)
        if number > paginator.num_pages:
            raise no_such_page(number, paginator.num_pages)
        self.request = request
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(envelope(self.request, self.page, data))

    def get_paginated_response_schema(self, schema):
        return paged_schema(schema)


def paged_schema(schema, **extra):
    return {
        "type": "object",
        "required": ["count", "page", "pages", "page_size", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "description": "Matching rows on every page."},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "page_size": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            **extra,
            "results": schema,
        },
    }


class ListApiView(ListModelMixin, ApiView):
    filter_backends = [DjangoFilterBackend]
    pagination_class = Pages
    extra_parameters = (PAGE,)

    def get(self, request):
        return self.list(request)


class FinderPages(Pages):
    """The finder's pages, with its counts of programs that did not report a limited figure."""

    page_size = PAGE_SIZE

    def get_paginated_response_schema(self, schema):
        return paged_schema(schema, **UNREPORTED_FIELDS)


FINDER_PARAMETERS = [
    OpenApiParameter(
        "zip", str, description="A five-digit US ZIP code: programs within `radius` miles of it."
    ),
    OpenApiParameter(
        "radius", int, enum=[int(value) for value, _label in RADII], description="Miles; 25."
    ),
    OpenApiParameter(
        "sort",
        str,
        enum=[value for value, _label in SORTS],
        description="The finder's orders; `distance` needs `zip`. Default: distance with a ZIP "
        "code, else graduates.",
    ),
]
UNREPORTED_FIELDS = {
    "sort": {"type": "string"},
    "limits": {
        "type": "array",
        "items": {"type": "string", "enum": ["cost", "length"]},
        "description": "The figures `max_cost` and `max_months` limit.",
    },
    "unreported": {
        "type": "integer",
        "description": "Programs that did not report a limited figure. They are listed after "
        "the others (`missing` names the figure) unless `hide_unknown` hides them.",
    },
    "unreported_hidden": {"type": "boolean"},
    "without_coordinates": {
        "type": "integer",
        "description": "With `zip`: programs whose school has no location, so no distance.",
    },
}


@extend_schema(summary="Programs, as the finder lists them", parameters=FINDER_PARAMETERS)
class ProgramListView(ListApiView):
    """The finder's filters, order and unknowns rule: the same programs in the same order as
    the finder's pages, 25 a page. A program that did not report a figure you limit (cost,
    length) is never dropped: it comes after the others, with `missing` naming the figure,
    and `unreported` counts them."""

    queryset = Program.objects.published()
    filterset_class = ProgramFilter
    serializer_class = FinderProgramSerializer
    pagination_class = FinderPages

    def list(self, request):
        # The filter set checks every parameter as the finder's form does (400 when one is
        # bad); the finder then lists, orders and counts.
        self.filter_queryset(self.get_queryset())
        number = requested_page(request)
        result = programs_for(request.query_params, page=number)
        if result.page.number != number:
            raise no_such_page(number, result.page.paginator.num_pages)
        results = self.get_serializer(result.programs, many=True).data
        return Response(
            envelope(
                request,
                result.page,
                results,
                sort=result.sort,
                limits=figures_limited(result),
                unreported=result.unreported,
                unreported_hidden=result.unknown_hidden,
                without_coordinates=result.without_coordinates,
            )
        )


@extend_schema(summary="A program with its costs, sources and total to a credential")
class ProgramDetailView(ApiView):
    serializer_class = ProgramDetailSerializer

    def get(self, request, slug):
        program = get_object_or_404(Program.objects.published().for_listing(), slug=slug)
        [total] = totals_to_credential([program])
        context = {**self.get_serializer_context(), "total": total}
        return Response(ProgramDetailSerializer(program, context=context).data)


def schools():
    """Open schools with a published program, each with those programs."""
    public = Program.objects.published()
    return (
        School.objects.filter(pk__in=public.values("school_id"))
        .prefetch_related(
            Prefetch("programs", queryset=public.only("slug", "school"), to_attr="public_programs")
        )
        .order_by("name", "pk")
    )


@extend_schema(summary="Schools with published programs")
class SchoolListView(ListApiView):
    filterset_class = SchoolFilter
    serializer_class = SchoolSerializer

    def get_queryset(self):
        return schools()


@extend_schema(summary="A school, with College Scorecard figures of the whole school")
class SchoolDetailView(ApiView):
    serializer_class = SchoolSerializer

    def get(self, request, slug):
        school = get_object_or_404(schools(), slug=slug)
        return Response(self.get_serializer(school).data)


AREA_ORDER = Case(
    *(When(area_type=kind, then=Value(rank)) for rank, kind in enumerate(WageFigure.AreaType)),
    output_field=IntegerField(),
)


@extend_schema(
    summary="Medical assistant pay (BLS OEWS): nation, states, metro and nonmetro areas",
)
class PayListView(ListApiView):
    filterset_class = WageFigureFilter
    serializer_class = WageFigureSerializer

    def get_queryset(self):
        return (
            WageFigure.objects.select_related("source")
            .alias(area_rank=AREA_ORDER)
            .order_by("-year", "area_rank", "area_name", "pk")
        )


def certifications():
    return Certification.objects.published().for_comparison().order_by("sort_order", "pk")


@extend_schema(
    summary="Certifications with their fees, eligibility routes and sources",
)
class CertificationListView(ListApiView):
    serializer_class = CertificationSerializer

    def get_queryset(self):
        return certifications()


@extend_schema(summary="A certification with its fees, eligibility routes and sources")
class CertificationDetailView(ApiView):
    serializer_class = CertificationSerializer

    def get(self, request, slug):
        return Response(self.get_serializer(get_object_or_404(certifications(), slug=slug)).data)


def with_rules(profiles):
    """State profiles with their rules (`state_rules`), in one query for all of them."""
    profiles = list(profiles)
    rules = TaskRule.objects.filter(state__in=[p.state for p in profiles]).select_related("source")
    by_state = {}
    for rule in rules:
        by_state.setdefault(rule.state, []).append(rule)
    for profile in profiles:
        profile.state_rules = by_state.get(profile.state, [])
    return profiles


@extend_schema(
    summary="States and territories: how each treats medical assistants, with its rules",
)
class StateListView(ListApiView):
    serializer_class = StateSerializer
    queryset = StateProfile.objects.published().for_page()

    def paginate_queryset(self, queryset):
        return with_rules(super().paginate_queryset(queryset))


@extend_schema(summary="A state or territory (two-letter code) with its rules")
class StateDetailView(ApiView):
    serializer_class = StateSerializer

    def get(self, request, code):
        profile = get_object_or_404(
            StateProfile.objects.published().for_page(), state=code.upper()
        )
        [profile] = with_rules([profile])
        return Response(self.get_serializer(profile).data)


class DictionaryView(ApiView):
    @extend_schema(
        operation_id="dictionary",
        summary="The data dictionary of the downloads",
        responses={200: inline_serializer("Dictionary", {"programs": serializers.DictField()})},
    )
    def get(self, request):
        return Response(dictionary.as_json())


class DownloadView(ApiView):
    rate_group = "api-download"
    rate_setting = "API_DOWNLOAD_RATE"

    @extend_schema(
        operation_id="download",
        summary="A whole table as one file: every program, or every pay figure",
        description="CSV or JSON, with the data dictionary, the sources, the periods and the "
        "date of the data. Limited to API_DOWNLOAD_RATE per address.",
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/json"): OpenApiTypes.OBJECT,
        },
    )
    def get(self, request, table, file_format):
        if table not in TABLES:
            raise exceptions.NotFound(
                _("No download named “%(table)s”: there are %(tables)s.")
                % {"table": table[:40], "tables": ", ".join(TABLES)}
            )
        return download(request, table, file_format)


def program_parameters():
    """(name, label, options) of each of the finder's parameters, as its form declares them;
    long lists of options (the states) are left to their label."""
    described = []
    for name, field in ProgramFilter().form.fields.items():
        options = [value for value, _label in getattr(field, "choices", []) if value != ""]
        described.append((name, field.label, options if len(options) <= 12 else []))
    return described


class IndexView(TemplateView):
    template_name = "api/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = reverse("api:program-list")
        example_program = Program.objects.published().order_by("pk").only("slug").first()
        context.update(
            datasets=dictionary.DATASETS,
            page_size=PAGE_SIZE,
            openapi_url=reverse("api:openapi"),
            endpoints=[
                (programs, _("Programs, with the finder's filters and orders.")),
                (
                    reverse("api:program-detail", kwargs={"slug": "SLUG"}),
                    _("A program: costs, sources, total to a credential, federal aid."),
                ),
                (reverse("api:school-list"), _("Schools with published programs (?state=)")),
                (
                    reverse("api:school-detail", kwargs={"slug": "SLUG"}),
                    _("A school, with College Scorecard figures of the whole school."),
                ),
                (
                    reverse("api:pay-list"),
                    _(
                        "Pay (BLS OEWS) for the nation, states and areas (?area_type=, ?state=, "
                        "?year=)."
                    ),
                ),
                (reverse("api:certification-list"), _("Certifications: fees, routes, sources.")),
                (
                    reverse("api:certification-detail", kwargs={"slug": "SLUG"}),
                    _("One certification."),
                ),
                (reverse("api:state-list"), _("States and territories with their rules.")),
                (reverse("api:state-detail", kwargs={"code": "TX"}), _("One state, by code.")),
                (reverse("api:dictionary"), _("The data dictionary of the downloads.")),
                (reverse("api:openapi"), _("The OpenAPI 3 document.")),
            ],
            examples={
                "programs": f"{programs}?state=CA&format=online&max_cost=5000&sort=total",
                "near": f"{programs}?zip=78701&radius=25",
                "program": reverse(
                    "api:program-detail",
                    kwargs={"slug": example_program.slug if example_program else "SLUG"},
                ),
                "pay": f"{reverse('api:pay-list')}?state=TX",
                "certifications": reverse("api:certification-list"),
            },
            program_parameters=program_parameters(),
            api_rate=settings.API_RATE,
            download_rate=settings.API_DOWNLOAD_RATE,
            crumbs=[(_("Open data API"), "")],
        )
        return context
