from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from cases.api.permissions import IsPartnershipMember, IsTwoFactorUser

PARTNERSHIP_PARAMETER = OpenApiParameter(
    "partnership_slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The partnership you are working in (see /api/me/).",
)


@extend_schema(parameters=[PARTNERSHIP_PARAMETER])
class PartnershipViewSet(viewsets.GenericViewSet):
    """Base of every tenant API view: the member check answers 404 for other partnerships."""

    permission_classes = [IsTwoFactorUser, IsPartnershipMember]

    @property
    def membership(self):
        return self.request.membership

    @property
    def partnership(self):
        return self.request.membership.partnership
