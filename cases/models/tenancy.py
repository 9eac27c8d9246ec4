from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.roles import AgencyType, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # SHA-256 of the secret in the personal calendar feed's URL (cases.services.preferences).
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)
    reminder_digest = models.BooleanField(
        default=False,
        help_text="One e-mail a day listing every due and overdue step, instead of one e-mail "
        "per reminder (escalations are still sent at once).",
    )

    # Set by set_password; saving the user then ends their API tokens (cases.services.api_tokens).
    password_replaced = False

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_replaced = True


class Partnership(models.Model):
    """The tenant: a local safeguarding children partnership."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    code = models.CharField(
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", "Use 2 to 6 capital letters, e.g. LIN.")],
        help_text="Prefix of case references, e.g. LIN gives LIN-2026-0007.",
    )
    local_authority_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    workflow = models.JSONField(default=dict, blank=True)
    workflow_preset = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def lists_child_initials(self) -> bool:
        """Lists name a child by initials ("S. S.") where the partnership prefers it."""
        workflow = self.workflow if isinstance(self.workflow, dict) else {}
        return workflow.get("child_names_in_lists") == "initials"


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    agency_type = models.CharField(max_length=30, choices=AgencyType.choices)
    is_statutory_partner = models.BooleanField(
        default=False, help_text="One of the three statutory safeguarding partners."
    )
    email = models.EmailField(blank=True, help_text="Functional mailbox for the agency.")
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, partnership__is_active=True, user__is_active=True)


class Membership(models.Model):
    """A user's place in one partnership: their agency and roles there.

    Not scoped by django-scopes: memberships are how a request finds its partnership, so they
    are always queried by user (see cases.tenancy).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The member's nominated deputy (Lincolnshire, seed 000 Appendix A: "your LSCP Senior
    # Liaison Officer (SLO) or their nominated deputy"): another active member of the same
    # partnership and agency, who authorises the agency's referrals while named. Named and
    # removed only through cases.services.deputies (audited); cases.deputies reads it.
    deputy = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputising_for",
        verbose_name="nominated deputy",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="membership_unique_user_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.partnership}"

    def clean(self):
        if self.agency_id and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "The agency must belong to the same partnership."})
        if self.deputy_id and (
            self.deputy_id == self.pk
            or self.deputy.partnership_id != self.partnership_id
            or self.deputy.agency_id != self.agency_id
        ):
            raise ValidationError({"deputy": "Select a deputy from your agency"})

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_set", None)
        if cached is None:
            cached = frozenset(r.role for r in self.roles.all())
            self._role_set = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.role_set]


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class ClosureDay(models.Model):
    """A day the partnership does not count as a working day (e.g. office closure).

    Removing one archives it (removed_at), so the history of the calendar is kept."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="closure_days"
    )
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "date"],
                condition=models.Q(removed_at__isnull=True),
                name="closure_day_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y} {self.reason}".strip()
