from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import QueryDict

from certifications.models import Certification
from programs.filters import ProgramFilter
from programs.models import Program
from tests.factories import bulk_programs, make_certification, make_program, make_school

pytestmark = pytest.mark.django_db

CHICAGO = (41.8858, -87.6181)  # ZIP 60601


@pytest.fixture
def catalog(without_reference_data):
    """A small, varied set of programs whose expected results are easy to compute by hand."""
    cma = make_certification(code="CMA", slug="cma")
    make_certification(code="RMA", slug="rma")
    near = make_school(
        name="Loop College", city="Chicago", state="IL", latitude=41.88, longitude=-87.63
    )
    mid = make_school(
        name="Joliet Tech", city="Joliet", state="IL", latitude=41.525, longitude=-88.08
    )
    far = make_school(
        name="Austin Academy", city="Austin", state="TX", latitude=30.27, longitude=-97.74
    )
    nowhere = make_school(
        name="Nowhere Institute", city="Peoria", state="IL", latitude=None, longitude=None
    )
    specs = [
        (near, "certificate", "campus", "9", "9000", 50, {"evening": True}, "caahep"),
        (near, "associate", "hybrid", "24", "21000", 30, {"part_time": True}, "unknown"),
        (mid, "certificate", "online", "8", None, 10, {"evening": True, "weekend": True}, "abhes"),
        (mid, "diploma", "campus", "14", "14500", 5, {"has_externship": True}, "unknown"),
        (far, "certificate", "campus", "10", "12000", 80, {}, "abhes"),
        (far, "short_certificate", "online", "2", "2500", 3, {}, "unknown"),
        (nowhere, "certificate", "campus", "9", "8000", 7, {}, "unknown"),
    ]
    programs = []
    for school, credential, fmt, months, cost, grads, extra, accreditation in specs:
        programs.append(
            make_program(
                school=school,
                credential=credential,
                format=fmt,
                length_months=Decimal(months),
                tuition_fees=Decimal(cost) if cost else None,
                books_supplies=None,
                graduates_per_year=grads,
                accreditation=accreditation,
                **extra,
            )
        )
    programs[0].certifications.add(cma)
    programs[4].certifications.add(cma)
    make_program(school=near, published=False)  # drafts never show
    return programs


