"""Who decides to notify (issue 12): a statutory partner's agreement (Swindon, seed 001) and
another partner's escalation where the local authority decides (Dorset 2.1, BCP section 6)."""

from referrals import deciding, permissions, selectors
from referrals.forms.actions import NotificationAgreementForm, NotificationEscalationForm
from referrals.services import agreements
from referrals.views._base import decision_context, one_form_action


def _page(request, pk, *, what, **kwargs):
    """A partner's word on notifying: the recommendation, and what the partners have said."""

    def extra(referral):
        recommendation = selectors.latest_recommendation(referral)
        return {
            "partners_word": agreements.partners_word(
                agreements.current_recommendation(referral)
            ).values(),
            **decision_context(request, referral, what=what, recommendation=recommendation),
        }

    return one_form_action(request, pk, detail=True, extra=extra, **kwargs)


def notification_agreement(request, partnership_slug, pk):
    needed = deciding.agreements_needed(request.partnership)
    return _page(
        request,
        pk,
        predicate=permissions.can_record_notification_agreement,
        action="notification_agreement",
        form_cls=NotificationAgreementForm,
        service=agreements.notification_agreement_record,
        done="Your agency's answer has been recorded.",
        what="notification agreement page",
        title="Should the incident be notified?",
        intro=f"The statutory partners decide together: the incident is notified when {needed}"
        " of them have agreed. Record your agency's answer.",
        button="Record your agency's answer",
    )


def notification_escalation(request, partnership_slug, pk):
    to = deciding.escalate_to(request.partnership)
    return _page(
        request,
        pk,
        predicate=permissions.can_record_notification_escalation,
        action="notification_escalation",
        form_cls=NotificationEscalationForm,
        service=agreements.notification_escalation_record,
        done=f"Your agency's disagreement has been recorded as an escalation to {to}.",
        what="notification escalation page",
        title="Escalate a disagreement about notifying",
        intro=f"The local authority decides whether to notify. If your agency cannot agree with"
        f" it, the disagreement is escalated to {to}.",
        button="Record the escalation",
        button_variant="warning",
    )
