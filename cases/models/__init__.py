from cases.models.actions import ActionItem, ActionItemStatus
from cases.models.api_tokens import ApiToken, ApiTokenEnd
from cases.models.audit import AccessKind, AccessLogEntry, AppendOnlyError, AuditEvent
from cases.models.cases import (
    Attachment,
    Case,
    CaseNote,
    CaseReferenceCounter,
    CaseStage,
    CaseUserObjectPermission,
    Ethnicity,
    PlanCategory,
    PlanStatus,
    Sex,
    Subject,
    SubjectRole,
)
from cases.models.chronologies import (
    Chronology,
    ChronologyEntry,
    ChronologyEntrySubject,
    ChronologyKind,
    ChronologyPurpose,
    ChronologyStatus,
)
from cases.models.deadlines import Deadline, DeadlineStatus
from cases.models.invitations import Invitation
from cases.models.meetings import (
    Meeting,
    MeetingDocument,
    MeetingInvitee,
    MeetingKind,
    MeetingRole,
    MeetingStatus,
)
from cases.models.notices import (
    Notice,
    NoticeDocument,
    NoticeKind,
    NoticeRecipient,
    NoticeStatus,
)
from cases.models.outbox import EmailStatus, OutboundEmail
from cases.models.reminders import Notification, NotificationKind, SweepHeartbeat
from cases.models.rendered import RenderedDocument, RenderStatus
from cases.models.roles import AgencyType, Role
from cases.models.signoff import (
    RUNNING_STATUSES,
    SignOff,
    SignOffAction,
    SignOffDecision,
    SignOffStatus,
)
from cases.models.tenancy import (
    Agency,
    ClosureDay,
    Membership,
    MembershipRole,
    Partnership,
    User,
)

__all__ = [
    "ActionItem",
    "ActionItemStatus",
    "AccessKind",
    "AccessLogEntry",
    "Agency",
    "AgencyType",
    "ApiToken",
    "ApiTokenEnd",
    "AppendOnlyError",
    "Attachment",
    "AuditEvent",
    "Case",
    "Chronology",
    "ChronologyEntry",
    "ChronologyEntrySubject",
    "ChronologyKind",
    "ChronologyPurpose",
    "ChronologyStatus",
    "CaseNote",
    "CaseReferenceCounter",
    "CaseStage",
    "CaseUserObjectPermission",
    "ClosureDay",
    "Deadline",
    "DeadlineStatus",
    "EmailStatus",
    "Ethnicity",
    "Invitation",
    "Meeting",
    "MeetingDocument",
    "MeetingInvitee",
    "MeetingKind",
    "MeetingRole",
    "MeetingStatus",
    "Membership",
    "OutboundEmail",
    "MembershipRole",
    "Notice",
    "NoticeDocument",
    "NoticeKind",
    "NoticeRecipient",
    "NoticeStatus",
    "Notification",
    "NotificationKind",
    "Partnership",
    "PlanCategory",
    "PlanStatus",
    "RenderedDocument",
    "RenderStatus",
    "Role",
    "RUNNING_STATUSES",
    "Sex",
    "SignOff",
    "SignOffAction",
    "SignOffDecision",
    "SignOffStatus",
    "Subject",
    "SubjectRole",
    "SweepHeartbeat",
    "User",
]
