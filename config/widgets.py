"""GOV.UK date input: three text boxes (day, month, year) instead of a date picker.

Use it where people type a date they know (date of birth, date of death, date of the incident)::

    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2007")
    # or, on a ModelForm:  widgets = {"date_of_birth": GovukDateWidget()}

The widget posts ``<name>_day``, ``<name>_month`` and ``<name>_year`` and hands the field one
"YYYY-MM-DD" string. A plain DateField then answers "Enter a valid date." for anything that is not
a real date; GovukDateField gives the GOV.UK messages ("Date of birth must include a month",
"Date of birth must be a real date", "Year must include 4 numbers").
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/forms/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        def part(width: int):
            attrs = {"inputmode": "numeric", "class": f"govuk-input--width-{width}"}
            return forms.TextInput(attrs=attrs)

        super().__init__({"day": part(2), "month": part(2), "year": part(4)}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = ((data.get(f"{name}_{part}") or "").strip() for part in PARTS)
        if not (day or month or year):
            return None
        if day.isdigit() and month.isdigit() and year.isdigit():
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{part}" not in data for part in PARTS)

    def get_context(self, name, value, attrs):
        # GovukBoundField passes "govuk-input--error" in attrs["class"] when the field has
        # errors; every part keeps its own width class and gets the error class too.
        attrs = dict(attrs or {})
        extra_class = attrs.pop("class", "")
        context = super().get_context(name, value, attrs)
        for subwidget, part in zip(context["widget"]["subwidgets"], PARTS, strict=True):
            own = subwidget["attrs"].get("class", "")
            subwidget["attrs"]["class"] = " ".join(
                c for c in ("govuk-input govuk-date-input__input", own, extra_class) if c
            )
            subwidget["part"] = part
            subwidget["label"] = part.capitalize()
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""


class GovukDateField(forms.DateField):
    """A DateField for GovukDateWidget with the GOV.UK error messages. ``past_only``: the
    date of something that has happened ("… must be today or in the past")."""

    widget = GovukDateWidget

    def __init__(self, *args, past_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.past_only = past_only

    def validate(self, value):
        super().validate(value)
        if self.past_only and value and value > timezone.localdate():
            label = str(self.label or "Date")
            raise ValidationError(f"{label} must be today or in the past", code="future")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        name = str(self.label or "Date")
        parts = str(value).split("-")
        if len(parts) != 3:
            raise ValidationError(f"{name} must be a real date", code="invalid")
        year, month, day = parts
        missing = [p for p, v in zip(PARTS, (day, month, year), strict=True) if not v]
        if missing:
            raise ValidationError(
                f"{name} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not year.isdigit() or len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{name} must be a real date", code="invalid") from None
