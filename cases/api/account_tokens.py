"""/api/account/tokens/: your own API tokens, listed and revoked (not made: a token is made in
the browser, after signing in with two factors, so a leaked token cannot make more)."""

from django.http import Http404
from rest_framework import mixins, serializers, viewsets

from cases.api.permissions import IsTwoFactorUser
from cases.models import ApiToken
from cases.services import api_tokens


class ApiTokenSerializer(serializers.ModelSerializer):
    expired = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created_at", "expires_at", "expired", "last_used_at"]
        read_only_fields = fields


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your API tokens that have not been revoked or ended (expired ones are marked). DELETE
    revokes one at once; another person's token is a 404."""

    serializer_class = ApiTokenSerializer
    permission_classes = [IsTwoFactorUser]
    pagination_class = None  # ten at most

    def get_queryset(self):
        return api_tokens.api_tokens_of(user=self.request.user)

    def perform_destroy(self, instance):
        try:
            api_tokens.api_token_revoke(user=self.request.user, pk=instance.pk)
        except ApiToken.DoesNotExist as exc:
            raise Http404 from exc
