"""The reflective practitioner session pages and the comms plan pages of an LCSPR. Everyone who
can read the LCSPR reads them; business managers arrange sessions and write the comms plan
(403 for others); a practitioner invited to a session gives their own feedback and sees only
their own; the lead reviewer and the business manager see everyone's (404 for what the member
cannot see)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import selectors as case_selectors
from cases.errors import DomainError
from cases.models import Agency, MeetingInvitee, MeetingStatus
from cases.views.helpers import failed, form_page, posted, run_service
from lcspr import permissions, selectors
from lcspr.forms_sessions import (
    AgreeForm,
    CommsItemForm,
    FeedbackForm,
    SessionScheduleForm,
    SessionTextsForm,
    StatementForm,
)
from lcspr.models import CommsPlanItem
from lcspr.services import comms as comms_svc
from lcspr.services import sessions as svc


def _members(request):
    return [
        m
        for m in case_selectors.partnership_members(membership=request.membership)
        if m.is_active and m.user.is_active
    ]


def _manager_review(request, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    return review


FORM = "lcspr/session_form.html"


def _form_context(review, *, title, button, back_url, intro=""):
    return {
        "review": review,
        "case": review.case,
        "title": title,
        "button": button,
        "back_url": back_url,
        "intro": intro,
    }


# --- Sessions -------------------------------------------------------------------------------------


def session_schedule(request, partnership_slug, pk):
    review = _manager_review(request, pk)
    form = SessionScheduleForm(
        posted(request),
        members=_members(request),
        agencies=list(Agency.objects.filter(partnership=request.partnership, is_active=True)),
    )
    return form_page(
        request,
        form,
        svc.session_schedule,
        review=review,
        data=lambda form: {
            "format": form.cleaned_data["format"],
            "starts_at": form.cleaned_data.get("starts_at"),
            "ends_at": form.cleaned_data.get("ends_at"),
            "location": form.cleaned_data["location"],
            "online_link": form.cleaned_data["online_link"],
            "reply_by": form.cleaned_data.get("reply_by"),
            "invitees": form.invitees(),
        },
        done="The session is arranged. Check the invitation, briefing and agenda, then send "
        "the invitations.",
        then=lambda session: reverse("lcspr:session_detail", args=[partnership_slug, session.pk]),
        template=FORM,
        context=_form_context(
            review,
            title="Arrange a reflective practitioner session",
            button="Arrange the session",
            back_url=review.get_absolute_url(),
            intro="Usually half a day, face to face or virtual (Swindon 001). Invite the "
            "professionals who worked with the child and family.",
        ),
    )


def session_detail(request, partnership_slug, pk):
    session = selectors.session_for_user(membership=request.membership, pk=pk, invitee_too=True)
    review = session.review
    can_view_review = permissions.can_view_lcspr(request.membership, review)
    can_manage = can_view_review and permissions.can_manage_lcspr(request.membership, review.case)
    meeting = session.meeting
    invitees = list(
        MeetingInvitee.objects.filter(meeting=meeting, removed_at__isnull=True)
        .select_related("membership__user", "agency")
        .order_by("pk")
    )
    return render(
        request,
        "lcspr/session_detail.html",
        {
            "session": session,
            "review": review,
            "case": review.case,
            "meeting": meeting,
            "invitees": invitees,
            "invited": set(session.invited),
            "attended": sum(1 for i in invitees if i.attended),
            "texts": svc.filled_texts(session),
            "can_view_review": can_view_review,
            "can_manage": can_manage,
            "can_send": can_manage
            and meeting.status == MeetingStatus.SCHEDULED
            and bool(svc.invitations_due(session)),
            "held": meeting.status == MeetingStatus.HELD,
            "feedback_count": svc.visible_feedback(request.membership, session).count(),
            "can_feedback": svc.can_see_all_feedback(request.membership, session)
            or svc.own_invitee(request.membership, session) is not None,
        },
    )


def session_texts(request, partnership_slug, pk):
    session = selectors.session_for_user(membership=request.membership, pk=pk)
    review = _manager_review(request, session.review_id)
    initial = {f: getattr(session, f) for f in svc.TEXTS}
    return form_page(
        request,
        SessionTextsForm(posted(request), initial=initial),
        svc.session_texts_save,
        session=session,
        done="The invitation, briefing and agenda were saved.",
        then=reverse("lcspr:session_detail", args=[partnership_slug, session.pk]),
        template=FORM,
        context=_form_context(
            review,
            title="Change the invitation, briefing and agenda",
            button="Save",
            back_url=session.get_absolute_url(),
        ),
    )


@require_POST
def session_send(request, partnership_slug, pk):
    session = selectors.session_for_user(membership=request.membership, pk=pk)
    _manager_review(request, session.review_id)
    try:
        sent = svc.session_send_invitations(
            actor=request.user, membership=request.membership, session=session
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The invitation is being e-mailed to {sent} practitioners.")
    return redirect("lcspr:session_detail", partnership_slug, session.pk)


def session_feedback(request, partnership_slug, pk):
    session = selectors.session_for_user(membership=request.membership, pk=pk, invitee_too=True)
    membership = request.membership
    sees_all = svc.can_see_all_feedback(membership, session)
    own = svc.own_invitee(membership, session)
    if not sees_all and own is None:
        raise PermissionDenied
    held = session.meeting.status == MeetingStatus.HELD
    invitees = (
        list(
            MeetingInvitee.objects.filter(meeting=session.meeting, removed_at__isnull=True)
            .select_related("membership__user", "agency")
            .order_by("pk")
        )
        if sees_all
        else []
    )
    form = FeedbackForm(posted(request), invitees=invitees) if held else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            svc.feedback_give,
            actor=request.user,
            membership=membership,
            session=session,
            invitee=form.chosen_invitee() if sees_all else None,
            view=data["view"],
            comments=data["comments"],
            given_on=data["given_on"],
        )
        if not failed(result):
            messages.success(request, "The feedback was recorded.")
            return redirect("lcspr:session_feedback", partnership_slug, session.pk)
    return render(
        request,
        "lcspr/session_feedback.html",
        {
            "session": session,
            "review": session.review,
            "case": session.review.case,
            "form": form,
            "held": held,
            "sees_all": sees_all,
            "feedback": list(svc.visible_feedback(membership, session)),
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- Comms plan -----------------------------------------------------------------------------------


def comms_plan(request, partnership_slug, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    plan = comms_svc.comms_plan_of(review)
    return render(
        request,
        "lcspr/comms_plan.html",
        {
            "review": review,
            "case": review.case,
            "plan": plan,
            "items": list(comms_svc.plan_items(plan)),
            "can_manage": permissions.can_manage_lcspr(request.membership, review.case),
        },
    )


def _item(form) -> dict:
    """A comms plan item's service arguments: the owner is the member chosen."""
    return {**form.cleaned_data, "owner": form.member("owner")}


