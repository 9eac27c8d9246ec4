"""Forms for workflow settings, closure days, stage recompute and reminder preferences."""

import copy
import json

from django import forms
from django.core.exceptions import ValidationError

from cases.models.roles import REFERRAL_AUTHORISER_ROLES
from cases.services.workflow_settings import MAX_SETTINGS_CHARS
from cases.workflow import PRESETS, STAGES
from config.widgets import GovukDateField

PRESET_LABELS = {
    "lincolnshire": "Lincolnshire",
    "swindon": "Swindon",
    "dorset": "Dorset (Pan-Dorset)",
    "bcp": "BCP (Bournemouth, Christchurch and Poole)",
    "north-lincolnshire": "North Lincolnshire",
}
QUORUM_CHOICES = [
    ("one_of_each_statutory_partner", "At least one person from each statutory partner"),
    ("minimum_count", "A minimum number of people"),
]
# Settings paths (cases.workflow validation messages) shown next to a friendly field.
PATH_FIELDS = {
    "review_group_name": "review_group_name",
    "executive_board_name": "executive_board_name",
    "referral_authoriser_role": "referral_authoriser_role",
    "child_names_in_lists": "child_names_in_lists",
    "notification_decision.by": "notification_decided_by",
    "notification_decision.agreements_needed": "agreements_needed",
    "notification_decision.escalate_to": "escalate_to",
    "quorum.rule": "quorum_rule",
    "quorum.minimum": "quorum_minimum",
    "reminder_policy.before_working_days": "before_working_days",
    "reminder_policy.on_due_day": "on_due_day",
    "reminder_policy.overdue_every_working_day": "overdue_every_working_day",
    "reminder_policy.escalate_to_business_manager_after": "escalate_to_business_manager_after",
    "reminder_policy.escalate_to_executive_after": "escalate_to_executive_after",
}


def field_for_message(message: str) -> str | None:
    path = message.split(":", 1)[0]
    for prefix, field in PATH_FIELDS.items():
        if path == prefix or path.startswith(prefix + "[") or path.startswith(prefix + "."):
            return field
    return None


