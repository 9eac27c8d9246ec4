"""The LCSPR report's drafts (issue 14; Dorset 002 7.13-7.19): versions kept, the legal read of
a named version, the anonymisation check of real DOCX and PDF files, the final sign-off through
the lcspr_report chain, publication needing the final version, and the decision not to publish."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, Deadline, DeadlineStatus, Role, Subject
from cases.services.notices import notice_record_sent
from cases.services.signoff import signoff_approve
from lcspr.anonymisation import find_hits
from lcspr.choices import LcsprSource, LcsprStatus
from lcspr.services import drafts as svc
from lcspr.services.not_published import not_published_decide
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set
from tests.factories import PartnershipFactory, make_member
from tests.lcspr.documents import docx_upload, pdf_upload

D = datetime.date
TARGET = D(2027, 3, 31)


def _child(s):
    return Subject.objects.create(
        partnership=s.partnership,
        case=s.case,
        role="child",
        first_name="Tess",
        last_name="Trelawney",
        aliases="Tessie",
        date_of_birth=D(2019, 5, 1),
        address="12 Acacia Avenue, Poole, BH14 9AB",
        nhs_number="943 476 5919",
    )


def _review(s):
    review = lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=LcsprSource.PARTNERSHIP_DECISION,
        day_zero=D(2026, 10, 1),
    )
    return lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=TARGET)


def _upload(s, review, paragraphs, **kw):
    return svc.draft_upload(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        uploaded=docx_upload(paragraphs, **kw),
        comments="After the panel.",
    )


CLEAN = ["Child T lived with her mother in the Poole area.", "Agencies did not share."]


def test_the_check_finds_each_detail_in_every_format():
    from types import SimpleNamespace

    child = SimpleNamespace(
        first_name="Tess",
        last_name="Trelawney",
        aliases="Tessie; T.T.",
        date_of_birth=D(2019, 5, 1),
        address="Flat 2, 12 Acacia Avenue\nPoole\nBH14 9AB",
        nhs_number="9434765919",
    )
    text = (
        "Tess Trelawney (known as Tessie) was born on 1st May 2019; other records say 01/05/2019,"
        " 2019-05-01 and May 1, 2019. The family moved from 12 Acacia Avenue (bh149ab). Her NHS"
        " number is 943 476 5919. Tess's teacher noticed. Trelawney Road is elsewhere."
    )
    findings = find_hits(text, [child])
    found = {(f.kind, f.found): f.occurrences for f in findings}
    assert found[("full_name", "Tess Trelawney")] == 1
    assert found[("alias", "Tessie")] == 1
    # One finding per detail, with each place it was found.
    assert found[("date_of_birth", "1st May 2019")] == 4
    dates = next(f for f in findings if f.kind == "date_of_birth")
    assert [c["found"] for c in dates.contexts] == [
        "1st May 2019",
        "01/05/2019",
        "2019-05-01",
        "May 1, 2019",
    ]
    assert found[("address", "12 Acacia Avenue")] == 1
    assert found[("postcode", "bh149ab")] == 1
    assert found[("nhs_number", "943 476 5919")] == 1
    # The first name alone once ("Tess's"), not again inside the full name.
    assert found[("first_name", "Tess")] == 1
    assert found[("last_name", "Trelawney")] == 1
    assert not find_hits("Nothing about anyone here. 2019 was a year.", [child])
    # A name that is also a word is found where it is written as a name.
    will = SimpleNamespace(
        first_name="Will",
        last_name="",
        aliases="",
        date_of_birth=None,
        address="",
        nhs_number="",
    )
    found = find_hits("We will see. Will's school and WILL's GP noticed.", [will])
    assert [(f.found, f.occurrences) for f in found] == [("Will", 2)]


def test_versions_legal_read_check_sign_off_then_publish(dorset, mid_december):
    s = dorset
    _child(s)
    review = _review(s)
    # A role that may not upload: 403; a file that is neither Word nor PDF: the reason.
    with pytest.raises(PermissionDenied):
        svc.draft_upload(
            actor=s.la_slo.user, membership=s.la_slo, review=review, uploaded=docx_upload(CLEAN)
        )
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as raised:
        svc.draft_upload(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            uploaded=SimpleUploadedFile("notes.txt", b"plain text"),
            comments="x" * 10001,
        )
    assert raised.value.message_dict == {
        "document": ["The selected file must be a Word (DOCX) or PDF file"],
        "comments": ["The comments must be 10,000 characters or fewer"],
    }
    v1 = _upload(s, review, ["Tess was seen at school on 3 March.", *CLEAN])
    v2 = _upload(s, review, CLEAN, header="OFFICIAL: Tess", footer="Page 1")
    assert (v1.number, v2.number) == (1, 2)
    assert v2.document.description == "LCSPR report, version 2"

    # The check of version 2 finds the child's first name in its header.
    check = svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=v2)
    hits = list(check.hits.all())
    assert [(h.kind, h.found) for h in hits] == [("first_name", "Tess")]
    assert "OFFICIAL:" in hits[0].contexts[0]["before"]
    missing = svc.final_missing(v2)
    assert missing == {
        "legal_read": "Record Legal Services' read of version 2 first",
        "anonymisation": "Accept each of the 1 anonymisation finding with a reason, or upload a"
        " new version",
    }

    # Version 3 is clean, read by Legal Services; the read meets the clock's legal read step.
    v3 = _upload(s, review, CLEAN)
    with pytest.raises(ValidationError) as raised:
        svc.legal_read_record(
            actor=s.bm.user,
            membership=s.bm,
            version=v3,
            adviser_name=" ",
            read_on=D(2026, 12, 16),
            outcome="",
        )
    assert raised.value.message_dict == {
        "adviser_name": ["Enter the name of the legal adviser"],
        "read_on": ["The date of the legal read must be today or in the past"],
        "outcome": ["Select the outcome of the legal read"],
    }
    with pytest.raises(ValidationError) as raised:
        svc.legal_read_record(
            actor=s.bm.user,
            membership=s.bm,
            version=v3,
            adviser_name="Sam Solicitor",
            read_on=D(2026, 12, 15),
            outcome="changes_needed",
        )
    assert raised.value.message_dict == {"comments": ["Enter the changes Legal Services asked for"]}
    la_staff = make_member(s.partnership, Role.AGENCY_STAFF, agency=s.la, email="sol@dorset.test")
    read = svc.legal_read_record(
        actor=la_staff.user,
        membership=la_staff,
        version=v3,
        adviser_name="Sam Solicitor",
        read_on=D(2026, 12, 15),
        outcome="approved",
        comments="Nothing incriminating.",
    )
    assert read.outcome == "approved"
    step = Deadline.objects.get(case=s.case, stage="publication", key="legal_read")
    assert (step.status, step.met_on) == (DeadlineStatus.MET, D(2026, 12, 15))
    assert svc.final_missing(v3) == {
        "anonymisation": "Run the anonymisation check on version 3 first"
    }
    svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=v3)
    assert svc.final_missing(v3) == {}

    # Publication is refused until a version is signed off (the copies already sent).
    from cases.services.notices import notice_create
    from lcspr.services.publish import lcspr_publish

    copies = notice_create(
        actor=s.bm.user, membership=s.bm, case=s.case, kind="prepublication_copies"
    )
    notice_record_sent(actor=s.bm.user, membership=s.bm, notice=copies, sent_on=D(2026, 12, 15))

    with pytest.raises(InvalidTransition, match="no final version"):
        lcspr_publish(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            published_on=D(2026, 12, 15),
            web_address="https://pdscp.example/r",
        )

    # The final approval through Dorset's lcspr_report chain: panel, legal, leadership.
    sign_off = svc.final_send_for_sign_off(actor=s.bm.user, membership=s.bm, version=v3)
    assert svc.version_status(v3) == "In sign-off"
    # The final amendments are agreed: the Final Review Meeting's step is met (7.16).
    final_meeting = Deadline.objects.get(
        case=s.case, stage="publication", key="final_review_meeting"
    )
    assert final_meeting.met_on == D(2026, 12, 15)
    with pytest.raises(ValidationError) as raised:
        svc.final_send_for_sign_off(actor=s.bm.user, membership=s.bm, version=v2)
    assert raised.value.message_dict == {
        "version": ["A version of the report is already in sign-off"]
    }
    panel = make_member(s.partnership, Role.REVIEW_GROUP_MEMBER, email="panel@dorset.test")
    for member in (panel, la_staff, s.exec):
        sign_off = signoff_approve(actor=member.user, membership=member, sign_off=sign_off)
    v3.refresh_from_db()
    assert v3.final_at is not None and svc.final_version(review) == v3
    assert svc.version_status(v3) == "Final report"
    review = lcspr_publish(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        published_on=D(2026, 12, 15),
        web_address="https://pdscp.example/r",
    )
    assert review.status == LcsprStatus.PUBLISHED
    actions = set(AuditEvent.objects.filter(case=s.case).values_list("action", flat=True))
    assert {
        "lcspr_draft.upload",
        "lcspr_draft.legal_read",
        "lcspr_draft.anonymisation_check",
        "lcspr_draft.send",
        "lcspr_draft.final",
    } <= actions


def test_a_pdf_with_the_childs_name_is_caught_and_findings_are_accepted(dorset, mid_december):
    s = dorset
    _child(s)
    review = _review(s)
    version = svc.draft_upload(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        uploaded=pdf_upload(["Tess Trelawney was born on 01/05/2019.", *CLEAN]),
    )
    assert version.document.content_type == "application/pdf"
    check = svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=version)
    kinds = sorted(h.kind for h in check.hits.all())
    assert kinds == ["date_of_birth", "full_name"]
    hit = check.hits.get(kind="full_name")
    with pytest.raises(ValidationError) as raised:
        svc.hit_accept(actor=s.bm.user, membership=s.bm, hit=hit, reason=" ")
    assert raised.value.message_dict == {"reason": ["Enter why this can stay in the report"]}
    svc.hit_accept(actor=s.bm.user, membership=s.bm, hit=hit, reason="Test: a professional")
    with pytest.raises(InvalidTransition):
        svc.hit_accept(actor=s.bm.user, membership=s.bm, hit=hit, reason="Again")
    assert "1 anonymisation finding" in svc.final_missing(version)["anonymisation"]


def test_not_published_completes_when_the_information_is_sent(dorset, mid_december):
    s = dorset
    review = _review(s)
    with pytest.raises(PermissionDenied):
        not_published_decide(
            actor=s.exec.user, membership=s.exec, review=review, decided_on=None, reasons=""
        )
    with pytest.raises(ValidationError) as raised:
        not_published_decide(
            actor=s.bm.user, membership=s.bm, review=review, decided_on=None, reasons=" "
        )
    assert raised.value.message_dict == {
        "decided_on": ["Enter the date of the decision"],
        "reasons": ["Enter why the report will not be published"],
    }
    decision = not_published_decide(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        decided_on=D(2026, 12, 14),
        reasons="Publishing would identify the surviving siblings.",
    )
    notice = decision.notice
    copies = Deadline.objects.get(case=s.case, stage="publication", key="copies_to_panel")
    assert notice.kind == "not_published_improvements" and notice.due_date == copies.due
    from lcspr.services.publish import lcspr_publish

    with pytest.raises(InvalidTransition, match="decided not to publish"):
        lcspr_publish(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            published_on=D(2026, 12, 15),
            web_address="https://pdscp.example/r",
        )
    notice_record_sent(actor=s.bm.user, membership=s.bm, notice=notice, sent_on=D(2026, 12, 15))
    review.refresh_from_db()
    decision.refresh_from_db()
    assert review.status == LcsprStatus.NOT_PUBLISHED
    assert decision.completed_on == D(2026, 12, 15)
    complete = Deadline.objects.get(case=s.case, stage="lcspr", key="lcspr_complete")
    assert (complete.status, complete.met_on) == (DeadlineStatus.MET, D(2026, 12, 15))
    assert not Deadline.objects.filter(
        case=s.case, stage="publication", status=DeadlineStatus.OPEN
    ).exists()
    assert AuditEvent.objects.filter(action="lcspr.complete_not_published").exists()


def _date(prefix, d):
    return {f"{prefix}_day": d.day, f"{prefix}_month": d.month, f"{prefix}_year": d.year}


def test_the_pages_upload_check_accept_and_legal_read(dorset, mid_december, client_for):
    s = dorset
    _child(s)
    review = _review(s)
    bm = client_for(s.bm.user)
    detail = bm.get(reverse("lcspr:detail", args=["dorset", review.pk])).content.decode()
    assert "Drafts of the report" in detail
    upload = reverse("lcspr:draft_upload", args=["dorset", review.pk])
    assert bm.get(upload).status_code == 200
    response = bm.post(upload, {"comments": "x" * 10001})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select the draft report" in page
    response = bm.post(
        upload, {"document": docx_upload(["Tess was seen on 3 March."]), "comments": "First"}
    )
    assert response.status_code == 302
    version = review.report_versions.get()
    url = reverse("lcspr:draft_detail", args=["dorset", review.pk, version.pk])
    assert response.url == url
    page = bm.get(url).content.decode()
    assert "Version 1 of the report" in page and "Run the anonymisation check" in page
    check_url = reverse("lcspr:draft_check", args=["dorset", review.pk, version.pk])
    assert bm.get(check_url).status_code == 200
    assert bm.post(check_url, {}).status_code == 302
    page = bm.get(url).content.decode()
    assert "<mark>Tess</mark>" in page and "1 finding" in page
    # The findings quote the child's details: the read is in the case's access log.
    from cases.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(
        case=s.case, object_repr="the anonymisation findings of version 1"
    ).exists()
    hit = version.checks.get().hits.get()
    accept = reverse("lcspr:draft_hit_accept", args=["dorset", review.pk, version.pk, hit.pk])
    response = bm.post(accept, {"reason": ""})
    assert response.status_code == 400
    assert "Enter why this can stay in the report" in response.content.decode()
    assert bm.post(accept, {"reason": "A teacher of the same name"}).status_code == 302
    legal = reverse("lcspr:draft_legal_read", args=["dorset", review.pk, version.pk])
    response = bm.post(legal, {"adviser_name": ""})
    page = response.content.decode()
    assert response.status_code == 400
    for error in (
        "Enter the name of the legal adviser",
        "Enter the date of the legal read",
        "Select the outcome of the legal read",
    ):
        assert error in page
    response = bm.post(
        legal,
        {
            "adviser_name": "Sam Solicitor",
            **_date("read_on", D(2026, 12, 15)),
            "outcome": "approved",
        },
    )
    assert response.status_code == 302
    page = bm.get(url).content.decode()
    assert "Sam Solicitor" in page and "Send for final approval" in page
    final = reverse("lcspr:draft_final", args=["dorset", review.pk, version.pk])
    assert bm.get(final).status_code == 200
    assert bm.post(final, {"comments": "For the panel"}).status_code == 302
    page = bm.get(url).content.decode()
    assert "In sign-off" in page and "Review Panel agrees the final draft" in page
    # Another partnership's member: 404; an agency member may read but not upload: 403.
    other = PartnershipFactory(slug="elsewhere")
    outsider = make_member(other, Role.BUSINESS_MANAGER, email="bm@elsewhere.test")
    assert client_for(outsider.user).get(url.replace("/dorset/", "/elsewhere/")).status_code == 404
    assert client_for(s.exec.user).get(upload).status_code == 403
    lists = reverse("lcspr:draft_list", args=["dorset", review.pk])
    assert "Version 1" in client_for(s.exec.user).get(lists).content.decode()


def test_not_published_page(dorset, mid_december, client_for):
    s = dorset
    review = _review(s)
    bm = client_for(s.bm.user)
    url = reverse("lcspr:not_published", args=["dorset", review.pk])
    response = bm.post(url, {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date of the decision" in page
    assert "Enter why the report will not be published" in page
    response = bm.post(url, {**_date("decided_on", D(2026, 12, 14)), "reasons": "Siblings."})
    assert response.status_code == 302
    page = bm.get(reverse("lcspr:draft_list", args=["dorset", review.pk])).content.decode()
    assert "not to publish the report" in page and "information about improvements" in page


def test_the_api(dorset, mid_december):
    from django.test import Client

    from tests.factories import api_token

    s = dorset
    _child(s)
    review = _review(s)

    def client(member):
        return Client(HTTP_AUTHORIZATION=f"Token {api_token(member.user)}")

    bm = client(s.bm)
    base = reverse("lcspr_api:draft-list", args=["dorset", review.pk])
    refused = bm.post(base, {"comments": "No file"})
    assert refused.status_code == 400 and refused.json() == {
        "document": ["Select the draft report"]
    }
    assert client(s.exec).post(base, {"document": docx_upload(CLEAN)}).status_code == 403
    created = bm.post(base, {"document": docx_upload(["Tess at school.", *CLEAN])})
    assert created.status_code == 201
    version = created.json()
    assert (version["number"], version["status"]) == (1, "Draft")
    assert version["missing"] == [
        "Record Legal Services' read of version 1 first",
        "Run the anonymisation check on version 1 first",
    ]
    listed = bm.get(base).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [v["number"] for v in rows] == [1]

    def post(name, data, *extra):
        url = reverse(f"lcspr_api:{name}", args=["dorset", review.pk, version["id"], *extra])
        return bm.post(url, data, content_type="application/json")

    checked = post("draft-check", {})
    assert checked.status_code == 200
    hits = checked.json()["latest_check"]["hits"]
    assert [(h["kind"], h["found"]) for h in hits] == [("first_name", "Tess")]
    bad = post("draft-hit-accept", {"reason": ""}, hits[0]["id"])
    assert bad.status_code == 400 and "reason" in bad.json()
    assert post("draft-hit-accept", {"reason": "A teacher"}, hits[0]["id"]).status_code == 200
    bad = post("draft-legal-read", {"adviser_name": "", "read_on": None, "outcome": "approved"})
    assert bad.status_code == 400 and set(bad.json()) == {"adviser_name", "read_on"}
    read = post(
        "draft-legal-read",
        {"adviser_name": "Sam Solicitor", "read_on": "2026-12-15", "outcome": "approved"},
    )
    assert read.status_code == 200 and read.json()["missing"] == []
    sent = post("draft-final", {"comments": "The final draft"})
    assert sent.status_code == 200 and sent.json()["status"] == "In sign-off"
    assert post("draft-final", {}).status_code == 400
    # Another partnership's LCSPR is a 404.
    other = PartnershipFactory(slug="elsewhere")
    outsider = make_member(other, Role.BUSINESS_MANAGER, email="bm@elsewhere.test")
    assert client(outsider).get(base.replace("/dorset/", "/elsewhere/")).status_code == 404
    decided = bm.post(
        reverse("lcspr_api:lcspr-not-published", args=["dorset", review.pk]),
        {"decided_on": "2026-12-14", "reasons": "Siblings would be identified."},
        content_type="application/json",
    )
    assert decided.status_code == 201 and decided.json()["notice_due"]


def test_the_lead_reviewer_uploads_once_on_the_case_and_withdrawal_cancels_the_notice(
    dorset, mid_december
):
    from cases.services.cases import case_access_grant
    from lcspr.services.withdraw import lcspr_withdraw

    s = dorset
    review = _review(s)
    reviewer = make_member(s.partnership, Role.LEAD_REVIEWER, email="lr@dorset.test")
    with pytest.raises(PermissionDenied):
        svc.draft_upload(
            actor=reviewer.user, membership=reviewer, review=review, uploaded=docx_upload(CLEAN)
        )
    case_access_grant(actor=s.bm.user, membership=s.bm, case=s.case, member=reviewer)
    version = svc.draft_upload(
        actor=reviewer.user, membership=reviewer, review=review, uploaded=docx_upload(CLEAN)
    )
    assert version.uploaded_by == reviewer.user
    # The lead reviewer may not send it for final approval, nor record the legal read.
    with pytest.raises(PermissionDenied):
        svc.final_send_for_sign_off(actor=reviewer.user, membership=reviewer, version=version)
    with pytest.raises(PermissionDenied):
        svc.legal_read_record(
            actor=reviewer.user,
            membership=reviewer,
            version=version,
            adviser_name="X",
            read_on=D(2026, 12, 15),
            outcome="approved",
        )
    decision = not_published_decide(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        decided_on=D(2026, 12, 14),
        reasons="Siblings.",
    )
    lcspr_withdraw(actor=s.bm.user, membership=s.bm, review=review, reason="Demo: merged.")
    decision.notice.refresh_from_db()
    assert decision.notice.status == "cancelled"


def test_a_pdf_without_text_cannot_become_final(dorset, mid_december):
    """A scan (no text) is not a clean document: the check says it found no text."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from weasyprint import HTML

    s = dorset
    _child(s)
    review = _review(s)
    scan = HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf()
    version = svc.draft_upload(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        uploaded=SimpleUploadedFile("scan.pdf", scan, content_type="application/pdf"),
    )
    check = svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=version)
    assert check.characters == 0 and not check.hits.exists()
    assert svc.final_missing(version)["anonymisation"] == (
        "The anonymisation check found no text in version 1: upload a version with text"
    )


def test_the_drafts_page_and_api_read_as_much_for_three_versions_as_for_one(
    dorset, mid_december, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = dorset
    _child(s)
    review = _review(s)
    bm = client_for(s.bm.user)
    page = reverse("lcspr:draft_list", args=["dorset", review.pk])
    api = f"/api/p/dorset/lcsprs/{review.pk}/drafts/"

    def counts():
        found = []
        for url in (page, api):
            with CaptureQueriesContext(connection) as queries:
                assert bm.get(url).status_code == 200
            found.append(len(queries))
        return found

    version = _upload(s, review, CLEAN)
    svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=version)
    counts()  # the first request also reads what is cached afterwards
    one = counts()
    for _ in range(2):
        version = _upload(s, review, CLEAN)
        svc.anonymisation_run(actor=s.bm.user, membership=s.bm, version=version)
    svc.legal_read_record(
        actor=s.bm.user,
        membership=s.bm,
        version=version,
        adviser_name="Legal Services",
        read_on=D(2026, 12, 15),
        outcome="approved",
    )
    svc.final_send_for_sign_off(actor=s.bm.user, membership=s.bm, version=version)
    assert counts() == one
