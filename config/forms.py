"""The one way forms are rendered: GOV.UK Design System markup for every Django form.

settings.FORM_RENDERER = "config.forms.GovukFormRenderer" makes ``{{ form }}`` and
``{{ form.field.as_field_group }}`` render through ``templates/govuk/forms/``. The renderer also
gives every form :class:`GovukBoundField`, which puts the GOV.UK classes, ``aria-describedby``
and error state on the widgets themselves, so the templates stay small.

Per-field presentation options (see docs/frontend.md)::

    name = govuk_field(forms.CharField(label="Full name"), label_size="l", page_heading=True)
    # widths pass through the widget's class attribute:
    code = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))

Fields with ``required=False`` get "(optional)" after their label; required fields are unmarked,
and so are the names in a form's ``needed_fields`` (not required on this page, needed later).
"""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property

from config.widgets import GovukDateWidget

# Options a form may set per field with govuk_field(); anything else is a programming error.
GOVUK_FIELD_OPTIONS = {"label_size", "page_heading", "inline", "small"}
LABEL_SIZES = {"s", "m", "l", "xl"}

# A model field's blank choice as Django labels it, and what a select says instead.
DJANGO_BLANK_LABEL = "---------"
SELECT_BLANK_LABEL = "Select an option"

# Native pickers for the plain Django date/time widgets: (input type, value format).
NATIVE_INPUT_TYPES = {
    forms.DateInput: ("date", "%Y-%m-%d"),
    forms.TimeInput: ("time", "%H:%M"),
    forms.DateTimeInput: ("datetime-local", "%Y-%m-%dT%H:%M"),
}


def govuk_field(field: forms.Field, **options) -> forms.Field:
    """Attach GOV.UK presentation options to a form field and return it.

    label_size: "s" | "m" | "l" | "xl" (label or legend size modifier);
    page_heading: wrap the label/legend in the page's <h1> (single-question pages);
    inline: radios side by side (default: inline when there are two choices or fewer);
    small: small radios/checkboxes (filters, dense tables).
    """
    unknown = set(options) - GOVUK_FIELD_OPTIONS
    if unknown:
        raise TypeError(f"Unknown GOV.UK field options: {', '.join(sorted(unknown))}")
    if options.get("label_size") not in LABEL_SIZES | {None}:
        raise ValueError(f"label_size must be one of {sorted(LABEL_SIZES)}")
    field.govuk = {**getattr(field, "govuk", {}), **options}
    return field


def _join_classes(*parts: str | None) -> str:
    seen: list[str] = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


