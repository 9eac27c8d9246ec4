import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager
from guardian.managers import UserObjectPermissionManager
from guardian.models import UserObjectPermissionBase

from cases.models.tenancy import Agency, Partnership
from cases.validators import validate_nhs_number


class CaseStage(models.TextChoices):
    REFERRAL = "referral", "Referral"
    TRIAGE = "triage", "Triage"
    AWAITING_NOTIFICATION = "awaiting_notification", "Awaiting notification"
    NOTIFICATION = "notification", "Serious incident notification"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    PANEL_RESPONSE = "panel_response", "Awaiting National Panel response"
    LCSPR = "lcspr", "Local child safeguarding practice review"
    LEARNING_REVIEW = "learning_review", "Learning review"
    MEDIA_MONITORING = "media_monitoring", "Monitoring media interest"
    PUBLICATION = "publication", "Publication"
    ACTION_PLAN = "action_plan", "Action plan"
    CLOSED = "closed", "Closed"


class Case(models.Model):
    """The umbrella record for one incident across all its stages."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=30)
    title = models.CharField(
        max_length=120,
        help_text="A short label that does not identify the child, e.g. 'Child L'.",
    )
    summary = models.TextField(blank=True)
    stage = models.CharField(max_length=30, choices=CaseStage.choices, default=CaseStage.REFERRAL)
    incident_date = models.DateField(null=True, blank=True)
    awareness_date = models.DateField(
        null=True, blank=True, help_text="The day the local authority became aware (day zero)."
    )
    agencies = models.ManyToManyField(Agency, blank=True, related_name="cases")
    is_restricted = models.BooleanField(
        default=False, help_text="Only the people on the case's access list can see it."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="case_unique_ref")
        ]
        permissions = [("access_restricted_case", "Can access a restricted case")]
        indexes = [
            models.Index(fields=["partnership", "stage"]),
            # The cases list and My work: newest first (cases.selectors.case_list).
            models.Index(
                fields=["partnership", "-created_at", "-id"],
                name="case_list_recent",
                condition=models.Q(archived_at__isnull=True),
            ),
            # The cases list sorted by title (by reference: the unique constraint's index).
            models.Index(
                fields=["partnership", "title", "id"],
                name="case_list_title",
                condition=models.Q(archived_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self):
        errors = past_only(
            self,
            incident_date="Date of the incident",
            awareness_date="Date the local authority became aware",
        )
        if errors:
            raise ValidationError(errors)


def past_only(record, **labels) -> dict:
    """Errors for the dates of things that have happened which are in the future: one rule
    for the pages (GovukDateField(past_only=True)) and the API (full_clean in the services)."""
    today = timezone.localdate()
    return {
        name: f"{label} must be today or in the past"
        for name, label in labels.items()
        if getattr(record, name) and getattr(record, name) > today
    }


class CaseGrantManager(UserObjectPermissionManager):
    """guardian's manager; its bulk paths (bulk_assign_perm, assign_perm to many) fill each
    grant's partnership from its case object, as save() does (the trigger checks it)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for grant in objs:
            if grant.partnership_id is None and grant.content_object_id is not None:
                grant.partnership_id = grant.content_object.partnership_id
        return super().bulk_create(objs, *args, **kwargs)


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign key table for guardian grants on cases (joins instead of text ids).

    `partnership` is always the case's partnership: its own column so that the row-level
    security policy is a column test (`partnership_id = prm_partnership_id()`) instead of a
    subquery re-reading the partnership's cases for every grant (ADR 0009). On PostgreSQL a
    trigger (cases/migrations/0021) fills it from the case on every insert and update, whatever
    the write path (guardian's assign_perm, bulk_assign_perm, bulk_create, raw SQL), and refuses
    a value that differs; save() and the manager's bulk_create fill it from the case object
    too, so the instance is right after saving and the embedded SQLite demo (no triggers)
    works."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    objects = CaseGrantManager()

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [
            models.Index(
                fields=["partnership", "user", "permission"], name="case_grant_partnership_user"
            )
        ]

    def save(self, *args, **kwargs) -> None:
        if self.partnership_id is None and self.content_object_id is not None:
            self.partnership_id = self.content_object.partnership_id
        super().save(*args, **kwargs)


class CaseReferenceCounter(models.Model):
    """The last number given in a series of the partnership's references: cases (yearly,
    LIN-2026-0001) and referrals (one running series, LIN-R-0001; year 0)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT)
    series = models.CharField(max_length=20, default="case")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "series", "year"], name="reference_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id}/{self.year}: {self.last_number}"


class SubjectRole(models.TextChoices):
    CHILD = "child", "Child"
    SIBLING = "sibling", "Sibling"
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SIGNIFICANT_OTHER = "significant_other", "Significant other"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """Categories of the Swindon referral form (Part 1, section 1.2)."""

    WHITE_BRITISH = "white_british", "White: British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_OTHER = "white_other", "White: Any other White background"
    MIXED_ASIAN_WHITE = "mixed_asian_white", "Mixed: Asian and White"
    MIXED_BLACK_AFRICAN_WHITE = "mixed_black_african_white", "Mixed: Black African and White"
    MIXED_BLACK_CARIBBEAN_WHITE = (
        "mixed_black_caribbean_white",
        "Mixed: Black Caribbean and White",
    )
    MIXED_OTHER = "mixed_other", "Mixed: Any other mixed background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: Any other Asian background"
    BLACK_CARIBBEAN = "black_caribbean", "Black or Black British: Caribbean"
    BLACK_AFRICAN = "black_african", "Black or Black British: African"
    BLACK_OTHER = "black_other", "Black or Black British: Any other Black background"
    OTHER = "other", "Other ethnic group (please specify)"
    NOT_DECLARED = "not_declared", "Not declared"


class PlanStatus(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    HAS_BEEN = "has_been", "Has been"
    DONT_KNOW = "dont_know", "Don't know"


class PlanCategory(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    MULTIPLE = "multiple", "Multiple categories"


class Subject(models.Model):
    """A person in a case: the child or children, family and significant others."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="subjects")
    role = models.CharField(max_length=20, choices=SubjectRole.choices)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    aliases = models.CharField(max_length=200, blank=True, help_text="Any known aliases.")
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(
        max_length=12, blank=True, validators=[validate_nhs_number], verbose_name="NHS number"
    )
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    ethnicity_other = models.CharField(
        max_length=100, blank=True, verbose_name="Other ethnic group"
    )
    disability = models.CharField(max_length=200, blank=True)
    faith = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    legal_status = models.CharField(
        max_length=200, blank=True, help_text="Legal status and/or current criminal proceedings."
    )
    cp_plan_status = models.CharField(
        max_length=10,
        choices=PlanStatus.choices,
        blank=True,
        verbose_name="Subject to a child protection plan",
    )
    cp_plan_category = models.CharField(
        max_length=10,
        choices=PlanCategory.choices,
        blank=True,
        verbose_name="Category of child protection plan",
    )
    relationship_to_child = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["role", "last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        # Rules across fields live here, so the pages and the API (services call full_clean)
        # apply the same ones.
        errors = past_only(self, date_of_birth="Date of birth", date_of_death="Date of death")
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            errors["date_of_death"] = (
                "Date of death must be the same as or after the date of birth."
            )
        if self.ethnicity == Ethnicity.OTHER and not self.ethnicity_other:
            errors["ethnicity_other"] = "Enter the other ethnic group."
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return str(self)


class CaseNote(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.created_at:%d %b %Y}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never the uploaded name: it may identify the child.
    return f"attachments/{instance.partnership_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    description = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
