"""Chronologies (issue 13): each agency's table of key events (or of organisational changes) on
a case, with the columns of the Lincolnshire template (seed 000 Appendix F), merged into the
integrated (master) chronology. One machinery for every stage: `purpose` says which stage asked
(the rapid review, the LCSPR), so a case may hold several (docs/chronologies.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.cases import Case, Subject
from cases.models.tenancy import Agency, Partnership


class ChronologyPurpose(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LCSPR = "lcspr", "Local child safeguarding practice review"


class ChronologyKind(models.TextChoices):
    # Swindon 001 Appendix 10: a "Key Events Chronology" and, for an LCSPR, a chronology of
    # organisational changes "which may have impacted on frontline practice".
    EVENTS = "events", "Key events"
    ORGANISATIONAL_CHANGES = "organisational_changes", "Organisational changes"


class ChronologyStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"


EDITABLE_STATUSES = frozenset({ChronologyStatus.DRAFT, ChronologyStatus.RETURNED})


class Chronology(models.Model):
    """What the business manager asked one agency for: its chronology of one kind, for one
    stage of the case, covering the scope period, due by a date."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="chronologies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=30, choices=ChronologyPurpose.choices)
    kind = models.CharField(
        max_length=30, choices=ChronologyKind.choices, default=ChronologyKind.EVENTS
    )
    scope_from = models.DateField("scope period from", null=True, blank=True)
    scope_to = models.DateField("scope period to", null=True, blank=True)
    due_date = models.DateField("due", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ChronologyStatus.choices, default=ChronologyStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Swindon 001 Appendix 10 (the LCSPR's chronologies): completed "by a senior member of staff
    # who has had no involvement with the case"; an LCSPR chronology's submitter names them.
    written_by = models.CharField("written by (name and job title)", max_length=200, blank=True)
    author_not_involved = models.BooleanField(
        "the writer had no involvement in the case", default=False
    )
    returned_reason = models.TextField("why it was returned", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        verbose_name_plural = "chronologies"
        ordering = ["purpose", "kind", "agency__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "agency", "purpose", "kind"], name="chronology_once_per_agency"
            )
        ]
        indexes = [
            # My work: the partnership's chronologies still to come, soonest due first.
            models.Index(
                fields=["partnership", "due_date", "id"],
                name="chronology_due",
                condition=~models.Q(status="submitted"),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.agency.name}'s {self.get_kind_display().lower()} chronology"
            f" ({self.get_purpose_display().lower()})"
        )

    @property
    def needs_writer(self) -> bool:
        return self.purpose == ChronologyPurpose.LCSPR

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.status != ChronologyStatus.SUBMITTED
            and self.due_date
            and self.due_date < timezone.localdate()
        )

    @property
    def status_tag(self) -> tuple[str, str]:
        """(text, colour) of the GOV.UK tag: overdue in red."""
        if self.is_overdue:
            return "Overdue", "red"
        return {
            ChronologyStatus.DRAFT: ("Being written", "blue"),
            ChronologyStatus.SUBMITTED: ("Submitted", "green"),
            ChronologyStatus.RETURNED: ("Returned for changes", "orange"),
        }[self.status]

    def in_scope(self, day) -> bool:
        return not (
            (self.scope_from and day < self.scope_from) or (self.scope_to and day > self.scope_to)
        )


class ChronologyEntry(models.Model):
    """One row of an agency's chronology: the eight columns of Lincolnshire's Appendix F, with
    an optional time. Removed entries are kept (removed_at), like every record."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    chronology = models.ForeignKey(Chronology, on_delete=models.PROTECT, related_name="entries")
    occurred_on = models.DateField("date")
    occurred_at = models.TimeField("time", null=True, blank=True)
    source = models.CharField("source of information", max_length=200, blank=True)
    department = models.CharField("agency or department", max_length=200, blank=True)
    subjects = models.ManyToManyField(
        Subject,
        through="ChronologyEntrySubject",
        blank=True,
        related_name="+",
        verbose_name="subjects",
    )
    contact_type = models.CharField("type of contact", max_length=200, blank=True)
    by_whom = models.CharField("by whom", max_length=200, blank=True)
    details = models.TextField("details of event")
    analysis = models.TextField("comments or analysis of outcome", blank=True)
    entered_on_behalf = models.BooleanField(
        "entered on the agency's behalf",
        default=False,
        help_text="Entered by the partnership's business manager, not by the agency.",
    )
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        verbose_name_plural = "chronology entries"
        ordering = ["occurred_on", "occurred_at", "position", "id"]
        indexes = [
            models.Index(
                fields=["chronology", "occurred_on", "occurred_at", "position"],
                name="chronology_entry_order",
                condition=models.Q(removed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"entry of {self.occurred_on:%-d %B %Y}"


class ChronologyEntrySubject(models.Model):
    """A person of the case an entry is about, with its own partnership so that row-level
    security holds it like every tenant table."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "subject"], name="chronology_subject_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.subject_id}"
