"""A notification and a request on each side of the world (tests/world.py), made on first use
through the services, for the tenant crawler and the row-level security world. The world's
all-roles member belongs to the local authority, so drafts as its SLO. Also the National Panel's
replies (one awaited, one back with the decision-makers)."""

import datetime

from notifications.models import NotificationRequest, PanelResponse, SeriousIncidentNotification
from notifications.services import drafts, panel_responses, requests


def a_notification(side) -> SeriousIncidentNotification:
    if "notification" not in side.extra:
        found = SeriousIncidentNotification.objects.filter(
            partnership=side.partnership, case__title="Child S"
        ).first()
        if found is None:
            la = side.all_roles
            found = drafts.notification_start(
                actor=la.user,
                membership=la,
                title="Child S",
                awareness_date=side.case.incident_date,
            )
            drafts.notification_update(
                actor=la.user,
                membership=la,
                notification=found,
                # "Sample": a canary of tests/test_access_log_coverage.py, so every
                # route that shows the child's name must log the read.
                children=[{"first_name": "Sam", "last_name": "Sample"}],
            )
        side.extra["notification"] = found
    return side.extra["notification"]


def a_request(side) -> NotificationRequest:
    if "notification_request" not in side.extra:
        from cases.models import Role

        slo = side.members[Role.SLO]  # the police SLO
        side.extra["notification_request"] = requests.notification_request_raise(
            actor=slo.user, membership=slo, case=side.case, reason="Neglect suspected."
        )
    return side.extra["notification_request"]


def _signed_off(side, title: str, child: str, **answers) -> SeriousIncidentNotification:
    """A complete notification of a new case `title`, through the world's notification chain
    (Lincolnshire's: the review group, then the executive; the all-roles member is both)."""
    from cases.models import SignOffStatus
    from cases.services.signoff import signoff_approve

    la = side.all_roles
    found = drafts.notification_start(
        actor=la.user, membership=la, title=title, awareness_date=side.case.incident_date
    )
    drafts.notification_update(
        actor=la.user,
        membership=la,
        notification=found,
        children=[{"first_name": child, "last_name": "Sample"}],
        incident_date=side.case.incident_date,
        location="in_area",
        care_status="no",
        abuse_or_neglect="suspected",
        harm="serious_harm",
        immediate_action="Child protection plan.",
        criteria="Serious harm in the area; neglect suspected.",
        **answers,
    )
    sign_off = drafts.notification_send_for_sign_off(
        actor=la.user, membership=la, notification=found
    )
    while sign_off.status == SignOffStatus.IN_PROGRESS:
        sign_off = signoff_approve(actor=la.user, membership=la, sign_off=sign_off)
    return drafts.notification_sync(actor=la.user, notification=found)


def a_ready_notification(side) -> SeriousIncidentNotification:
    """A second notification (case "Child R"), signed off and ready to submit. For the
    accessibility pages; made on first use."""
    if "ready_notification" not in side.extra:
        found = SeriousIncidentNotification.objects.filter(
            partnership=side.partnership, case__title="Child R"
        ).first()
        if found is None:
            found = _signed_off(
                side,
                "Child R",
                "Robin",
                outline="Injuries found at school.",
                learning="Information sharing between school and health.",
            )
        side.extra["ready_notification"] = found
    return side.extra["ready_notification"]


def _panel_case(side, title: str):
    from cases.models import CaseStage, Role
    from cases.services import cases as case_services

    bm = side.members[Role.BUSINESS_MANAGER]
    return bm, case_services.case_create(
        actor=bm.user,
        membership=bm,
        title=title,
        incident_date=datetime.date(2026, 1, 5),
        awareness_date=datetime.date(2026, 1, 6),
        agencies=[side.agencies["police"]],
        stage=CaseStage.RAPID_REVIEW,
    )


def a_panel_response(side) -> PanelResponse:
    """The wait for the National Panel's reply to the rapid review of case "Child P"."""
    if "panel_response" not in side.extra:
        found = PanelResponse.objects.filter(
            partnership=side.partnership, case__title="Child P"
        ).first()
        if found is None:
            bm, case = _panel_case(side, "Child P")
            found = panel_responses.panel_response_open(
                actor=bm.user,
                membership=bm,
                case=case,
                submitted_on=datetime.date(2026, 1, 27),
                partnership_view="lcspr",
            )
        side.extra["panel_response"] = found
    return side.extra["panel_response"]


def a_contrary_panel_response(side) -> PanelResponse:
    """Case "Child Q": the Panel found no further review needed where the partnership decided
    on an LCSPR; back with the decision-makers."""
    if "contrary_panel_response" not in side.extra:
        found = PanelResponse.objects.filter(
            partnership=side.partnership, case__title="Child Q"
        ).first()
        if found is None:
            bm, case = _panel_case(side, "Child Q")
            found = panel_responses.panel_response_open(
                actor=bm.user,
                membership=bm,
                case=case,
                submitted_on=datetime.date(2026, 1, 27),
                partnership_view="lcspr",
            )
            found = panel_responses.panel_response_record(
                actor=bm.user,
                membership=bm,
                response=found,
                received_on=datetime.date(2026, 2, 16),
                decision="no_further_review",
                comments="The Panel sees no further learning.",
            )
        side.extra["contrary_panel_response"] = found
    return side.extra["contrary_panel_response"]


def a_submitted_notification(side) -> SeriousIncidentNotification:
    """A third notification (case "Child C"), signed off and submitted: its copies are listed
    from the partnership's settings. For the copies pages, the crawler and row-level security;
    made on first use."""
    if "submitted_notification" not in side.extra:
        found = SeriousIncidentNotification.objects.filter(
            partnership=side.partnership, case__title="Child C"
        ).first()
        if found is None:
            from django.utils import timezone

            from notifications.services import submission

            la = side.all_roles
            found = submission.notification_submit(
                actor=la.user,
                membership=la,
                notification=_signed_off(
                    side, "Child C", "Casey", outline="Injuries found at nursery."
                ),
                submitted_at=timezone.now(),
            )
        side.extra["submitted_notification"] = found
    return side.extra["submitted_notification"]


def a_copy(side):
    """An added copy of the submitted notification (not sent: every copy action applies)."""
    if "notification_copy" not in side.extra:
        from notifications.models import NotificationCopy
        from notifications.services import copies

        n = a_submitted_notification(side)
        found = NotificationCopy.objects.filter(notification=n, key="").first()
        if found is None:
            la = side.all_roles
            found = copies.copy_add(
                actor=la.user, membership=la, notification=n, label="Another partnership"
            )
        side.extra["notification_copy"] = found
    return side.extra["notification_copy"]
