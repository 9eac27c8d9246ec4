"""Limits on guessing the second factor (docs/security.md).

allauth checks each code; these limits stop a person who has the password from trying codes
until one fits:
- 5 wrong codes end the pending sign-in: the password must be given again;
- 10 wrong codes for one account within 15 minutes pause code entry for that account for the rest
  of those 15 minutes (only someone who knows the password can cause that, and not for long).
Every wrong code is recorded in the audit trail.
"""

from allauth.account.internal.stagekit import clear_login
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

from cases.audit import audit_record

PER_SIGN_IN = 5
PER_ACCOUNT = 10
WINDOW_SECONDS = 15 * 60
SESSION_KEY = "prm_wrong_codes"
START_AGAIN = "You entered a wrong code too many times. Sign in again with your password."
PAUSED = (
    "There have been too many wrong codes for this account. Try again in 15 minutes, or ask "
    "your business manager if you did not try to sign in."
)


def _account_key(user) -> str:
    return f"prm:wrong-codes:{user.pk}"


class LimitedAuthenticateForm(AuthenticateForm):
    def clean_code(self) -> str:
        if (cache.get(_account_key(self.user)) or 0) >= PER_ACCOUNT:
            raise ValidationError(PAUSED)
        try:
            code = super().clean_code()
        except ValidationError:
            self._wrong_code()
            raise
        context.request.session.pop(SESSION_KEY, None)
        return code

    def _wrong_code(self) -> None:
        request = context.request
        key = _account_key(self.user)
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            for_account = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
            for_account = 1
        for_sign_in = request.session.get(SESSION_KEY, 0) + 1
        request.session[SESSION_KEY] = for_sign_in
        audit_record(
            actor=self.user,
            partnership=None,
            action="sign_in.wrong_code",
            obj=self.user,
            note=f"Wrong two-factor code ({for_sign_in} in this sign-in, "
            f"{for_account} for the account in 15 minutes).",
        )
        if for_sign_in >= PER_SIGN_IN:
            request.session.pop(SESSION_KEY, None)
            clear_login(request)
            raise ValidationError(START_AGAIN)
