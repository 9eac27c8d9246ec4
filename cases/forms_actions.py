"""Forms of the action plan pages (cases/views/actions.py). The rules across fields are in
cases.services.actions, shared with the API; these forms only read the answers, each with its
own GOV.UK message so every error shows at once."""

from django import forms

from cases.models import ActionItemStatus, ActionStage
from config.widgets import GovukDateField

UPLOAD_HINT = (
    "Optional. PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text, up to "
    "20MB. It is kept with the case's documents."
)


def _text(label: str, help_text: str = "", *, rows: int = 3, required: bool = False, missing=""):
    field = forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    if missing:
        field.error_messages["required"] = missing
    return field


class ActionForm(forms.Form):
    stage = forms.ChoiceField(
        label="Which review does the action come from?",
        choices=ActionStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which review the action comes from"},
    )
    recommendation = _text(
        "Recommendation or learning", "Optional. What the review found that this action answers."
    )
    what = _text(
        "Action",
        "What will be done: specific and achievable.",
        required=True,
        missing="Enter the action",
    )
    owner_agency = forms.ChoiceField(
        label="Agency that owns the action",
        choices=(),
        error_messages={"required": "Select the agency that owns the action"},
    )
    owner_person = forms.ChoiceField(
        label="Person responsible", required=False, choices=(), help_text="Optional."
    )
    due_date = GovukDateField(
        label="Due date",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date the action is due"},
    )
    success_measure = _text(
        "Success measure",
        "How you will know the action has worked.",
        required=True,
        missing="Enter how you will know the action has worked",
    )

    def __init__(self, *args, agencies=(), members=(), **kwargs):
        """members: the partnership's members in an agency (whom an action can name)."""
        super().__init__(*args, **kwargs)
        members = [m for m in members if m.agency_id]
        self.agencies = {str(a.pk): a for a in agencies}
        self.people = {str(m.user_id): m.user for m in members}
        self.fields["owner_agency"].choices = [("", "Select an agency")] + [
            (str(a.pk), a.name) for a in agencies
        ]
        self.fields["owner_person"].choices = [("", "Nobody named")] + [
            (str(m.user_id), f"{m.user.get_full_name() or m.user.email} ({m.agency.name})")
            for m in members
        ]

    def clean_owner_agency(self):
        return self.agencies.get(self.cleaned_data["owner_agency"])

    def clean_owner_person(self):
        value = self.cleaned_data["owner_person"]
        return self.people.get(value) if value else None


class ActionProgressForm(forms.Form):
    text = _text("Progress update", required=True, rows=4, missing="Enter the progress made")
    evidence_file = forms.FileField(label="Evidence", required=False, help_text=UPLOAD_HINT)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[
            (ActionItemStatus.IN_PROGRESS, "In progress"),
            (ActionItemStatus.COMPLETED, "Completed: the action is done and the evidence given"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select in progress or completed"},
    )
    note = _text("Note", "Optional.")


class ActionMoveDueForm(forms.Form):
    due_date = GovukDateField(
        label="New due date",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the new due date"},
    )
    reason = _text(
        "Why is the due date moving?",
        rows=3,
        required=True,
        missing="Enter why the due date is moving",
    )


class ActionCloseForm(forms.Form):
    note = _text("Note", "Optional. For example, the evidence the review group saw.")


class ActionCancelForm(forms.Form):
    reason = _text(
        "Why is the action cancelled?",
        rows=3,
        required=True,
        missing="Enter why the action is cancelled",
    )


class ActionFilterForm(forms.Form):
    agency = forms.ChoiceField(label="Agency", required=False, choices=())
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ActionItemStatus.choices]
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Any agency")] + [
            (str(a.pk), a.name) for a in agencies
        ]


class ActionPlanSignOffForm(forms.Form):
    stage = forms.ChoiceField(
        label="Which action plan?",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select which review's action plan to send"},
    )
    comments = _text("Comments", "Optional. For the people who sign it off.")

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, ActionStage(s).label) for s in stages]


class ImpactStatementForm(forms.Form):
    """BCP 003 section 15: the QAG's statement "to evidence what difference has been made"."""

    written_on = GovukDateField(
        label="Date of the impact statement",
        help_text="For example, 27 3 2027",
        past_only=True,
        error_messages={"required": "Enter the date of the impact statement"},
    )
    produced_by = forms.CharField(
        label="Who produced it?",
        help_text="The group or person, for example the Quality Assurance Group",
        max_length=200,
        error_messages={
            "required": "Enter who produced the impact statement",
            "max_length": "Who produced it must be 200 characters or fewer",
        },
    )
    difference_made = _text(
        "What difference has the review made?",
        "To the quality of practice and to systems, across the agencies.",
        rows=6,
        required=True,
        missing="Enter what difference the review has made",
    )
    evidence = _text("Evidence", "Audits, data or feedback that show it.", rows=4)
