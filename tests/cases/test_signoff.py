"""The shared sign-off chain (issue 12): Dorset's notification chain end to end through the
services, the page and the API; who may act, wrong states, the snapshot of the chain, the
history's sentences and the e-mails.

Dorset (seed 002 section 3): the Head of QA and Partnerships (the local authority's SLO) drafts,
the Corporate Director signs off, the other Corporate Directors approve, the Executive Director
signs off, the Head of QA submits. No stage document exists yet, so a case attachment stands in
for the notification: any record can be a chain's document (ADR 0013).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import (
    AccessLogEntry,
    AgencyType,
    AuditEvent,
    OutboundEmail,
    Role,
    SignOff,
    SignOffAction,
    SignOffStatus,
)
from cases.services import cases as case_services
from cases.services import documents as document_services
from cases.services import signoff as services
from cases.services import subjects as subject_services
from cases.signoff import signoffs_awaiting
from tests.factories import AgencyFactory, PartnershipFactory, make_member
from tests.world import PDF_BYTES

S = SignOffStatus
NOTIFICATION = "notification"
JSON = {"content_type": "application/json"}
CHILD_SURNAME = "Zebedee"
NHS_NUMBER = "9434765919"


@pytest.fixture
def dorset(db):
    """A partnership on Dorset's preset, with the local authority's Head of QA (its SLO), three
    local-authority executives, a business manager, a police SLO and a police executive."""
    partnership = PartnershipFactory(
        name="Pan-Dorset Safeguarding Children Partnership",
        slug="dorset",
        code="DOR",
        with_preset="dorset",
    )
    la = AgencyFactory(
        partnership=partnership,
        name="Dorset Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    police = AgencyFactory(
        partnership=partnership,
        name="Dorset Police",
        agency_type=AgencyType.POLICE,
        is_statutory_partner=True,
    )

    def member(role, agency, name):
        slug = name.lower().replace(" ", ".")
        return make_member(
            partnership, role, agency=agency, email=f"{slug}@dorset.test", full_name=name
        )

    d = SimpleNamespace(
        partnership=partnership,
        la=la,
        police=police,
        hoqa=member(Role.SLO, la, "Hana Head"),
        corporate=member(Role.EXECUTIVE, la, "Cora Corporate"),
        director=member(Role.EXECUTIVE, la, "Dev Director"),
        executive=member(Role.EXECUTIVE, la, "Eve Executive"),
        bm=member(Role.BUSINESS_MANAGER, None, "Bea Manager"),
        police_slo=member(Role.SLO, police, "Pat Police"),
        police_exec=member(Role.EXECUTIVE, police, "Pete Chief"),
    )
    d.case = case_services.case_create(
        actor=d.bm.user,
        membership=d.bm,
        title="Child D",
        awareness_date=datetime.date(2026, 3, 2),
        agencies=[la, police],
    )
    subject_services.subject_add(
        actor=d.bm.user,
        membership=d.bm,
        case=d.case,
        role="child",
        first_name="Dora",
        last_name=CHILD_SURNAME,
        nhs_number=NHS_NUMBER,
    )
    d.document = document_services.attachment_add(
        actor=d.bm.user,
        membership=d.bm,
        case=d.case,
        uploaded=SimpleUploadedFile("sin-draft.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return d


def _start(d, who=None, **kwargs):
    who = who or d.hoqa
    return services.signoff_start(
        actor=who.user,
        membership=who,
        case=d.case,
        document_type=NOTIFICATION,
        document=d.document,
        **kwargs,
    )


def _approve(sign_off, who, comments=""):
    return services.signoff_approve(
        actor=who.user, membership=who, sign_off=sign_off, comments=comments
    )


def _step_key(sign_off) -> str:
    return sign_off.steps[sign_off.position]["key"]


# --- The chain through the services ---------------------------------------------------------------


def test_dorset_notification_chain_with_a_return_and_a_resubmission(dorset):
    d = dorset
    sign_off = _start(d, comments="Draft SIN ready.")
    # The Head of QA drafted it: their step is done, the Corporate Director is next.
    assert sign_off.status == S.IN_PROGRESS and sign_off.version == 1
    assert [s["key"] for s in sign_off.steps] == [
        "draft",
        "corporate_director",
        "corporate_directors",
        "executive_director",
        "submit",
    ]
    assert _step_key(sign_off) == "corporate_director"
    assert sign_off.document == d.document

    _approve(sign_off, d.corporate, "Agreed.")
    assert _step_key(sign_off) == "corporate_directors"
    services.signoff_return(
        actor=d.director.user,
        membership=d.director,
        sign_off=sign_off,
        comments="Add the immediate actions.",
    )
    assert sign_off.status == S.RETURNED and sign_off.position == 0
    assert signoffs_awaiting(d.hoqa) == [sign_off]  # back with the drafter
    assert signoffs_awaiting(d.director) == []

    services.signoff_resubmit(
        actor=d.hoqa.user, membership=d.hoqa, sign_off=sign_off, comments="Actions added."
    )
    # Version 2 starts again after the first step: the Corporate Director signs off again.
    assert sign_off.version == 2 and sign_off.status == S.IN_PROGRESS
    assert _step_key(sign_off) == "corporate_director"
    for who in (d.corporate, d.director, d.executive):
        assert signoffs_awaiting(who) == [sign_off]
        _approve(sign_off, who)
    assert _step_key(sign_off) == "submit"
    _approve(sign_off, d.hoqa, "Submitted through the portal.")
    sign_off.refresh_from_db()
    assert sign_off.status == S.SIGNED_OFF and sign_off.completed_at is not None

    decisions = list(
        SignOffAction.objects.filter(sign_off=sign_off).values_list(
            "version", "step_key", "decision"
        )
    )
    assert decisions == [
        (1, "draft", "approved"),
        (1, "corporate_director", "approved"),
        (1, "corporate_directors", "returned"),
        (2, "draft", "resubmitted"),
        (2, "corporate_director", "approved"),
        (2, "corporate_directors", "approved"),
        (2, "executive_director", "approved"),
        (2, "submit", "approved"),
    ]
    returned = SignOffAction.objects.get(sign_off=sign_off, decision="returned")
    assert returned.comments == "Add the immediate actions." and returned.actor == d.director.user


def test_a_business_manager_starts_it_for_the_drafter(dorset):
    d = dorset
    sign_off = _start(d, who=d.bm)
    assert sign_off.position == 0 and _step_key(sign_off) == "draft"
    assert signoffs_awaiting(d.hoqa) == [sign_off]
    with pytest.raises(InvalidTransition, match="no one to return it to"):
        services.signoff_return(
            actor=d.hoqa.user, membership=d.hoqa, sign_off=sign_off, comments="Me?"
        )
    _approve(sign_off, d.hoqa)
    assert _step_key(sign_off) == "corporate_director"


def test_only_the_people_of_the_current_step_may_act(dorset):
    d = dorset
    sign_off = _start(d)
    # The police executive is an executive, but not the local authority's; the Head of QA
    # drafted it, but the step is the Corporate Director's; the business manager runs the
    # process but signs off nothing here.
    for who in (d.police_exec, d.police_slo, d.hoqa, d.bm):
        with pytest.raises(PermissionDenied):
            _approve(sign_off, who)
        with pytest.raises(PermissionDenied):
            services.signoff_return(
                actor=who.user, membership=who, sign_off=sign_off, comments="No."
            )
    with pytest.raises(PermissionDenied):
        services.signoff_resubmit(actor=d.corporate.user, membership=d.corporate, sign_off=sign_off)
    with pytest.raises(PermissionDenied):
        _start(d, who=d.police_slo)
    assert SignOffAction.objects.filter(sign_off=sign_off).count() == 1  # the draft only


def test_wrong_states_are_invalid_transitions(dorset):
    d = dorset
    sign_off = _start(d)
    with pytest.raises(InvalidTransition):  # in progress: nothing to resubmit
        services.signoff_resubmit(actor=d.hoqa.user, membership=d.hoqa, sign_off=sign_off)
    with pytest.raises(InvalidTransition, match="already started"):
        _start(d)
    services.signoff_return(
        actor=d.corporate.user, membership=d.corporate, sign_off=sign_off, comments="Redo."
    )
    with pytest.raises(InvalidTransition):  # returned: the drafter resubmits first
        _approve(sign_off, d.hoqa)
    services.signoff_withdraw(
        actor=d.bm.user, membership=d.bm, sign_off=sign_off, comments="Not needed after all."
    )
    assert sign_off.status == S.WITHDRAWN
    with pytest.raises(InvalidTransition):
        services.signoff_resubmit(actor=d.hoqa.user, membership=d.hoqa, sign_off=sign_off)
    with pytest.raises(InvalidTransition):
        services.signoff_withdraw(
            actor=d.bm.user, membership=d.bm, sign_off=sign_off, comments="Again."
        )
    # Withdrawn: a new chain may start on the same document.
    assert _start(d).pk != sign_off.pk


def test_returning_needs_comments_and_withdrawing_a_reason(dorset):
    d = dorset
    sign_off = _start(d)
    with pytest.raises(ValidationError) as error:
        services.signoff_return(
            actor=d.corporate.user, membership=d.corporate, sign_off=sign_off, comments="  "
        )
    assert error.value.message_dict == {"comments": ["Enter what needs to change"]}
    with pytest.raises(ValidationError):
        services.signoff_withdraw(actor=d.bm.user, membership=d.bm, sign_off=sign_off, comments="")
    with pytest.raises(PermissionDenied):  # neither starter, drafter nor business manager
        services.signoff_withdraw(
            actor=d.corporate.user, membership=d.corporate, sign_off=sign_off, comments="Stop."
        )


def test_a_partnership_without_a_chain_for_the_document_type_is_told_so(dorset):
    d = dorset
    with pytest.raises(ValidationError, match="no sign-off chain for “lcspr_briefing”"):
        services.signoff_start(
            actor=d.hoqa.user,
            membership=d.hoqa,
            case=d.case,
            document_type="lcspr_briefing",
            document=d.document,
        )


def test_the_chain_is_a_snapshot_a_settings_change_leaves_it_alone(dorset):
    d = dorset
    sign_off = _start(d)
    before = [dict(s) for s in sign_off.steps]
    workflow = d.partnership.workflow
    workflow["sign_off_chains"][NOTIFICATION] = workflow["sign_off_chains"][NOTIFICATION][:2]
    workflow["sign_off_chains"][NOTIFICATION][1]["label"] = "Someone else signs off"
    d.partnership.save(update_fields=["workflow"])
    sign_off = SignOff.objects.get(pk=sign_off.pk)
    assert sign_off.steps == before
    for who in (d.corporate, d.director, d.executive, d.hoqa):
        _approve(sign_off, who)
    assert sign_off.status == S.SIGNED_OFF  # all five steps of the chain it started with
    assert SignOffAction.objects.filter(sign_off=sign_off).count() == 5


def test_the_history_reads_in_sentences(dorset):
    d = dorset
    sign_off = _start(d)
    services.signoff_return(
        actor=d.corporate.user, membership=d.corporate, sign_off=sign_off, comments="Redo."
    )
    services.signoff_resubmit(actor=d.hoqa.user, membership=d.hoqa, sign_off=sign_off)
    for who in (d.corporate, d.director, d.executive, d.hoqa):
        _approve(sign_off, who)
    events = AuditEvent.objects.filter(action__startswith="sign_off.").order_by("created_at", "id")
    sentences = [row.sentence for row in history_rows(events, partnership=d.partnership)]
    assert sentences[0] == (
        "Hana Head started the sign-off of the notification; it is with “Corporate Director,"
        " QA and Safeguarding Families signs off”"
    )
    assert sentences[1] == (
        "Cora Corporate returned the notification for changes at “Corporate Director, QA and"
        " Safeguarding Families signs off”"
    )
    assert sentences[2] == "Hana Head resubmitted the notification for sign-off as version 2"
    assert sentences[3] == (
        "Cora Corporate signed off “Corporate Director, QA and Safeguarding Families signs off”"
        " for the notification"
    )
    assert sentences[-1].startswith("Hana Head gave the last sign-off of the notification")
    assert all(e.case_id == d.case.pk for e in events)
    assert events[1].note == "Redo."


def test_each_step_is_told_by_email_without_personal_details(dorset):
    d = dorset
    sign_off = _start(d)
    waiting = OutboundEmail.objects.filter(key__startswith=f"signoff:{sign_off.pk}:")
    # Every local-authority executive matches the Corporate Director's step.
    assert sorted(e.to for e in waiting) == sorted(
        m.user.email for m in (d.corporate, d.director, d.executive)
    )
    services.signoff_return(
        actor=d.corporate.user,
        membership=d.corporate,
        sign_off=sign_off,
        comments=f"Dora {CHILD_SURNAME}'s school is missing.",
    )
    told = OutboundEmail.objects.filter(key__startswith=f"signoff:{sign_off.pk}:")
    assert d.hoqa.user.email in {e.to for e in told}
    reference = d.case.reference
    url = reverse("cases:signoff", args=[d.partnership.slug, sign_off.pk])
    for email in told:
        assert reference in email.subject and "Notification" in email.subject
        for body in (email.body_text, email.body_html):
            assert reference in body and url in body
            for secret in (CHILD_SURNAME, "Dora", NHS_NUMBER, d.case.title, "sin-draft.pdf"):
                assert secret not in email.subject + body
    assert not told.filter(to=d.corporate.user.email).exclude(pk__in=waiting).exists()


# --- The page -------------------------------------------------------------------------------------


def _page(d, sign_off):
    return reverse("cases:signoff", args=[d.partnership.slug, sign_off.pk])


def test_the_page_shows_the_steps_and_lets_the_step_decide(dorset, client_for):
    d = dorset
    sign_off = _start(d, comments="Ready.")
    url = _page(d, sign_off)
    page = client_for(d.corporate.user).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Notification sign-off" in text and d.case.reference in text
    assert "Your decision" in text and "Return for changes" in text
    assert '<button type="submit"' in text
    assert CHILD_SURNAME not in text and NHS_NUMBER not in text
    # Someone who can see the case but is not named by the step: the steps, no form.
    other = client_for(d.police_slo.user).get(url).content.decode()
    assert "Corporate Director, QA and Safeguarding Families signs off" in other
    assert "Your decision" not in other
    assert client_for(d.police_slo.user).post(url, {"intent": "decide"}).status_code == 403

    # All errors at once: no decision chosen.
    client = client_for(d.corporate.user)
    empty = client.post(url, {"intent": "decide"})
    assert empty.status_code == 200
    assert "Select if you sign off or return it for changes" in empty.content.decode()
    returned = client.post(url, {"intent": "decide", "decision": "return", "comments": ""})
    assert "Enter what needs to change" in returned.content.decode()
    assert "Error: " in returned.content.decode()
    done = client.post(url, {"intent": "decide", "decision": "sign_off", "comments": "Fine."})
    assert done.status_code == 302
    sign_off.refresh_from_db()
    assert _step_key(sign_off) == "corporate_directors"
    assert AccessLogEntry.objects.count() == 0  # no personal details shown, nothing to log


def test_the_drafter_resubmits_on_the_page(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    url = _page(d, sign_off)
    client_for(d.corporate.user).post(
        url, {"intent": "decide", "decision": "return", "comments": "Add the chronology."}
    )
    page = client_for(d.hoqa.user).get(url).content.decode()
    assert "Add the chronology." in page and "Resubmit for sign-off" in page
    assert client_for(d.hoqa.user).post(url, {"intent": "resubmit"}).status_code == 302
    sign_off.refresh_from_db()
    assert sign_off.version == 2 and sign_off.status == S.IN_PROGRESS
    # A second resubmission is the wrong state: back to the page with the reason.
    again = client_for(d.hoqa.user).post(url, {"intent": "resubmit"})
    assert again.status_code == 302


def test_withdrawing_on_the_page(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    url = reverse("cases:signoff_withdraw", args=[d.partnership.slug, sign_off.pk])
    assert client_for(d.corporate.user).get(url).status_code == 403
    client = client_for(d.hoqa.user)
    empty = client.post(url, {"comments": ""})
    assert "Enter why you are withdrawing the sign-off" in empty.content.decode()
    assert client.post(url, {"comments": "Replaced."}).status_code == 302
    sign_off.refresh_from_db()
    assert sign_off.status == S.WITHDRAWN


def test_my_work_lists_what_waits_for_your_sign_off(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    home = reverse("cases:home", args=[d.partnership.slug])
    text = client_for(d.corporate.user).get(home).content.decode()
    assert "Waiting for your sign-off" in text and _page(d, sign_off) in text
    assert "Waiting for your sign-off" not in client_for(d.hoqa.user).get(home).content.decode()


def test_the_panel_include_renders_for_a_document_page(dorset, rf):
    from django.template.loader import render_to_string

    from cases.views.signoff import panel_context

    d = dorset
    sign_off = _start(d)
    html = render_to_string(
        "includes/signoff_panel.html", {"panel": panel_context(d.corporate, sign_off)}
    )
    assert "Notification sign-off" in html and "It is waiting for you." in html
    assert _page(d, sign_off) in html


# --- The API --------------------------------------------------------------------------------------


def _api(d, sign_off=None, action=None):
    slug = d.partnership.slug
    if sign_off is None:
        return reverse("cases_api:signoff-list", args=[slug])
    if action is None:
        return reverse("cases_api:signoff-detail", args=[slug, sign_off.pk])
    return reverse(f"cases_api:signoff-{action}", args=[slug, sign_off.pk])


def test_every_step_through_the_api(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    listed = client_for(d.corporate.user).get(_api(d) + f"?case={d.case.pk}&document_type=")
    assert listed.status_code == 200
    row = listed.json()["results"][0]
    assert row["id"] == sign_off.pk and row["awaiting_you"] is True
    assert row["current_step"]["key"] == "corporate_director"
    assert row["document"] == {"type": "cases.attachment", "id": d.document.pk}
    assert (
        client_for(d.corporate.user).get(_api(d) + "?document_type=lcspr_report").json()["results"]
        == []
    )
    assert client_for(d.corporate.user).get(_api(d) + "?case=abc").status_code == 400

    def post(who, action, **body):
        return client_for(who.user).post(_api(d, sign_off, action), body, **JSON)

    assert post(d.police_exec, "approve").status_code == 403
    assert post(d.corporate, "return").status_code == 400  # comments required
    back = post(d.corporate, "return", comments="Add the actions.")
    assert back.status_code == 200 and back.json()["status"] == "returned"
    assert post(d.corporate, "approve").status_code == 403  # it is with the drafter now
    assert post(d.hoqa, "approve").status_code == 409  # the drafter resubmits, not approves
    again = post(d.hoqa, "resubmit", comments="Done.")
    assert again.status_code == 200 and again.json()["version"] == 2
    assert post(d.hoqa, "resubmit").status_code == 409  # in progress: nothing to resubmit
    assert post(d.corporate, "resubmit").status_code == 403  # not the drafter
    for who in (d.corporate, d.director, d.executive, d.hoqa):
        answer = post(who, "approve")
        assert answer.status_code == 200, answer.content
    detail = client_for(d.bm.user).get(_api(d, sign_off))
    assert detail.status_code == 200
    body = detail.json()
    assert body["status"] == "signed_off" and body["current_step"] is None
    assert [a["decision"] for a in body["actions"]].count("approved") == 5
    assert post(d.hoqa, "approve").status_code == 409
    assert post(d.bm, "withdraw", comments="Too late.").status_code == 409


def test_withdrawing_through_the_api(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    url = _api(d, sign_off, "withdraw")
    assert client_for(d.director.user).post(url, {"comments": "x"}, **JSON).status_code == 403
    assert client_for(d.bm.user).post(url, {}, **JSON).status_code == 400
    answer = client_for(d.bm.user).post(url, {"comments": "Not going ahead."}, **JSON)
    assert answer.status_code == 200 and answer.json()["status"] == "withdrawn"


def test_another_partnerships_sign_off_is_a_404(dorset, world, client_for):
    d = dorset
    sign_off = _start(d)
    alpha = world.alpha
    slug = alpha.partnership.slug
    client = client_for(alpha.all_roles.user)
    for url in (
        reverse("cases:signoff", args=[slug, sign_off.pk]),
        reverse("cases:signoff_withdraw", args=[slug, sign_off.pk]),
        reverse("cases_api:signoff-detail", args=[slug, sign_off.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for action in ("approve", "return", "resubmit", "withdraw"):
        url = reverse(f"cases_api:signoff-{action}", args=[slug, sign_off.pk])
        assert client.post(url, {"comments": "x"}, **JSON).status_code == 404
    assert client.get(reverse("cases_api:signoff-list", args=[slug])).json()["results"] == []


def test_a_restricted_case_hides_its_sign_offs(dorset, client_for):
    d = dorset
    sign_off = _start(d)
    case_services.case_set_restricted(
        actor=d.bm.user, membership=d.bm, case=d.case, is_restricted=True
    )
    # The Corporate Director is not on the access list: the sign-off is as if it did not exist.
    assert client_for(d.corporate.user).get(_page(d, sign_off)).status_code == 404
    assert signoffs_awaiting(d.corporate) == []


def test_a_stale_decision_never_signs_off_the_next_step(dorset, client_for):
    """The three directors' steps all name the local authority's executives: a page opened
    before the chain moved (or sent twice) must not sign off the step after."""
    d = dorset
    sign_off = _start(d)
    stale = SignOff.objects.get(pk=sign_off.pk)
    _approve(sign_off, d.corporate)
    with pytest.raises(InvalidTransition, match="moved on"):
        _approve(stale, d.corporate)  # still matches the new step, but decided on the old one
    url = _page(d, sign_off)
    form = {"intent": "decide", "decision": "sign_off", "version": "1", "position": "1"}
    answer = client_for(d.corporate.user).post(url, form)
    assert answer.status_code == 200 and "moved on" in answer.content.decode()
    api = _api(d, sign_off, "approve")
    moved = client_for(d.corporate.user).post(api, {"version": 1, "position": 1}, **JSON)
    assert moved.status_code == 409
    assert client_for(d.corporate.user).post(api, {"version": 1}, **JSON).status_code == 400
    sign_off.refresh_from_db()
    assert _step_key(sign_off) == "corporate_directors"
    ok = client_for(d.corporate.user).post(api, {"version": 1, "position": 2}, **JSON)
    assert ok.status_code == 200 and ok.json()["current_step"]["key"] == "executive_director"
