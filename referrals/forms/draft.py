"""The referral form's question pages: one topic per page, nothing required on a page (a draft
saves whatever is there); only the format of an answer is checked here. What is needed before
the referral can be sent (referrals.completeness) is not marked "(optional)"."""

from types import FunctionType

from django import forms
from django.core.exceptions import FieldDoesNotExist

from cases.models import Agency, PlanStatus
from config.forms import govuk_field
from config.widgets import GovukDateField
from referrals.choices import LookupKind, PersonRole
from referrals.completeness import needed_fields
from referrals.lookups import lookup_choices
from referrals.models import Referral, ReferralAgencyContact, ReferralChild, ReferralPerson
from referrals.services.drafts import PERSON_FIELDS

DATE_HINT = "For example, 27 3 2026"
TEXTAREA = {"rows": 6}


def _textarea(rows: int = 6):
    return forms.Textarea(attrs={"rows": rows})


def _model_checks(model, name: str, field) -> list:
    """The model field's own checks (an NHS number's checksum) that the form field lacks, so
    that a page shows every error at once instead of the date errors first and the rest only
    after the service's model validation (issue 11)."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return []
    have = {type(v) for v in field.validators}  # e.g. the max length, already on both
    return [
        v
        for v in model_field.validators
        if v not in field.validators and (isinstance(v, FunctionType) or type(v) not in have)
    ]


class DraftForm(forms.ModelForm):
    """A page of the referral: every field optional; dates the GOV.UK way."""

    page_heading_field: str | None = None

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        for name, field in self.fields.items():
            field.required = False
            field.validators = [*field.validators, *_model_checks(self._meta.model, name, field)]
        if self.page_heading_field:
            govuk_field(self.fields[self.page_heading_field], page_heading=True)

    @property
    def needed_fields(self) -> frozenset[str]:
        """Needed before sending, so their labels do not say "(optional)" (config.forms)."""
        return needed_fields(self._meta.model)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                continue
            if data.get(name) is None and not isinstance(field, forms.DateField):
                data[name] = [] if isinstance(field, forms.MultipleChoiceField) else ""
        return data

    def _post_clean(self):
        # Model validation happens in the service, which puts its errors on this form.
        pass


def _date(label: str, hint: str = DATE_HINT):
    return GovukDateField(label=label, help_text=hint, required=False)


class ReferrerForm(DraftForm):
    class Meta:
        model = Referral
        fields = [
            "referrer_name",
            "referrer_job_title",
            "referrer_phone",
            "referrer_email",
            "referrer_address",
        ]
        # The referrer's own details: autocomplete names each input's purpose (WCAG 1.3.5).
        widgets = {
            "referrer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "referrer_job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "referrer_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "referrer_address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "referrer_phone": forms.TextInput(
                attrs={"class": "govuk-input--width-20", "autocomplete": "tel"}
            ),
        }
        help_texts = {
            "referrer_phone": "Give a telephone number, an email address or both: the "
            "partnership may contact you about the referral.",
        }


class ExternalReferrerForm(DraftForm):
    class Meta:
        model = Referral
        fields = [
            "external_source",
            "referrer_organisation",
            "referrer_name",
            "referrer_phone",
            "referrer_email",
            "referrer_address",
        ]
        widgets = {
            "external_source": forms.RadioSelect,
            "referrer_address": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "referrer_organisation": "Organisation or office",
            "referrer_name": "Name of the person who referred",
        }
        help_texts = {
            "referrer_organisation": "Give the organisation, the person's name or both.",
            "referrer_phone": "Give a telephone number, an email address or both.",
        }


class IncidentForm(DraftForm):
    incident_date = _date(
        "Date of the incident",
        "If you are not sure, give your best estimate "
        "and say so in the description. For example, 27 3 2026",
    )

    class Meta:
        model = Referral
        fields = ["harm", "incident_date", "incident_location"]
        widgets = {"harm": forms.RadioSelect}
        labels = {"incident_location": "Where did it happen?"}


def _single(field: str, label: str, hint: str = ""):
    """A one-question page: the label is the page's heading."""

    class Form(DraftForm):
        page_heading_field = field

        class Meta:
            model = Referral
            fields = [field]
            widgets = {field: _textarea(8)}
            labels = {field: label}
            help_texts = {field: hint}

    Form.__name__ = f"{field.title().replace('_', '')}Form"
    return Form


