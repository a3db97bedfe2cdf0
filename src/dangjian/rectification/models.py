"""整改台账: problem, measure, owner, deadline, status. Overdue is computed, never typed."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization


class RectificationStatus(models.TextChoices):
    DONE = "done", _("已完成")
    IN_PROGRESS = "in_progress", _("正在推进")


# Sources the spec names; the column accepts others too.
COMMON_SOURCES = ("民主生活会", "组织生活会", "述职评议", "巡察", "主题教育检视", "群众反映")


class RectificationItem(LedgerModel):
    code = models.CharField(_("问题编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="rectification_items"
    )
    description = models.TextField(_("问题描述"))
    source = models.CharField(_("来源"), max_length=50)
    raised_on = models.DateField(_("提出日期"), null=True, blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    owner = models.CharField(_("责任人"), max_length=100, blank=True)
    deadline = models.DateField(_("整改时限"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=RectificationStatus.choices, default=RectificationStatus.IN_PROGRESS
    )

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改台账")
        ordering = ["deadline", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:30]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rectification:item_detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == RectificationStatus.DONE

    def is_overdue(self, on: dt.date | None = None) -> bool:
        """逾期: past its 整改时限 and not done (computed, see the workbook spec)."""
        return not self.is_done and self.deadline < (on or dt.date.today())

    @property
    def overdue_label(self) -> str:
        return str(_("逾期")) if self.is_overdue() else ""
