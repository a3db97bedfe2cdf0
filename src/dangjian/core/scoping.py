"""Who may see and change what: the one place where role and organisation scope are decided.

Every page, API view, export and report narrows its queryset with
``Model.objects.visible_to(user, action)``. A model says how it reaches the organisation tree
(``scope_org_field``) and, for ordinary members, how it reaches the member
(``scope_member_field``); nothing else in the code base filters by role.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class Scope:
    """What a user may reach: everything, some organisation subtrees, and/or one member record."""

    everything: bool = False
    org_paths: tuple[str, ...] = ()
    member_id: int | None = None
    can_change: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.org_paths and self.member_id is None


NO_SCOPE = Scope()


def scope_for(user) -> Scope:
    """The scope of a user, from their profile's role (see organizations.models.Profile)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SCOPE
    if user.is_superuser:
        return Scope(everything=True, can_change=True)
    cached = getattr(user, "_dangjian_scope", None)
    if cached is not None:
        return cached
    from dangjian.organizations.models import Profile, Role

    profile = Profile.objects.select_related("organization").filter(user=user).first()
    if profile is None:
        scope = NO_SCOPE
    elif profile.role == Role.PARTY_ADMIN:
        if profile.organization is None:
            scope = Scope(everything=True, can_change=True)
        else:
            scope = Scope(org_paths=(profile.organization.path,), can_change=True)
    elif profile.role == Role.BRANCH_SECRETARY and profile.organization is not None:
        scope = Scope(
            org_paths=(profile.organization.path,), member_id=profile.member_id, can_change=True
        )
    elif profile.member_id is not None:
        scope = Scope(member_id=profile.member_id)
    else:
        scope = NO_SCOPE
    user._dangjian_scope = scope
    return scope


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW) -> ScopedQuerySet:
        scope = scope_for(user)
        if action == CHANGE and not scope.can_change:
            return self.none()
        if scope.everything:
            return self
        model = self.model
        condition = org_condition(model, scope)
        member_field = getattr(model, "scope_member_field", None)
        # Members see their own rows, read-only; a secretary's own rows are inside the branch anyway.
        if member_field is not None and scope.member_id is not None and action == VIEW:
            # Across a relation or through a reverse one (Organization.members) a join would
            # repeat each row once per matching member, so go through a pk subquery instead.
            if "__" in member_field or _multi_valued(model, member_field):
                own = model._default_manager.filter(**{member_field: scope.member_id}).values("pk")
                condition |= models.Q(pk__in=own)
            else:
                condition |= models.Q(**{member_field: scope.member_id})
        return self.filter(condition)


def org_condition(model, scope: Scope) -> models.Q:
    """The rows of ``model`` inside the scope's organisation subtrees (none without any).

    ``scope_org_field`` names the path lookup, or several (a tuple) when a row reaches the tree
    in more than one way — an access event through its user's profile organisation or member.
    """
    condition = models.Q(pk__in=[])
    org_fields = getattr(model, "scope_org_field", None) or ()
    if isinstance(org_fields, str):
        org_fields = (org_fields,)
    for org_field in org_fields:
        for path in scope.org_paths:
            condition |= models.Q(**{f"{org_field}__startswith": path})
    return condition


def visible_history(model, user):
    """The audit history rows of ``model`` that ``user`` may read: a 党委管理员's subtree, the
    same subtree ``visible_to`` gives them on the ledgers (the history row's own organisation as
    it was recorded, or its current one across relations). Everyone else reads none; a model
    that does not reach the tree is for a whole-platform admin only."""
    history = model.history.all()
    if not is_party_admin(user):
        return history.none()
    scope = scope_for(user)
    if scope.everything:
        return history
    return history.filter(org_condition(model, scope))


def _multi_valued(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # "pk"
        return False
    return bool(field.one_to_many or field.many_to_many)


def is_party_admin(user) -> bool:
    """党委管理员 (or a superuser): may read the audit log and import workbooks.

    The role only, not the reach: a 党委管理员 limited to one organisation reads and writes that
    subtree alone, so every page behind this check still narrows by ``visible_to`` (audit rows
    by ``visible_history``, imports by the importer's scope check)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from dangjian.organizations.models import Profile, Role

    return Profile.objects.filter(user=user, role=Role.PARTY_ADMIN).exists()


def is_branch_manager(user) -> bool:
    """A 支部书记 or 党委管理员: may see the branch-level ledgers and reports."""
    return scope_for(user).can_change
