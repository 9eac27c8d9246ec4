from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets

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


class ModelSerializer(serializers.ModelSerializer):
    """The project's model serializer. DRF drops `allow_blank` and `allow_null` from read-only
    fields, so the schema would say a read-only choice is never "" or null when the model lets
    it be: they are put back from the model field, so responses match the schema."""

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        for name, field in fields.items():
            if not field.read_only or not isinstance(field, serializers.ChoiceField):
                continue
            try:
                model_field = model._meta.get_field(field.source or name)
            except FieldDoesNotExist:
                continue
            field.allow_blank = field.allow_blank or bool(getattr(model_field, "blank", False))
            field.allow_null = field.allow_null or bool(getattr(model_field, "null", False))
        return fields
