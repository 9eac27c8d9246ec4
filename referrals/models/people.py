from django.db import models
from django_scopes import ScopedManager

from cases.models import Agency, Ethnicity, Partnership, PlanCategory, Sex, Subject
from cases.validators import validate_nhs_number
from referrals.choices import PersonRole, PlanStatus, YesNoDontKnow
from referrals.models.referral import Referral


class ReferralItem(models.Model):
    """A row of one of the form's repeating sections; removing one archives it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class ReferralChild(ReferralItem):
    """Lincolnshire section 1 and Swindon 1.2 (one per child)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="children")
    first_name = models.CharField("First name", max_length=100, blank=True)
    last_name = models.CharField("Last name", max_length=100, blank=True)
    aliases = models.CharField("Any known aliases", max_length=200, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    date_of_death = models.DateField("Date of death", null=True, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=12, blank=True, validators=[validate_nhs_number]
    )
    sex = models.CharField("Sex", max_length=10, choices=Sex.choices, blank=True)
    gender_identity = models.CharField("Gender, if different", max_length=100, blank=True)
    address = models.TextField("Address", blank=True)
    ethnicity = models.CharField(
        "Ethnic origin", max_length=40, choices=Ethnicity.choices, blank=True
    )
    ethnicity_other = models.CharField("Other ethnic group", max_length=100, blank=True)
    disability = models.CharField("Disability", max_length=200, blank=True)
    faith = models.CharField("Faith", max_length=100, blank=True)
    first_language = models.CharField("First language", max_length=100, blank=True)
    education_provision = models.CharField("Education provision", max_length=200, blank=True)
    carer_at_time = models.CharField(
        "Carer at the time of the incident", max_length=200, blank=True
    )
    legal_status = models.CharField(
        "Legal status at the time of the incident", max_length=200, blank=True
    )
    cp_plan_status = models.CharField(
        "Child protection plan", max_length=10, choices=PlanStatus.choices, blank=True
    )
    cp_plan_category = models.CharField(
        "Category of the plan", max_length=10, choices=PlanCategory.choices, blank=True
    )
    cp_plan_start = models.DateField("Date the plan started", null=True, blank=True)
    cin_status = models.CharField(
        "Child in need", max_length=10, choices=PlanStatus.choices, blank=True
    )
    tac_status = models.CharField(
        "Team around the child", max_length=10, choices=PlanStatus.choices, blank=True
    )
    lac_status = models.CharField(
        "Looked after child", max_length=10, choices=PlanStatus.choices, blank=True
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(ReferralItem.Meta):
        verbose_name_plural = "referral children"
        indexes = [
            # The first child's name beside every referral in a list (with_child_names).
            models.Index(
                fields=["referral", "id"],
                condition=models.Q(archived_at__isnull=True),
                name="referral_child_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or "Child (name not given)"


class ReferralPerson(ReferralItem):
    """Swindon 1.3 and Lincolnshire section 2: family composition and significant others."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(
        "Who is this person", max_length=20, choices=PersonRole.choices, blank=True
    )
    relationship_to_child = models.CharField(
        "Relationship to the child", max_length=100, blank=True
    )
    first_name = models.CharField("First name", max_length=100, blank=True)
    last_name = models.CharField("Last name", max_length=100, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=12, blank=True, validators=[validate_nhs_number]
    )
    address = models.TextField("Address", blank=True)
    ethnicity = models.CharField(
        "Ethnic origin", max_length=40, choices=Ethnicity.choices, blank=True
    )
    ethnicity_other = models.CharField("Other ethnic group", max_length=100, blank=True)
    legal_status = models.CharField(
        "Legal status or current criminal proceedings", max_length=200, blank=True
    )
    cp_plan_status = models.CharField(
        "Is or was subject to a child protection plan",
        max_length=10,
        choices=PlanStatus.choices,
        blank=True,
    )
    cp_plan_category = models.CharField(
        "Category of the plan", max_length=10, choices=PlanCategory.choices, blank=True
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        relation = self.relationship_to_child or self.get_role_display()
        return f"{name} ({relation})" if name and relation else (name or relation or "Person")


class ReferralAgencyContact(ReferralItem):
    """Swindon 1.4 and Lincolnshire section 3: agencies known to be involved."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="contacts")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency_name = models.CharField("Agency (if not in the list)", max_length=200, blank=True)
    practitioner_name = models.CharField("Name of the practitioner", max_length=200, blank=True)
    contact_details = models.CharField("Contact details", max_length=300, blank=True)
    involvement = models.TextField("Nature of involvement or intervention", blank=True)
    involved_from = models.DateField("Involved from", null=True, blank=True)
    involved_to = models.DateField("Involved until", null=True, blank=True)
    still_involved = models.CharField(
        "Are they still involved", max_length=10, choices=YesNoDontKnow.choices, blank=True
    )

    def __str__(self) -> str:
        return " – ".join(p for p in (self.agency_label, self.practitioner_name) if p) or "Agency"

    @property
    def agency_label(self) -> str:
        return self.agency.name if self.agency_id else self.agency_name
