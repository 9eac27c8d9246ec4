"""Forms of the statutory notice pages (cases/views/notices.py). The rules across fields are in
cases.services.notices, shared with the API; these forms only read the answers."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_format

from cases.models import NoticeKind, NoticeRecipient
from cases.workflow import STAGES
from config.widgets import GovukDateField


def _text(label: str, help_text: str = "", *, rows: int = 3, required: bool = False):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class _CaseRecordsForm(forms.Form):
    """A form offering the case's documents (and its open clock steps)."""

    def __init__(self, *args, attachments=(), deadlines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attachments = {str(a.pk): a for a in attachments}
        self.deadlines = {str(d.pk): d for d in deadlines}
        labels = [(str(a.pk), a.description or a.original_name) for a in attachments]
        if "documents" in self.fields:
            self.fields["documents"].choices = labels
            if not labels:
                del self.fields["documents"]
        if "evidence" in self.fields:
            self.fields["evidence"].choices = [("", "No document")] + labels
            if not labels:
                del self.fields["evidence"]
        if "deadline" in self.fields:
            self.fields["deadline"].choices = [("", "None: enter a due date instead")] + [
                (
                    str(d.pk),
                    f"{STAGES.get(d.stage, d.stage)}: {d.label}"
                    f" (due {date_format(d.due, 'j M Y')})",
                )
                for d in deadlines
            ]

    def clean_documents(self):
        return [self.attachments[pk] for pk in self.cleaned_data["documents"]]

    def clean_evidence(self):
        value = self.cleaned_data["evidence"]
        return self.attachments.get(value) if value else None

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        return self.deadlines.get(value) if value else None


class NoticeForm(_CaseRecordsForm):
    kind = forms.ChoiceField(
        label="What kind of notice is it?",
        choices=NoticeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of notice"},
    )
    recipients = forms.MultipleChoiceField(
        label="Who does it go to?",
        choices=NoticeRecipient.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave them all unticked for the partnership's usual recipients of this kind "
        "of notice (listed above).",
    )
    other_partnership = forms.CharField(
        label="Which other partnership",
        max_length=200,
        required=False,
        help_text="If it goes to another safeguarding partnership.",
    )
    deadline = forms.ChoiceField(
        label="Step of the case's clock it meets", required=False, choices=()
    )
    due_date = GovukDateField(
        label="Due date",
        help_text="If it meets no step of the clock. For example, 27 3 2027",
        required=False,
    )
    reason = _text(
        "Reasons",
        "Needed for a delay notice: why the review will not be published within six months.",
    )
    description = _text("What is sent", "For example, the final report, version 4.")
    documents = forms.MultipleChoiceField(
        label="Documents to send",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
    )


class NoticeSentForm(_CaseRecordsForm):
    sent_on = GovukDateField(
        label="Date sent",
        help_text="For example, 27 3 2027",
        past_only=True,
        error_messages={"required": "Enter the date the notice was sent"},
    )
    sent_by_name = forms.CharField(
        label="Who sent it, if not you",
        max_length=200,
        required=False,
        help_text="For example, the Head of Service Children in Care and Care Leavers.",
    )
    documents = forms.MultipleChoiceField(
        label="Documents sent", widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )
    description = _text("What was sent, if it changed")
    evidence = forms.ChoiceField(
        label="Evidence of sending: a document of the case", required=False, choices=()
    )
    evidence_file = forms.FileField(
        label="Or upload the evidence",
        required=False,
        help_text="The e-mail or the portal's receipt: PDF, Word, Excel, PowerPoint, "
        "OpenDocument, PNG, JPEG, CSV or plain text, up to 20MB.",
    )

    def clean(self):
        data = super().clean()
        if data.get("evidence") and data.get("evidence_file"):
            raise ValidationError("Choose a document or upload a file, not both")
        return data


class NoticeCancelForm(forms.Form):
    reason = _text("Why is the notice cancelled?", rows=4, required=True)
    reason.error_messages["required"] = "Enter why the notice is cancelled"
