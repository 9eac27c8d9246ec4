"""The serious incident notification's services on Dorset's preset (seed 002 sections 1-3, 5.9):
who may, the sign-off chain with a return, the submission meeting the clock, the Panel's
acknowledgement starting the rapid review, a child in care's death, an agency's request."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.models import (
    Attachment,
    CaseStage,
    Deadline,
    DeadlineStatus,
    Notice,
    NoticeKind,
    OutboundEmail,
    SignOffStatus,
)
from cases.services import signoff as signoff_services
from notifications.choices import NotificationStatus as S
from notifications.services import drafts, requests, submission
from tests.notifications.conftest import (
    AWARE,
    complete,
    copy_file,
    start,
    submitted,
    through_the_chain,
)

pytestmark = pytest.mark.django_db


def test_police_cannot_draft(dorset):
    with pytest.raises(PermissionDenied):
        start(dorset, dorset.police_slo)


def test_the_local_authority_drafts_prefilled_from_the_case(dorset):
    n = start(dorset)
    assert n.status == S.DRAFT
    assert n.awareness_date == AWARE
    assert [str(c) for c in n.children.all()] == ["Dora Zebedee"]
    dorset.case.refresh_from_db()
    assert dorset.case.stage == CaseStage.NOTIFICATION
    step = Deadline.objects.get(case=dorset.case, stage="notification", key="notify_panel")
    assert step.day_zero == AWARE
    assert step.due == calendar_for(dorset.partnership).add_working_days(AWARE, 5)
    with pytest.raises(InvalidTransition):
        start(dorset)  # one live notification per case


def test_a_business_manager_may_draft_too(dorset):
    assert start(dorset, dorset.bm).status == S.DRAFT


def test_the_local_authority_notifies_without_a_referral(dorset):
    n = drafts.notification_start(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        title="Child N",
        awareness_date=AWARE,
    )
    assert n.case.stage == CaseStage.NOTIFICATION
    assert n.case.reference.startswith("DOR-")
    with pytest.raises(ValidationError) as error:
        drafts.notification_start(actor=dorset.hoqa.user, membership=dorset.hoqa)
    assert error.value.message_dict["awareness_date"] == [
        "Enter the date the local authority became aware"
    ]


def test_a_child_added_to_the_case_reaches_a_notification_started_without_a_referral(dorset):
    from cases.models import SubjectRole
    from cases.services.subjects import subject_add

    n = drafts.notification_start(
        actor=dorset.hoqa.user, membership=dorset.hoqa, title="Child N", awareness_date=AWARE
    )
    assert not n.children.exists()
    subject_add(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=n.case,
        role=SubjectRole.CHILD,
        first_name="Nina",
        last_name="Newcase",
    )
    complete(dorset, n)
    assert [c.first_name for c in n.children.all()] == ["Nina"]


def test_sending_an_incomplete_draft_lists_every_error(dorset):
    n = start(dorset)
    with pytest.raises(ValidationError) as error:
        drafts.notification_send_for_sign_off(
            actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
        )
    errors = error.value.message_dict
    assert errors["location"] == ["Select where the incident happened"]
    assert errors["criteria"] == ["Enter how the incident meets the criteria of section 16C(1)"]


def test_sign_off_with_a_return_then_ready_to_submit(dorset):
    n = complete(dorset, start(dorset))
    sign_off = drafts.notification_send_for_sign_off(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    n.refresh_from_db()
    assert n.status == S.IN_SIGN_OFF
    with pytest.raises(InvalidTransition):
        complete(dorset, n, outline="Changed while in sign-off")
    signoff_services.signoff_return(
        actor=dorset.corporate.user,
        membership=dorset.corporate,
        sign_off=sign_off,
        comments="Say more about the learning",
    )
    drafts.notification_sync(actor=None, notification=n)
    n.refresh_from_db()
    assert n.status == S.DRAFT
    complete(dorset, n, learning="More learning.")
    n = through_the_chain(dorset, n)
    assert n.status == S.READY


def test_submission_meets_the_deadline_and_tells_partners(dorset):
    n = through_the_chain(dorset, complete(dorset, start(dorset)))
    submitted_at = timezone.now()
    submission.notification_submit(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        submitted_at=submitted_at,
        national_reference="CSPRP-123",
        copy=copy_file(),
    )
    n.refresh_from_db()
    assert n.status == S.SUBMITTED
    step = Deadline.objects.get(case=dorset.case, stage="notification", key="notify_panel")
    assert step.status == DeadlineStatus.MET
    assert step.met_on == timezone.localdate()
    dorset.case.refresh_from_db()
    assert dorset.case.stage == CaseStage.RAPID_REVIEW
    copy = Attachment.objects.get(pk=n.submitted_copy_id)
    assert f"notified {timezone.localdate():%Y-%m-%d}" in copy.original_name
    emails = OutboundEmail.objects.filter(key__startswith=f"notification:{n.pk}:submitted")
    assert emails.exists()
    assert all("Zebedee" not in e.body_text and "Dora" not in e.body_text for e in emails)


def test_only_a_signed_off_notification_issubmitted(dorset):
    n = complete(dorset, start(dorset))
    with pytest.raises(InvalidTransition):
        submission.notification_submit(
            actor=dorset.hoqa.user,
            membership=dorset.hoqa,
            notification=n,
            submitted_at=timezone.now(),
        )


def test_acknowledgement_starts_the_rapid_review_from_the_notification(dorset):
    # Dorset 002 5.1: "the date of the Serious Incident Notification is day zero".
    when = timezone.now() - datetime.timedelta(days=2)
    n = submitted(dorset, when)
    submission.notification_acknowledge(
        actor=dorset.bm.user,
        membership=dorset.bm,
        notification=n,
        acknowledged_on=timezone.localdate(),
    )
    days_zero = set(
        Deadline.objects.filter(case=dorset.case, stage="rapid_review").values_list(
            "day_zero", flat=True
        )
    )
    assert days_zero == {timezone.localtime(when).date()}
    with pytest.raises(InvalidTransition):
        submission.notification_acknowledge(
            actor=dorset.bm.user,
            membership=dorset.bm,
            notification=n,
            acknowledged_on=timezone.localdate(),
        )


def test_acknowledgement_counts_from_awareness_where_the_partnership_says_so(dorset):
    workflow = dorset.partnership.workflow
    workflow["stages"]["rapid_review"]["day_zero"]["event"] = "awareness"
    dorset.partnership.save(update_fields=["workflow"])
    n = submitted(dorset)
    submission.notification_acknowledge(
        actor=dorset.bm.user,
        membership=dorset.bm,
        notification=n,
        acknowledged_on=timezone.localdate(),
    )
    assert Deadline.objects.filter(case=dorset.case, stage="rapid_review").first().day_zero == AWARE


def test_dorset_demo_date_a_friday_before_christmas(dorset, monkeypatch):
    """Drafted Friday 18 December 2026, aware that day: day 5 falls after Christmas."""
    friday = datetime.date(2026, 12, 18)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: friday)
    n = drafts.notification_start(
        actor=dorset.hoqa.user, membership=dorset.hoqa, title="Child F", awareness_date=friday
    )
    step = Deadline.objects.get(case=n.case, stage="notification", key="notify_panel")
    expected = calendar_for(dorset.partnership).add_working_days(friday, 5)
    assert step.due == expected
    assert step.due > datetime.date(2026, 12, 28)  # Christmas and Boxing Day's holiday


def test_a_child_in_care_death_offers_the_separate_notice(dorset):
    n = complete(dorset, start(dorset), care_status="child_in_care", harm="died")
    assert n.is_child_in_care_death
    notice = drafts.notification_child_in_care_notice(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    assert notice.kind == NoticeKind.CHILD_IN_CARE_DEATH
    assert notice.due_date == calendar_for(dorset.partnership).add_working_days(AWARE, 5)
    with pytest.raises(InvalidTransition):
        drafts.notification_child_in_care_notice(
            actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
        )
    assert Notice.objects.filter(case=dorset.case).count() == 1


def test_withdraw_needs_a_reason(dorset):
    n = start(dorset)
    with pytest.raises(ValidationError):
        drafts.notification_withdraw(
            actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, reason=" "
        )
    drafts.notification_withdraw(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, reason="Criteria not met"
    )
    n.refresh_from_db()
    assert n.status == S.WITHDRAWN
    assert start(dorset).status == S.DRAFT  # a new one may start


def test_an_agency_raises_it_with_the_local_authority_and_escalates(dorset):
    request = requests.notification_request_raise(
        actor=dorset.police_slo.user,
        membership=dorset.police_slo,
        case=dorset.case,
        reason="Neglect suspected; serious harm.",
    )
    assert OutboundEmail.objects.filter(
        key__startswith=f"notification-request:{request.pk}:raised", to="hana.head@dorset.test"
    ).exists()
    with pytest.raises(PermissionDenied):
        requests.notification_request_answer(
            actor=dorset.police_slo.user,
            membership=dorset.police_slo,
            request=request,
            answer="disagreed",
            reason="x",
        )
    with pytest.raises(ValidationError):
        requests.notification_request_answer(
            actor=dorset.hoqa.user, membership=dorset.hoqa, request=request, answer="disagreed"
        )
    requests.notification_request_answer(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        request=request,
        answer="disagreed",
        reason="Harm not serious.",
    )
    requests.notification_request_escalate(
        actor=dorset.police_slo.user,
        membership=dorset.police_slo,
        request=request,
        escalated_to="PDSCP Executive",
    )
    request.refresh_from_db()
    assert request.escalated_to == "PDSCP Executive"


def test_withdrawing_withdraws_the_running_sign_off(dorset):
    """A notification in sign-off is withdrawn with its chain, in one transaction: no one is
    left waiting to sign off a notification that will not be made."""
    n = complete(dorset, start(dorset))
    sign_off = drafts.notification_send_for_sign_off(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    drafts.notification_withdraw(
        actor=dorset.bm.user, membership=dorset.bm, notification=n, reason="Opened twice"
    )
    sign_off.refresh_from_db()
    n.refresh_from_db()
    assert sign_off.status == SignOffStatus.WITHDRAWN
    assert n.status == S.WITHDRAWN and n.withdrawn_reason == "Opened twice"
    action = sign_off.actions.order_by("-pk").first()
    assert action.decision == "withdrawn"
    assert action.comments == "The notification was withdrawn: Opened twice"
    drafts.notification_sync(actor=None, notification=n)
    n.refresh_from_db()
    assert n.status == S.WITHDRAWN  # the withdrawn chain does not make it a draft again


def test_withdrawing_a_returned_draft_withdraws_its_chain(dorset):
    n = complete(dorset, start(dorset))
    sign_off = drafts.notification_send_for_sign_off(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    signoff_services.signoff_return(
        actor=dorset.corporate.user,
        membership=dorset.corporate,
        sign_off=sign_off,
        comments="Not needed",
    )
    drafts.notification_withdraw(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, reason="Criteria not met"
    )
    sign_off.refresh_from_db()
    assert sign_off.status == SignOffStatus.WITHDRAWN


def test_a_refused_withdrawal_leaves_the_chain_running(dorset):
    n = complete(dorset, start(dorset))
    sign_off = drafts.notification_send_for_sign_off(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    with pytest.raises(PermissionDenied):
        drafts.notification_withdraw(
            actor=dorset.police_slo.user,
            membership=dorset.police_slo,
            notification=n,
            reason="Not ours",
        )
    with pytest.raises(ValidationError) as error:
        drafts.notification_withdraw(
            actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, reason=""
        )
    assert error.value.message_dict["reason"] == ["Enter why you are withdrawing the notification"]
    sign_off.refresh_from_db()
    assert sign_off.status == SignOffStatus.IN_PROGRESS


def test_a_corrected_awareness_date_moves_the_case_and_its_clock(dorset):
    """The Head of QA (not a business manager) corrects the date on the notification: the case's
    awareness date follows, audited on the case, and the clock is recomputed from it."""
    from cases.models import AuditEvent

    n = start(dorset)
    earlier = AWARE - datetime.timedelta(days=1)
    drafts.notification_update(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, awareness_date=earlier
    )
    dorset.case.refresh_from_db()
    assert dorset.case.awareness_date == earlier
    event = AuditEvent.objects.filter(case=dorset.case, action="case.update").latest("pk")
    assert event.changes["awareness_date"] == [AWARE.isoformat(), earlier.isoformat()]
    assert event.actor_id == dorset.hoqa.user_id
    step = Deadline.objects.get(case=dorset.case, stage="notification", key="notify_panel")
    assert step.day_zero == earlier
    assert step.due == calendar_for(dorset.partnership).add_working_days(earlier, 5)
    # Other answers leave the case alone.
    count = AuditEvent.objects.filter(case=dorset.case, action="case.update").count()
    drafts.notification_update(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, outline="More."
    )
    assert AuditEvent.objects.filter(case=dorset.case, action="case.update").count() == count


def test_the_case_pages_awareness_date_moves_a_live_notification_and_its_clock(dorset):
    """The other direction: a business manager corrects the date on the case; the draft
    notification takes it (audited on the notification) and its clock is recomputed, once."""
    from cases.models import AuditEvent
    from cases.services.cases import case_update

    n = start(dorset)
    earlier = AWARE - datetime.timedelta(days=1)
    case_update(
        actor=dorset.bm.user, membership=dorset.bm, case=dorset.case, awareness_date=earlier
    )
    n.refresh_from_db()
    assert n.awareness_date == earlier
    update = AuditEvent.objects.get(case=dorset.case, action="notification.update")
    assert update.changes["awareness_date"] == [AWARE.isoformat(), earlier.isoformat()]
    step = Deadline.objects.get(case=dorset.case, stage="notification", key="notify_panel")
    assert (step.day_zero, step.due) == (
        earlier,
        calendar_for(dorset.partnership).add_working_days(earlier, 5),
    )
    assert AuditEvent.objects.filter(case=dorset.case, action="stage.recompute").count() == 1
    assert AuditEvent.objects.filter(case=dorset.case, action="case.update").count() == 1


def test_a_submitted_notification_keeps_its_date_when_the_case_changes(dorset):
    from cases.services.cases import case_update

    n = submitted(dorset)
    case_update(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=dorset.case,
        awareness_date=AWARE - datetime.timedelta(days=1),
    )
    n.refresh_from_db()
    assert n.awareness_date == AWARE
