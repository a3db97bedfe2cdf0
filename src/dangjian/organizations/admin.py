from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from .models import Member, Organization, Profile


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "org_type", "parent", "last_election_on")
    list_filter = ("org_type",)
    search_fields = ("code", "name")


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("member_no", "name", "organization", "category", "department", "party_post")
    list_filter = ("category", "employment_status", "is_dual_leader")
    search_fields = ("member_no", "name", "name_initials")
    autocomplete_fields = ("organization",)


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organization", "member", "must_change_password")
    list_filter = ("role",)
    autocomplete_fields = ("organization", "member")


class PolicyUserAdmin(UserAdmin):
    """A password an administrator sets for someone else is an initial password: it must be changed."""

    def save_model(self, request, obj, form, change):
        password_set = "password1" in form.cleaned_data or "password" in form.changed_data
        super().save_model(request, obj, form, change)
        if password_set and obj.pk != request.user.pk:
            Profile.objects.update_or_create(user=obj, defaults={"must_change_password": True})


admin.site.unregister(User)
admin.site.register(User, PolicyUserAdmin)
