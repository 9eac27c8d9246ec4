"""The agencies' returns in the report's first version (a rapid_reviews.services.report
prefill contributor): what each agency said of its involvement goes into the case summary,
its strengths into the good practice rows and its learning into the learning and actions rows
(Swindon 001 Appendix 4 sections 8 and 9 are filled from the Part 2 returns). A request closed
without a response is said so, with the reason."""

from rapid_reviews.choices import RequestStatus
from rapid_reviews.models import InformationRequest, RapidReview
from rapid_reviews.returns import return_fields

# Return questions (the presets' `rapid_review_return` keys) whose answers have their own place
# in the report; every other answer is part of the agency's account in the case summary.
GOOD_PRACTICE = frozenset({"strengths", "good_practice"})
LEARNING = frozenset(
    {
        "areas_for_improvement",
        "improvements",
        "learning",
        "learning_for_agency",
        "learning_for_partners",
    }
)
IMMEDIATE_ACTION = frozenset({"immediate_actions"})


def add_returns(review: RapidReview, content: dict) -> None:
    requests = (
        InformationRequest.objects.filter(
            rapid_review=review, status__in=(RequestStatus.RETURNED, RequestStatus.CLOSED)
        )
        .select_related("agency")
        .order_by("agency__name", "pk")
    )
    labels = {f["key"]: f["label"] for f in return_fields(review.case.partnership)}
    accounts, actions = [], []
    for request in requests:
        agency = request.agency.name
        if request.status == RequestStatus.CLOSED:
            accounts.append(f"{agency}: closed without a response ({request.closed_reason}).")
            continue
        lines = []
        for key, answer in (request.answers or {}).items():
            answer = str(answer or "").strip()
            if not answer:
                continue
            if key in GOOD_PRACTICE:
                content["good_practice"].append({"agency": agency, "evidence": answer})
            elif key in LEARNING:
                content["learning_actions"].append(
                    {
                        "agency": agency,
                        "learning": answer,
                        "action": "",
                        "due": "",
                        "success_measure": "",
                    }
                )
            elif key in IMMEDIATE_ACTION:
                actions.append(f"{agency}: {answer}")
            else:
                lines.append(f"{labels.get(key, key)}: {answer}")
        if lines:
            accounts.append(f"{agency}'s return\n" + "\n".join(lines))
    if accounts:
        content["case_summary"] = "\n\n".join(
            part for part in (content["case_summary"], *accounts) if part
        )
    if actions:
        content["immediate_action"] = "\n".join(
            part for part in (content["immediate_action"], *actions) if part
        )
