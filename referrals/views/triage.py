"""Triage actions: quality assurance, information requests, the review group agenda, the
decision, and linking a possible duplicate to the case the child already has."""

from django.contrib import messages
from django.shortcuts import redirect

from cases.permissions import visible_cases
from cases.views.helpers import failed, posted, run_service
from referrals import permissions, selectors
from referrals.forms.actions import (
    DecisionForm,
    InformationRequestForm,
    InformationResponseForm,
    LinkCaseForm,
    MediaMonitoringEndForm,
    MediaUpdateForm,
    QualityAssureForm,
    ScheduleForm,
)
from referrals.services import media, receipt, triage
from referrals.views._base import (
    action_page,
    allow,
    decision_context,
    detail_url,
    get_referral,
    one_form_action,
    wrong_state,
)


def quality_assure(request, partnership_slug, pk):
    return one_form_action(
        request,
        pk,
        predicate=permissions.can_triage,
        action="quality_assure",
        form_cls=QualityAssureForm,
        service=triage.referral_quality_assure,
        done="The referral has been quality assured.",
        summary=True,
        title="Quality-assure the referral",
        intro="Check the referral has what triage needs. If something is missing, ask the "
        "referrer for more information instead.",
        button="Record quality assurance",
    )


def request_information(request, partnership_slug, pk):
    return one_form_action(
        request,
        pk,
        predicate=permissions.can_triage,
        action="request_information",
        form_cls=InformationRequestForm,
        service=triage.referral_request_information,
        done="The referrer has been asked for more information.",
        title="Ask the referrer for more information",
        intro="The referrer is told by e-mail (without personal details) and answers here. "
        "The referral shows how long it has been waiting.",
        button="Send the request",
    )


def provide_information(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    allow(permissions.can_provide_information, request, referral)
    if response := wrong_state(request, referral, "provide_information"):
        return response
    form = InformationResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            triage.referral_provide_information,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            response=form.cleaned_data["response"],
        )
        if not failed(result):
            messages.success(request, "Your answer has been sent to the partnership.")
            return redirect(detail_url(referral))
    return action_page(
        request,
        referral,
        form,
        title="Give more information",
        question=selectors.open_information_request(referral),
        button="Send your answer",
    )


def schedule(request, partnership_slug, pk):
    group = request.partnership.workflow.get("review_group_name") or "review group"
    return one_form_action(
        request,
        pk,
        predicate=permissions.can_decide,
        action="schedule_review_group",
        form_cls=ScheduleForm,
        service=triage.referral_schedule_review_group,
        done=f"The referral is on the agenda of the {group}.",
        title=f"Put the referral on the {group} agenda",
        button="Add to the agenda",
    )


def decide(request, partnership_slug, pk):
    referral = get_referral(request, pk)
    allow(permissions.can_decide, request, referral)
    if response := wrong_state(request, referral, "decide"):
        return response
    if referral.case_id is None:
        messages.info(request, "First link the referral to the existing case, or open a case.")
        return redirect(detail_url(referral))
    outcomes = triage.triage_outcomes(referral.partnership)
    form = DecisionForm(
        posted(request),
        outcomes=outcomes,
        options=triage.learning_options(referral.partnership),
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            triage.referral_decide,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"Decision recorded: {result.outcome_label}.")
            if result.outcome == "recommend_rapid_review":
                return redirect("referrals:recommend", partnership_slug, referral.pk)
            return redirect(detail_url(referral))
    return action_page(
        request,
        referral,
        form,
        **decision_context(request, referral, what="triage decision page"),
        title="Record the triage decision",
        button="Record the decision",
        intro="Choosing a rapid review takes you to the recommendation to the executive.",
    )


def link_case(request, partnership_slug, pk, case_pk):
    referral = get_referral(request, pk)
    allow(permissions.can_triage, request, referral)
    if response := wrong_state(request, referral, "link_case"):
        return response
    from django.shortcuts import get_object_or_404

    case = get_object_or_404(visible_cases(request.membership), pk=case_pk)
    form = LinkCaseForm(posted(request))
    form.fields["confirm"].label = f"Move this referral to {case.reference}?"
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] != "yes":
            return redirect(detail_url(referral))
        result = run_service(
            form,
            receipt.referral_link_case,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            case=case,
        )
        if not failed(result):
            messages.success(request, f"The referral is now on case {case.reference}.")
            return redirect(detail_url(referral))
    return action_page(
        request,
        referral,
        form,
        title=f"Move the referral to {case.reference}",
        intro="The referral's people are added to that case (once each), its agency can see "
        "it, and triage is counted from the day the referral was received. The case opened "
        "for the referral on receipt is archived.",
        button="Continue",
    )


def _monitoring_page(request, pk, *, form_cls, service, done, **page):
    referral = get_referral(request, pk)
    allow(permissions.can_triage, request, referral)
    if not media.is_monitored(referral):
        messages.error(request, "The referral is not being monitored for media interest.")
        return redirect(detail_url(referral))
    form = form_cls(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            service,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, done)
            return redirect(detail_url(referral))
    return action_page(request, referral, form, **page)


def media_update(request, partnership_slug, pk):
    return _monitoring_page(
        request,
        pk,
        form_cls=MediaUpdateForm,
        service=media.media_update,
        done="The update has been sent to the review group and the executive.",
        title="Send a media interest update",
        intro="Keep the review group, the executive, the independent chair and the media officers"
        " informed while the media interest lasts.",
        button="Send the update",
    )


def media_monitoring_end(request, partnership_slug, pk):
    return _monitoring_page(
        request,
        pk,
        form_cls=MediaMonitoringEndForm,
        service=media.media_monitoring_end,
        done="Media monitoring has ended and the case is closed.",
        title="End media monitoring",
        intro="The case closes when the monitoring ends.",
        button="End monitoring and close the case",
    )
