"""Issue 11, who authorises a referral:

- Lincolnshire (seed 000, Appendix A): "your LSCP Senior Liaison Officer (SLO) or their nominated
  deputy". An SLO names a deputy from their own agency; the deputy authorises the agency's
  referrals while named, and the history says they did so as deputy for the SLO.
- Swindon (seed 001, section 4): "The single point of contact should ensure that referral has
  executive level sign off": the referring agency's executive (Role.AGENCY_EXECUTIVE), not the
  SLO and not the partnership's executive who decides.
"""

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cases import deputies
from cases.history_display import history_rows
from cases.models import AuditEvent, OutboundEmail, Role
from cases.services import deputies as deputy_services
from cases.workflow import preset
from referrals import permissions
from referrals.choices import ReferralStatus as S
from referrals.selectors import awaiting_authorisation, referral_history
from referrals.services import authorisation
from tests.factories import api_token, make_member
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token(user)}")


def _awaiting(side, author=None):
    author = author or side.members[Role.AGENCY_STAFF]
    referral = helpers.complete_draft(side, author)
    return authorisation.referral_submit_for_authorisation(
        actor=author.user, membership=author, referral=referral
    )


def _deputy(side, **kwargs):
    """A police practitioner who holds no authorising role."""
    return make_member(
        side.partnership,
        Role.AGENCY_STAFF,
        agency=side.agencies["police"],
        full_name=kwargs.pop("full_name", "Dee Deputy"),
        **kwargs,
    )


# --- The SLO's nominated deputy (Lincolnshire) ---------------------------------------------------


def test_the_slo_names_a_deputy_who_authorises_and_is_recorded_as_deputy(
    world, django_capture_on_commit_callbacks
):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    referral = _awaiting(side)
    assert not permissions.can_authorise_referral(deputy, referral)

    deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=deputy)
    slo.refresh_from_db()
    assert slo.deputy_id == deputy.pk
    mail = OutboundEmail.objects.get(to=deputy.user.email, key__startswith="deputy:")
    assert "named you as their deputy" in mail.body_text
    assert "Alpha Police" in mail.body_text

    fresh = type(deputy).objects.get(pk=deputy.pk)
    assert permissions.can_authorise_referral(fresh, referral)
    assert list(awaiting_authorisation(membership=fresh)) == [referral]
    authorisation.referral_authorise(actor=fresh.user, membership=fresh, referral=referral)
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED and referral.authorised_by_id == deputy.user_id

    event = AuditEvent.objects.get(action="referral.authorise_as_deputy")
    assert event.changes["deputy_for"] == [None, [slo.user_id]]
    rows = history_rows(referral_history(referral=referral), partnership=side.partnership)
    name = str(referral).removeprefix("Referral ")
    assert (
        f"Dee Deputy authorised the referral {name} as deputy for Alpha Safeguarding lead officer"
        " and sent it to the partnership"
    ) in [row.sentence for row in rows]


def test_the_deputy_sees_awaiting_items_on_my_work_and_loses_them_on_removal(world, client_for):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    _awaiting(side)
    slug = side.partnership.slug
    home = reverse("cases:home", args=[slug])
    assert "Referrals waiting for your authorisation" not in (
        client_for(deputy.user).get(home).content.decode()
    )
    deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=deputy)
    page = html.unescape(client_for(deputy.user).get(home).content.decode())
    assert "Referrals waiting for your authorisation" in page
    assert f"as deputy for {slo.user.get_full_name()}" in page

    deputy_services.deputy_remove(actor=slo.user, membership=slo)
    page = client_for(deputy.user).get(home).content.decode()
    assert "Referrals waiting for your authorisation" not in page
    removed = AuditEvent.objects.get(action="membership.deputy_remove")
    assert removed.changes == {"deputy": [deputy.user_id, None]}
    assert OutboundEmail.objects.filter(to=deputy.user.email).count() == 2  # named, removed


