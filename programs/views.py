import csv
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponseForbidden, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView

from core.origin import same_origin
from core.ratelimits import limited, too_many_requests
from guide.models import Source
from programs import costs, geo, shortlist
from programs.comparison import comparison_rows, reported_somewhere
from programs.finder import Finder
from programs.models import Program
from programs.resources import PublicProgramResource
from programs.shortlist import compare_query, compare_url

DIRECTORY_SOURCES = ["caahep-program-directory", "abhes-program-directory"]


class ShortlistMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slugs = shortlist.read(self.request)
        context["shortlist"] = slugs
        context["compare_url"] = compare_url(slugs, known_zip(self.request.GET))
        context["current_path"] = self.request.get_full_path()
        context["shortlist_url"] = reverse("programs:shortlist")
        return context


def known_zip(params):
    """The visitor's ZIP code when it is one we can measure distances from, else ""."""
    zip_code = params.get("zip", "").strip()
    return zip_code if geo.zip_coordinates(zip_code) else ""


class ProgramListView(ShortlistMixin, TemplateView):
    template_name = "programs/program_list.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["programs/program_list.html#finder"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        finder = Finder(
            self.request.GET, shortlist=context["shortlist"], ways_out=True, cards=True
        )
        result = finder.run(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
        context.update(
            result=result,
            page=result.page,
            page_range=result.page_range,
            query=query,
            page_link=f"?{query}&page=" if query else "?page=",
            crumbs=[(_("Find a program"), "")],
        )
        return context


class ProgramDetailView(ShortlistMixin, DetailView):
    context_object_name = "program"

    def get_queryset(self):
        return (
            Program.objects.visible_to(self.request.user)
            .for_listing()
            .select_related("last_verified_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        if program.length_months is None:
            ranges = Program.objects.published().reported_length_ranges()
            context["length_range"] = ranges.get(program.credential)
        if program.tuition_fees is None:
            context["other_prices"] = list(
                Program.objects.published().other_prices_at_school(program)
            )
        if program.accreditation_checked_on is None:
            # Editors keep the directories' addresses current as Sources.
            context["directories"] = list(Source.objects.filter(slug__in=DIRECTORY_SOURCES))
        program.in_shortlist = program.slug in context["shortlist"]
        context["total"] = costs.totals_to_credential([program])[0]
        context["aid"] = costs.federal_aid(program)
        context["crumbs"] = [
            (_("Find a program"), reverse("programs:list")),
            (self.object.school.name, ""),
        ]
        return context


def requested_programs(request):
    """The programs named by ?p=slug, in order, and how many slugs were unknown."""
    requested = request.GET.getlist("p")[:20]
    slugs = shortlist.clean(requested)
    rows = Program.objects.published().for_listing().in_bulk(slugs, field_name="slug")
    programs = [rows[slug] for slug in slugs if slug in rows]
    unknown = len(requested) - len(programs)
    return programs, unknown


class CompareView(ShortlistMixin, TemplateView):
    template_name = "programs/compare.html"

    def get(self, request, *args, **kwargs):
        # The address always names its programs, so what the visitor sees can be shared as is.
        slugs = shortlist.read(request)
        if "p" not in request.GET and slugs:
            return redirect(compare_url(slugs, known_zip(request.GET)))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs, unknown = requested_programs(self.request)
        slugs = [program.slug for program in programs]
        only_differences = self.request.GET.get("differences") == "1"
        all_rows = self.request.GET.get("all_rows") == "1"
        zip_code = known_zip(self.request.GET)
        rows = comparison_rows(programs, zip_code)
        shown = rows if all_rows else [row for row in rows if reported_somewhere(row)]
        context.update(
            programs=programs,
            unknown=unknown,
            rows=[row for row in shown if row.differs] if only_differences else shown,
            empty_rows=len(rows) - len(shown),
            all_rows=all_rows,
            only_differences=only_differences,
            slugs_query=compare_query(slugs, zip_code),
            share_path=compare_url(slugs, zip_code),
            # Someone else's comparison offers its programs for the visitor's own shortlist.
            own_comparison=set(slugs) == set(context["shortlist"]),
            zip_code=zip_code,
            zip_error=bool(self.request.GET.get("zip", "").strip()) and not zip_code,
            crumbs=[(_("Find a program"), reverse("programs:list")), (_("Compare"), "")],
        )
        return context


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    retry_after = limited(request, "programs-export", "EXPORT_RATE")
    if retry_after:
        return too_many_requests(request, "programs/export_limited.html", retry_after)
    if request.GET.getlist("p"):
        programs, _unknown = requested_programs(request)
    else:
        programs = Finder(request.GET).run(everything=True).programs
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in PublicProgramResource().rows(programs))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="medical-assistant-programs.csv"'
    return response


# The shortlist forms carry no CSRF token so that result pages stay cacheable for everyone;
# same_origin's check of Origin / Sec-Fetch-Site stops other sites from posting to it instead.
@csrf_exempt
@require_POST
def update_shortlist(request):
    if not same_origin(request):
        return HttpResponseForbidden(_("This form can only be sent from our own pages."))
    slugs = shortlist.read(request)
    # Each button names its action and carries the program's slug as its value.
    action = next((name for name in ("add", "remove", "clear") if name in request.POST), None)
    slug = request.POST.get(action, "")[:160] if action else ""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("programs:list")
    warning = ""
    program = (
        Program.objects.published().select_related("school").filter(slug=slug).first()
        if action in {"add", "remove"}
        else None
    )
    if action == "add" and slug not in slugs:
        if len(slugs) >= shortlist.LIMIT:
            warning = _("You can compare up to %(limit)d programs. Remove one to add another.") % {
                "limit": shortlist.LIMIT
            }
        elif program:
            slugs.append(slug)
    elif action == "remove":
        slugs = [s for s in slugs if s != slug]
    elif action == "clear":
        slugs = []
    if request.htmx and program:
        # The button and the shortlist's counts change in place; the visitor stays put.
        program.in_shortlist = slug in slugs
        context = {
            "program": program,
            "shortlist_url": reverse("programs:shortlist"),
            "shortlist": slugs,
            # The page the button was on may have a ZIP code: the compare link keeps it.
            "compare_url": compare_url(slugs, known_zip(QueryDict(urlsplit(target).query))),
            "current_path": target,
            "warning": warning,
        }
        response = render(request, "programs/shortlist_updated.html", context)
        return shortlist.write(response, slugs)
    if warning:
        messages.warning(request, warning)
    if request.POST.get("to_compare"):
        target = compare_url(slugs, known_zip(QueryDict(urlsplit(target).query)))
    elif program and "#" not in target:
        # Back to the card the visitor used, not the top of a long list.
        target += f"#program-{program.slug}"
    return shortlist.write(redirect(target), slugs)
