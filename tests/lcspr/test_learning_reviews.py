"""Learning reviews (issue 14) on BCP's menu (003 Appendix A)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, CaseStage, Deadline, DeadlineStatus
from cases.services import cases as case_services
from lcspr.choices import LearningReviewStatus
from lcspr.services.learning import learning_review_complete, learning_review_start
from tests.factories import api_token

D = datetime.date


def _start(s, **kwargs):
    values = {
        "option": "practitioner_learning_brief",
        "day_zero": D(2026, 12, 1),
        "lines_of_enquiry": "How did the agencies share what they knew about the home?",
        **kwargs,
    }
    return learning_review_start(actor=s.bm.user, membership=s.bm, case=s.case, **values)


def test_the_options_timescale_lead_and_governance(bcp, mid_december):
    s = bcp
    review = _start(s)
    # A practitioner learning brief: one month (Fri 1 Jan 2027 is New Year's Day, so the
    # working day before), led by the PDSCP (BCP) Co-ordinator.
    assert (review.option_label, review.due) == ("Practitioner learning brief", D(2026, 12, 31))
    assert (review.lead, review.governance) == ("PDSCP (BCP) Co-ordinator", "PDSCP")
    step = Deadline.objects.get(case=s.case, stage="learning_review")
    assert (step.key, step.due) == (f"learning_review_{review.pk}", review.due)
    s.case.refresh_from_db()
    assert s.case.stage == CaseStage.LEARNING_REVIEW
    with pytest.raises(InvalidTransition):
        _start(s)
    with pytest.raises(ValidationError) as raised:
        learning_review_complete(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            completed_on=D(2026, 11, 30),
            summary_of_learning=" ",
        )
    assert raised.value.message_dict == {
        "completed_on": ["The date it was completed must be after it started"],
        "summary_of_learning": ["Enter the summary of learning"],
    }
    review = learning_review_complete(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        completed_on=D(2026, 12, 14),
        summary_of_learning="Seven points for practitioners.",
    )
    assert review.status == LearningReviewStatus.COMPLETED
    step.refresh_from_db()
    assert (step.status, step.met_on) == (DeadlineStatus.MET, D(2026, 12, 14))
    assert AuditEvent.objects.filter(action="learning_review.complete").exists()


def test_an_option_without_a_timescale_and_every_error_at_once(bcp, mid_december):
    s = bcp
    with pytest.raises(ValidationError) as raised:
        _start(s, option="nope", day_zero=None, lines_of_enquiry="")
    assert set(raised.value.message_dict) == {"option", "day_zero", "lines_of_enquiry"}
    review = _start(s, option="single_agency_review", lead="Head of Safeguarding, BCP Council")
    assert review.due is None and review.lead == "Head of Safeguarding, BCP Council"
    assert not Deadline.objects.filter(case=s.case, stage="learning_review").exists()
    with pytest.raises(PermissionDenied):
        learning_review_start(
            actor=s.la_slo.user,
            membership=s.la_slo,
            case=s.case,
            option="joint_supervision",
            day_zero=D(2026, 12, 1),
            lines_of_enquiry="x",
        )


def test_pages_and_api(bcp, mid_december, client_for):
    s = bcp
    bm = client_for(s.bm.user)
    case_page = bm.get(reverse("cases:case_detail", args=["bcp", s.case.pk])).content.decode()
    start = reverse("lcspr:learning_start", args=["bcp", s.case.pk])
    assert start in case_page
    page = bm.get(start).content.decode()
    assert "Joint supervision (4 – 6 weeks)" in page
    response = bm.post(start, {"option": "joint_supervision"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the date of the decision to undertake the learning review" in html
    assert "Enter the terms of reference or lines of enquiry" in html
    response = bm.post(
        start,
        {
            "option": "joint_supervision",
            "day_zero_day": 1,
            "day_zero_month": 12,
            "day_zero_year": 2026,
            "lines_of_enquiry": "Supervision of the social worker and the health visitor.",
        },
    )
    assert response.status_code == 302
    detail = bm.get(response.url).content.decode()
    assert "Independent supervisor identified in line with Joint Supervision agreement" in detail
    assert client_for(s.la_slo.user).get(response.url).status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    listed = api.get(reverse("lcspr_api:learning-review-list", args=["bcp"])).json()["results"]
    review_id = listed[0]["id"]
    assert listed[0]["due"] == "2027-01-12"  # 6 weeks from Tue 1 Dec
    complete = reverse("lcspr_api:learning-review-complete", args=["bcp", review_id])
    bad = api.post(complete, {"completed_on": None, "summary_of_learning": ""}, "application/json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"completed_on", "summary_of_learning"}
    done = api.post(
        complete,
        {"completed_on": "2026-12-15", "summary_of_learning": "Better joint supervision."},
        "application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "completed"


# --- Terms of reference in versions (lcspr.services.learning_terms) ---------------------------


def test_terms_versions_approved_by_the_governance_body(bcp, mid_december):
    from lcspr.choices import LearningTermsStatus
    from lcspr.services import learning_terms as t

    s = bcp
    review = _start(s, option="multi_agency_learning_event")
    v1 = t.current_terms(review)
    assert (v1.version, v1.status, v1.text) == (
        1,
        LearningTermsStatus.DRAFT,
        review.lines_of_enquiry,
    )
    assert t.terms_in_force(review) is None
    with pytest.raises(InvalidTransition):
        t.learning_terms_revise(actor=s.bm.user, membership=s.bm, review=review)
    with pytest.raises(ValidationError) as raised:
        t.learning_terms_approve(
            actor=s.bm.user, membership=s.bm, terms=v1, approved_by=" ", approved_on=D(2026, 11, 30)
        )
    assert raised.value.message_dict == {
        "approved_by": ["Enter who approved the terms of reference"],
        "approved_on": [
            "The date they were approved must be on or after the decision to undertake the"
            " learning review (1 December 2026)"
        ],
    }
    with pytest.raises(PermissionDenied):
        t.learning_terms_approve(
            actor=s.la_slo.user,
            membership=s.la_slo,
            terms=v1,
            approved_by="CSPRG",
            approved_on=D(2026, 12, 3),
        )
    v1 = t.learning_terms_update(
        actor=s.bm.user, membership=s.bm, terms=v1, text="1. How was the home visited?"
    )
    v1 = t.learning_terms_approve(
        actor=s.bm.user,
        membership=s.bm,
        terms=v1,
        approved_by="CSPRG & BCP PDSCP",
        approved_on=D(2026, 12, 3),
    )
    assert (v1.status, v1.approved_by, v1.approved_on) == (
        LearningTermsStatus.APPROVED,
        "CSPRG & BCP PDSCP",
        D(2026, 12, 3),
    )
    with pytest.raises(InvalidTransition):
        t.learning_terms_update(actor=s.bm.user, membership=s.bm, terms=v1, text="changed")
    v2 = t.learning_terms_revise(
        actor=s.bm.user, membership=s.bm, review=review, text="1. Home visits.\n2. School."
    )
    assert (v2.version, v2.status) == (2, LearningTermsStatus.DRAFT)
    with pytest.raises(ValidationError) as raised:
        t.learning_terms_approve(
            actor=s.bm.user,
            membership=s.bm,
            terms=v2,
            approved_by="CSPRG",
            approved_on=D(2026, 12, 2),
        )
    assert set(raised.value.message_dict) == {"change_summary", "approved_on"}
    v2 = t.learning_terms_update(
        actor=s.bm.user, membership=s.bm, terms=v2, text=v2.text, change_summary="Adds the school."
    )
    t.learning_terms_approve(
        actor=s.bm.user, membership=s.bm, terms=v2, approved_by="CSPRG", approved_on=D(2026, 12, 10)
    )
    review.refresh_from_db()
    assert review.lines_of_enquiry == "1. Home visits.\n2. School."
    assert t.terms_in_force(review).version == 2
    v1.refresh_from_db()
    assert v1.text == "1. How was the home visited?"  # kept as it was approved
    actions = list(
        AuditEvent.objects.filter(action__startswith="learning_terms.").values_list(
            "action", flat=True
        )
    )
    assert actions.count("learning_terms.approve") == 2 and "learning_terms.revise" in actions


def test_family_engagement_of_a_learning_review(bcp, mid_december):
    from django.db import IntegrityError, transaction

    from lcspr.models import FamilyContact, FamilyMember
    from lcspr.services import family as f

    s = bcp
    review = _start(s, option="multi_agency_learning_event")
    f.family_coordinator_set(actor=s.bm.user, membership=s.bm, review=review, coordinator=s.bm.user)
    mother = f.family_member_add(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        name="Jo Bloggs",
        relationship="Mother",
        preferred_method="telephone",
    )
    assert (mother.learning_review, mother.review, mother.owner) == (review, None, review)
    contact = f.family_contact_add(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        member=mother,
        method="telephone",
        contacted_on=D(2026, 12, 7),
        made_by="The business manager",
        outcome="Told of the learning event; will meet the facilitator.",
        notes_shared=True,
        notes_shared_on=D(2026, 12, 9),
    )
    assert contact.learning_review == review and f.engagement_of(review).coordinator == s.bm.user
    values = f.letter_values(mother)
    assert values["review_type"] == "multi-agency learning event"
    assert "lead_reviewer_name" not in values
    assert AuditEvent.objects.filter(action="learning_family.contact").exists()
    assert not AuditEvent.objects.filter(action="family.contact").exists()
    # Exactly one owner, in the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyMember.objects.create(partnership=s.partnership, name="X", relationship="Aunt")
    assert FamilyContact.objects.filter(review__isnull=True).count() == 1


def test_terms_and_family_pages_and_api(bcp, mid_december, client_for):
    from lcspr.models import FamilyMember

    s = bcp
    review = _start(s, option="multi_agency_learning_event")
    bm = client_for(s.bm.user)
    slug, pk = "bcp", review.pk
    detail = bm.get(reverse("lcspr:learning_detail", args=[slug, pk])).content.decode()
    assert "Not approved by the governance body yet" in detail
    approve = reverse("lcspr:learning_terms_approve", args=[slug, pk, 1])
    page = bm.get(approve).content.decode()
    assert "CSPRG &amp; BCP PDSCP" in page  # the governance body, prefilled
    bad = bm.post(approve, {"approved_by": ""})
    assert bad.status_code == 400
    assert "Enter who approved the terms of reference" in bad.content.decode()
    assert "Enter the date the terms of reference were approved" in bad.content.decode()
    ok = bm.post(
        approve,
        {
            "approved_by": "CSPRG & BCP PDSCP",
            "approved_on_day": 4,
            "approved_on_month": 12,
            "approved_on_year": 2026,
        },
    )
    assert ok.status_code == 302
    assert client_for(s.la_slo.user).post(approve, {}).status_code == 403
    new = reverse("lcspr:learning_terms_revise", args=[slug, pk])
    assert bm.post(new, {"text": "Lines 2", "change_summary": "More"}).status_code == 302
    listed = bm.get(reverse("lcspr:learning_terms_list", args=[slug, pk])).content.decode()
    assert "Version 2" in listed and "Version 1" in listed and "More" in listed
    v1 = bm.get(reverse("lcspr:learning_terms_detail", args=[slug, pk, 1])).content.decode()
    assert "Approved by" in v1 and "4 December 2026" in v1
    assert bm.get(reverse("lcspr:learning_terms_detail", args=[slug, pk, 9])).status_code == 404
    # Family pages: the LCSPR's, for the learning review; agency members get 403.
    family = reverse("lcspr:learning_family", args=[slug, pk])
    assert client_for(s.la_slo.user).get(family).status_code == 403
    add = reverse("lcspr:learning_family_member_add", args=[slug, pk])
    assert bm.post(add, {"name": "", "relationship": ""}).status_code == 400
    assert (
        bm.post(
            add, {"name": "Sam", "relationship": "Father", "to_be_contacted": "yes"}
        ).status_code
        == 302
    )
    page = bm.get(family).content.decode()
    assert "Sam" in page and "Embargoed copy" not in page and "Parallel processes" not in page
    member = FamilyMember.objects.get(learning_review=review)
    letter = reverse("lcspr:learning_family_letter", args=[slug, pk, member.pk])
    assert letter in page
    # API
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    terms = api.get(reverse("lcspr_api:learning-terms-list", args=[slug, pk])).json()
    assert [v["version"] for v in terms["results"]] == [2, 1]
    v2 = reverse("lcspr_api:learning-terms-approve", args=[slug, pk, 2])
    bad = api.post(v2, {"approved_by": "", "approved_on": None}, "application/json")
    assert bad.status_code == 400 and set(bad.json()) == {"approved_by", "approved_on"}
    done = api.post(v2, {"approved_by": "CSPRG", "approved_on": "2026-12-14"}, "application/json")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    again = api.post(v2, {"approved_by": "CSPRG", "approved_on": "2026-12-14"}, "application/json")
    assert again.status_code == 409
    contacts = reverse("lcspr_api:learning-family-contact-list", args=[slug, pk])
    made = api.post(
        contacts,
        {
            "member": member.pk,
            "method": "letter",
            "contacted_on": "2026-12-10",
            "made_by": "Business manager",
            "outcome": "Letter and leaflet sent.",
        },
        "application/json",
    )
    assert made.status_code == 201 and made.json()["learning_review"] == pk
    summary = api.get(reverse("lcspr_api:learning-family", args=[slug, pk])).json()
    assert [m["name"] for m in summary["members"]] == ["Sam"] and len(summary["contacts"]) == 1
    # Another review's number is a 404 for the family pages of a learning review.
    assert api.get(reverse("lcspr_api:learning-family", args=[slug, pk + 999])).status_code == 404


def test_the_pdf_of_a_version_of_the_terms(bcp, mid_december):
    import io

    from pypdf import PdfReader

    from lcspr.services import learning_terms as t
    from lcspr.terms_pdf import LEARNING_TERMS_PDF, learning_terms_for_print

    s = bcp
    review = _start(s, option="multi_agency_learning_event")
    terms = t.learning_terms_approve(
        actor=s.bm.user,
        membership=s.bm,
        terms=t.current_terms(review),
        approved_by="CSPRG & BCP PDSCP",
        approved_on=D(2026, 12, 3),
    )
    reader = PdfReader(io.BytesIO(LEARNING_TERMS_PDF.render(learning_terms_for_print(terms.pk))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "OFFICIAL-SENSITIVE" in text and "Multi-agency learning event" in text
    assert "How did the agencies share what they knew about the home?" in text
    assert "CSPRG & BCP PDSCP, 3 December 2026" in text


def test_the_family_letter_and_leaflet_of_a_learning_review(bcp, mid_december):
    """BCP 003 s11's wording, not the LCSPR's (no independent lead reviewer, no published
    report): the learning review's own templates, filled with its type and lead."""
    import io

    from pypdf import PdfReader

    from lcspr.family_pdf import FAMILY_LEAFLET_PDF, FAMILY_LETTER_PDF, member_for_print
    from lcspr.services import family as f

    s = bcp
    review = _start(s, option="multi_agency_learning_event", lead="Dr Fay Facilitator")
    f.family_coordinator_set(actor=s.bm.user, membership=s.bm, review=review, coordinator=s.bm.user)
    member = f.family_member_add(
        actor=s.bm.user, membership=s.bm, review=review, name="Jo Bloggs", relationship="Mother"
    )

    def text(kind):
        reader = PdfReader(io.BytesIO(kind.render(member_for_print(member.pk))))
        return " ".join(" ".join(p.extract_text() for p in reader.pages).split())

    letter = text(FAMILY_LETTER_PDF)
    assert "Dear Jo Bloggs" in letter and "multi-agency learning event" in letter
    assert "Dr Fay Facilitator" in letter and "shared with you" in letter
    assert "Independent Lead Reviewer" not in letter
    leaflet = text(FAMILY_LEAFLET_PDF)
    assert "Learning reviews: information for parents and carers" in leaflet
    assert "police disclosure officer" in leaflet