class GovukBoundField(BoundField):
    """A BoundField that knows which GOV.UK component renders it."""

    @cached_property
    def govuk_options(self) -> dict:
        return getattr(self.field, "govuk", {})

    @cached_property
    def govuk_kind(self) -> str:
        """The template branch in govuk/forms/field.html that renders this field."""
        widget = self.field.widget
        if widget.is_hidden:
            return "hidden"
        # Order matters: CheckboxSelectMultiple subclasses RadioSelect, which subclasses Select.
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        if isinstance(widget, forms.RadioSelect):
            return "radios"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        if isinstance(widget, GovukDateWidget):
            return "date"
        if isinstance(widget, forms.MultiWidget):
            return "multi"
        if isinstance(widget, forms.Textarea):
            return "textarea"
        if isinstance(widget, forms.Select):
            return "select"
        if isinstance(widget, forms.FileInput):
            return "file"
        if isinstance(widget, forms.PasswordInput):
            return "password"
        return "input"

    # --- choices ----------------------------------------------------------------------------

    def _govuk_choices_widget(self, widget):
        """The one rule for a blank choice (a model field's "---------"), in every form.

        Radios: never a radio. No answer is no radio checked (a required question starts with
        nothing chosen), and the first radio is the first answer, ``id_<name>_0``, which is
        where the error summary links. Selects: the blank option reads "Select an option".
        Other labels a form chose for its blank ("Not in the list") are kept."""
        choices = getattr(widget, "choices", None)
        if choices is None or self.govuk_kind not in ("radios", "select"):
            return widget
        widget = copy.copy(widget)
        if self.govuk_kind == "radios":
            widget.choices = [(v, label) for v, label in choices if v not in ("", None)]
        else:
            widget.choices = [
                (
                    v,
                    SELECT_BLANK_LABEL
                    if v in ("", None) and label == DJANGO_BLANK_LABEL
                    else label,
                )
                for v, label in choices
            ]
        return widget

    @cached_property
    def subwidgets(self):
        """Django's, with the blank-choice rule above (radios are rendered from these)."""
        widget = self._govuk_choices_widget(self.field.widget)
        id_ = widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        return [
            BoundWidget(widget, subwidget, self.form.renderer)
            for subwidget in widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]

    # --- errors -----------------------------------------------------------------------------

    @property
    def errors(self):
        """Django's "This field is required." becomes a GOV.UK message built from the label.

        "Enter full name", "Select agency", "Upload chronology". Only Django's default text is
        replaced: a field's own error_messages["required"] is shown as written.
        """
        errors = super().errors
        default = str(forms.Field.default_error_messages["required"])
        data = errors.as_data() if errors else []
        if not any(e.code == "required" and str(e.message) == default for e in data):
            return errors
        message = self.govuk_required_message
        return self.form.error_class(
            [
                ValidationError(message, code="required")
                if e.code == "required" and str(e.message) == default
                else e
                for e in data
            ],
            renderer=self.form.renderer,
        )

    @property
    def govuk_required_message(self) -> str:
        label = str(self.label or self.name)
        if not (len(label) > 1 and label[1].isupper()):  # keep "NHS number" as it is
            label = label[:1].lower() + label[1:]
        kind = self.govuk_kind
        if kind in ("select", "radios", "checkboxes"):
            return f"Select {label}"
        if kind == "checkbox":
            return f"Select “{self.label}”"
        if kind == "file":
            return f"Upload {label}"
        return f"Enter {label}"

    # --- ids and descriptions -------------------------------------------------------------

    @property
    def govuk_id(self) -> str:
        """Base id for the -hint/-error/-info elements (the widget's own id)."""
        return self.field.widget.attrs.get("id") or self.auto_id or ""

    @property
    def hint_id(self) -> str:
        return f"{self.govuk_id}-hint" if self.govuk_id and self.help_text else ""

    @property
    def error_id(self) -> str:
        return f"{self.govuk_id}-error" if self.govuk_id and self.errors else ""

    @property
    def char_count_id(self) -> str:
        return f"{self.govuk_id}-info" if self.govuk_id and self.char_count_max else ""

    @property
    def aria_describedby(self):
        """GOV.UK order: character-count message, hint, error. None keeps the widget's own."""
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = [self.char_count_id, self.hint_id, self.error_id]
        return " ".join(i for i in ids if i)

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the first input of the field."""
        if self.govuk_kind in ("radios", "checkboxes"):
            for subwidget in self.subwidgets:
                return subwidget.id_for_label or ""
            return ""
        return self.id_for_label or self.govuk_id

    # --- presentation ---------------------------------------------------------------------

    @property
    def is_optional(self) -> bool:
        """Mark "(optional)" on labels: not for required fields, hidden fields or a lone box,
        nor for the form's ``needed_fields``: answers a page may be saved without but which are
        needed later (a referral's, before it can be sent)."""
        if self.field.required or self.govuk_kind in ("hidden", "checkbox"):
            return False
        return self.name not in getattr(self.form, "needed_fields", ())

    @property
    def label_size(self) -> str:
        return self.govuk_options.get("label_size") or (
            "l" if self.govuk_options.get("page_heading") else ""
        )

    @property
    def is_page_heading(self) -> bool:
        return bool(self.govuk_options.get("page_heading"))

    @property
    def is_inline(self) -> bool:
        if "inline" in self.govuk_options:
            return bool(self.govuk_options["inline"])
        # Side by side only for two short answers (Yes / No): longer ones, such as people's
        # names, would run off a narrow screen (WCAG 1.4.10).
        return (
            self.govuk_kind == "radios"
            and len(self.subwidgets) <= 2
            and all(len(str(w.choice_label)) <= 20 for w in self.subwidgets)
        )

    @property
    def is_small(self) -> bool:
        return bool(self.govuk_options.get("small"))

    @cached_property
    def char_count_max(self) -> int | None:
        """Textareas with a maximum length get the GOV.UK character count."""
        if self.govuk_kind != "textarea":
            return None
        value = self.field.widget.attrs.get("maxlength") or getattr(self.field, "max_length", None)
        try:
            return int(value) if value else None
        except (TypeError, ValueError):
            return None

    def _govuk_classes(self) -> str:
        kind, error = self.govuk_kind, bool(self.errors)
        if kind in ("input", "password"):
            classes = ["govuk-input", "govuk-input--error" if error else ""]
            if kind == "password":
                classes += ["govuk-password-input__input", "govuk-js-password-input-input"]
            if isinstance(self.field.widget, forms.DateInput) and "govuk-input--width" not in (
                self.field.widget.attrs.get("class") or ""
            ):
                classes.append("govuk-input--width-10")
            return _join_classes(*classes)
        if kind == "textarea":
            return _join_classes(
                "govuk-textarea",
                "govuk-textarea--error" if error else "",
                "govuk-js-character-count" if self.char_count_max else "",
            )
        if kind == "select":
            return _join_classes("govuk-select", "govuk-select--error" if error else "")
        if kind == "file":
            return _join_classes("govuk-file-upload", "govuk-file-upload--error" if error else "")
        if kind == "radios":
            return "govuk-radios__input"
        if kind in ("checkboxes", "checkbox"):
            return "govuk-checkboxes__input"
        if kind == "date":
            # GovukDateWidget spreads these over its day/month/year inputs.
            return "govuk-input--error" if error else ""
        if kind == "multi":
            # A MultiWidget copies these onto each of its inputs.
            return _join_classes(
                "govuk-input govuk-date-input__input", "govuk-input--error" if error else ""
            )
        return ""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        if widget.is_hidden:
            return attrs
        # GOV.UK validates on the server and shows its own error pattern: no browser bubbles.
        if not widget.attrs.get("required"):
            attrs.pop("required", None)
        attrs["class"] = _join_classes(
            self._govuk_classes(), widget.attrs.get("class"), attrs.get("class")
        )
        if not attrs["class"]:
            del attrs["class"]
        if self.govuk_kind in ("radios", "checkboxes", "date", "multi"):
            # The fieldset carries the description (see field.html), not each input.
            attrs.pop("aria-describedby", None)
        elif widget.attrs.get("aria-describedby") and self.aria_describedby is None:
            extra = [self.char_count_id, self.hint_id, self.error_id]
            attrs["aria-describedby"] = " ".join(
                [widget.attrs["aria-describedby"], *[i for i in extra if i]]
            )
        if self.char_count_max:
            # The character count lets people type past the limit and then explains it;
            # a maxlength attribute would silently cut pasted text instead.
            attrs["maxlength"] = False
        if isinstance(widget, forms.NumberInput):
            attrs["inputmode"] = (
                "numeric" if isinstance(self.field, forms.IntegerField) else "decimal"
            )
            attrs.update({"min": False, "max": False, "step": False})
            attrs.setdefault("spellcheck", "false")
        if self.govuk_kind == "password" or isinstance(widget, forms.EmailInput):
            attrs.setdefault("spellcheck", "false")
            attrs.setdefault("autocapitalize", "none")
        return attrs

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        native = NATIVE_INPUT_TYPES.get(type(widget))
        if native and widget.input_type == "text" and widget.format is None:
            # type=date/time/datetime-local need ISO values whatever the locale's format.
            widget = copy.copy(widget)
            widget.input_type, widget.format = native
        elif isinstance(widget, forms.NumberInput) and widget.input_type == "number":
            # GOV.UK: type=number drops what people typed when it is not a number (so the
            # error message has nothing to point at) and changes values on scroll. Use a text
            # box with a numeric keyboard; the field still validates on the server.
            widget = copy.copy(widget)
            widget.input_type = "text"
        widget = self._govuk_choices_widget(widget)
        return super().as_widget(widget, attrs, only_initial)


class GovukFormRenderer(TemplatesSetting):
    """Form renderer for the whole project (settings.FORM_RENDERER).

    Templates come from the project's TEMPLATES setting (so templates/govuk/forms/ is found and
    template caching follows the project), falling back to Django's built-in widget templates
    when 'django.forms' is not in INSTALLED_APPS. A few Django widget templates are swapped for
    GOV.UK ones; admin widgets keep their own templates.
    """

    form_template_name = "govuk/forms/form.html"
    formset_template_name = "govuk/forms/formset.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField

    widget_templates = {
        "django/forms/widgets/clearable_file_input.html": (
            "govuk/forms/widgets/clearable_file_input.html"
        ),
        "django/forms/widgets/splitdatetime.html": "govuk/forms/widgets/splitdatetime.html",
    }

    @cached_property
    def _django_fallback(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        template_name = self.widget_templates.get(template_name, template_name)
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django_fallback.get_template(template_name)