def _small_int(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class WorkflowCommonForm(forms.Form):
    review_group_name = forms.CharField(label="Name of the review group", max_length=255)
    executive_board_name = forms.CharField(label="Name of the executive board", max_length=255)
    referral_authoriser_role = forms.ChoiceField(
        label="Who authorises an agency's referral",
        help_text="A member of the referring agency with this role authorises the referral before"
        " the partnership receives it. Where it is the safeguarding lead officer, the deputy they"
        " name may authorise too.",
        error_messages={"required": "Select who authorises an agency's referral"},
        choices=[(r.value, r.label) for r in REFERRAL_AUTHORISER_ROLES],
    )
    child_names_in_lists = forms.ChoiceField(
        label="How lists name a child",
        help_text="Lists of referrals and My work show the first child's name or initials;"
        " the referral itself always shows the full name.",
        error_messages={"required": "Select how lists name a child"},
        choices=[
            ("full", "Full name, for example Jo Bloggs"),
            ("initials", "Initials only, for example J. B."),
        ],
        widget=forms.RadioSelect,
    )
    notification_decided_by = forms.ChoiceField(
        label="Who decides that a recommended incident is notified?",
        help_text="The review group's recommendation for a rapid review goes to them.",
        error_messages={"required": "Select who decides that an incident is notified"},
        choices=[
            ("executive", "The executive board"),
            (
                "statutory_partners",
                "The statutory partners, each recording agreement (its safeguarding lead officer"
                " or agency executive)",
            ),
            (
                "local_authority",
                "The local authority (its safeguarding lead officer or agency executive)",
            ),
        ],
        widget=forms.RadioSelect,
    )
    agreements_needed = forms.IntegerField(
        label="How many statutory partners must agree (where the statutory partners decide)",
        required=False,
        min_value=1,
        max_value=10,
        error_messages={
            "min_value": "The number of partners must be 1 or more",
            "max_value": "The number of partners must be 10 or fewer",
            "invalid": "Enter the number of partners as a whole number, like 3",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    escalate_to = forms.CharField(
        label="Where another partner's disagreement is escalated (where the local authority"
        " decides)",
        help_text="For example, the PDSCP Executive. Leave empty for the executive board.",
        required=False,
        max_length=255,
    )
    quorum_rule = forms.ChoiceField(
        label="When is a meeting quorate?",
        error_messages={"required": "Select when a meeting is quorate"},
        choices=QUORUM_CHOICES,
        widget=forms.RadioSelect,
    )
    quorum_minimum = forms.IntegerField(
        label="Minimum number of people (for a minimum number)",
        required=False,
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    before_working_days = forms.CharField(
        label="Reminders before the due date (working days)",
        help_text="Separate numbers with commas, for example 5, 2. Leave empty for none.",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    on_due_day = forms.BooleanField(label="Remind on the due day", required=False)
    overdue_every_working_day = forms.BooleanField(
        label="Remind every working day while a step is overdue", required=False
    )
    escalate_to_business_manager_after = _small_int(
        "Escalate to the business managers after (overdue working days)",
        "Leave empty to never escalate to the business managers.",
    )
    escalate_to_executive_after = _small_int(
        "Then escalate to the executives after (overdue working days)",
        "Leave empty to never escalate to the executives.",
    )
    note = forms.CharField(label="Reason for the change", required=False, max_length=2000)

    @classmethod
    def initial_from(cls, workflow: dict) -> dict:
        def get(data, key, default=None):
            return data.get(key, default) if isinstance(data, dict) else default

        quorum = get(workflow, "quorum", {})
        deciding = get(workflow, "notification_decision", {})
        policy = get(workflow, "reminder_policy", {})
        before = get(policy, "before_working_days", [])
        return {
            "review_group_name": get(workflow, "review_group_name", ""),
            "executive_board_name": get(workflow, "executive_board_name", ""),
            "referral_authoriser_role": get(workflow, "referral_authoriser_role", ""),
            "child_names_in_lists": get(workflow, "child_names_in_lists", "full"),
            "notification_decided_by": get(deciding, "by", "executive"),
            "agreements_needed": get(deciding, "agreements_needed"),
            "escalate_to": get(deciding, "escalate_to", ""),
            "quorum_rule": get(quorum, "rule", ""),
            "quorum_minimum": get(quorum, "minimum"),
            "before_working_days": ", ".join(str(n) for n in before)
            if isinstance(before, list)
            else "",
            "on_due_day": bool(get(policy, "on_due_day", True)),
            "overdue_every_working_day": bool(get(policy, "overdue_every_working_day", True)),
            "escalate_to_business_manager_after": get(policy, "escalate_to_business_manager_after"),
            "escalate_to_executive_after": get(policy, "escalate_to_executive_after"),
        }

    def clean_before_working_days(self):
        raw = self.cleaned_data["before_working_days"].replace(" ", "")
        if not raw:
            return []
        try:
            numbers = [int(part) for part in raw.split(",") if part]
        except ValueError:
            raise ValidationError("Enter whole numbers separated by commas, like 5, 2") from None
        if any(not 1 <= n <= 30 for n in numbers):
            raise ValidationError("Each number must be between 1 and 30")
        if len(set(numbers)) != len(numbers):
            raise ValidationError("Do not repeat a number")
        return sorted(numbers, reverse=True)

    def clean(self):
        data = super().clean()
        if data.get("quorum_rule") == "minimum_count" and not data.get("quorum_minimum"):
            self.add_error("quorum_minimum", "Enter the minimum number of people")
        partners = data.get("notification_decided_by") == "statutory_partners"
        if (
            partners
            and not data.get("agreements_needed")
            and "agreements_needed" not in self.errors
        ):
            self.add_error("agreements_needed", "Enter how many statutory partners must agree")
        return data

    def apply(self, workflow: dict) -> dict:
        """The partnership's settings with this form's values written in."""
        data = self.cleaned_data
        result = copy.deepcopy(workflow) if isinstance(workflow, dict) else {}
        for name in (
            "review_group_name",
            "executive_board_name",
            "referral_authoriser_role",
            "child_names_in_lists",
        ):
            result[name] = data[name]
        result["notification_decision"] = self._notification_decision(
            result.get("notification_decision")
        )
        result["quorum"] = {"rule": data["quorum_rule"]}
        if data["quorum_rule"] == "minimum_count":
            result["quorum"]["minimum"] = data["quorum_minimum"]
        result["reminder_policy"] = {
            "before_working_days": data["before_working_days"],
            "on_due_day": data["on_due_day"],
            "overdue_every_working_day": data["overdue_every_working_day"],
            "escalate_to_business_manager_after": data["escalate_to_business_manager_after"],
            "escalate_to_executive_after": data["escalate_to_executive_after"],
        }
        return result

    def _notification_decision(self, before) -> dict:
        """The setting from the form; the seed citation stays while who decides is unchanged."""
        data = self.cleaned_data
        by = data["notification_decided_by"]
        setting = {"by": by}
        if by == "statutory_partners":
            setting["agreements_needed"] = data["agreements_needed"]
        if by == "local_authority" and data["escalate_to"].strip():
            setting["escalate_to"] = data["escalate_to"].strip()
        if isinstance(before, dict) and before.get("by") == by and before.get("source"):
            setting["source"] = before["source"]
        return setting


class WorkflowJsonForm(forms.Form):
    settings = forms.CharField(
        label="Workflow settings (JSON)",
        help_text="The whole settings document. docs/working-days.md describes every field.",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        max_length=MAX_SETTINGS_CHARS,
        strip=False,
    )
    note = forms.CharField(label="Reason for the change", required=False, max_length=2000)

    def clean_settings(self):
        raw = self.cleaned_data["settings"]
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                f"Enter valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from None
        except (RecursionError, ValueError):
            raise ValidationError("Enter valid JSON: it is nested too deeply") from None
        if not isinstance(value, dict):
            raise ValidationError("The settings must be a JSON object, starting with {")
        return value


class PresetForm(forms.Form):
    preset = forms.ChoiceField(
        label="Preset",
        choices=[(name, PRESET_LABELS.get(name, name)) for name in PRESETS],
        widget=forms.RadioSelect,
    )


class SchedulePreviewForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", choices=list(STAGES.items()))
    day_zero = GovukDateField(label="Day zero", help_text="For example, 22 12 2026")

    def clean_day_zero(self):
        value = self.cleaned_data["day_zero"]
        if not 2000 <= value.year <= 2100:
            raise ValidationError("Day zero must be between 2000 and 2100")
        return value


class ClosureDayForm(forms.Form):
    date = GovukDateField(label="Date", help_text="For example, 29 12 2026")
    reason = forms.CharField(
        label="Reason", max_length=200, help_text="For example, office closure over Christmas"
    )


class StageRecomputeForm(forms.Form):
    day_zero = GovukDateField(
        label="Day zero", help_text="Correct it if it was wrong. For example, 22 12 2026"
    )
    reason = forms.CharField(
        label="Why are you recomputing this stage?",
        error_messages={"required": "Enter why you are recomputing this stage"},
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_day_zero(self):
        value = self.cleaned_data["day_zero"]
        if not 2000 <= value.year <= 2100:
            raise ValidationError("Day zero must be between 2000 and 2100")
        return value


class ReminderPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        error_messages={"required": "Select how you want your reminders"},
        choices=[
            ("each", "One e-mail for each reminder, as it falls due"),
            ("digest", "One e-mail a day listing everything due soon or overdue"),
        ],
        widget=forms.RadioSelect,
        help_text="Escalations of overdue steps are always sent at once.",
    )
