"""Who decides to notify (issue 12): the notification_decision setting, set from each seed.

Swindon (001): "it is for all three safeguarding partners to agree which incidents should be
notified"; Dorset (002 paragraph 2.1) and BCP (003 section 5): the local authority decides and a
partner that disagrees escalates; Lincolnshire (000): the Assurance Executive, as built.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cases.models import CaseStage, Deadline, OutboundEmail, Role
from cases.workflow import preset, workflow_settings_errors
from referrals.choices import ReferralStatus as S
from referrals.models import InformationRequest, NotificationAgreement
from referrals.services import agreements, executive
from tests.factories import make_member
from tests.referrals import helpers

pytestmark = pytest.mark.django_db
TODAY = helpers.TODAY


def _use(side, name):
    """The partnership decides as the preset says (the rest of its settings stay)."""
    side.partnership.workflow = {
        **side.partnership.workflow,
        "notification_decision": preset(name)["notification_decision"],
    }
    side.partnership.save()


def _rep(side, agency, role=Role.SLO):
    return make_member(
        side.partnership,
        role,
        agency=side.agencies[agency],
        email=f"{agency}-{role}@{side.partnership.slug}.test",
        full_name=f"{agency.title()} Representative",
    )


def _agree(member, referral, agrees=True, rationale="The criteria are met."):
    return agreements.notification_agreement_record(
        actor=member.user, membership=member, referral=referral, agrees=agrees, rationale=rationale
    )


def _decide(member, referral, verdict="agree"):
    return executive.executive_decision_record(
        actor=member.user,
        membership=member,
        referral=referral,
        verdict=verdict,
        rationale="Meets the criteria.",
        meeting_date=TODAY,
        attendees="Head of QA and Partnerships",
    )


# --- The setting, from each seed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "by", "extra", "cited"),
    [
        ("lincolnshire", "executive", {}, "000"),
        ("swindon", "statutory_partners", {"agreements_needed": 3}, "001"),
        ("dorset", "local_authority", {"escalate_to": "the PDSCP Executive"}, "002 paragraph 2.1"),
        (
            "bcp",
            "local_authority",
            {"escalate_to": "the PDSCP escalation process"},
            "003 section 5",
        ),
        ("north-lincolnshire", "executive", {}, "confirm or challenge"),
    ],
)
def test_each_preset_sets_who_decides_from_its_seed(name, by, extra, cited):
    setting = preset(name)["notification_decision"]
    assert setting["by"] == by
    for key, value in extra.items():
        assert setting[key] == value
    assert cited in setting["source"]


def test_the_setting_is_validated_and_optional():
    data = preset("lincolnshire")
    del data["notification_decision"]
    assert workflow_settings_errors(data) == []
    data["notification_decision"] = {"by": "statutory_partners"}
    assert workflow_settings_errors(data) == ["notification_decision.agreements_needed: missing"]
    data["notification_decision"] = {"by": "everyone", "agreements_needed": 0}
    errors = workflow_settings_errors(data)
    assert any(e.startswith("notification_decision.by: must be one of") for e in errors)
    assert any(e.startswith("notification_decision.agreements_needed") for e in errors)
    data["notification_decision"] = {"by": "executive", "escalate_to": "the board"}
    assert workflow_settings_errors(data) == [
        "notification_decision.escalate_to: only where the local authority decides"
    ]


# --- Swindon: all three partners agree -----------------------------------------------------------


def test_swindon_waits_for_all_three_partners(world):
    side = world.alpha
    _use(side, "swindon")
    la, police, health = _rep(side, "la"), side.members[Role.SLO], _rep(side, "health")
    referral = helpers.awaiting_executive(side)
    # The representatives are told a recommendation waits for their agreement.
    assert OutboundEmail.objects.filter(to=la.user.email, key__startswith="referral:").exists()
    _agree(la, referral)
    _agree(police, referral)
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_EXECUTIVE
    assert not Deadline.objects.filter(case=referral.case, stage="notification").exists()
    _agree(health, referral)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED and referral.outcome == "recommend_rapid_review"
    assert referral.case.stage == CaseStage.AWAITING_NOTIFICATION
    # The notification clock starts as after an executive's agreement.
    assert Deadline.objects.filter(case=referral.case, stage="notification").exists()
    decision = referral.executive_decisions.get()
    assert "Alpha ICB" in decision.attendees and decision.verdict == "agree"


def test_swindon_the_executive_cannot_decide_for_the_partners(world):
    side = world.alpha
    _use(side, "swindon")
    referral = helpers.awaiting_executive(side)
    with pytest.raises(PermissionDenied):
        _decide(side.members[Role.EXECUTIVE], referral)
    # A school is not a statutory partner.
    with pytest.raises(PermissionDenied):
        _agree(_rep(side, "school"), referral)


def test_swindon_a_disagreement_is_recorded_and_the_business_manager_sees_it(world, client):
    side = world.alpha
    _use(side, "swindon")
    referral = helpers.awaiting_executive(side)
    _agree(_rep(side, "la"), referral)
    _agree(side.members[Role.SLO], referral)
    _agree(_rep(side, "health"), referral, agrees=False, rationale="Abuse is not suspected.")
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_EXECUTIVE
    bm = side.members[Role.BUSINESS_MANAGER]
    assert OutboundEmail.objects.filter(to=bm.user.email, key__startswith="referral:").exists()
    client.force_login(bm.user)
    page = client.get(reverse("referrals:detail", args=[side.partnership.slug, referral.pk]))
    text = page.content.decode()
    assert "Abuse is not suspected." in text and "does not agree" in text.lower()
    # The referring agency's staff see the referral, not the partners' deliberation.
    client.force_login(side.user(Role.AGENCY_STAFF))
    page = client.get(reverse("referrals:detail", args=[side.partnership.slug, referral.pk]))
    assert page.status_code == 200 and "Abuse is not suspected." not in page.content.decode()
    client.force_login(bm.user)
    home = client.get(reverse("cases:home", args=[side.partnership.slug])).content.decode()
    assert "Disagreements about notifying" in home
    assert referral.reference in home.split("Disagreements about notifying")[1]
    # After local resolution the partner records its agreement, and the decision is made.
    _agree(_rep(side, "health", Role.AGENCY_EXECUTIVE), referral)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED


# --- Dorset and BCP: the local authority decides -------------------------------------------------


@pytest.mark.parametrize("name", ["dorset", "bcp"])
def test_the_local_authority_decides(world, name):
    side = world.alpha
    _use(side, name)
    referral = helpers.awaiting_executive(side)
    with pytest.raises(PermissionDenied):
        _decide(side.members[Role.SLO], referral)  # the police
    with pytest.raises(PermissionDenied):
        _decide(side.members[Role.EXECUTIVE], referral)
    _decide(_rep(side, "la"), referral)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED
    assert referral.case.stage == CaseStage.AWAITING_NOTIFICATION


def test_dorset_a_police_member_cannot_decide_page_and_api(world, client):
    side = world.alpha
    _use(side, "dorset")
    referral = helpers.awaiting_executive(side)
    slug = side.partnership.slug
    client.force_login(side.user(Role.SLO))
    page = reverse("referrals:executive_decision", args=[slug, referral.pk])
    assert client.get(page).status_code == 403
    api = f"/api/p/{slug}/referrals/{referral.pk}/executive-decision/"
    body = {
        "verdict": "agree",
        "rationale": "Met.",
        "meeting_date": str(TODAY),
        "attendees": "Police",
    }
    assert client.post(api, body, content_type="application/json").status_code == 403
    la = _rep(side, "la")
    client.force_login(la.user)
    assert client.get(page).status_code == 200
    assert "local authority" in client.get(page).content.decode()
    assert client.post(api, body, content_type="application/json").status_code in (200, 201)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED


def test_dorset_a_police_disagreement_is_an_escalation_not_an_information_request(world):
    side = world.alpha
    _use(side, "dorset")
    referral = helpers.awaiting_executive(side)
    police = side.members[Role.SLO]
    referrer_emails = OutboundEmail.objects.filter(to=police.user.email).count()
    row = agreements.notification_escalation_record(
        actor=police.user, membership=police, referral=referral, rationale="It should be notified."
    )
    assert row.escalated_to == "the PDSCP Executive" and not row.agrees
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_EXECUTIVE
    assert not InformationRequest.objects.filter(referral=referral).exists()
    assert OutboundEmail.objects.filter(to=police.user.email).count() == referrer_emails
    bm = side.members[Role.BUSINESS_MANAGER]
    assert OutboundEmail.objects.filter(to=bm.user.email, key__contains=":").exists()
    # The local authority itself does not escalate; nor does a non-statutory agency.
    with pytest.raises(PermissionDenied):
        agreements.notification_escalation_record(
            actor=side.all_roles.user,
            membership=_rep(side, "la"),
            referral=referral,
            rationale="No.",
        )


# --- Lincolnshire and stored settings ------------------------------------------------------------


def test_lincolnshire_unchanged_the_executive_decides(world):
    side = world.alpha
    referral = helpers.awaiting_executive(side)
    with pytest.raises(PermissionDenied):
        _agree(side.members[Role.SLO], referral)
    with pytest.raises(PermissionDenied):
        _decide(_rep(side, "la"), referral)
    _decide(side.members[Role.EXECUTIVE], referral)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED
    assert not NotificationAgreement.objects.exists()


def test_stored_settings_without_the_key_behave_as_before(world):
    side = world.alpha
    _use(side, "swindon")
    del side.partnership.workflow["notification_decision"]
    side.partnership.save()
    referral = helpers.awaiting_executive(side)
    with pytest.raises(PermissionDenied):
        _agree(side.members[Role.SLO], referral)
    _decide(side.members[Role.EXECUTIVE], referral)
    referral.refresh_from_db()
    assert referral.status == S.DECIDED


# --- The API -------------------------------------------------------------------------------------


def test_the_api_records_agreements_and_escalations(world, client):
    side = world.alpha
    _use(side, "swindon")
    referral = helpers.awaiting_executive(side)
    slug = side.partnership.slug
    url = f"/api/p/{slug}/referrals/{referral.pk}/notification-agreement/"
    client.force_login(side.user(Role.SLO))
    assert client.post(url, {"agrees": True}, content_type="application/json").status_code == 400
    answer = client.post(
        url, {"agrees": True, "rationale": "Met."}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert referral.notification_agreements.get().agency == side.agencies["police"]
    word = answer.json()["notification_agreements"]
    assert [(w["agency"], w["agrees"]) for w in word] == [("Alpha Police", True)]
    client.force_login(side.user(Role.EXECUTIVE))
    reply = client.post(url, {"agrees": True, "rationale": "Met."}, content_type="application/json")
    assert reply.status_code == 403
    # The referring agency's staff read the referral without the partners' word.
    client.force_login(side.user(Role.AGENCY_STAFF))
    read = client.get(f"/api/p/{slug}/referrals/{referral.pk}/")
    assert read.status_code == 200 and read.json()["notification_agreements"] == []
    # Where the local authority decides, the police escalate through the API.
    _use(side, "bcp")
    client.force_login(side.user(Role.SLO))
    escalate = f"/api/p/{slug}/referrals/{referral.pk}/notification-escalation/"
    reply = client.post(escalate, {"rationale": "Notify."}, content_type="application/json")
    assert reply.status_code == 200
    assert referral.notification_agreements.filter(
        escalated_to="the PDSCP escalation process"
    ).exists()


def test_the_pages_record_an_agreement_with_govuk_errors(world, client):
    side = world.alpha
    _use(side, "swindon")
    referral = helpers.awaiting_executive(side)
    slug = side.partnership.slug
    page = reverse("referrals:notification_agreement", args=[slug, referral.pk])
    client.force_login(side.user(Role.SLO))
    missing = client.post(page, {})
    assert missing.status_code == 200
    assert "Select whether your agency agrees" in missing.content.decode()
    done = client.post(page, {"agrees": "no", "rationale": "Not abuse."})
    assert done.status_code == 302
    assert not referral.notification_agreements.get().agrees
    detail = client.get(reverse("referrals:detail", args=[slug, referral.pk])).content.decode()
    assert (
        "Record your agency&#x27;s agreement to notify" in detail or "agreement to notify" in detail
    )
    client.force_login(side.user(Role.EXECUTIVE))
    assert client.get(page).status_code == 403


def test_my_work_lists_what_waits_for_each_decider(world, client):
    side = world.alpha
    _use(side, "swindon")
    referral = helpers.awaiting_executive(side)
    slug = side.partnership.slug
    police = side.members[Role.SLO]
    client.force_login(police.user)
    home = reverse("cases:home", args=[slug])
    text = client.get(home).content.decode()
    assert "Notifications waiting for your agency" in text and referral.reference in text
    _agree(police, referral)
    text = client.get(home).content.decode()
    assert referral.reference not in text.split("Notifications waiting for your agency")[1]
    client.force_login(side.user(Role.EXECUTIVE))
    assert "Notifications waiting" not in client.get(home).content.decode()
    _use(side, "dorset")
    la = _rep(side, "la")
    client.force_login(la.user)
    text = client.get(home).content.decode()
    assert "Notifications waiting for the local authority" in text and referral.reference in text


# --- The settings page ---------------------------------------------------------------------------


def test_the_settings_page_shows_and_changes_who_decides(world, client):
    side = world.alpha
    slug = side.partnership.slug
    client.force_login(side.user(Role.BUSINESS_MANAGER))
    shown = client.get(reverse("cases:workflow_settings", args=[slug])).content.decode()
    assert "Who decides to notify" in shown and "Assurance Executive" in shown
    url = reverse("cases:workflow_settings_edit", args=[slug])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(notification_decided_by="statutory_partners", agreements_needed="")
    missing = client.post(url, data)
    assert missing.status_code == 200
    assert "Enter how many statutory partners must agree" in missing.content.decode()
    assert "govuk-error-summary" in missing.content.decode()
    data.update(agreements_needed="3")
    assert client.post(url, data).status_code == 302
    side.partnership.refresh_from_db()
    assert side.partnership.workflow["notification_decision"] == {
        "by": "statutory_partners",
        "agreements_needed": 3,
    }
    data.update(notification_decided_by="local_authority", escalate_to="the PDSCP Executive")
    assert client.post(url, data).status_code == 302
    side.partnership.refresh_from_db()
    assert side.partnership.workflow["notification_decision"] == {
        "by": "local_authority",
        "escalate_to": "the PDSCP Executive",
    }
    shown = client.get(reverse("cases:workflow_settings", args=[slug])).content.decode()
    assert "escalates to the PDSCP Executive" in shown
