"""Helpers for the sign-in and account pages (django-allauth, django-axes) in GOV.UK style.

allauth builds its own forms; these helpers adapt them for the one form renderer
(config.forms.GovukFormRenderer) without replacing allauth's form classes:
sentence-case labels, no placeholders or autofocus (GOV.UK uses neither), plain-text hints.
Used by templates/allauth/, templates/account/, templates/mfa/ and templates/usersessions/.
"""

from django import forms, template
from django.contrib.auth import password_validation
from django.utils.html import escape, json_script
from django.utils.safestring import mark_safe

register = template.Library()

# allauth's labels (Title Case) -> the words this service uses.
LABELS = {
    "Email": "Email address",
    "Current Password": "Current password",
    "New Password": "New password",
    "New Password (again)": "Confirm new password",
    "Password (again)": "Confirm password",
    "Authenticator code": "Code from your authenticator app",
    "Passwordless": "Use this key to sign in without a password (passkey)",
}

# Context variables that hold the forms of allauth's pages (the MFA page has two).
FORM_VARIABLES = ("form", "webauthn_form", "verify_form", "change_form", "add_email_form")


def prepare_form(form):
    """Adapt an allauth form in place (idempotent) and return it."""
    if not isinstance(form, forms.BaseForm) or getattr(form, "_govuk_auth", False):
        return form
    from allauth.account.fields import PasswordField, SetPasswordField

    for field in form.fields.values():
        attrs = field.widget.attrs
        attrs.pop("placeholder", None)
        attrs.pop("autofocus", None)
        if attrs.get("autocomplete") == "one-time-code":
            # Authenticator and recovery codes are digits (GOV.UK: text input, numeric keyboard).
            attrs.update(inputmode="numeric", spellcheck="false", autocapitalize="none")
            attrs["class"] = " ".join(filter(None, [attrs.get("class"), "govuk-input--width-10"]))
        if field.label is not None:
            field.label = LABELS.get(str(field.label), field.label)
        if isinstance(field, SetPasswordField):
            field.help_text = " ".join(password_validation.password_validators_help_texts())
        elif isinstance(field, PasswordField):
            # allauth puts a "Forgot your password?" link here; the pages show it themselves.
            field.help_text = ""
    # Bound fields copy label and help text when created (validation creates them): rebuild.
    form._bound_fields_cache.clear()
    form._govuk_auth = True
    return form


@register.filter
def govuk_auth_form(form):
    """{{ form|govuk_auth_form }}: the form, adapted for the GOV.UK renderer."""
    return prepare_form(form)


@register.simple_tag
def auth_field(form, name, label=None, hint=None, page_heading=False):
    """{% auth_field form "code" label="..." hint="..." page_heading=True %}: one field of an
    allauth form with this page's own words; page_heading makes the label the page's <h1>."""
    from config.forms import govuk_field

    prepare_form(form)
    field = form.fields[name]
    if label is not None:
        field.label = label
    if hint is not None:
        field.help_text = hint
    if page_heading:
        govuk_field(field, page_heading=True)
    form._bound_fields_cache.pop(name, None)
    return form[name].as_field_group()


@register.simple_tag(takes_context=True)
def auth_forms(context):
    """{% auth_forms as forms %}: the page's allauth forms, adapted, for the error summary."""
    found = []
    for name in FORM_VARIABLES:
        form = context.get(name)
        if isinstance(form, forms.BaseForm) and form not in found:
            found.append(prepare_form(form))
    return found


@register.filter
def any_errors(forms_list) -> bool:
    return any(f.errors for f in forms_list or ())


@register.simple_tag(takes_context=True)
def json_script_nonce(context, value, element_id):
    """json_script with the page's CSP nonce, so no inline <script> goes without one."""
    request = context.get("request")
    # django-csp's lazy nonce is falsy until read: str() reads it (and puts it in the header).
    nonce = getattr(request, "csp_nonce", None)
    nonce = str(nonce) if nonce is not None else ""
    html = json_script(value, element_id)
    if not nonce:
        return html
    # Safe: json_script's output is already escaped by Django (it escapes <, > and & inside the
    # JSON), and the only thing added is the HTML-escaped nonce attribute.
    return mark_safe(f'<script nonce="{escape(nonce)}"' + html.removeprefix("<script"))  # noqa: S308


@register.filter
def minutes(value, default=15) -> int:
    """A timedelta as whole minutes (axes' cool-off period)."""
    try:
        return max(1, round(value.total_seconds() / 60))
    except AttributeError:
        return default


@register.filter
def grouped(secret, size=4) -> str:
    """A TOTP secret in groups of four characters, easier to type from the screen."""
    secret = str(secret or "")
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
