from django.utils import timezone
from rest_framework import authentication, exceptions

from cases.models import ApiTokenEnd
from cases.services import api_tokens

INVALID = "Invalid token."
ENDED = {
    ApiTokenEnd.REVOKED: "This API token was revoked on {day}.",
    ApiTokenEnd.PASSWORD_CHANGED: "This API token ended when your password was changed on {day}.",
    ApiTokenEnd.NO_MEMBERSHIP: "This API token ended on {day}, when you were no longer a member "
    "of any partnership.",
}
NEW_ONE = " Create a new one under Your account."


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token prm_…`` (DRF's header parsing), checked against the stored hash
    (ADR 0010). An expired, revoked or ended token is refused with 401 and says why, so the
    person knows to make a new one; request.auth is the ApiToken (the throttles key on it)."""

    def authenticate_credentials(self, key):
        token = api_tokens.api_token_by_secret(key)
        if token is None:
            raise exceptions.AuthenticationFailed(INVALID)
        if token.ended_at is not None:
            reason = ENDED[token.end_reason].format(day=api_tokens.day(token.ended_at))
            raise exceptions.AuthenticationFailed(reason + NEW_ONE)
        if token.expires_at <= timezone.now():
            day = api_tokens.day(token.expires_at)
            raise exceptions.AuthenticationFailed(f"This API token expired on {day}." + NEW_ONE)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        api_tokens.api_token_used(token)
        return token.user, token
