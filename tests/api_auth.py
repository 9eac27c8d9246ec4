"""An API token for a test user (the one place tests make tokens)."""

from rest_framework.authtoken.models import Token


def token_for(user) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
