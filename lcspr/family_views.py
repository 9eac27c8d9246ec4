"""Family engagement and parallel process pages of an LCSPR (lcspr.services.family).

404 for an LCSPR the member cannot see; 403 for members who may see the LCSPR but not the
family's details (agency members: lcspr.permissions.can_view_family), and for writing without
being a business manager or the lead reviewer.

A learning review's family engagement uses the same pages under learning/<pk>/family/ (the URL
passes learning=True): coordinator, family members, contact log, letter and leaflet."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from cases.audit import access_record
from cases.models import AccessKind, Membership
from cases.rendered.views import document_page
from cases.views.helpers import form_page, posted
from lcspr import permissions, selectors
from lcspr.forms_family import (
    ContactForm,
    CoordinatorForm,
    DisclosureAnswerForm,
    DisclosureForm,
    EmbargoedCopyForm,
    FamilyMemberForm,
    ProcessForm,
)
from lcspr.models import DisclosureRequest, FamilyContact, FamilyMember, ParallelProcess
from lcspr.services import family as services


def _review(request, pk, *, write=False, learning=False):
    find = selectors.learning_review_for_user if learning else selectors.lcspr_for_user
    review = find(membership=request.membership, pk=pk)
    allowed = permissions.can_manage_family if write else permissions.can_view_family
    if not allowed(request.membership, review):
        raise PermissionDenied
    return review


def _member(review, member_pk) -> FamilyMember:
    found = FamilyMember.objects.filter(**services.owned_by(review), pk=member_pk).first()
    if found is None:
        raise Http404("No such family member")
    return found


def _process(review, process_pk) -> ParallelProcess:
    found = ParallelProcess.objects.filter(review=review, pk=process_pk).first()
    if found is None:
        raise Http404("No such parallel process")
    return found


def _family(review) -> list[FamilyMember]:
    return list(FamilyMember.objects.filter(**services.owned_by(review)))


def _form_page(request, review, form, service, /, *, title, done, back, extra=None, **kwargs):
    """GET shows the form; a valid POST calls the service and goes back with `done`
    (cases.views.helpers.form_page)."""
    return form_page(
        request,
        form,
        service,
        template="lcspr/family_form.html",
        context={
            "review": review,
            "case": review.case,
            "title": title,
            "back": back,
            **_owner(review),
            **(extra or {}),
        },
        done=done,
        then=back,
        **kwargs,
    )


FAMILY_PAGES = (
    "family",
    "family_coordinator",
    "family_member_add",
    "family_member_edit",
    "family_letter",
    "family_leaflet",
    "family_contact_add",
)


def _owner(review) -> dict:
    """What the templates need of the owning review: its name, its page, the URL names of its
    family pages (an LCSPR's `lcspr:family...`, a learning review's `lcspr:learning_family...`)."""
    learning = services.is_learning(review)
    prefix = "lcspr:learning_" if learning else "lcspr:"
    return {
        "review_label": str(review) if learning else f"LCSPR of {review.case.reference}",
        "review_url": review.get_absolute_url(),
        "is_lcspr": not learning,
        "names": {page: prefix + page for page in FAMILY_PAGES},
    }


def _warnings(review) -> dict:
    return {
        "holding": services.holding_processes(review),
        "coroner": services.coroner_involved(review),
        "coroner_note": services.CORONER_NOTE,
    }


def family_context(membership, review) -> dict:
    """The LCSPR's or learning review's page's "Family engagement" section: nothing for members
    who may not see it."""
    if not permissions.can_view_family(membership, review):
        return {"family_visible": False}
    return {
        "family_visible": True,
        "family_embargo": services.embargoed_copy_status(review),
        "family_members": FamilyMember.objects.filter(**services.owned_by(review)).count(),
        "family_contacts": FamilyContact.objects.filter(**services.owned_by(review)).count(),
        "family_holding": services.holding_processes(review),
        "family_url": reverse(
            _owner(review)["names"]["family"], args=[review.case.partnership.slug, review.pk]
        ),
    }


def _log_read(request, review, what: str) -> None:
    """The family's names and contact details are personal details: the read is logged."""
    access_record(
        user=request.user,
        case=review.case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=what,
    )


def family(request, partnership_slug, pk, learning=False):
    review = _review(request, pk, learning=learning)
    _log_read(
        request,
        review,
        "the learning review's family engagement" if learning else "the LCSPR's family engagement",
    )
    return render(
        request,
        "lcspr/family.html",
        {
            "review": review,
            "case": review.case,
            "engagement": services.engagement_of(review),
            "members": _family(review),
            "contacts": FamilyContact.objects.filter(**services.owned_by(review)).select_related(
                "member"
            ),
            "embargo": services.embargoed_copy_status(review),
            "can_manage": permissions.can_manage_family(request.membership, review),
            **_owner(review),
            **_warnings(review),
        },
    )


def _back(review):
    return reverse(
        _owner(review)["names"]["family"], args=[review.case.partnership.slug, review.pk]
    )