WhatHappenedForm = _single(
    "what_happened",
    "What happened?",
    "A brief description of the event that triggered the referral, including key dates and "
    "places. Please include as much as you know; facts that are not known yet can follow.",
)
WhyNowForm = _single("why_now", "Why is this case being referred now?")
ImmediateActionForm = _single(
    "immediate_action",
    "What immediate action has been taken to keep the child and any siblings safe?",
    "Include what is being done to safeguard any child at risk from the alleged perpetrator.",
)
SummaryForm = _single(
    "summary_of_events",
    "Summary of events",
    "Outline the events and circumstances that triggered this referral. This is to help decide "
    "whether the case meets the criteria; it does not need detailed analysis at this stage.",
)
CriteriaForm = _single(
    "why_meets_criteria",
    "Why do you think this meets the criteria for a review?",
    "Include your reflection on how partners worked together.",
)
WorkedWellForm = _single("what_worked_well", "What worked well?")
WorriesForm = _single("worries", "What are you worried about?")
KeyIssuesForm = _single(
    "key_issues",
    "What are the key issues, and what needs looking at in a review?",
)
AnythingElseForm = _single(
    "anything_else",
    "Is there anything else that may help the decision?",
)


class _LookupForm(DraftForm):
    lookup_field = ""
    lookup_kind = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = list(getattr(self.instance, self.lookup_field) or [])
        self.fields[self.lookup_field] = forms.MultipleChoiceField(
            label=self._meta.labels[self.lookup_field],
            help_text=self._meta.help_texts.get(self.lookup_field, ""),
            choices=lookup_choices(self.partnership, self.lookup_kind, keep=chosen),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=chosen,
        )
        govuk_field(self.fields[self.lookup_field], label_size="m")


class ReasonsForm(_LookupForm):
    lookup_field = "reasons"
    lookup_kind = LookupKind.REASON

    class Meta:
        model = Referral
        fields = ["reasons", "reason_other", "reason_comment"]
        labels = {
            "reasons": "Why are you making the referral?",
            "reason_other": "Other reason",
            "reason_comment": "Why is this a serious case, of local significance for practice?",
        }
        help_texts = {
            "reasons": "Select all that apply.",
            "reason_other": "If none of the reasons fits, give the reason in your own words.",
        }
        widgets = {"reason_other": _textarea(2), "reason_comment": _textarea(5)}


class CharacteristicsForm(_LookupForm):
    lookup_field = "characteristics"
    lookup_kind = LookupKind.CHARACTERISTIC

    class Meta:
        model = Referral
        fields = ["characteristics", "characteristics_other"]
        labels = {
            "characteristics": "Characteristics of the case",
            "characteristics_other": "Other features",
        }
        help_texts = {"characteristics": "Select all that apply, suspected or actual."}
        widgets = {"characteristics_other": _textarea(2)}


