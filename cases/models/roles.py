from django.db import models


class Role(models.TextChoices):
    BUSINESS_MANAGER = "business_manager", "Business manager"
    SLO = "slo", "Safeguarding lead officer"
    AGENCY_STAFF = "agency_staff", "Agency staff"
    EXECUTIVE = "executive", "Executive"
    REVIEW_GROUP_MEMBER = "review_group_member", "Review group member"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    SCRUTINEER = "scrutineer", "Read-only scrutineer"
    # An agency's executive-level manager: signs off the agency's referrals where the
    # partnership's referral_authoriser_role says so (Swindon, seed 001 section 4, "executive
    # level sign off"). Agency-level: not the partnership's executive, who decides.
    AGENCY_EXECUTIVE = "agency_executive", "Agency executive (signs off referrals)"


# Roles that see every (unrestricted) case of the partnership.
PARTNERSHIP_WIDE_ROLES = frozenset(
    {Role.BUSINESS_MANAGER, Role.EXECUTIVE, Role.REVIEW_GROUP_MEMBER, Role.SCRUTINEER}
)
# Roles that see the cases their own agency is involved in.
AGENCY_ROLES = frozenset({Role.SLO, Role.AGENCY_STAFF, Role.AGENCY_EXECUTIVE})
# Roles that need an agency.
ROLES_NEEDING_AGENCY = AGENCY_ROLES
# Roles that may authorise an agency's referral (Partnership.workflow referral_authoriser_role):
# a member of the referring agency holding it.
REFERRAL_AUTHORISER_ROLES = (Role.SLO, Role.AGENCY_EXECUTIVE, Role.EXECUTIVE)


class AgencyType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority children's services"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (integrated care board)"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    VOLUNTARY_OTHER = "voluntary_other", "Voluntary or other"
