"""Forms of the referral's actions (authorisation, triage, executive, challenges, settings)."""

from django import forms
from django.utils import timezone

from cases.models import Agency
from config.forms import govuk_field
from config.widgets import GovukDateField
from referrals.choices import (
    AbuseOrNeglect,
    AlternativeReview,
    ChallengeKind,
    ExecutiveVerdict,
    ExternalSource,
    Harm,
    StepOutcome,
)


def _date(label, hint="For example, 27 3 2026", required=True):
    return GovukDateField(label=label, help_text=hint, required=required)


def _text(label, hint="", required=True, rows=5, missing=""):
    """A text box; ``missing``: the error when it is empty, written for this question."""
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing} if missing else None,
    )


class ExternalStartForm(forms.Form):
    external_source = forms.ChoiceField(
        label="Who made the referral?",
        error_messages={"required": "Select who made the referral"},
        choices=ExternalSource.choices,
        widget=forms.RadioSelect,
    )
    referrer_organisation = forms.CharField(
        label="Organisation or office",
        max_length=200,
        required=False,
        help_text="For example, HM Coroner for Lincolnshire.",
    )
    referrer_name = forms.CharField(
        label="Name of the person who referred", max_length=200, required=False
    )
    referrer_phone = forms.CharField(label="Telephone number", max_length=40, required=False)
    referrer_email = forms.EmailField(label="Email address", required=False)


class ReceiptForm(forms.Form):
    received_on = _date(
        "Date the partnership received the referral",
        "Triage is counted from this day. For example, 27 3 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class AuthoriseForm(forms.Form):
    decision = govuk_field(
        forms.ChoiceField(
            label="Do you authorise this referral?",
            error_messages={"required": "Select yes if you authorise this referral"},
            choices=[
                ("authorise", "Yes, authorise it and send it to the partnership"),
                ("return", "No, return it to the referrer with comments"),
            ],
            widget=forms.RadioSelect,
        ),
        label_size="m",
        inline=False,
    )
    comments = _text(
        "Comments",
        "Required when you return it: say what needs to change.",
        required=False,
        rows=4,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comments", "").strip():
            self.add_error("comments", "Enter what needs to change")
        return data


class WithdrawForm(forms.Form):
    reason = _text(
        "Why are you withdrawing the referral?",
        rows=3,
        missing="Enter why you are withdrawing the referral",
    )


class QualityAssureForm(forms.Form):
    note = _text(
        "Quality assurance note",
        "For example, what was checked and anything triage should know.",
        required=False,
        rows=3,
    )


class MediaUpdateForm(forms.Form):
    note = _text(
        "Update",
        "What has happened since the last update: coverage, enquiries, what the media officers"
        " advise. The review group and the executive receive an e-mail that links here.",
        missing="Enter the update",
    )


class MediaMonitoringEndForm(forms.Form):
    note = _text(
        "Why has the monitoring ended?",
        "For example, no further media interest is expected.",
        missing="Enter why the monitoring has ended",
        rows=3,
    )


class InformationRequestForm(forms.Form):
    question = _text(
        "What information do you need?",
        "Do not ask for more than triage needs. The referrer sees this text.",
        missing="Enter the information you need",
    )
    respond_by = _date(
        "Reply by",
        "Optional. The wait is shown on the referral either way. For example, 27 3 2026",
        required=False,
    )


class AgencyInformationRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Which agency do you want to ask?",
        queryset=Agency.objects.none(),
        empty_label="Select an agency",
        error_messages={"required": "Select the agency to ask"},
    )
    question = _text(
        "What do you need to know?",
        "For example, a summary of the agency's involvement with the child and family. The"
        " agency sees this question and who the child is, not the referral.",
        missing="Enter the information you need",
    )
    respond_by = _date("Reply by", "Optional. For example, 27 3 2026", required=False)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=referral.partnership_id, is_active=True
        ).exclude(pk=referral.agency_id)


class AgencyInformationResponseForm(forms.Form):
    response = _text(
        "Your agency's summary of involvement",
        "Who was involved, when, and anything the partnership should know. Include dates.",
        rows=10,
        missing="Enter your agency's summary of involvement",
    )


class InformationResponseForm(forms.Form):
    response = _text("Your answer", rows=8)


class ScheduleForm(forms.Form):
    meeting_date = _date("Date of the meeting")
    note = _text("Note for the agenda", required=False, rows=3)