class ProceedingsForm(DraftForm):
    class Meta:
        model = Referral
        fields = ["siblings_on_plan", "criminal_proceedings", "conviction", "proceedings_details"]
        widgets = {
            "siblings_on_plan": forms.RadioSelect,
            "criminal_proceedings": forms.RadioSelect,
            "conviction": forms.RadioSelect,
            "proceedings_details": _textarea(4),
        }
        labels = {
            "siblings_on_plan": "Are any siblings subject to a child protection plan?",
            "criminal_proceedings": "Have criminal proceedings been started?",
            "conviction": "Has there been a conviction?",
        }
        help_texts = {"proceedings_details": "For example the charge, the court and key dates."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("siblings_on_plan", "criminal_proceedings", "conviction"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
            govuk_field(self.fields[name], inline=True)
        # Not asked twice (WCAG 3.3.7): a sibling recorded on a child protection plan answers
        # the question until the referrer answers it themselves.
        referral = self.instance
        if referral.pk and not referral.siblings_on_plan:
            on_plan = referral.people.filter(
                archived_at=None, role=PersonRole.SIBLING, cp_plan_status=PlanStatus.YES
            )
            if on_plan.exists():
                self.initial["siblings_on_plan"] = PlanStatus.YES
                self.fields["siblings_on_plan"].help_text = (
                    "Answered from the family members you added: a sibling is on a child "
                    "protection plan."
                )


class DiscussionForm(DraftForm):
    discussed_on = _date("Date of the discussion")

    class Meta:
        model = Referral
        fields = ["discussed_with", "discussed_on", "discussion_outcome"]
        widgets = {"discussion_outcome": forms.RadioSelect}
        labels = {
            "discussed_with": "Who did you discuss the referral with before sending it?",
            "discussion_outcome": "Did they agree a notification to the National Panel is needed?",
        }
        help_texts = {
            "discussed_with": "Their name and role, for example a safeguarding partner"
            " representative or the local authority's lead officer (Head of Quality Assurance)."
            " Leave blank if there was no discussion.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussion_outcome"].choices = [
            c for c in self.fields["discussion_outcome"].choices if c[0]
        ]


class FamilyInvolvementForm(DraftForm):
    class Meta:
        model = Referral
        fields = [
            "key_worker_consulted",
            "key_worker_views",
            "involve_family",
            "family_involvement_views",
            "family_not_involved_reasons",
        ]
        widgets = {
            "key_worker_consulted": forms.RadioSelect,
            "involve_family": forms.RadioSelect,
            "key_worker_views": _textarea(3),
            "family_involvement_views": _textarea(4),
            "family_not_involved_reasons": _textarea(4),
        }
        labels = {
            "key_worker_consulted": "Have you told the allocated social worker or key worker "
            "that you are referring, and asked for their views?",
            "key_worker_views": "Their views",
            "involve_family": "Should the child and family be involved in a review?",
            "family_involvement_views": "How should they be involved, and who should help them?",
            "family_not_involved_reasons": "If not, why is it not in the child's best interests?",
        }
        help_texts = {
            "involve_family": "Involving parents and children (subject to age and understanding) "
            "is good practice, but not all information should be shared with them.",
            "family_not_involved_reasons": "You must give the reasons if you answered no.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("key_worker_consulted", "involve_family"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]


# --- Repeating sections --------------------------------------------------------------------


class _ItemForm(DraftForm):
    def _radios(self, *names):
        for name in names:
            if name in self.fields:
                self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]


class ChildDetailsForm(_ItemForm):
    date_of_birth = _date("Date of birth", "For example, 27 3 2019")
    date_of_death = _date("Date of death (if applicable)", "For example, 2 11 2026")

    class Meta:
        model = ReferralChild
        fields = [
            "first_name",
            "last_name",
            "aliases",
            "date_of_birth",
            "date_of_death",
            "sex",
            "gender_identity",
            "nhs_number",
        ]
        widgets = {
            "sex": forms.RadioSelect,
            "nhs_number": forms.TextInput(
                attrs={
                    "class": "govuk-input--width-10",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                }
            ),
        }
        help_texts = {
            "first_name": "If the child has no name yet, enter “Baby”.",
            "nhs_number": "If known. For example, 943 476 5919",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._radios("sex")


class ChildBackgroundForm(_ItemForm):
    class Meta:
        model = ReferralChild
        fields = [
            "address",
            "ethnicity",
            "ethnicity_other",
            "faith",
            "first_language",
            "disability",
            "education_provision",
            "carer_at_time",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        labels = {"ethnicity_other": "If other, please specify"}
        help_texts = {
            "education_provision": "For example the school, nursery or college, or home education.",
        }


class ChildPlansForm(_ItemForm):
    cp_plan_start = _date("Date the child protection plan started", "For example, 14 1 2026")

    class Meta:
        model = ReferralChild
        fields = [
            "legal_status",
            "cp_plan_status",
            "cp_plan_category",
            "cp_plan_start",
            "cin_status",
            "tac_status",
            "lac_status",
        ]
        widgets = {
            "cp_plan_status": forms.RadioSelect,
            "cin_status": forms.RadioSelect,
            "tac_status": forms.RadioSelect,
            "lac_status": forms.RadioSelect,
        }
        labels = {
            "cp_plan_status": "Is the child subject to a child protection plan?",
            "cp_plan_category": "Category of the child protection plan",
            "cin_status": "Is the child a child in need (CIN)?",
            "tac_status": "Is there a team around the child (TAC)?",
            "lac_status": "Is the child looked after (LAC)?",
        }
        help_texts = {"legal_status": "For example a care order, or none."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._radios("cp_plan_status", "cin_status", "tac_status", "lac_status")
        for name in ("cp_plan_status", "cin_status", "tac_status", "lac_status"):
            govuk_field(self.fields[name], inline=True)


class PersonForm(_ItemForm):
    date_of_birth = _date("Date of birth", "For example, 27 3 1990")

    class Meta:
        model = ReferralPerson
        fields = list(PERSON_FIELDS)
        widgets = {
            "role": forms.RadioSelect,
            "cp_plan_status": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "nhs_number": forms.TextInput(
                attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}
            ),
        }
        labels = {"ethnicity_other": "If other, please specify"}
        help_texts = {"relationship_to_child": "For example mother, stepfather, grandmother."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._radios("role", "cp_plan_status")
        govuk_field(self.fields["cp_plan_status"], inline=True)
        if not self.is_bound and not self.instance.pk and self.initial.get("address"):
            self.fields[
                "address"
            ].help_text = "The child's address. Change it if this person lives somewhere else."


class AgencyContactForm(_ItemForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency", required=False)
    involved_from = _date("Involved from", "For example, 1 9 2025")
    involved_to = _date("Involved until", "Leave empty if they are still involved.")

    class Meta:
        model = ReferralAgencyContact
        fields = [
            "agency",
            "agency_name",
            "practitioner_name",
            "contact_details",
            "involvement",
            "involved_from",
            "involved_to",
            "still_involved",
        ]
        widgets = {
            "involvement": forms.Textarea(attrs={"rows": 4}),
            "still_involved": forms.RadioSelect,
        }
        help_texts = {"contact_details": "Telephone number or email address."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=self.partnership, is_active=True
        )
        self.fields["agency"].empty_label = "Not in the list"
        self._radios("still_involved")


class RemoveForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Are you sure?",
        error_messages={"required": "Select yes if you want to remove it"},
        choices=[("yes", "Yes, remove it"), ("no", "No")],
        widget=forms.RadioSelect,
    )
