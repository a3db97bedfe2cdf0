"""Service activities: 义诊, 志愿服务, 结对帮扶 … with the people reached."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization

# The types the spec names; the column is open ("e.g."), so others are accepted as written.
COMMON_SERVICE_TYPES = ("义诊", "志愿服务", "结对帮扶", "医疗保障", "下基层帮扶", "党员先锋岗")


class ServiceActivity(LedgerModel):
    code = models.CharField(_("活动编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="service_activities",
    )
    activity_type = models.CharField(_("类型"), max_length=50, db_index=True)
    date = models.DateField(_("日期"), db_index=True)
    content = models.TextField(_("内容"), blank=True)
    participants = models.PositiveIntegerField(_("参与人数"), null=True, blank=True)
    people_served = models.PositiveIntegerField(_("服务人次"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("服务活动")
        verbose_name_plural = _("服务活动")
        ordering = ["-date", "code"]

    def __str__(self) -> str:
        return f"{self.date} {self.activity_type}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("outreach:activity_detail", args=[self.pk])
