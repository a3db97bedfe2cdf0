"""Send a user whose password must be changed (initial or reset by an administrator) to do so."""

from django.shortcuts import redirect
from django.urls import reverse


class ForcePasswordChangeMiddleware:
    # The API is not redirected: it answers 403 with a message instead (core/api_auth.py).
    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and _must_change(user)
        ):
            return redirect(f"{reverse('password_change')}?required=1")
        return self.get_response(request)


def _must_change(user) -> bool:
    profile = getattr(user, "profile", None)
    return bool(profile is not None and profile.must_change_password)
