"""发展党员 cases: one row per person, with the dates of the pipeline's stages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization, validate_id_number


class DevelopmentCase(LedgerModel):
    name = models.CharField(_("姓名"), max_length=50)
    # One case per person: the identity number is the matching key on re-import.
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_id_number])
    organization = models.ForeignKey(
        Organization, verbose_name=_("所在组织"), on_delete=models.PROTECT, related_name="development_cases"
    )
    applied_on = models.DateField(_("入党申请日期"))
    talked_on = models.DateField(_("谈话日期"), null=True, blank=True)
    activist_on = models.DateField(_("确定积极分子日期"), null=True, blank=True)
    candidate_on = models.DateField(_("确定发展对象日期"), null=True, blank=True)
    political_review_on = models.DateField(_("政治审查日期"), null=True, blank=True)
    training_completed_on = models.DateField(_("集中培训结业日期"), null=True, blank=True)
    publicity_started_on = models.DateField(_("公示开始日期"), null=True, blank=True)
    admitted_on = models.DateField(_("支部大会接收日期"), null=True, blank=True)
    approved_on = models.DateField(_("上级党委审批日期"), null=True, blank=True)
    converted_on = models.DateField(_("转正日期"), null=True, blank=True)
    probation_extended_to = models.DateField(_("延长预备期至"), null=True, blank=True)
    cancelled_on = models.DateField(_("取消预备党员资格日期"), null=True, blank=True)
    introducers = models.CharField(_("入党介绍人"), max_length=100, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("发展党员")
        verbose_name_plural = _("发展党员")
        ordering = ["-applied_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("development:case_detail", args=[self.pk])

    @property
    def id_number_masked(self) -> str:
        from dangjian.core import idcard

        return idcard.mask(self.id_number)

    @property
    def introducer_names(self) -> list[str]:
        import re

        return [name for name in re.split(r"[、,，;；\s]+", self.introducers) if name]
