"""Log-in protection: lock-out after repeated failures (django-axes), for web log-ins only."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lock-out check, applied to log-ins that come with a request.

    Authentication without a request (management commands, the test client's ``login``) has no
    client address to lock, so it passes through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
