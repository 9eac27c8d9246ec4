from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """No self-registration: people join by a business manager's invitation."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        # allauth's own e-mails (password reset) go through the one outbox like every other.
        from django.utils.crypto import get_random_string

        from cases.emails import email_enqueue

        msg = self.render_mail(template_prefix, email, context)
        email_enqueue(
            key=f"allauth:{template_prefix}:{email}:{get_random_string(16)}",
            to=email,
            template="raw",
            context={
                "subject": msg.subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX),
                "body": msg.body,
            },
        )


class MFAAdapter(DefaultMFAAdapter):
    """Two factors are mandatory: the last authenticator app or security key cannot be removed
    (add another first). Authenticator secrets are stored encrypted (Fernet)."""

    PREFIX = "fernet:"

    def _fernet(self) -> Fernet:
        return Fernet(settings.AUTHENTICATOR_ENCRYPTION_KEY.encode())

    def encrypt(self, text: str) -> str:
        return self.PREFIX + self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(self.PREFIX):
            return encrypted_text  # written before encryption was switched on
        return self._fernet().decrypt(encrypted_text.removeprefix(self.PREFIX).encode()).decode()

    SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type not in self.SECOND_FACTORS:
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=self.SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
