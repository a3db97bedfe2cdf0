"""Account pages beyond Django's: password change that clears the forced-change flag, and
log-out everywhere (ends every session of the user, on every device)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST


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
    end_all_sessions(request.user)
    logout(request)
    return redirect("login")
