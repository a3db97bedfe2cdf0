"""组织关系转接: a member's moves between organisations, which are also their membership history.

See ``periods.py`` for how the history is read and ``services.py`` for how a transfer is recorded
(the member's current organisation changes in the same transaction).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.core.scoping import CHANGE, VIEW, ScopedQuerySet, scope_for
from dangjian.organizations.models import Member, Organization

from . import periods


class TransferKind(models.TextChoices):
    INTERNAL = periods.INTERNAL, _("院内转接")
    IN = periods.IN, _("转入")
    OUT = periods.OUT, _("转出")


class TransferQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """A transfer concerns both ends: the secretaries of the sending and of the receiving
        organisation both see it (and may change it), as does the member's current branch."""
        scope = scope_for(user)
        if action == CHANGE and not scope.can_change:
            return self.none()
        if scope.everything:
            return self
        condition = models.Q(pk__in=[])
        for path in scope.org_paths:
            condition |= (
                models.Q(from_org__path__startswith=path)
                | models.Q(to_org__path__startswith=path)
                | models.Q(member__organization__path__startswith=path)
            )
        if scope.member_id is not None and action == VIEW:
            condition |= models.Q(member_id=scope.member_id)
        return self.filter(condition)


class Transfer(LedgerModel):
    code = models.CharField(_("转接编号"), max_length=50, unique=True)
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.PROTECT, related_name="transfers"
    )
    kind = models.CharField(_("转接类型"), max_length=20, choices=TransferKind.choices)
    date = models.DateField(_("转接日期"), db_index=True)
    from_org = models.ForeignKey(
        Organization,
        verbose_name=_("转出组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_org = models.ForeignKey(
        Organization,
        verbose_name=_("转入组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    from_unit = models.CharField(
        _("转出单位"), max_length=200, blank=True, help_text=_("转入时填写原单位党组织")
    )
    to_unit = models.CharField(
        _("转入单位"), max_length=200, blank=True, help_text=_("转出时填写接收单位党组织")
    )
    letter_no = models.CharField(_("介绍信编号"), max_length=100, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = TransferQuerySet.as_manager()
    history = audit_history()
    # For the exporter's --org filter and list filters: the member's current organisation.
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["member", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.member.name if self.member_id else ''}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("transfers:transfer_detail", args=[self.pk])

    def as_move(self) -> periods.Move:
        return periods.Move(self.date, self.kind, self.from_org_id, self.to_org_id)
