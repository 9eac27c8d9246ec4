"""A safeguarding lead officer's nominated deputy (cases.deputies): read, name, remove. The same
service and rule as the page /p/<partnership>/account/deputy/."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cases import deputies
from cases.api.base import PartnershipViewSet
from cases.models import Membership
from cases.services import deputies as services


class DeputyMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The member's id in this partnership.")
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")


class DeputySerializer(serializers.Serializer):
    deputy = DeputyMemberSerializer(allow_null=True, help_text="Your deputy, or null.")
    authorises_referrals = serializers.BooleanField(
        help_text="Whether a deputy authorises your agency's referrals in this partnership (only"
        " where the safeguarding lead officer is the referral authoriser)."
    )
    candidates = DeputyMemberSerializer(
        many=True, help_text="Whom you can name: the other active members of your agency."
    )


class DeputyNameSerializer(serializers.Serializer):
    deputy = serializers.IntegerField(
        help_text="The id of the member to name (one of `candidates`).",
        error_messages={"required": deputies.DEPUTY_ERROR, "invalid": deputies.DEPUTY_ERROR},
    )


class DeputyViewSet(PartnershipViewSet):
    """Your deputy in this partnership. Only a safeguarding lead officer with an agency names
    one (403 for anyone else)."""

    serializer_class = DeputySerializer
    pagination_class = None

    def _slo(self) -> Membership:
        if not deputies.can_name_deputy(self.membership):
            raise PermissionDenied("Only an agency's safeguarding lead officer names a deputy.")
        return self.membership

    def _answer(self, membership: Membership, code=status.HTTP_200_OK) -> Response:
        data = {
            "deputy": deputies.current_deputy(membership),
            "authorises_referrals": deputies.deputies_authorise(membership.partnership),
            "candidates": list(deputies.deputy_candidates(membership)),
        }
        return Response(DeputySerializer(data).data, status=code)

    @extend_schema(responses=DeputySerializer)
    def retrieve(self, request, partnership_slug):
        return self._answer(self._slo())

    @extend_schema(request=DeputyNameSerializer, responses=DeputySerializer)
    def update(self, request, partnership_slug):
        """Name a deputy (in place of any named before); they are e-mailed."""
        membership = self._slo()
        serializer = DeputyNameSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Looked up among this partnership's members only: anyone else is "not from your agency".
        deputy = Membership.objects.filter(
            partnership=membership.partnership_id, pk=serializer.validated_data["deputy"]
        ).first()
        services.deputy_name(actor=request.user, membership=membership, deputy=deputy)
        return self._answer(membership)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, partnership_slug):
        """Remove your deputy: from now on they cannot authorise for you."""
        services.deputy_remove(actor=request.user, membership=self._slo())
        return Response(status=status.HTTP_204_NO_CONTENT)
