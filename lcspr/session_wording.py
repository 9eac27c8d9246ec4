"""The default wording of a reflective practitioner session's invitation, briefing and agenda:
Swindon 001 Appendices 11, 12 and 13. Each session keeps its own editable copy, prefilled from
these. Placeholders (string.Template): $child_initials, $session_date, $session_time, $venue,
$lead_reviewer, $reply_by, $partnership; they are filled in when the text is shown or sent, so
a session moved to another day says the new day."""

import string

PLACEHOLDERS = (
    "child_initials",
    "session_date",
    "session_time",
    "venue",
    "lead_reviewer",
    "reply_by",
    "partnership",
)

# Appendix 11: Template email, invitation to the reflective learning session.
INVITATION = """Dear Colleague,

Reflective practitioner session

We are undertaking a local Child Safeguarding Practice Review regarding $child_initials. The \
purpose of the review is to identify improvements to current safeguarding arrangements to \
prevent, or reduce the chance of, similar incidents in the future.

We recognise that first-hand experience from those working with the child and their family is \
essential to ensure we have a full understanding. All professionals who have had direct \
involvement with the child and/or family are, therefore, being invited to attend a Reflective \
Practitioner Session. This has been arranged for:

$session_date, $session_time
$venue

This will be an opportunity for professionals from different agencies to discuss why things \
happened, or did not happen, and what could be done differently in a respectful, positive and \
supportive environment. As a professional involved in the case it is important that you attend. \
If you are unable to attend for any reason, please can you nominate a representative from your \
agency and inform us of who this is going to be by $reply_by.

Please see the briefing below, which explains more about the purpose and structure of the \
session. However, if you have any questions or concerns, please do not hesitate to contact \
$partnership.

Kind regards,

$partnership"""

# Appendix 12: Briefing on the reflective practitioner session.
BRIEFING = """About the Reflective Practitioner Session

The purpose of a local Child Safeguarding Practice Review of a serious incident is to identify \
improvements to current safeguarding arrangements to prevent, or reduce the chance of, similar \
incidents in the future. It is NOT looking to attribute blame to individuals or organisations.

The Reflective practitioner session is a crucial part of the review process. This meeting \
provides a forum for frontline professionals and operational managers to come together in a \
respectful, positive and supportive environment to consider the circumstances surrounding the \
case and the reasons actions were taken.

Important Principles

- The session will provide a supportive environment that encourages reflection. The meeting \
will be led by $lead_reviewer, the independent Lead Reviewer for the case. All Lead Reviewers \
are expected to ensure the session provides a respectful and supportive environment and they \
will intervene if anyone starts discussing blame or focusing on individual practice.
- All observations and comments will be anonymous. We understand that participants may feel \
uncertain or anxious and would like to assure you that comments made on the day will not be \
attributable to individuals. Any themes and comments will be anonymised in the final report.
- We will be capturing good practice as well as what needs to change. While the focus of the \
review is to identify ways to improve safeguarding practice, the review will also be seeking to \
identify where practice is good and working well.

The Structure of the Session

- Considering the Factual Information: the Lead Reviewer will give an overview of the key facts \
and events in respect of the case and participants will be asked to agree/change and discuss \
these. This may include querying the factual accuracy, adding to the information, or \
questioning it. The aim is to reach an understanding of the professional intervention and key \
events that the child and family experienced.
- Considering the Child's Lived Experience: with this knowledge, the group will spend a short \
time exploring the "lived experience of the child/children". This enables participants to view \
what happened from the child's perspective.
- Identifying Key Issues and Themes: the session will identify and discuss the key issues and \
themes. These will usually be practice issues that have emerged within the case which can be \
transposed into working with families more generally, and/or organisational and "systems" \
factors that shaped behaviour (such as organisational/team aims or culture and the level of \
resources available to deliver services).
- Identifying Learning: the final part of the session will focus on identifying areas of \
learning for professional practice in the future. Examples of good practice will also be \
highlighted and included for wider dissemination in the review report.

Practitioner Support

Taking part in a review can be upsetting or distressing for some people. Should you feel that \
you need support prior to or after the session you should speak with your line manager or \
colleagues who will be able to offer support/signpost for support services available to you."""

# Appendix 13: Sample agenda for a reflective practitioner session.
AGENDA = """Reflective Practitioner Session

$session_date, $session_time
$venue

9:45am  Registration
1. 10:00am  Welcome and Introductions
2. 10:05am  Purpose of Session:
   - To understand the child's story and what life was like for them;
   - To consider what happened in the case from a multi-agency practitioner and agency \
perspective;
   - To identify what decisions were taken/not taken and the context;
   - To identify what could have been done differently;
   - To identify the key learning points/findings;
   - To identify improvements which are needed and to consolidate good practice, in line with \
the Terms of Reference.
   Principles for Working Together
3. 10:20am  Brief Outline of Terms of Reference, Methodology / Overview of the Case and \
Thoughts so Far ($lead_reviewer, Lead Reviewer)
   Child's Lived Experience (Timeline/story)
4. 11:00am  Agency Involvement with the Case:
   - Who knew what when?
   - What is new information?
   - Any surprises? What? Why?
   - Significant Influencing Factors?
5. 11:30am  Break
6. 11:45am  Key Lines of Inquiry and Questions
   Identify Key Issues for Improving Practice
7. 12:40pm  Summary of Key Feedback Points and Any Other Reflections
8. 1:00pm  Evaluation and Close"""

DEFAULTS = {
    "invitation_text": INVITATION,
    "briefing_text": BRIEFING,
    "agenda_text": AGENDA,
}


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its placeholders filled in; an unknown $word stays as typed."""
    return string.Template(text).safe_substitute(values)