def test_the_migration_gives_reviews_already_completed_approved_terms(bcp, mid_december):
    """lcspr/0011: a review completed before versions existed can no longer have its terms
    approved, so its version 1 is recorded approved by its governance body on the day of the
    decision; a review in progress gets a draft to approve."""
    import importlib

    from django.apps import apps

    from lcspr.models import LearningTerms

    fill = importlib.import_module("lcspr.migrations.0011_learning_terms_and_family")
    s = bcp
    done = _start(s)
    learning_review_complete(
        actor=s.bm.user,
        membership=s.bm,
        review=done,
        completed_on=D(2026, 12, 14),
        summary_of_learning="Agencies shared too little.",
    )
    other = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child Q",
        incident_date=D(2026, 11, 1),
        awareness_date=D(2026, 11, 2),
        agencies=[],
        stage=CaseStage.RAPID_REVIEW,
    )
    live = learning_review_start(
        actor=s.bm.user,
        membership=s.bm,
        case=other,
        option="joint_supervision",
        day_zero=D(2026, 12, 2),
        lines_of_enquiry="How was the father's voice heard?",
    )
    LearningTerms.objects.all().delete()  # as before the migration
    fill.first_versions(apps, None)
    old = LearningTerms.objects.get(review=done)
    assert (old.version, old.status, old.approved_by, old.approved_on) == (
        1,
        "approved",
        done.governance,
        D(2026, 12, 1),
    )
    new = LearningTerms.objects.get(review=live)
    assert (new.status, new.approved_on, new.text) == ("draft", None, live.lines_of_enquiry)