def test_after_removal_the_deputy_cannot_authorise(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    referral = _awaiting(side)
    deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=deputy)
    deputy_services.deputy_remove(actor=slo.user, membership=slo)
    fresh = type(deputy).objects.get(pk=deputy.pk)
    assert not permissions.can_authorise_referral(fresh, referral)
    with pytest.raises(PermissionDenied):
        authorisation.referral_authorise(actor=fresh.user, membership=fresh, referral=referral)


def test_a_deputy_whose_slo_lost_the_role_cannot_authorise(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    referral = _awaiting(side)
    deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=deputy)
    slo.roles.update(role=Role.AGENCY_STAFF)  # no longer the SLO
    fresh = type(deputy).objects.get(pk=deputy.pk)
    assert not permissions.can_authorise_referral(fresh, referral)


def test_a_deputy_from_another_agency_or_partnership_is_refused(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    school = make_member(side.partnership, Role.AGENCY_STAFF, agency=side.agencies["school"])
    beta_police = world.beta.members[Role.AGENCY_STAFF]
    for wrong in (school, beta_police, None):
        with pytest.raises(ValidationError) as error:
            deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=wrong)
        assert error.value.message_dict == {"deputy": ["Select a deputy from your agency"]}
    with pytest.raises(ValidationError) as error:
        deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=slo)
    assert error.value.message_dict == {"deputy": ["Select someone other than yourself"]}
    slo.refresh_from_db()
    assert slo.deputy_id is None
    # Only an SLO names a deputy.
    staff = side.members[Role.AGENCY_STAFF]
    with pytest.raises(PermissionDenied):
        deputy_services.deputy_name(actor=staff.user, membership=staff, deputy=_deputy(side))


def test_the_deputy_page(world, client_for):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side, full_name="Page Deputy")
    url = reverse("cases:deputy", args=[side.partnership.slug])
    client = client_for(slo.user)
    page = client.get(url)
    assert page.status_code == 200 and "Page Deputy" in page.content.decode()

    empty = client.post(url, {"action": "name"})
    assert empty.status_code == 200
    text = html.unescape(empty.content.decode())
    assert "There is a problem" in text and "Select a deputy from your agency" in text
    other = world.beta.members[Role.AGENCY_STAFF]
    forged = client.post(url, {"action": "name", "deputy": str(other.pk)})
    assert "Select a deputy from your agency" in html.unescape(forged.content.decode())

    done = client.post(url, {"action": "name", "deputy": str(deputy.pk)})
    assert done.status_code == 302
    slo.refresh_from_db()
    assert slo.deputy_id == deputy.pk
    removed = client.post(url, {"action": "remove"})
    assert removed.status_code == 302
    slo.refresh_from_db()
    assert slo.deputy_id is None
    # Not an SLO: refused.
    assert client_for(side.user(Role.AGENCY_STAFF)).get(url).status_code == 403
    # The history reads as sentences.
    rows = history_rows(
        AuditEvent.objects.filter(action__startswith="membership.deputy").order_by("created_at"),
        partnership=side.partnership,
    )
    assert [r.sentence for r in rows] == [
        f"{slo.user.get_full_name()} named Page Deputy as their deputy for authorising referrals",
        f"{slo.user.get_full_name()} removed Page Deputy as their deputy for authorising referrals",
    ]


