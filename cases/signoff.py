"""Reads of sign-off chains (cases.models.signoff): the list filter that pairs with
cases.permissions.can_view_signoff, the one-record access helper, what waits for a member, who
a step's people are, and the steps as a page shows them.

Writes go through cases.services.signoff. How a stage app uses the chain: docs/sign-off.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from cases import permissions
from cases.models import (
    RUNNING_STATUSES,
    Membership,
    Role,
    SignOff,
    SignOffAction,
    SignOffDecision,
    SignOffStatus,
)
from cases.permissions import visible_cases
from cases.views.workflow_display import responsible_text

# A partnership has a handful of chains running at once; My work looks at no more than this.
AWAITING_LIMIT = 500


def chain_steps(partnership, document_type: str) -> list[dict]:
    """The partnership's chain for a document type as the settings say now (empty: none)."""
    chains = (partnership.workflow or {}).get("sign_off_chains") or {}
    steps = chains.get(document_type) if isinstance(chains, dict) else None
    return [dict(s) for s in steps] if isinstance(steps, list) else []


def visible_signoffs(membership: Membership) -> QuerySet[SignOff]:
    """Sign-offs of the cases the member can see (the pair of can_view_signoff)."""
    return SignOff.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    )


def signoff_list(
    *, membership: Membership, case_id: int | None = None, document_type: str = ""
) -> QuerySet[SignOff]:
    qs = visible_signoffs(membership).select_related("case", "started_by", "content_type")
    if case_id is not None:
        qs = qs.filter(case=case_id)
    if document_type:
        qs = qs.filter(document_type=document_type)
    return qs.order_by("-started_at", "-id")


def signoff_for_user(*, membership: Membership, pk: int) -> SignOff:
    """The sign-off if the member can see its case; 404 alike for missing and someone else's."""
    sign_off = get_object_or_404(
        visible_signoffs(membership).select_related(
            "case", "partnership", "started_by", "content_type"
        ),
        pk=pk,
    )
    permissions.mark_visible(sign_off.case, membership)
    return sign_off


def signoff_detail(*, membership: Membership, pk: int) -> SignOff:
    sign_off = signoff_for_user(membership=membership, pk=pk)
    actions = SignOffAction.objects.filter(sign_off=sign_off).select_related("actor")
    sign_off.action_list = list(actions)
    return sign_off


def signoffs_of_document(document, document_type: str = "") -> QuerySet[SignOff]:
    """A document's sign-offs, newest first (for a stage app's document page)."""
    return signoffs_of_documents(
        type(document), [document.pk], document.partnership_id, document_type
    )


def signoffs_of_documents(
    model, ids, partnership_id: int, document_type: str = ""
) -> QuerySet[SignOff]:
    """The sign-offs of several documents of one model (ids: pks or a values("pk") query),
    newest first: one query for a list page."""
    qs = SignOff.objects.filter(
        partnership=partnership_id,
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=ids,
    )
    if document_type:
        qs = qs.filter(document_type=document_type)
    return qs.order_by("-started_at", "-id")


def signoffs_awaiting(membership: Membership) -> list[SignOff]:
    """Running chains that wait for this member: at a step that names them, or returned to
    them as the drafter. The step is in each chain's own snapshot, so the match is made here,
    over the partnership's running chains only (a partial index serves the query)."""
    running = (
        visible_signoffs(membership)
        .filter(status__in=RUNNING_STATUSES)
        .select_related("case")
        .order_by("started_at", "id")[:AWAITING_LIMIT]
    )
    # visible_signoffs has kept only the cases the member sees: mark them so, as case_for_user
    # does, so that is_awaiting does not ask again per chain (a query each).
    return [
        s
        for s in running
        if permissions.mark_visible(s.case, membership) and permissions.is_awaiting(membership, s)
    ]


def step_members(sign_off: SignOff, position: int) -> list[Membership]:
    """The active members a step names who can see the case: whom to tell it is their turn."""
    steps = sign_off.steps or []
    if not 0 <= position < len(steps):
        return []
    step = steps[position]
    roles = (step.get("responsible") or {}).get("roles") or []
    qs = (
        Membership.objects.active()
        .filter(partnership=sign_off.partnership_id)
        .select_related("user", "agency")
        .prefetch_related("roles")
        .order_by("user__email")
    )
    if roles:
        qs = qs.filter(pk__in=Membership.objects.filter(roles__role__in=roles).values("pk"))
    named = [m for m in qs if permissions.matches_step(m, step)]
    return [m for m in named if visible_cases(m).filter(pk=sign_off.case_id).exists()]


def business_managers(sign_off: SignOff) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(partnership=sign_off.partnership_id, roles__role=Role.BUSINESS_MANAGER)
        .select_related("user")
        .distinct()
    )


# --- The steps as the page shows them ---------------------------------------------------------


@dataclass
class StepView:
    number: int
    key: str
    label: str
    who: str  # whom the step names, in words
    state: str  # "done", "current", "returned", "to_come", "stopped"
    action: SignOffAction | None = None  # the decision that completed it (this version)

    @property
    def tag_text(self) -> str:
        return STATE_TAGS[self.state][0]

    @property
    def tag_colour(self) -> str:
        return STATE_TAGS[self.state][1]


@dataclass
class VersionView:
    version: int
    actions: list[SignOffAction] = field(default_factory=list)


STATE_TAGS = {
    "done": ("Signed off", "green"),
    "current": ("Waiting", "blue"),
    "returned": ("Changes needed", "orange"),
    "to_come": ("Not yet", "grey"),
    "stopped": ("Not reached", "grey"),
}


def steps_view(sign_off: SignOff, actions: list[SignOffAction]) -> list[StepView]:
    """Each step of the chain's snapshot with what happened to it in the current version."""
    current = [a for a in actions if a.version == sign_off.version]
    done = {
        a.position: a
        for a in current
        if a.decision in (SignOffDecision.APPROVED, SignOffDecision.RESUBMITTED)
    }
    views = []
    for i, step in enumerate(sign_off.steps or []):
        if i in done and not (sign_off.status == SignOffStatus.RETURNED and i == 0):
            state = "done"
        elif sign_off.status == SignOffStatus.RETURNED and i == 0:
            state = "returned"
        elif sign_off.status == SignOffStatus.IN_PROGRESS and i == sign_off.position:
            state = "current"
        elif sign_off.is_running:
            state = "to_come"
        else:
            state = "stopped"
        views.append(
            StepView(
                number=i + 1,
                key=str(step.get("key", "")),
                label=str(step.get("label", "")),
                who=responsible_text(step.get("responsible")),
                state=state,
                action=done.get(i) if state == "done" else None,
            )
        )
    return views


def versions_view(actions: list[SignOffAction]) -> list[VersionView]:
    """Every decision, grouped by version, newest version first."""
    by_version: dict[int, VersionView] = {}
    for action in actions:
        by_version.setdefault(action.version, VersionView(action.version)).actions.append(action)
    return [by_version[v] for v in sorted(by_version, reverse=True)]
