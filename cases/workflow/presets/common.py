"""Pieces several presets share, each traced to the seed it comes from."""

from __future__ import annotations

from cases.workflow.presets._build import Data, milestone, months, stage, who, working_days

LA_SAFEGUARDING_LEAD = who("slo", agencies=("local_authority",))


def notify_panel(label: str, source: str) -> Data:
    """The local authority's serious incident notification: five working days from awareness
    (Working Together, quoted in every seed)."""
    return milestone(
        "notify_panel", label, working_days(5), LA_SAFEGUARDING_LEAD, statutory=True, source=source
    )


def national_panel_response(label: str) -> Data:
    """For seeds silent on the reply: the National Panel's own timescale as seed 004 (North
    Lincolnshire, "Rapid review process and the Panel") quotes it."""
    return stage(
        "panel_response",
        "rapid_review_submitted",
        [
            milestone(
                "panel_response",
                label,
                working_days(15),
                who("business_manager"),
                source=(
                    "004 Rapid review process and the Panel: respond promptly to the safeguarding"
                    " partners with a decision on the majority of cases within 15 working days of"
                    " a rapid review being received"
                ),
            )
        ],
    )


def awareness_backstop(source: str) -> Data:
    """Fifteen working days from the day the local authority became aware, whichever event the
    partnership counts the rapid review from: a partnership counting from the notification or
    the referral still sees when Working Together's outer limit falls."""
    return milestone(
        "awareness_backstop",
        "Backstop: rapid review complete within 15 working days of becoming aware of the incident",
        working_days(15, from_event="awareness"),
        who("business_manager"),
        source=source,
    )


def online_minimum(source: str) -> Data:
    """Working Together: the report (or the information about improvements) stays published for
    at least a year; the reminder before it ends says when it may be archived."""
    return milestone(
        "online_minimum",
        "The published report stays online for at least one year (it may be archived after"
        " this date)",
        months(12, relative_to="publish"),
        who("business_manager"),
        source=source,
    )