def family_coordinator(request, partnership_slug, pk, learning=False):
    review = _review(request, pk, write=True, learning=learning)
    engagement = services.engagement_of(review)
    members = (
        Membership.objects.active()
        .filter(partnership=review.partnership_id)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    initial = {}
    if engagement:
        initial = {
            "coordinator": str(engagement.coordinator_id or ""),
            "approach": engagement.approach,
        }
    form = CoordinatorForm(posted(request), initial=initial, members=list(members))
    return _form_page(
        request,
        review,
        form,
        services.family_coordinator_set,
        review=review,
        title="Family engagement coordinator",
        done="The family engagement coordinator was recorded.",
        back=_back(review),
    )


def family_member_add(request, partnership_slug, pk, learning=False):
    review = _review(request, pk, write=True, learning=learning)
    return _form_page(
        request,
        review,
        FamilyMemberForm(posted(request)),
        services.family_member_add,
        review=review,
        title="Add a family member",
        done="The family member was added.",
        back=_back(review),
    )


def family_member_edit(request, partnership_slug, pk, member_pk, learning=False):
    review = _review(request, pk, write=True, learning=learning)
    member = _member(review, member_pk)
    _log_read(request, review, f"family member {member.pk}")
    initial = {f: getattr(member, f) for f in services.MEMBER_AUDITED}
    initial["to_be_contacted"] = "yes" if member.to_be_contacted else "no"
    return _form_page(
        request,
        review,
        FamilyMemberForm(posted(request), initial=initial),
        services.family_member_update,
        member=member,
        title=f"Change {member.name}'s details",
        done="The family member's details were saved.",
        back=_back(review),
    )


def family_contact_add(request, partnership_slug, pk, learning=False):
    review = _review(request, pk, write=True, learning=learning)
    warnings = _warnings(review)
    form = ContactForm(posted(request), family=_family(review), holding=bool(warnings["holding"]))
    return _form_page(
        request,
        review,
        form,
        services.family_contact_add,
        review=review,
        title="Record a contact with the family",
        done="The contact was recorded.",
        back=_back(review),
        extra=warnings,
    )


def family_copy_add(request, partnership_slug, pk):
    review = _review(request, pk, write=True)
    return _form_page(
        request,
        review,
        EmbargoedCopyForm(posted(request), family=_family(review)),
        services.embargoed_copy_record,
        review=review,
        title="Record the embargoed copy given to the family",
        done="The embargoed copy was recorded.",
        back=_back(review),
    )


def _family_pdf(request, pk, member_pk, which, learning=False):
    from lcspr.family_pdf import KINDS, member_for_print

    review = _review(request, pk, learning=learning)
    member = _member(review, member_pk)
    return document_page(request, KINDS[which], member_for_print(member.pk), back_url=_back(review))


def family_letter(request, partnership_slug, pk, member_pk, learning=False):
    return _family_pdf(request, pk, member_pk, "letter", learning)


def family_leaflet(request, partnership_slug, pk, member_pk, learning=False):
    return _family_pdf(request, pk, member_pk, "leaflet", learning)


# --- Parallel processes --------------------------------------------------------------------


def _processes_url(review):
    return reverse("lcspr:process_list", args=[review.case.partnership.slug, review.pk])


def process_list(request, partnership_slug, pk):
    review = _review(request, pk)
    processes = ParallelProcess.objects.filter(review=review).prefetch_related(
        "disclosure_requests"
    )
    return render(
        request,
        "lcspr/process_list.html",
        {
            "review": review,
            "case": review.case,
            "processes": processes,
            "can_manage": permissions.can_manage_family(request.membership, review),
            **_warnings(review),
        },
    )


def process_add(request, partnership_slug, pk):
    review = _review(request, pk, write=True)
    return _form_page(
        request,
        review,
        ProcessForm(posted(request), initial={"status": "active"}),
        services.process_add,
        review=review,
        title="Add a parallel process",
        done="The parallel process was recorded.",
        back=_processes_url(review),
    )


def process_detail(request, partnership_slug, pk, process_pk):
    review = _review(request, pk)
    process = _process(review, process_pk)
    return render(
        request,
        "lcspr/process_detail.html",
        {
            "review": review,
            "case": review.case,
            "process": process,
            "requests": DisclosureRequest.objects.filter(process=process),
            "can_manage": permissions.can_manage_family(request.membership, review),
            "coroner_note": services.CORONER_NOTE,
        },
    )


def process_edit(request, partnership_slug, pk, process_pk):
    review = _review(request, pk, write=True)
    process = _process(review, process_pk)
    initial = {f: getattr(process, f) for f in services.PROCESS_AUDITED}
    return _form_page(
        request,
        review,
        ProcessForm(posted(request), initial=initial),
        services.process_update,
        process=process,
        title=f"Change the {process.get_kind_display().lower()}",
        done="The parallel process was saved.",
        back=process.get_absolute_url(),
    )


def disclosure_add(request, partnership_slug, pk, process_pk):
    review = _review(request, pk, write=True)
    process = _process(review, process_pk)
    return _form_page(
        request,
        review,
        DisclosureForm(posted(request)),
        services.disclosure_request_add,
        process=process,
        title="Record a disclosure request",
        done="The disclosure request was recorded.",
        back=process.get_absolute_url(),
    )


def disclosure_answer(request, partnership_slug, pk, process_pk, disclosure_pk):
    review = _review(request, pk, write=True)
    process = _process(review, process_pk)
    found = DisclosureRequest.objects.filter(process=process, pk=disclosure_pk).first()
    if found is None:
        raise Http404("No such disclosure request")
    return _form_page(
        request,
        review,
        DisclosureAnswerForm(
            posted(request), initial={"answered_on": found.answered_on, "answer": found.answer}
        ),
        services.disclosure_request_answer,
        disclosure=found,
        title="Record the answer to the disclosure request",
        done="The answer was recorded.",
        back=process.get_absolute_url(),
    )