def test_the_deputy_api(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    url = reverse("cases_api:deputy", args=[side.partnership.slug])
    client = api(slo.user)
    got = client.get(url)
    assert got.status_code == 200, got.content
    assert got.json()["deputy"] is None and got.json()["authorises_referrals"] is True
    assert deputy.pk in {c["id"] for c in got.json()["candidates"]}

    wrong = world.beta.members[Role.AGENCY_STAFF]
    refused = client.put(url, {"deputy": wrong.pk}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {"deputy": ["Select a deputy from your agency"]}

    named = client.put(url, {"deputy": deputy.pk}, content_type="application/json")
    assert named.status_code == 200, named.content
    assert named.json()["deputy"]["id"] == deputy.pk

    referral = _awaiting(side)
    done = api(deputy.user).post(
        reverse("referrals_api:referral-authorise", args=[side.partnership.slug, referral.pk]),
        {},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content

    assert client.delete(url).status_code == 204
    assert client.delete(url).status_code == 400  # no deputy to remove
    assert api(side.user(Role.AGENCY_STAFF)).get(url).status_code == 403


# --- Swindon: the referring agency's executive signs off -------------------------------------


@pytest.fixture
def swindon(world):
    """The alpha side on Swindon's settings, with an agency executive in each of two agencies."""
    side = world.alpha
    # Swindon's settings (the referral form's lists stay the world's: they follow the preset
    # name, and the helpers draft with Lincolnshire's reasons).
    side.partnership.workflow = preset("swindon")
    side.partnership.save(update_fields=["workflow"])
    police_exec = side.members[Role.AGENCY_EXECUTIVE]
    school_exec = make_member(
        side.partnership, Role.AGENCY_EXECUTIVE, agency=side.agencies["school"]
    )
    return side, police_exec, school_exec


def _fresh(member):
    return type(member).objects.get(pk=member.pk)


def test_swindon_referral_needs_the_referring_agencys_executive(swindon):
    side, police_exec, school_exec = swindon
    assert permissions.authoriser_role(side.partnership) == Role.AGENCY_EXECUTIVE
    referral = _awaiting(side)
    slo = _fresh(side.members[Role.SLO])
    partnership_exec = _fresh(side.members[Role.EXECUTIVE])
    assert not permissions.can_authorise_referral(slo, referral)
    assert not permissions.can_authorise_referral(partnership_exec, referral)
    assert not permissions.can_authorise_referral(_fresh(school_exec), referral)
    with pytest.raises(PermissionDenied):
        authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)

    police_exec = _fresh(police_exec)
    assert permissions.can_authorise_referral(police_exec, referral)
    authorisation.referral_authorise(
        actor=police_exec.user, membership=police_exec, referral=referral
    )
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED
    assert AuditEvent.objects.filter(action="referral.authorise", object_id=str(referral.pk))


def test_swindon_the_agency_executive_is_told_and_the_slos_deputy_does_not_authorise(
    swindon, django_capture_on_commit_callbacks
):
    side, police_exec, _ = swindon
    slo = side.members[Role.SLO]
    deputy = _deputy(side)
    deputy_services.deputy_name(actor=slo.user, membership=slo, deputy=deputy)
    referral = _awaiting(side)
    assert OutboundEmail.objects.filter(to=police_exec.user.email).exists()
    assert not OutboundEmail.objects.filter(to=deputy.user.email, key__startswith="referral:")
    assert not deputies.authorising_deputy_for(_fresh(deputy))
    assert not permissions.can_authorise_referral(_fresh(deputy), referral)


def test_swindon_through_the_api(swindon):
    side, police_exec, school_exec = swindon
    referral = _awaiting(side)
    url = reverse("referrals_api:referral-authorise", args=[side.partnership.slug, referral.pk])
    assert api(side.user(Role.SLO)).post(url).status_code == 403
    assert api(school_exec.user).post(url).status_code == 404  # another agency's referral
    done = api(police_exec.user).post(url)
    assert done.status_code == 200, done.content


def test_the_start_page_says_who_signs_off(swindon, client_for):
    side, _, _ = swindon
    page = client_for(side.user(Role.AGENCY_STAFF)).get(
        reverse("referrals:start", args=[side.partnership.slug])
    )
    assert "an executive-level manager of your agency" in page.content.decode()


def test_the_setting_must_be_an_agency_role():
    from cases.workflow import workflow_settings_errors

    settings = preset("swindon")
    settings["referral_authoriser_role"] = "business_manager"
    assert any(
        e.startswith("referral_authoriser_role: the role 'business_manager' cannot authorise")
        for e in workflow_settings_errors(settings)
    )