def _comms_form(request, review, form, service, /, *, title, button, intro="", **kwargs):
    """A comms plan page's form; saved, it goes back to the comms plan."""
    back = reverse("lcspr:comms_plan", args=[request.partnership.slug, review.pk])
    return form_page(
        request,
        form,
        service,
        then=back,
        template=FORM,
        context=_form_context(review, title=title, button=button, back_url=back, intro=intro),
        **kwargs,
    )


def comms_item_add(request, partnership_slug, pk):
    review = _manager_review(request, pk)
    return _comms_form(
        request,
        review,
        CommsItemForm(posted(request), members=_members(request)),
        comms_svc.comms_item_add,
        review=review,
        data=_item,
        done="The item was added to the comms plan.",
        title="Add an item to the comms plan",
        button="Save the item",
    )


def comms_item_edit(request, partnership_slug, pk, item_pk):
    review = _manager_review(request, pk)
    item = CommsPlanItem.objects.filter(plan__review=review, pk=item_pk).first()
    if item is None:
        raise Http404("No such item")
    initial = {
        "audience": item.audience,
        "message": item.message,
        "channel": item.channel,
        "owner": str(item.owner_id),
        "due_on": item.due_on,
        "status": item.status,
    }
    return _comms_form(
        request,
        review,
        CommsItemForm(posted(request), members=_members(request), initial=initial),
        comms_svc.comms_item_update,
        item=item,
        data=_item,
        done="The item was saved.",
        title="Change an item of the comms plan",
        button="Save the item",
    )


def _agree(request, pk, *, service, title, done, intro):
    review = _manager_review(request, pk)
    return _comms_form(
        request,
        review,
        AgreeForm(posted(request)),
        service,
        review=review,
        done=done,
        title=title,
        button="Record",
        intro=intro,
    )


def comms_plan_agree(request, partnership_slug, pk):
    return _agree(
        request,
        pk,
        service=comms_svc.comms_plan_agree,
        title="Record the comms plan as agreed",
        done="The comms plan is recorded as agreed.",
        intro="Dorset 002 7.17: the comms planning meeting, no later than 4 weeks before the "
        "target publication date, agrees the comms plan.",
    )


def reactive_statement_agree(request, partnership_slug, pk):
    return _agree(
        request,
        pk,
        service=comms_svc.reactive_statement_agree,
        title="Record the reactive statement as agreed",
        done="The reactive statement is recorded as agreed.",
        intro="Dorset 002 7.18: agreed with the Executive Director.",
    )


def reactive_statement(request, partnership_slug, pk):
    review = _manager_review(request, pk)
    plan = comms_svc.comms_plan_of(review)
    initial = (
        {"statement": plan.statement, "statement_owner": str(plan.statement_owner_id or "")}
        if plan
        else {}
    )
    return _comms_form(
        request,
        review,
        StatementForm(posted(request), members=_members(request), initial=initial),
        comms_svc.reactive_statement_save,
        review=review,
        data=lambda form: {
            "statement": form.cleaned_data["statement"],
            "owner": form.member("statement_owner"),
        },
        done="The reactive statement was saved.",
        title="Write the reactive statement",
        button="Save the statement",
        intro="Changing a statement already agreed means agreeing it again.",
    )
