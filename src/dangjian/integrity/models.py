"""党风廉政建设: responsibility letters, warning education and collective talks, and 违纪违规 records.

违纪违规 records are visible to 党委管理员 only: not to branch secretaries, not to members. The
rule is enforced by the model's queryset (``visible_to``), so pages, API and export all follow it.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.core.scoping import VIEW, ScopedQuerySet, is_party_admin
from dangjian.organizations.models import Organization


class LetterKind(models.TextChoices):
    TARGET = "target", _("党风廉政建设目标责任书")
    SUPERVISION = "supervision", _("监督责任书")


class Responsibility(LedgerModel):
    """A 责任书 signed between the 党委 and a branch or department for a year."""

    code = models.CharField(_("责任书编号"), max_length=50, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("责任单位（党组织）"),
        on_delete=models.PROTECT,
        related_name="responsibility_letters",
        help_text=_("签订责任书的党支部；科室签订的，选其所在党支部"),
    )
    department = models.CharField(_("科室"), max_length=100, blank=True)
    issuer_signer = models.CharField(_("党委签字人"), max_length=100, blank=True)
    signer = models.CharField(_("责任单位签字人"), max_length=100)
    signed_on = models.DateField(_("签订日期"))

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("责任书")
        verbose_name_plural = _("党风廉政建设责任书")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.year}年{self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("integrity:letter_detail", args=[self.pk])

    def record_problems(self) -> list:
        """年度 range, signed within a year of it and not in the future (``rules.records``)."""
        from dangjian.core import clock
        from dangjian.rules.records import responsibility_problems

        return responsibility_problems(
            year=self.year, signed_on=self.signed_on, today=clock.today()
        )


class EducationKind(models.TextChoices):
    WARNING = "warning", _("警示教育")
    COLLECTIVE_TALK = "collective_talk", _("集体谈话")


class IntegrityEducation(LedgerModel):
    """警示教育 activities and 集体谈话 (collective integrity talks)."""

    code = models.CharField(_("活动编号"), max_length=50, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=EducationKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="integrity_education",
    )
    date = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=300)
    participants = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("警示教育/集体谈话")
        verbose_name_plural = _("警示教育和集体谈话")
        ordering = ["-date", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()} {self.topic[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("integrity:education_detail", args=[self.pk])


class AdminOnlyQuerySet(ScopedQuerySet):
    """Rows only a 党委管理员 (or a superuser) may reach, within the admin's own subtree."""

    def visible_to(self, user, action: str = VIEW):
        if not is_party_admin(user):
            return self.none()
        return super().visible_to(user, action)


# The nine items of 《医疗机构工作人员廉洁从业九项准则》(2021), offered as categories.
NINE_RULES = (
    "合法按劳取酬，不接受商业提成",
    "严守诚信原则，不参与欺诈骗保",
    "依据规范行医，不实施过度诊疗",
    "遵守工作规程，不违规接受捐赠",
    "恪守保密准则，不泄露患者隐私",
    "服从诊疗需要，不牟利转介患者",
    "维护诊疗秩序，不破坏就医公平",
    "共建和谐关系，不收受患方“红包”",
    "恪守交往底线，不收受企业回扣",
)


class Violation(LedgerModel):
    """违纪违规 record. Visible to 党委管理员 only (see ``AdminOnlyQuerySet``)."""

    code = models.CharField(_("记录编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所在组织"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    person = models.CharField(_("当事人"), max_length=100)
    found_on = models.DateField(_("发现日期"))
    category = models.CharField(_("问题类别"), max_length=100, blank=True)
    description = models.TextField(_("问题情况"))
    handling = models.TextField(_("处理结果"), blank=True)
    handled_on = models.DateField(_("处理日期"), null=True, blank=True)

    objects = AdminOnlyQuerySet.as_manager()
    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("违纪违规记录")
        verbose_name_plural = _("违纪违规记录")
        ordering = ["-found_on", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("integrity:violation_detail", args=[self.pk])
