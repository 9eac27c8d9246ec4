"""API rate limits (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): one per token and one per person,
counted in the cache (Redis). Over either, the API answers 429 with Retry-After.

DRF reads a throttle's rate into a class attribute when the module is imported; these read it
per request, so the settings in force (and tests' override_settings) are the ones applied.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cases.models import ApiToken


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class ApiTokenRateThrottle(_SettingsRateThrottle):
    """Requests made with one API token: a leaked or runaway token is held on its own."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class PersonRateThrottle(_SettingsRateThrottle):
    """Every request of one person, with any of their tokens or signed in."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
