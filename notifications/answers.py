"""Each answer in the national form's order, as text to copy into the portal (it has no API and
times out after 20 minutes)."""

from notifications.from_referral import characteristic_labels


def national_form_answers(n) -> list[dict]:
    rows = []
    for i, child in enumerate(n.children.all(), start=1):
        parts = [str(child)]
        if child.date_of_birth:
            parts.append(f"born {child.date_of_birth:%-d %B %Y}")
        if child.date_of_death:
            parts.append(f"died {child.date_of_death:%-d %B %Y}")
        if child.nhs_number:
            parts.append(f"NHS number {child.nhs_number}")
        rows.append({"key": f"child_{i}", "label": f"Child {i}", "value": ", ".join(parts)})

    def date(value):
        return f"{value:%-d %B %Y}" if value else ""

    characteristics = characteristic_labels(n.partnership, n.characteristics or [])
    if n.characteristics_other:
        characteristics.append(n.characteristics_other)
    rows += [
        {"key": "other_children", "label": "Other children", "value": n.other_children},
        {"key": "incident_date", "label": "Date of the incident", "value": date(n.incident_date)},
        {
            "key": "awareness_date",
            "label": "Date the local authority became aware",
            "value": date(n.awareness_date),
        },
        {"key": "location", "label": "Where it happened", "value": n.get_location_display()},
        {
            "key": "care_status",
            "label": "Child in care or care leaver",
            "value": n.get_care_status_display(),
        },
        {
            "key": "abuse_or_neglect",
            "label": "Abuse or neglect known or suspected",
            "value": n.get_abuse_or_neglect_display(),
        },
        {"key": "harm", "label": "Death or serious harm", "value": n.get_harm_display()},
        {"key": "characteristics", "label": "Characteristics", "value": "; ".join(characteristics)},
        {"key": "outline", "label": "Outline of the incident", "value": n.outline},
        {"key": "immediate_action", "label": "Immediate action taken", "value": n.immediate_action},
        {"key": "learning", "label": "Immediate learning", "value": n.learning},
        {"key": "criteria", "label": "Section 16C(1) criteria", "value": n.criteria},
    ]
    return rows
