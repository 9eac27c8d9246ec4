"""The sign-off page's forms (cases.views.signoff). The rules they share with the API are the
services' (cases.services.signoff); these only collect the answers and word the errors."""

from django import forms

from cases.services.signoff import (
    COMMENTS_LIMIT,
    RETURN_COMMENTS_MISSING,
    WITHDRAW_REASON_MISSING,
)
from config.forms import govuk_field

SIGN_OFF = "sign_off"
RETURN = "return"


def _comments(label: str, hint: str = "", *, required=False, missing="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=COMMENTS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            **({"required": missing} if missing else {}),
            "max_length": f"Comments must be {COMMENTS_LIMIT} characters or fewer",
        },
    )


class DecisionForm(forms.Form):
    """Sign off or return, with comments (required to return). At the chain's first step
    there is no one to return the draft to, so the form has no choice: it signs off."""

    decision = govuk_field(
        forms.ChoiceField(
            label="What is your decision?",
            choices=[(SIGN_OFF, "Sign off"), (RETURN, "Return for changes")],
            widget=forms.RadioSelect,
            error_messages={"required": "Select if you sign off or return it for changes"},
        ),
        label_size="m",
        inline=False,
    )
    comments = _comments(
        "Comments",
        "Required if you return it: say what needs to change. Everyone who can see the case"
        " can read your comments: do not include the child's or family's details.",
    )

    def __init__(self, *args, can_return: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_return = can_return
        if not can_return:
            del self.fields["decision"]
            self.fields["comments"].help_text = (
                "Everyone who can see the case can read your comments: do not include the"
                " child's or family's details."
            )

    def clean(self):
        data = super().clean()
        if not self.can_return:
            data["decision"] = SIGN_OFF
        elif data.get("decision") == RETURN and not (data.get("comments") or "").strip():
            self.add_error("comments", RETURN_COMMENTS_MISSING)
        return data


class ResubmitForm(forms.Form):
    comments = _comments(
        "What has changed?",
        "For example, which comments you have dealt with. Everyone who can see the case can"
        " read this.",
    )


class WithdrawForm(forms.Form):
    comments = _comments(
        "Why are you withdrawing the sign-off?",
        required=True,
        missing=WITHDRAW_REASON_MISSING,
    )
