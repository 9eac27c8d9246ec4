"""Family engagement on an LCSPR (Swindon 001 section 6 and Appendices 7-8; BCP 003 section 11;
Lincolnshire 000 chapter 3) and the processes running alongside it (Lincolnshire 000 "Links to
other processes").

The family's details are for the people running the review: never agency members
(lcspr.permissions.can_view_family), and never in the published report (the genogram and the
family's details stay out of it, Swindon 001 section 6)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Partnership
from lcspr.choices import ContactMethod, ParallelProcessKind, ParallelProcessStatus
from lcspr.models.review import LearningReview, LocalReview


def _one_owner(name: str) -> models.CheckConstraint:
    """Exactly one of `review` (an LCSPR) and `learning_review` is set."""
    return models.CheckConstraint(
        condition=Q(review__isnull=False, learning_review__isnull=True)
        | Q(review__isnull=True, learning_review__isnull=False),
        name=name,
    )


class _Owned:
    """The family engagement of an LCSPR (`review`) or of a learning review (`learning_review`):
    the same records, services and pages (lcspr.services.family), whichever owns them."""

    @property
    def owner(self):
        return self.review if self.review_id else self.learning_review


class FamilyEngagement(_Owned, models.Model):
    """The review's family engagement: its coordinator, "an individual who will take
    responsibility for co-ordinating communication with family members" (Swindon 001 s6)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.OneToOneField(
        LocalReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_engagement",
    )
    learning_review = models.OneToOneField(
        LearningReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_engagement",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approach = models.TextField(
        blank=True,
        help_text="The approach agreed: support, interpretation, how the family is kept informed.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [_one_owner("family_engagement_one_owner")]

    def __str__(self) -> str:
        return f"Family engagement of {self.owner}"


class FamilyMember(_Owned, models.Model):
    """A member of the child's family or network invited to contribute (Swindon 001 s6)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_members",
    )
    learning_review = models.ForeignKey(
        LearningReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_members",
    )
    name = models.CharField(max_length=200)
    relationship = models.CharField("Relationship to the child", max_length=100)
    contact_details = models.TextField(blank=True, help_text="Address, telephone, e-mail.")
    to_be_contacted = models.BooleanField(default=True)
    not_contacted_reason = models.TextField(blank=True)
    preferred_method = models.CharField(
        "Preferred way of contact", max_length=20, choices=ContactMethod.choices, blank=True
    )
    support_needs = models.TextField(
        blank=True, help_text="Interpretation, translation, disability or specialist support."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [_one_owner("family_member_one_owner")]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class FamilyContact(_Owned, models.Model):
    """One entry of the contact log. Notes of a conversation are shared back with the family
    member to check for factual accuracy (BCP 003 s11)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_contacts",
    )
    learning_review = models.ForeignKey(
        LearningReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_contacts",
    )
    member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="contacts")
    method = models.CharField(max_length=20, choices=ContactMethod.choices)
    contacted_on = models.DateField()
    made_by = models.CharField("Who made contact", max_length=200)
    outcome = models.TextField()
    notes_shared = models.BooleanField("Notes shared back for accuracy", default=False)
    notes_shared_on = models.DateField(null=True, blank=True)
    despite_hold = models.BooleanField(
        default=False,
        help_text="Recorded while a parallel process held family contact back, confirmed.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["contacted_on", "id"]
        constraints = [_one_owner("family_contact_one_owner")]

    def __str__(self) -> str:
        return (
            f"{self.get_method_display()} with {self.member.name} on {self.contacted_on:%-d %B %Y}"
        )


class EmbargoedCopy(models.Model):
    """The embargoed, confidential copy of the report given to the family ahead of publication
    (Lincolnshire 000 chapter 3)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, related_name="embargoed_copies"
    )
    member = models.ForeignKey(
        FamilyMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    given_to = models.CharField(max_length=200)
    given_on = models.DateField()
    version = models.CharField("Version or description", max_length=200)
    embargo_until = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["given_on", "id"]
        verbose_name_plural = "embargoed copies"

    def __str__(self) -> str:
        return f"Embargoed copy to {self.given_to}"


class ParallelProcess(models.Model):
    """A process running alongside the review: criminal investigation, coroner's inquest, DHR,
    SAR, MAPPA, disciplinary. One that "holds family contact back" makes the family pages warn
    (Swindon 001 s6: "engagement may not be possible until the outcome of any criminal
    proceedings"); contact with the coroner is only through the legal adviser (Lincolnshire)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, related_name="parallel_processes"
    )
    kind = models.CharField(max_length=30, choices=ParallelProcessKind.choices)
    description = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=ParallelProcessStatus.choices, default=ParallelProcessStatus.ACTIVE
    )
    liaison_name = models.CharField(max_length=200, blank=True)
    liaison_role = models.CharField(max_length=200, blank=True)
    liaison_organisation = models.CharField(max_length=200, blank=True)
    liaison_email = models.EmailField(max_length=254, blank=True)
    liaison_phone = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)
    holds_family_contact = models.BooleanField("Holds family contact back", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "parallel processes"

    def __str__(self) -> str:
        return self.description or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:process_detail",
            kwargs={
                "partnership_slug": self.review.case.partnership.slug,
                "pk": self.review_id,
                "process_pk": self.pk,
            },
        )


class DisclosureRequest(models.Model):
    """A request for disclosure from a parallel process (a chronology, notes of conversations:
    BCP 003 s11, the police disclosure officer)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(
        ParallelProcess, on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    requested_on = models.DateField()
    what = models.TextField()
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Disclosure requested {self.requested_on:%-d %B %Y}"
