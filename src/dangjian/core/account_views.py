"""Account pages beyond Django's: password change that clears the forced-change flag, and
log-out everywhere (ends every session of the user, on every device)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import clock


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["required"] = self.request.GET.get("required") == "1"
        context["title"] = _("修改密码")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        profile = getattr(self.request.user, "profile", None)
        if profile is not None and profile.must_change_password:
            profile.must_change_password = False
            profile.save(update_fields=["must_change_password"])
        messages.success(self.request, _("密码已修改。"))
        return response


def end_all_sessions(user) -> int:
    """Delete every unexpired session that belongs to the user; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@require_POST
@login_required
def logout_everywhere(request):
    from .api_auth import revoke_tokens

    end_all_sessions(request.user)
    revoke_tokens(request.user)
    logout(request)
    return redirect("login")


@login_required
def api_tokens(request):
    """The user's own API tokens: when issued, when they expire; issue a new one (shown once)
    or revoke it. Each issue and revocation is in the access log."""
    from rest_framework.authtoken.models import Token

    from .api_auth import revoke_tokens, token_expires
    from .audit import record_event
    from .models import AccessKind

    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            if revoke_tokens(request.user):
                record_event(request, AccessKind.TOKEN_REVOKE, _("用户撤销了自己的 API 令牌"))
                messages.success(request, _("API 令牌已撤销，使用它的程序将无法再访问。"))
            return redirect("api_tokens")
        if action == "create":
            if revoke_tokens(request.user):
                record_event(request, AccessKind.TOKEN_REVOKE, _("生成新令牌，旧令牌作废"))
            new_key = Token.objects.create(user=request.user).key
    tokens = [
        {"created": token.created, "expires": token_expires(token), "ending": token.key[-4:]}
        for token in Token.objects.filter(user=request.user)
    ]
    return render(
        request,
        "core/api_tokens.html",
        {"title": _("API 令牌"), "tokens": tokens, "new_key": new_key, "now": clock.now()},
    )