class DecisionForm(forms.Form):
    outcome = govuk_field(
        forms.ChoiceField(
            label="What is the decision?",
            error_messages={"required": "Select the decision"},
            widget=forms.RadioSelect,
        ),
        label_size="m",
        inline=False,
    )
    learning_option = forms.ChoiceField(
        label="Type of learning review",
        required=False,
        help_text="Only for a learning review.",
    )
    alternative_review = forms.ChoiceField(
        label="Which other statutory review?",
        required=False,
        choices=[("", "Not applicable"), *AlternativeReview.choices],
        help_text="Only for an alternative statutory review.",
    )
    information_needed = _text(
        "What information is needed?",
        "Only when more information is needed. The referrer sees this text.",
        required=False,
        rows=3,
    )
    rationale = _text("Rationale for the decision")
    decided_on = _date("Date of the decision")
    decided_by = forms.CharField(
        label="Who took the decision?",
        error_messages={"required": "Enter who took the decision: a person or a group"},
        max_length=300,
        help_text="For example, the review group meeting, or the three statutory partners.",
    )
    attendees = _text("Who attended", required=False, rows=3)

    def __init__(self, *args, outcomes: dict, options: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(outcomes.items())
        if options:
            self.fields["learning_option"].choices = [("", "Not applicable"), *options.items()]
        else:
            del self.fields["learning_option"]
        if "alternative_statutory_review" not in outcomes:
            del self.fields["alternative_review"]
        if "more_information" not in outcomes:
            del self.fields["information_needed"]


class RecommendationForm(forms.Form):
    discussed_on = _date("Date discussed at the review group", required=False)
    harm = forms.ChoiceField(
        label="Reason for notification: death or serious harm",
        choices=[c for c in Harm.choices if c[0] in (Harm.DIED, Harm.SERIOUS_HARM)],
        widget=forms.RadioSelect,
    )
    abuse_or_neglect = forms.ChoiceField(
        label="Reason for notification: neglect or abuse (known or suspected)",
        choices=AbuseOrNeglect.choices,
        widget=forms.RadioSelect,
    )
    incident_date = _date("Date of the incident", required=False)
    services_involved = _text(
        "Other services involved at the time or before the incident",
        "Include the 'from' and 'to' dates.",
        required=False,
        rows=4,
    )
    characteristics = forms.MultipleChoiceField(
        label="Characteristics of the incident",
        help_text="Select all that apply, suspected or actual.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    characteristics_other = _text("Other characteristics", required=False, rows=2)
    outline = _text(
        "Incident outline",
        "When and where it took place; events leading up to it; why it happened.",
        rows=8,
    )
    actions_taken = _text(
        "What actions have been taken?",
        "Include what is being done to safeguard any child at risk from the alleged perpetrator.",
        required=False,
    )
    rationale = _text(
        "Rationale for the recommendation",
        "The review group considered Working Together, chapter 4, and the Child Safeguarding "
        "Practice Review Panel's practice guidance.",
        rows=6,
    )

    def __init__(self, *args, characteristic_choices, children=(), **kwargs):
        """``children``: the generated per-child entries (Appendix D, "please replicate for any
        additional children"); each child gets its own two questions, after the date."""
        super().__init__(*args, **kwargs)
        self.fields["characteristics"].choices = characteristic_choices
        govuk_field(self.fields["characteristics"], small=True)
        self.children = list(children)
        per_child = {}
        for entry in self.children:
            pk, name = entry["child"], entry["name"]
            per_child[f"child_{pk}_legal_status"] = _text(
                f"{name}: legal status at the time of the incident", required=False, rows=2
            )
            per_child[f"child_{pk}_child_protection_plan"] = _text(
                f"{name}: if on a child protection plan, start date and category",
                required=False,
                rows=2,
            )
            self.initial.setdefault(f"child_{pk}_legal_status", entry["legal_status"])
            self.initial.setdefault(
                f"child_{pk}_child_protection_plan", entry["child_protection_plan"]
            )
        order = list(self.fields)
        at = order.index("discussed_on") + 1
        self.fields = {
            **{k: self.fields[k] for k in order[:at]},
            **per_child,
            **{k: self.fields[k] for k in order[at:]},
        }

    def clean(self):
        data = super().clean()
        data["children"] = [
            {
                "child": entry["child"],
                "legal_status": data.pop(f"child_{entry['child']}_legal_status", ""),
                "child_protection_plan": data.pop(
                    f"child_{entry['child']}_child_protection_plan", ""
                ),
            }
            for entry in self.children
        ]
        return data


class ExecutiveDecisionForm(forms.Form):
    verdict = govuk_field(
        forms.ChoiceField(
            label="Does the executive agree with the recommendation?",
            error_messages={
                "required": "Select whether the executive agrees with the recommendation"
            },
            choices=ExecutiveVerdict.choices,
            widget=forms.RadioSelect,
            help_text="If you agree, the case moves to “awaiting notification”: the local "
            "authority makes the serious incident notification and the rapid review follows. If "
            "you do not agree, the review group would welcome your feedback in the rationale.",
        ),
        label_size="m",
        inline=False,
    )
    rationale = _text("Response and rationale", rows=6)
    meeting_date = _date("Date of the meeting")
    attendees = _text("Attendees", rows=3)

    def __init__(self, *args, confirming=None, decider="", **kwargs):
        """``confirming``: the review group's decision the executive confirms (seed 004).
        ``decider``: who decides a recommended notification where it is not the executive
        ("the local authority", Dorset 2.1, BCP section 5)."""
        super().__init__(*args, **kwargs)
        if decider and confirming is None:
            verdict = self.fields["verdict"]
            verdict.label = f"Does {decider} agree that the incident should be notified?"
            verdict.error_messages["required"] = f"Select whether {decider} agrees"
            self.fields["rationale"].label = "Decision and rationale"
        if confirming is not None:
            self.fields["verdict"].help_text = (
                f"If you agree, the decision is made: {confirming.outcome_label}. If you do not"
                " agree, the referral goes back to the review group with your rationale."
            )


class LinkCaseForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Move this referral to that case?",
        error_messages={"required": "Select yes if it is the same child"},
        choices=[("yes", "Yes, it is the same child"), ("no", "No")],
        widget=forms.RadioSelect,
    )


class ChallengeForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you recording?",
        error_messages={"required": "Select what you are recording"},
        choices=ChallengeKind.choices,
        widget=forms.RadioSelect,
    )
    raised_by_name = forms.CharField(
        label="Who raised it",
        max_length=200,
        required=False,
        help_text="The agency or person. Leave empty when it is you.",
    )
    raised_on = _date("Date it was raised")
    grounds = _text(
        "What is disagreed with, and why?",
        rows=6,
        missing="Enter what is disagreed with, and why",
    )

    def __init__(self, *args, business_manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not business_manager:
            self.fields["kind"].choices = [c for c in ChallengeKind.choices if c[0] == "challenge"]
            del self.fields["raised_by_name"]


class ChallengeStepForm(forms.Form):
    outcome = govuk_field(
        forms.ChoiceField(
            label="Outcome of this step", choices=StepOutcome.choices, widget=forms.RadioSelect
        ),
        inline=False,
    )
    notes = _text("What happened at this step", missing="Enter what happened at this step")
    held_on = _date("Date of this step")

    def __init__(self, *args, last_step: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if last_step:
            self.fields["outcome"].choices = [
                c for c in StepOutcome.choices if c[0] != StepOutcome.ESCALATED
            ]


class LookupForm(forms.Form):
    label = forms.CharField(label="Text", max_length=300)
    position = forms.IntegerField(
        label="Position in the list", min_value=0, max_value=999, required=False
    )
    is_active = forms.BooleanField(
        label="Offer this entry on new referrals", required=False, initial=True
    )


YES_NO = (("yes", "Yes"), ("no", "No"))


class NotificationAgreementForm(forms.Form):
    """A statutory partner's agreement to notify (Swindon, seed 001)."""

    agrees = govuk_field(
        forms.TypedChoiceField(
            label="Does your agency agree that the incident should be notified?",
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            error_messages={"required": "Select whether your agency agrees"},
            help_text="The decision is made when every statutory partner has agreed. If your"
            " agency does not agree, the business manager is told and the partners follow the"
            " local resolution processes; you can record your agency's answer again after that.",
        ),
        label_size="m",
        inline=True,
    )
    rationale = _text("Your agency's reasons", missing="Enter the reasons", rows=5)


class NotificationEscalationForm(forms.Form):
    """Another statutory partner does not agree with the local authority (Dorset 2.1, BCP 6)."""

    rationale = _text(
        "Why does your agency not agree?",
        "Recorded on the referral as an escalation. The business manager, the local authority"
        " and the executive are told; the referrer is not asked for anything.",
        missing="Enter the reasons",
        rows=6,
    )
