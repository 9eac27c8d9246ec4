"""How the referral's audit events read in the case history (cases.history_display): every
action code referrals' services write, registered from ReferralsConfig.ready().
tests/referrals/test_history.py checks that no code written in referrals/ is left out."""

from cases.history_display import ActionLabel, register_actions
from referrals.choices import ChallengeKind, ChallengeStatus, LookupKind, StepOutcome
from referrals.services.drafts import COLLECTION_NOUNS


def _lookup_labels(kind: str):
    def labels(partnership) -> dict:
        from referrals.models import ReferralLookup

        if partnership is None:
            return {}
        return dict(
            ReferralLookup.objects.filter(partnership=partnership, kind=kind).values_list(
                "key", "label"
            )
        )

    labels.__name__ = f"lookup_labels_{kind}"
    return labels


def _triage_outcomes(partnership) -> dict:
    from referrals.services.triage import triage_outcomes

    return triage_outcomes(partnership) if partnership is not None else {}


REASONS = _lookup_labels(LookupKind.REASON)
CHARACTERISTICS = _lookup_labels(LookupKind.CHARACTERISTIC)
OUTCOMES = {"outcome": _triage_outcomes}

# What each list row is, by the noun its action codes use (referrals.services.drafts).
_ITEMS = {
    "child": ("a child", "referrals.ReferralChild", "Child"),
    "person": ("a family member or other person", "referrals.ReferralPerson", "Person"),
    "agency": ("an involved agency", "referrals.ReferralAgencyContact", "Agency"),
}
assert set(_ITEMS) == set(COLLECTION_NOUNS.values()), "label every list of the referral form"


# A row's referral and partnership are the event's own: not repeated on every line.
_CONTEXT = frozenset({"referral_id", "partnership_id"})


def _items() -> dict:
    labels = {}
    for noun, (what, model, row) in _ITEMS.items():
        labels[f"referral.{noun}_add"] = ActionLabel(
            f"added {what} to the referral {{name}}", model=model, hide=_CONTEXT
        )
        labels[f"referral.{noun}_update"] = ActionLabel(
            f"changed the details of {what} on the referral {{name}}",
            model=model,
            refs={"row": model},
            labels={"row": row},
            collapse=True,
        )
        labels[f"referral.{noun}_remove"] = ActionLabel(
            f"removed {what} from the referral {{name}}",
            model=model,
            refs={"row": model},
            labels={"row": row},
        )
    return labels


def _challenges() -> dict:
    labels = {}
    for kind, label in ChallengeKind.choices:
        what = "a challenge to the decision" if kind == ChallengeKind.CHALLENGE else "a complaint"
        labels[f"referral.{kind}_raise"] = ActionLabel(
            f"recorded {what} on the referral {{name}}",
            hide=frozenset({"challenge"}),
            labels={"first_step": "First step"},
        )
        labels[f"referral.{kind}_step"] = ActionLabel(
            f"recorded a resolution step of {what} on the referral {{name}}",
            model="referrals.ChallengeStep",
            labels={"step": "Step", "challenge_status": f"{label}: status"},
            choices={"challenge_status": ChallengeStatus.choices, "outcome": StepOutcome.choices},
        )
    return labels


def register() -> None:
    register_actions(
        {
            "referral.create": "started the referral {name}",
            "referral.save_draft": ActionLabel(
                "saved the draft referral {name}",
                values={"reasons": REASONS, "characteristics": CHARACTERISTICS},
                collapse=True,
            ),
            **_items(),
            "referral.submit_for_authorisation": "sent the referral {name} for authorisation",
            "referral.authorise": "authorised the referral {name} and sent it to the partnership",
            "referral.authorise_as_deputy": ActionLabel(
                "authorised the referral {name} as deputy for {after[deputy_for]} and sent it to"
                " the partnership",
                refs={"deputy_for": "cases.User"},
                labels={"deputy_for": "Deputy for"},
            ),
            "referral.return": "returned the referral {name} to the referrer for changes",
            "referral.withdraw": "withdrew the referral {name}",
            "referral.quality_assure": "quality assured the referral {name}",
            "referral.request_information": ActionLabel(
                "asked for more information about the referral {name}",
                hide=frozenset({"request"}),
            ),
            "referral.provide_information": ActionLabel(
                "provided the information asked for on the referral {name}",
                hide=frozenset({"request"}),
            ),
            "referral.request_agency_information": ActionLabel(
                "asked another agency for information about the referral {name}",
                hide=frozenset({"request"}),
                refs={"agency": "cases.Agency"},
                labels={"agency": "Agency asked"},
            ),
            "referral.provide_agency_information": ActionLabel(
                "sent an agency's summary of involvement for the referral {name}",
                refs={"agency": "cases.Agency"},
                labels={"agency": "Agency asked"},
            ),
            "referral.schedule_review_group": ActionLabel(
                "listed the referral {name} for the review group",
                labels={"meeting_date": "Meeting date"},
            ),
            "referral.decide": ActionLabel(
                "recorded the triage decision on the referral {name}", values=OUTCOMES
            ),
            "referral.recommend_to_executive": ActionLabel(
                "sent the recommendation on the referral {name} to the executive",
                hide=frozenset({"recommendation"}),
                values=OUTCOMES,
            ),
            "referral.media_update": ActionLabel(
                "sent an update on the media interest in the referral {name}"
            ),
            "referral.media_monitoring_end": ActionLabel(
                "ended the media monitoring of the referral {name} and closed its case"
            ),
            "referral.executive_decision": ActionLabel(
                "recorded the executive's decision on the referral {name}", values=OUTCOMES
            ),
            # Who decides to notify (issue 12).
            "referral.local_authority_decision": ActionLabel(
                "recorded the local authority's decision to notify on the referral {name}",
                values=OUTCOMES,
            ),
            "referral.notification_agree": ActionLabel(
                "recorded {after[agency]}'s agreement to notify the incident on the referral"
                " {name}",
                hide=frozenset({"notification_agreement"}),
                labels={"agency": "Agency"},
            ),
            "referral.notification_disagree": ActionLabel(
                "recorded that {after[agency]} does not agree to notify the incident on the"
                " referral {name}",
                hide=frozenset({"notification_agreement"}),
                labels={"agency": "Agency"},
            ),
            "referral.notification_agreed": ActionLabel(
                "completed the statutory partners' agreement to notify on the referral {name}",
                values=OUTCOMES,
                labels={"agreements": "Partners agreeing"},
            ),
            "referral.notification_escalate": ActionLabel(
                "recorded a disagreement about notifying on the referral {name}, escalated to"
                " {after[escalated_to]}",
                hide=frozenset({"notification_agreement"}),
                labels={"escalated_to": "Escalated to"},
            ),
            "referral.reopen": ActionLabel(
                "reopened the referral {name} for triage after an upheld challenge",
                values=OUTCOMES,
            ),
            "referral.link_case": ActionLabel(
                "moved the referral {name} to case {after[case]}", labels={"case": "Case"}
            ),
            **_challenges(),
            "referral_lookup.create": ActionLabel(
                "added {object} to a list of the referral form",
                choices={"kind": LookupKind.choices},
            ),
            "referral_lookup.update": "changed the list entry {object}",
        }
    )
