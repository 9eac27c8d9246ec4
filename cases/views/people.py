from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases import permissions, selectors
from cases.errors import DomainError
from cases.forms import AcceptInvitationForm, InvitationForm, MembershipForm
from cases.models import Invitation
from cases.services import people as people_services
from cases.tenancy import partnership_scope
from cases.views.helpers import failed, posted, require, run_service


@require(permissions.can_manage_people)
def people(request, partnership_slug):
    membership = request.membership
    members = selectors.partnership_members(membership=membership)
    invitations = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("agency", "invited_by")
    return render(request, "cases/people.html", {"members": members, "invitations": invitations})


@require(permissions.can_manage_people)
def invite(request, partnership_slug):
    membership = request.membership
    form = InvitationForm(posted(request), partnership=membership.partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            people_services.invitation_create,
            actor=request.user,
            membership=membership,
            email=data["email"],
            roles=data["roles"],
            agency=data["agency"],
            full_name=data["full_name"],
            job_title=data["job_title"],
        )
        if not failed(result):
            messages.success(request, f"Invitation sent to {data['email']}.")
            return redirect("cases:people", partnership_slug)
    return render(request, "cases/invite.html", {"form": form})


@require(permissions.can_manage_people)
def member_edit(request, partnership_slug, member_pk):
    membership = request.membership
    target = selectors.partnership_members(membership=membership).filter(pk=member_pk).first()
    if target is None:
        raise Http404
    form = MembershipForm(
        posted(request),
        partnership=membership.partnership,
        initial={
            "agency": target.agency,
            "roles": sorted(target.role_set),
            "is_active": target.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            people_services.membership_update,
            actor=request.user,
            membership=membership,
            target=target,
            roles=data["roles"],
            agency=data["agency"],
            is_active=data["is_active"],
        )
        if not failed(result):
            messages.success(request, f"{target.user.get_full_name()} updated.")
            return redirect("cases:people", partnership_slug)
    return render(request, "cases/member_form.html", {"form": form, "target": target})


@require_POST
@require(permissions.can_manage_people)
def invitation_revoke(request, partnership_slug, invitation_pk):
    invitation = Invitation.objects.filter(pk=invitation_pk, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404
    people_services.invitation_revoke(
        actor=request.user, membership=request.membership, invitation=invitation
    )
    messages.success(request, f"Invitation for {invitation.email} revoked.")
    return redirect("cases:people", partnership_slug)


def invitation_accept(request, token):
    """Public page: the token is the key. Existing accounts accept after signing in. Everything
    after the look-up happens in the invitation's partnership scope."""
    try:
        partnership_id = people_services.invitation_partnership_id(token)
    except DomainError as exc:
        return render(request, "cases/invitation_invalid.html", {"reason": str(exc)}, status=410)
    with partnership_scope(partnership_id):
        return _invitation_accept(request, token)


def _invitation_accept(request, token):
    try:
        invitation = people_services.invitation_by_token(token)
    except DomainError as exc:
        return render(request, "cases/invitation_invalid.html", {"reason": str(exc)}, status=410)
    from cases.models import User

    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(posted(request), initial={"full_name": invitation.full_name})
    if has_account and not request.user.is_authenticated:
        return render(
            request,
            "cases/invitation_accept.html",
            {"invitation": invitation, "needs_sign_in": True},
        )
    if request.method == "POST":
        if request.user.is_authenticated:
            result = run_service(
                form, people_services.invitation_accept, token=token, user=request.user
            )
        elif form.is_valid():
            result = run_service(
                form,
                people_services.invitation_accept,
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
            if not failed(result):
                login(
                    request,
                    result.user,
                    backend="allauth.account.auth_backends.AuthenticationBackend",
                )
                # They have just typed their new password: no "confirm it's you" before the
                # two-factor set-up that the middleware sends them to next.
                record_authentication(
                    request, result.user, method="password", email=result.user.email
                )
        else:
            result = None
        if result is not None and not failed(result):
            messages.success(
                request,
                f"Welcome to {invitation.partnership.name}. Set up "
                "two-factor authentication to continue.",
            )
            return redirect("cases:home", invitation.partnership.slug)
    return render(
        request,
        "cases/invitation_accept.html",
        {"invitation": invitation, "form": form, "needs_sign_in": False},
    )