def results(client, **params):
    response = client.get("/programs/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    return response, [hit.slug for hit in response.context["result"].programs]


def expected(programs, predicate, key=lambda p: (-p.graduates_per_year, p.pk)):
    return [p.slug for p in sorted(filter(predicate, programs), key=key)]


def test_unfiltered_lists_published_programs_by_graduates(client, catalog):
    response, slugs = results(client)
    assert slugs == expected(catalog, lambda p: True)
    assert 'id="result-count"' in response.content.decode()
    assert response.context["result"].total == 7


@pytest.mark.parametrize(
    ("params", "predicate"),
    [
        ({"format": ["online"]}, lambda p: p.format == "online"),
        ({"format": ["online", "hybrid"]}, lambda p: p.format in {"online", "hybrid"}),
        ({"credential": ["certificate"]}, lambda p: p.credential == "certificate"),
        ({"state": "TX"}, lambda p: p.school.state == "TX"),
        ({"q": "joliet"}, lambda p: "Joliet" in p.school.city),
        ({"accreditation": ["abhes"]}, lambda p: p.accreditation == "abhes"),
        ({"accreditation": ["abhes", "caahep"]}, lambda p: p.accreditation in {"abhes", "caahep"}),
        ({"certification": ["cma"]}, lambda p: p.certifications.filter(slug="cma").exists()),
        ({"schedule": ["evening"]}, lambda p: p.evening),
        ({"schedule": ["evening", "weekend"]}, lambda p: p.evening and p.weekend),
        ({"externship": "1"}, lambda p: p.has_externship),
        ({"max_months": "9"}, lambda p: p.length_months <= 9),
        (
            {"max_cost": "10000", "hide_unknown": "on"},
            lambda p: p.total_cost is not None and p.total_cost <= 10000,
        ),
        (
            {
                "format": ["campus"],
                "state": "IL",
                "max_cost": "15000",
                "credential": ["certificate", "diploma"],
                "hide_unknown": "1",
            },
            lambda p: (
                p.format == "campus"
                and p.school.state == "IL"
                and p.total_cost is not None
                and p.total_cost <= 15000
                and p.credential in {"certificate", "diploma"}
            ),
        ),
    ],
)
def test_each_filter_alone_and_combined(client, catalog, params, predicate):
    _response, slugs = results(client, **params)
    assert slugs == expected(catalog, predicate)


def test_programs_without_a_limited_figure_follow_under_their_own_heading(client, catalog):
    response, slugs = results(client, max_cost="10000")
    result = response.context["result"]
    within = expected(catalog, lambda p: p.total_cost is not None and p.total_cost <= 10000)
    unreported = expected(catalog, lambda p: p.total_cost is None)
    assert slugs == within + unreported
    assert (result.within_limits, result.unreported, result.total) == (3, 1, 4)
    assert [hit.missing for hit in result.programs] == [(), (), (), ("cost",)]
    body = response.content.decode()
    assert "3 programs within your limits, and 1 more that did not report their cost" in body
    heading = body.index("Programs that did not report their cost</h2>")
    assert body.index("Did not report its total cost</p>") > heading
    assert "hide_unknown=1" in result.hide_unknown_url


def test_hiding_programs_without_the_figure_is_a_shareable_link(client, catalog):
    response, slugs = results(client, max_cost="10000", hide_unknown="1")
    result = response.context["result"]
    assert slugs == expected(catalog, lambda p: p.total_cost is not None and p.total_cost <= 10000)
    assert (result.total, result.unreported) == (3, 1)
    body = response.content.decode()
    assert "1 program that did not report their cost is hidden." in body
    assert "hide_unknown" not in result.show_unknown_url
    assert "Hiding unreported cost or length" in [chip.label for chip in result.chips]


def test_facet_counts_and_csv_count_programs_without_the_figure_too(client, catalog):
    response, _ = results(client, max_cost="10000")
    facets = {
        f.name: {o["value"]: o["count"] for o in f.options}
        for f in response.context["result"].facets
    }
    # The online certificate at Joliet Tech reported no cost: it is listed, so it is counted.
    assert facets["format"]["online"] == 2
    csv = b"".join(client.get("/programs/export.csv?max_cost=10000").streaming_content).decode()
    assert csv.count("\n") == 1 + 4
    assert csv.strip().splitlines()[-1].startswith("Joliet Tech")
    hidden = b"".join(
        client.get("/programs/export.csv?max_cost=10000&hide_unknown=1").streaming_content
    ).decode()
    assert hidden.count("\n") == 1 + 3


def test_nearby_programs_without_cost_or_length_are_on_the_first_page(client):
    """Shaped like ZIP 60601 on the real data: nothing nearby reports both figures in range."""
    figures = [(None, "9"), (None, "9"), (None, "9"), ("9000", None), ("9000", None)]
    figures += [("9000", None), (None, None), (None, None), (None, None)]
    # Reported beyond a limit, or far away: never listed.
    figures += [("30000", None), (None, "24")]
    for n, (cost, months) in enumerate(figures):
        make_program(
            school=make_school(name=f"College {n}", latitude=41.88 + n / 100, longitude=-87.63),
            tuition_fees=Decimal(cost) if cost else None,
            books_supplies=None,
            length_months=Decimal(months) if months else None,
        )
    far = make_school(name="Far Away", state="TX", latitude=30.27, longitude=-97.74)
    make_program(school=far, tuition_fees=None, length_months=None)
    response, slugs = results(client, zip="60601", radius="25", max_cost="15000", max_months="12")
    result = response.context["result"]
    assert len(slugs) == 9
    assert (result.within_limits, result.unreported) == (0, 9)
    body = response.content.decode()
    assert (
        "0 programs within your limits, and 9 more that did not report their cost or length"
        in body
    )
    assert body.count("Did not report its total cost or its length</p>") == 3
    assert body.count("Did not report its total cost</p>") == 3
    assert body.count("Did not report its length</p>") == 3
    assert "No programs match" not in body


def test_distance_results_are_within_the_radius_and_sorted(client, catalog):
    response, slugs = results(client, zip="60601", radius="50", sort="distance")
    result = response.context["result"]
    distances = [hit.distance for hit in result.programs]
    assert distances == sorted(distances)
    assert all(d <= 50 for d in distances)
    by_slug = {p.slug: p for p in catalog}
    assert {by_slug[slug].school.city for slug in slugs} == {"Chicago", "Joliet"}
    assert result.without_coordinates == 1
    assert "without a known location" in response.content.decode()
    _response, near = results(client, zip="60601", radius="10")
    assert set(near) == {p.slug for p in catalog if p.school.city == "Chicago"}


def test_a_zip_sorts_nearest_first_unless_another_order_is_chosen(client, catalog):
    response, slugs = results(client, zip="60601", radius="50")
    distances = [hit.distance for hit in response.context["result"].programs]
    assert len(distances) == 4 and distances == sorted(distances)
    # The default order is not a choice: not sent, not a chip, not an active filter.
    body = response.content.decode()
    assert '<option value="" selected>Nearest first</option>' in body
    assert 'value="distance"' not in body
    assert [chip.label for chip in response.context["result"].chips] == [
        "Within 50 miles of 60601"
    ]
    response, slugs = results(client, zip="60601", radius="50", sort="cost")
    assert '<option value="cost" selected>' in response.content.decode()
    by_slug = {p.slug: p for p in catalog}
    costs = [by_slug[slug].total_cost for slug in slugs]
    assert costs == sorted(costs, key=lambda cost: (cost is None, cost or 0))
    body = client.get("/programs/?zip=abcde").content.decode()
    assert '<option value="" selected>Most graduates first</option>' in body
    assert 'value="distance"' not in body


def test_programs_near_a_zip_are_reused_for_another_order_and_follow_an_edit(
    client, catalog, django_assert_num_queries
):
    client.get("/programs/?zip=60601&radius=50")
    with django_assert_num_queries(1):  # the page's programs, ordered by name
        response, slugs = results(client, zip="60601", radius="50", sort="name")
    assert {catalog[n].slug for n in range(4)} == set(slugs)
    moved = catalog[2].school
    moved.latitude, moved.longitude = 30.27, -97.74
    moved.save()
    response, slugs = results(client, zip="60601", radius="50", sort="name")
    assert {catalog[0].slug, catalog[1].slug} == set(slugs)
    assert [hit.distance < 10 for hit in response.context["result"].programs] == [True, True]


def test_unknown_zip_says_so(client, catalog):
    response, slugs = results(client, zip="00000")
    assert "We don&#x27;t know that ZIP code" in response.content.decode()
    assert len(slugs) == 7


@pytest.mark.parametrize(
    "sort,key",
    [
        ("cost", lambda p: (p.total_cost is None, p.total_cost or 0, p.pk)),
        ("length", lambda p: (p.length_months, p.pk)),
        ("name", lambda p: (p.school.name, p.name, p.pk)),
        ("graduates", lambda p: (-p.graduates_per_year, p.pk)),
    ],
)
def test_sorts(client, catalog, sort, key):
    _response, slugs = results(client, sort=sort)
    assert slugs == expected(catalog, lambda p: True, key=key)


def test_chips_remove_one_filter_each(client, catalog):
    response, _ = results(client, format=["campus", "online"], state="IL")
    chips = response.context["result"].chips
    labels = [c.label for c in chips]
    assert labels == ["Illinois", "On campus", "Online"]
    removed = [c for c in chips if c.label == "Online"][0]
    assert "format=campus" in removed.remove_url and "online" not in removed.remove_url


def test_pages_of_25_and_out_of_range_goes_to_the_last(client):
    school = make_school()
    for n in range(30):
        make_program(school=school, slug=f"p-{n:02}", graduates_per_year=n)
    _r, first = results(client)
    assert len(first) == 25
    response, last = results(client, page="999999")
    assert len(last) == 5 and response.context["result"].page.number == 2
    _r, bad = results(client, page="abc")
    assert bad == first


HOSTILE = [
    {"max_cost": "abc"},
    {"max_cost": "-5"},
    {"max_months": "-3"},
    {"max_months": "1e309"},
    {"max_cost": "9" * 10000},
    {"q": "x" * 10240},
    {"zip": "１２３４５"},
    {"zip": "٣٤٥٦٧"},
    {"zip": "123456"},
    {"zip": "abcde", "sort": "distance"},
    {"sort": "distance"},
    {"radius": "7"},
    {"radius": "-1", "zip": "60601"},
    {"format": ["teleport", "campus"]},
    {"credential": ["<script>"]},
    {"state": ["IL", "TX"]},
    {"state": "ZZ"},
    {"sort": "\x00"},
    {"page": "-1"},
    {"page": "999999999999999999999"},
    {"certification": ["cma'; DROP TABLE programs_program;--"]},
    {"hide_unknown": "maybe", "externship": "2"},
    {"unknown_parameter": "1", "q": "\x00"},
]


@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: ",".join(p)[:40])
def test_hostile_query_strings_never_500(client, catalog, params):
    response = client.get("/programs/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="abc"' not in body and 'value="-5e' not in body
    csv = client.get("/programs/export.csv?" + urlencode(params, doseq=True))
    assert csv.status_code == 200


def test_bad_number_gives_a_message_on_the_field(client, catalog):
    response, slugs = results(client, max_cost="abc", format=["online"])
    assert "max_cost" in response.context["result"].form.errors
    assert slugs == expected(catalog, lambda p: p.format == "online")


def test_query_count_is_the_same_for_10_and_200_programs(client, django_assert_num_queries):
    school = make_school()
    bulk_programs(10, "bulk", school)
    # Cold: the options in use, the facet aggregate (with a limit, the ways out in it too),
    # then the page's programs and the programs' certifications. Warm, the counts come from
    # the cache and the certifications from the process
    # (programs.models.certification_codes_by_program).
    urls = {
        "/programs/": (4, 1),
        "/programs/?format=campus&max_cost=15000&max_months=12&credential=certificate&sort=cost": (
            4,
            1,
        ),
        # The programs within the widest radius of the ZIP code, with the figures to order
        # them by, come first, and the online programs anywhere after the facet aggregate;
        # then the page's programs by id. Warm, the programs near come from the cache too.
        "/programs/?zip=62701&radius=50&sort=distance": (6, 1),
    }
    for size in ("small", "large"):
        if size == "large":
            bulk_programs(190, "more", school)
        for url, (cold, warm) in urls.items():
            # bulk_create sends no signal to renew the counts.
            cache.clear()
            with django_assert_num_queries(cold):
                client.get(url)
            with django_assert_num_queries(warm):
                client.get(url)


def test_htmx_request_gets_only_the_finder_region(client, catalog):
    response = client.get("/programs/?format=online", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="finder"')
    assert "<html" not in body


def test_certification_filter_does_not_duplicate_programs(client, catalog):
    rma = Certification.objects.get(slug="rma")
    catalog[0].certifications.add(rma)
    _r, slugs = results(client, certification=["cma", "rma"])
    assert len(slugs) == len(set(slugs)) == 2


def test_facet_counts_are_reused_for_another_page_and_follow_an_edit(
    client, catalog, django_assert_num_queries
):
    client.get("/programs/?state=IL")
    with django_assert_num_queries(1):  # the page's programs
        response = client.get("/programs/?state=IL&sort=name&page=1")
    assert response.context["result"].total == 5
    catalog[0].school.state = "WI"
    catalog[0].school.save()
    assert client.get("/programs/?state=IL").context["result"].total == 3


def test_each_search_selects_its_own_state_and_order(client, catalog):
    """Drop-down options are cached per chosen value; one search must not leak into the next."""
    body = client.get("/programs/?state=IL&sort=cost").content.decode()
    assert '<option value="IL" selected>' in body and '<option value="cost" selected>' in body
    body = client.get("/programs/?state=TX").content.decode()
    assert '<option value="TX" selected>' in body
    assert '<option value="IL" selected>' not in body
    assert '<option value="cost" selected>' not in body


def test_the_hide_box_stays_ticked_once_ticked(client, catalog):
    ticked = 'id="id_hide_unknown" checked>'
    assert ticked not in client.get("/programs/?max_cost=10000").content.decode()
    body = client.get("/programs/?max_cost=10000&hide_unknown=on").content.decode()
    assert ticked in body


def test_a_school_gets_both_coordinates_or_neither():
    school = make_school(latitude=41.88, longitude=-87.63)
    school.longitude = None
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        school.full_clean()


def test_programs_without_the_figure_are_counted_with_thousands_separators(client):
    bulk_programs(1200, "unknown-cost")
    Program.objects.update(total_cost=None)
    cache.clear()
    body = client.get("/programs/?max_cost=10000").content.decode()
    assert "0 programs within your limits, and 1,200 more that did not report their cost" in body


def test_options_no_program_has_are_not_offered_until_editors_add_them(client, catalog):
    response, _ = results(client)
    offered = {f.name: [o["value"] for o in f.options] for f in response.context["result"].facets}
    assert offered["certification"] == ["cma"]
    body = response.content.decode()
    assert 'id="f-certification-rma"' not in body
    line = body[body.index('id="not-yet-known"') :]
    line = line[: line.index("</p>")]
    assert "which certification exams a program prepares for (RMA, NCMA, CCMA)" in line
    assert 'href="/about-our-data/"' in line
    catalog[1].certifications.add(Certification.objects.get(slug="rma"))
    body = client.get("/programs/").content.decode()
    assert 'id="f-certification-rma"' in body
    assert "(NCMA, CCMA)" in body


def test_a_chosen_option_stays_on_the_form_even_when_no_program_has_it(client, catalog):
    body = client.get("/programs/?certification=rma").content.decode()
    assert 'id="f-certification-rma" checked' in body


def test_errors_are_summarised_before_the_results_each_linking_to_its_field(client, catalog):
    body = client.get("/programs/?zip=abcde&max_cost=abc&format=teleport").content.decode()
    summary = body[body.index('id="error-summary"') : body.index('id="result-count"')]
    assert "There is a problem" in summary
    assert '<a href="#id_zip">Enter a five-digit US ZIP code.</a>' in summary
    assert 'href="#id_max_cost"' in summary and 'href="#facet-format"' in summary
    assert 'id="id_zip" class="form-control is-invalid"' in body
    assert 'id="facet-format"' in body


def test_a_phone_sees_the_count_and_active_filters_before_the_results(client, catalog):
    body = client.get("/programs/?state=IL&format=campus").content.decode()
    button = body.index("Filters (2 active)</summary>")
    count = body.index('id="result-count"')
    chips = body.index('aria-label="Active filters"')
    first_card = body.index('class="result-card')
    assert button < count < chips < first_card
    assert "error-summary" not in body
    assert "js/finder.js" in body


def test_pages_run_on_from_programs_within_the_limits_to_those_without_the_figure(client):
    school = make_school()
    bulk_programs(30, "within", school)
    Program.objects.bulk_create(
        Program(
            school=school,
            slug=f"unknown-{n}",
            name="Medical Assisting",
            credential=Program.Credential.CERTIFICATE,
            length_months=Decimal("9"),
            graduates_per_year=100 + n,
        )
        for n in range(10)
    )
    first, slugs_1 = results(client, max_cost="15000")
    assert first.context["result"].within_limits == 30
    assert first.context["result"].unreported == 10
    assert all(slug.startswith("within-") for slug in slugs_1) and len(slugs_1) == 25
    _second, slugs_2 = results(client, max_cost="15000", page="2")
    # The last five within the limits, then the ten without a cost, most graduates first.
    assert [s.split("-")[0] for s in slugs_2] == ["within"] * 5 + ["unknown"] * 10
    assert slugs_2[5:] == [f"unknown-{n}" for n in range(9, -1, -1)]
    assert len(set(slugs_1) | set(slugs_2)) == 40


def test_a_thin_search_offers_wider_radii_online_programs_and_each_limit_let_go(client, catalog):
    # Within 10 miles of the Loop: Loop College's two programs, one of them 24 months long.
    response, slugs = results(client, zip="60601", radius="10", max_months="12")
    result = response.context["result"]
    assert result.total == 1
    # Joliet Tech is about 30 miles away: its online certificate is 8 months, its diploma 14;
    # Austin Academy's online certificate is 2 months. A wider radius is offered once, at the
    # first size that lists more.
    assert [(way.label, way.url) for way in result.ways_out] == [
        ("2 within 50 miles", "?zip=60601&radius=50&max_months=12"),
        ("2 online, open to you anywhere", "?max_months=12&format=online"),
        ("without the 12-month limit: 2", "?zip=60601&radius=10"),
    ]
    wider = results(client, zip="60601", radius="10", credential="diploma")[0].context["result"]
    assert wider.total == 0
    assert [(way.label, way.url) for way in wider.ways_out] == [
        ("1 within 50 miles", "?zip=60601&radius=50&credential=diploma")
    ]
    body = client.get("/programs/?zip=60601&radius=10&credential=diploma").content.decode()
    assert "1 within 50 miles" in body and "spreadsheet" not in body
    assert 'id="f-credential-diploma" checked' in body


def test_a_thin_search_without_a_zip_offers_each_limit_let_go_that_lists_more(client, catalog):
    # Within both limits or not reporting a figure: three programs and the online certificate
    # without a cost. Without the cost limit, the 10-month certificate at $12,000 joins them;
    # without the length limit, nothing more (every longer program also costs more).
    response, _slugs = results(client, max_cost="10000", max_months="12")
    result = response.context["result"]
    assert (result.total, result.unreported) == (4, 1)
    assert [(way.label, way.url) for way in result.ways_out] == [
        ("without the $10,000 limit: 5", "?max_months=12")
    ]
    assert "without the $10,000 limit: 5" in response.content.decode()
    wide = results(client, max_cost="30000", max_months="30")[0].context["result"]
    assert (wide.total, wide.ways_out) == (7, [])


def test_an_empty_result_suggests_a_wider_distance_only_near_a_zip(client, catalog):
    near = client.get("/programs/?zip=60601&radius=10&credential=diploma").content.decode()
    assert "Remove a filter above, or widen the distance." in near
    anywhere = client.get("/programs/?state=TX&credential=diploma").content.decode()
    assert "No programs match all of these filters. Remove a filter above.</p>" in anywhere
    assert "widen the distance" not in anywhere


def test_options_no_program_would_match_are_disabled(client, catalog):
    body = client.get("/programs/?zip=60601&radius=10").content.decode()
    assert 'id="f-format-online" disabled>' in body
    assert 'id="f-format-campus">' in body


def test_a_card_names_its_credential_when_its_school_lists_another(client, catalog):
    body = client.get("/programs/?state=IL").content.decode()
    assert ">Loop College: Certificate (under one academic year)</a>" in body
    assert ">Loop College: Associate degree</a>" in body
    assert ">Nowhere Institute</a>" in body


def test_a_length_its_own_award_level_rules_out_is_flagged_on_the_card(client, catalog):
    odd = make_program(credential="certificate", length_months=Decimal("15"), graduates_per_year=0)
    shown = odd.length_shown
    assert shown.kind == shown.FLAGGED and "check with the school" in shown.text
    body = client.get("/programs/?sort=length").content.decode()
    assert "Reported as 15 months: check with the school" in body
    assert "(as the school reported it, 2023-24)" in body
    assert make_program(credential="diploma", length_months=Decimal("15")).length_shown.kind == (
        "reported"
    )


def test_a_card_knows_whether_its_school_lists_another_published_program_as_the_data_changes():
    # The SQL is compiled once per process; each query must still read the rows as they are.
    school = make_school()
    first = make_program(school=school)

    def has_others():
        return Program.objects.filter(pk=first.pk).naming_credentials().get().school_has_others

    assert not has_others()
    second = make_program(school=school)
    assert has_others()
    Program.objects.filter(pk=second.pk).update(published=False)
    assert not has_others()


def test_requests_share_one_form_class_but_each_validates_its_own_parameters():
    valid = ProgramFilter(QueryDict("max_cost=15000"), queryset=Program.objects.all())
    invalid = ProgramFilter(QueryDict("max_cost=lots"), queryset=Program.objects.all())
    assert type(valid.form) is type(invalid.form)
    assert valid.is_valid() and valid.cleaned["max_cost"] == 15000
    assert not invalid.is_valid() and "max_cost" in invalid.form.errors
