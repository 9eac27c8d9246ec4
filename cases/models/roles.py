from django.db import models


class Role(models.TextChoices):
    BUSINESS_MANAGER = "business_manager", "Business manager"
    SLO = "slo", "Safeguarding lead officer"
    AGENCY_STAFF = "agency_staff", "Agency staff"
    EXECUTIVE = "executive", "Executive"
    REVIEW_GROUP_MEMBER = "review_group_member", "Review group member"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    SCRUTINEER = "scrutineer", "Read-only scrutineer"


# Roles that see every (unrestricted) case of the partnership.
PARTNERSHIP_WIDE_ROLES = frozenset(
    {Role.BUSINESS_MANAGER, Role.EXECUTIVE, Role.REVIEW_GROUP_MEMBER, Role.SCRUTINEER}
)
# Roles that see the cases their own agency is involved in.
AGENCY_ROLES = frozenset({Role.SLO, Role.AGENCY_STAFF})
# Roles that need an agency.
ROLES_NEEDING_AGENCY = AGENCY_ROLES


class AgencyType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority children's services"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (integrated care board)"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    VOLUNTARY_OTHER = "voluntary_other", "Voluntary or other"
