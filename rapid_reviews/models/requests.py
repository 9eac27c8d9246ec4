"""Agency information requests and their returns (issue 13): the business manager asks each
agency involved for the partnership's return form (Swindon 001 Appendix 3 "Part 2", Dorset 002
5.7 briefing reports, BCP 003 section 7 report template), due by the clock's `agency_returns`
milestone; the agency writes it, quality-assures it and a senior person not involved in the
case signs it off (Swindon 001 Appendix 10), which returns it. One request carries its return:
there is one return per request and they share their life, so one row (no join on My work)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models import Agency, Case, Chronology, Partnership
from rapid_reviews.choices import OPEN_REQUEST_STATUSES, RequestStatus
from rapid_reviews.models.review import RapidReview


def _user(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


class InformationRequest(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.PROTECT, related_name="information_requests"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=30, choices=RequestStatus.choices, default=RequestStatus.SENT
    )
    due_date = models.DateField()
    due_time = models.TimeField(null=True, blank=True, help_text="Due by this time of day.")
    chronology = models.ForeignKey(
        Chronology, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_by = _user()
    sent_at = models.DateTimeField(default=timezone.now)
    chase_count = models.PositiveIntegerField(default=0)
    last_chased_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    closed_by = _user()
    closed_at = models.DateTimeField(null=True, blank=True)
    # The return: the answers keyed by the partnership's `rapid_review_return` field keys.
    answers = models.JSONField(default=dict, blank=True)
    written_by = _user()
    written_at = models.DateTimeField(null=True, blank=True)
    quality_assured_by = _user()
    quality_assured_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = _user()
    signed_off_at = models.DateTimeField(null=True, blank=True)
    not_involved_declared = models.BooleanField(
        default=False, help_text="The signatory declared: I was not involved in the case."
    )
    entered_on_behalf = models.BooleanField(
        default=False, help_text="A business manager entered the return for the agency."
    )
    entered_by = _user()
    returned_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["rapid_review", "agency__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapid_review", "agency"],
                condition=~Q(status=RequestStatus.CLOSED),
                name="information_request_one_live_per_agency",
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "due_date"])]

    def __str__(self) -> str:
        return f"Information request to {self.agency}"

    def get_absolute_url(self) -> str:
        return reverse(
            "rapid_reviews:request",
            kwargs={
                "partnership_slug": self.case.partnership.slug,
                "pk": self.rapid_review_id,
                "request_pk": self.pk,
            },
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    def is_late(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())
