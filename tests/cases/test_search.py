"""Find a case (issue 11): by surname, alias, a near spelling, NHS number, date of birth and
reference; never another partnership's child, a restricted case the member is not on, or another
agency's draft; every search in the access log; bad input answered, never a 500."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from cases import search
from cases.models import AccessKind, AccessLogEntry, Role
from cases.services import cases as case_services
from cases.services import subjects as subject_services
from cases.tenancy import partnership_scope
from tests.referrals import helpers

pytestmark = pytest.mark.django_db

MAISIE_NHS = "9990000026"  # a valid number of the 999 test range
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="near spellings need pg_trgm"
)


def _maisie(side, *, restricted=False, nhs_number=MAISIE_NHS):
    """A case whose child is Maisie Thornton, also known as Maisie Hale."""
    bm = side.members[Role.BUSINESS_MANAGER]
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child M",
        agencies=[side.agencies["police"]],
        is_restricted=restricted,
    )
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Maisie",
        last_name="Thornton",
        aliases="Maisie Hale",
        date_of_birth=datetime.date(2019, 3, 12),
        nhs_number=nhs_number,
    )
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="parent",
        first_name="Dawn",
        last_name="Hale",
        relationship_to_child="Mother",
    )
    return case


def _find(member, text):
    with partnership_scope(member.partnership):
        return search.find(membership=member, query=search.parse_query(text))


def _refs(results):
    return {(r.kind, r.reference) for r in results}


@pytest.fixture
def maisie(world):
    return _maisie(world.alpha)


# --- Parsing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["12/3/2019", "12/03/2019", "12-3-2019", "12 March 2019", "12 mar 2019", "2019-03-12"],
)
def test_a_date_of_birth_is_read_as_people_type_it(text):
    assert search.parse_query(text).date_of_birth == datetime.date(2019, 3, 12)


@pytest.mark.parametrize("text", ["999 000 0026", "9990000026", "999-000-0026"])
def test_an_nhs_number_is_read_spaced_or_not(text):
    assert search.parse_query(text).nhs_number == "9990000026"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", search.EMPTY),
        ("   ", search.EMPTY),
        (None, search.EMPTY),
        ("a", search.TOO_SHORT),
        ("x" * 101, search.TOO_LONG),
    ],
)
def test_a_query_that_cannot_be_searched_says_why(text, message):
    with pytest.raises(search.SearchError, match=message):
        search.parse_query(text)


def test_control_characters_are_dropped():
    assert search.parse_query("Thorn\x00ton\n").words == ("thorn", "ton")
    with pytest.raises(search.SearchError, match=search.EMPTY):
        search.parse_query("\x00\x00")


def test_not_a_date_is_a_name():
    query = search.parse_query("31/2/2019")
    assert query.date_of_birth is None and query.words == ("31/2/2019",)


# --- What is found ------------------------------------------------------------------------------


def test_surname_finds_the_case_and_says_why(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, "Thornton")
    assert (result.kind, result.pk) == ("case", maisie.pk)
    assert "Maisie Thornton (child)" in result.people
    assert "Surname matches \u2018Thornton\u2019" in result.reasons


def test_first_name_and_surname_together(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, "maisie thornton")
    assert {"First name matches \u2018Maisie\u2019", "Surname matches \u2018Thornton\u2019"} <= set(
        result.reasons
    )


def test_alias_finds_the_case(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, "Hale")
    assert result.pk == maisie.pk
    assert "Alias matches \u2018Hale\u2019" in result.reasons
    # The mother's surname is Hale too: both are named.
    assert "Dawn Hale (parent)" in result.people


@postgres_only
@pytest.mark.parametrize("text", ["Thornten", "Thorntan", "Maisy Thornton"])
def test_a_near_spelling_finds_the_case(world, maisie, text):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, text)
    assert result.pk == maisie.pk
    assert any("similar spelling" in reason for reason in result.reasons), result.reasons


@postgres_only
def test_a_near_spelling_says_what_it_matched(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, "Thornten")
    assert "Surname \u2018Thornton\u2019 is a similar spelling of \u2018Thornten\u2019" in (
        result.reasons
    )


def test_an_unrelated_name_finds_nothing(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    assert _find(bm, "Zebedee") == []


@pytest.mark.parametrize("text", ["999 000 0026", "9990000026"])
def test_nhs_number_finds_the_case(world, maisie, text):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, text)
    assert result.pk == maisie.pk and result.reasons == ["NHS number matches"]


@pytest.mark.parametrize("text", ["12/3/2019", "12 March 2019", "2019-03-12"])
def test_date_of_birth_finds_the_case(world, maisie, text):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    [result] = _find(bm, text)
    assert result.pk == maisie.pk and result.reasons == ["Date of birth is 12 March 2019"]


def test_case_reference_finds_the_case(world, maisie):
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    results = _find(bm, maisie.reference.lower())
    assert ("case", maisie.reference) in _refs(results)
    [hit] = [r for r in results if r.pk == maisie.pk and r.kind == "case"]
    assert hit.reasons == [f"Reference matches \u2018{maisie.reference.lower()}\u2019"]


def test_referral_child_and_reference_are_found(world):
    side = world.alpha
    referral = helpers.submitted(side, child={"first_name": "Ruby", "last_name": "Ashdown"})
    bm = side.members[Role.BUSINESS_MANAGER]
    assert ("referral", referral.display_reference) in _refs(_find(bm, "Ashdown"))
    assert ("referral", referral.display_reference) in _refs(_find(bm, referral.reference))


# --- What is never found -------------------------------------------------------------------------


def test_another_partnerships_child_is_never_found(world):
    beta_case = _maisie(world.beta)
    for role in Role:
        member = world.alpha.members[role]
        for text in ("Thornton", "Hale", MAISIE_NHS, "12/3/2019", beta_case.reference):
            assert _find(member, text) == [], (role, text)
    # The same child in Beta is found by Beta's business manager.
    assert _find(world.beta.members[Role.BUSINESS_MANAGER], "Thornton")


def test_a_restricted_case_is_found_only_by_those_on_its_access_list(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    case = _maisie(side, restricted=True)
    rg = side.members[Role.REVIEW_GROUP_MEMBER]
    assert _find(rg, "Thornton") == []
    assert _find(rg, MAISIE_NHS) == []
    # The creator (business manager) is on the access list.
    assert [r.pk for r in _find(bm, "Thornton")] == [case.pk]
    case_services.case_access_grant(actor=bm.user, membership=bm, case=case, member=rg)
    [result] = _find(rg, "Thornton")
    assert result.pk == case.pk and result.is_restricted


def test_agency_staff_find_only_their_agencys_cases(world, maisie):
    side = world.alpha
    slo = side.members[Role.SLO]  # police: the case involves the police
    assert [r.pk for r in _find(slo, "Thornton")] == [maisie.pk]
    maisie.agencies.set([side.agencies["school"]])
    assert _find(slo, "Thornton") == []


def test_another_agencys_draft_is_never_found(world):
    side = world.alpha
    draft = helpers.complete_draft(side, child={"first_name": "Oscar", "last_name": "Wyndham"})
    slo = side.members[Role.SLO]
    assert ("referral", draft.display_reference) in _refs(_find(slo, "Wyndham"))
    for role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.SCRUTINEER):
        assert _find(side.members[role], "Wyndham") == [], role
    assert _find(side.members[Role.BUSINESS_MANAGER], draft.reference) == []


# --- The page and the API ------------------------------------------------------------------------


def _page(side):
    return reverse("cases:search", args=[side.partnership.slug])


def _api(side):
    return reverse("cases_api:search", args=[side.partnership.slug])


def test_page_lists_results_with_why_they_matched(world, maisie, client_for):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    response = client.get(_page(world.alpha), {"q": "Thornton"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for" in html and maisie.reference in html
    assert "Maisie Thornton (child)" in html
    assert "Why it matched:" in html and "Surname matches" in html
    assert reverse("cases:case_detail", args=[world.alpha.partnership.slug, maisie.pk]) in html


def test_page_without_a_query_shows_the_form_and_logs_nothing(world, client_for):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    before = AccessLogEntry.objects.count()
    html = client.get(_page(world.alpha)).content.decode()
    assert "Find a case" in html and 'name="q"' in html
    assert "There is a problem" not in html
    assert AccessLogEntry.objects.count() == before


def test_page_with_an_empty_query_shows_a_govuk_error(world, client_for):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    response = client.get(_page(world.alpha), {"q": " "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a name, reference, date of birth or NHS number" in html
    assert "<title>Error:" in html.replace("\n", "").replace("  ", "")


def test_page_with_no_results_says_so(world, client_for):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    html = client.get(_page(world.alpha), {"q": "Zebedee"}).content.decode()
    assert "There are no matching results" in html


def test_every_search_is_in_the_access_log(world, maisie, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    client = client_for(bm.user)
    client.get(_page(side), {"q": "Thornton"})
    client.get(_api(side), {"q": "Zebedee"})
    rows = list(AccessLogEntry.objects.filter(kind=AccessKind.SEARCH, user=bm.user).order_by("id"))
    assert [(r.partnership_id, r.object_repr) for r in rows] == [
        (side.partnership.pk, "Searched for \u2018Thornton\u2019: 1 found"),
        (side.partnership.pk, "Searched for \u2018Zebedee\u2019: 0 found"),
    ]
    assert rows[0].get_kind_display() == "Searched for people"


def test_api_finds_the_child_with_reasons(world, maisie, client_for):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    response = client.get(_api(world.alpha), {"q": "999 000 0026"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [result] = body["results"]
    assert result["kind"] == "case" and result["id"] == maisie.pk
    assert result["reference"] == maisie.reference
    assert result["reasons"] == ["NHS number matches"]
    assert result["people"] == ["Maisie Thornton (child)"]


@pytest.mark.parametrize("q", [None, "", "x"])
def test_api_refuses_an_empty_or_too_short_query_with_a_reason(world, client_for, q):
    client = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    response = client.get(_api(world.alpha), {} if q is None else {"q": q})
    assert response.status_code == 400
    assert response.json()["q"][0] in (search.EMPTY, search.TOO_SHORT)


def test_api_never_finds_another_partnerships_child(world, client_for):
    _maisie(world.beta)
    alpha_bm = client_for(world.alpha.members[Role.BUSINESS_MANAGER].user)
    for q in ("Thornton", MAISIE_NHS):
        response = alpha_bm.get(_api(world.alpha), {"q": q})
        assert response.status_code == 200 and response.json()["count"] == 0
    # And Beta's search is not Alpha's to call.
    assert alpha_bm.get(_api(world.beta), {"q": "Thornton"}).status_code == 404


def test_the_extension_is_there_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
