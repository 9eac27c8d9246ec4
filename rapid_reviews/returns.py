"""The questions of an agency's rapid review return: the partnership's `rapid_review_return`
workflow setting (each preset's from its seed), or, for settings saved before the setting
existed, the default below (defaulted in code, as `notification_copies` is)."""

# North Lincolnshire 004 "Rapid review process" and Working Together 2023: "a written report
# about the facts of the case and the potential for identifying improvements".
DEFAULT_RETURN_FIELDS = [
    {
        "key": "facts",
        "label": "The facts of the case as your agency knows them",
        "required": True,
    },
    {
        "key": "improvements",
        "label": "The potential for identifying improvements to safeguard and promote the"
        " welfare of children",
    },
    {"key": "further_comments", "label": "Any further comments"},
]


def return_fields(partnership) -> list[dict]:
    rows = (partnership.workflow or {}).get("rapid_review_return")
    return list(rows) if rows else list(DEFAULT_RETURN_FIELDS)
