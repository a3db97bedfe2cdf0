from django.contrib import admin
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
    list_display = ("user", "role", "organization", "member")
    list_filter = ("role",)
    autocomplete_fields = ("organization", "member")
