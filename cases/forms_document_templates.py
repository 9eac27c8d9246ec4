"""The form of the "Letters and templates" settings page (cases.views.document_templates)."""

from django import forms

from cases.document_templates import BODY_LIMIT, TITLE_LIMIT


class DocumentTemplateForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_LIMIT,
        error_messages={"required": "Enter the title"},
    )
    body = forms.CharField(
        label="Text",
        max_length=BODY_LIMIT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": "Enter the text of the letter"},
        help_text=(
            "Plain text. A line starting with “# ” is a heading, a line starting with “- ” a "
            "bullet point; leave a blank line between paragraphs."
        ),
    )
