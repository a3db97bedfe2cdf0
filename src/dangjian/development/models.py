"""发展党员 cases: one row per person, with the dates of the pipeline's stages."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Member, Organization, validate_id_number


class DevelopmentCase(LedgerModel):
    name = models.CharField(_("姓名"), max_length=50)
    # One case per person: the identity number is the matching key on re-import.
    id_number = models.CharField(
        _("身份证号"), max_length=18, unique=True, validators=[validate_id_number]
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所在组织"),
        on_delete=models.PROTECT,
        related_name="development_cases",
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
    introducer_members = models.ManyToManyField(
        Member,
        verbose_name=_("入党介绍人（党员名册）"),
        blank=True,
        related_name="introduced_cases",
        help_text=_("从党员名册中选择两名正式党员；选择后以此为准核对人数和正式党员身份"),
    )
    approval_delay_reason = models.CharField(
        _("超过3个月审批的特殊情况说明"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
    )

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

    def normalise(self) -> None:
        """身份证号 in its stored form (NFKC, upper-case X) before it is validated or compared."""
        from dangjian.core import idcard

        if self.id_number:
            self.id_number = idcard.normalize(self.id_number)

    def save(self, *args, **kwargs) -> None:
        self.normalise()
        super().save(*args, **kwargs)

    # --- the rules, computed on display (imported cases included) ---------------------------

    @cached_property
    def rule_dates(self):
        from . import services

        return services.dates_of(self)

    @cached_property
    def violations(self):
        """Every rule of the 细则 the case breaks today (errors and warnings)."""
        from . import services

        return rules.check_development(self.rule_dates, as_of=services.today())

    @property
    def violation_marker(self) -> str:
        count = len(self.violations)
        return f"⚠ {count}项" if count else ""

    @property
    def current_step(self):
        return rules.current_step(self.rule_dates)

    @property
    def current_step_label(self) -> str:
        current = self.current_step
        return f"第{current.number}步 {current.name}" if current else ""

    @property
    def next_step(self):
        return rules.next_step(self.rule_dates)

    @property
    def conversion_status(self):
        from . import services

        return rules.conversion_status(self.rule_dates, services.today())

    @property
    def conversion_label(self) -> str:
        status = self.conversion_status
        return status.label if status is not None else ""

    @property
    def probation_ends_on(self):
        if self.admitted_on is None:
            return None
        return rules.probation_end(self.admitted_on, self.probation_extended_to)

    @property
    def introducer_names(self) -> list[str]:
        import re

        return [name for name in re.split(r"[、,，;；\s]+", self.introducers) if name]
