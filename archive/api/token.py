"""The token login (``/api/v1/auth/token/``), limited in failed attempts per account and per address."""
from drf_spectacular.utils import extend_schema_view
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError

from archive.api import docs
from archive.throttling import LoginAccountThrottle, LoginAddressThrottle


@extend_schema_view(**docs.TOKEN)
class TokenView(ObtainAuthToken):
    """ObtainAuthToken that answers 429 once an account or an address has failed too often.

    Every refused login (wrong or missing credentials) counts against the
    username tried and the client's address; see :mod:`archive.throttling`.
    """

    throttle_classes = (LoginAccountThrottle, LoginAddressThrottle)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            for throttle in self.get_throttles():
                throttle.record_failure(request, self)
            raise
