"""Annual evaluations (民主评议党员, 述职评议考核, 党支部考核, 医德考评) and 党员积分.

Grades come from DOMAIN.md §6: 民主评议党员 优秀/合格/基本合格/不合格; 述职评议考核 好/较好/一般/差
(verify); 医务人员医德考评 优秀/良好/一般/较差 (原卫生部 2007 指导意见). The national texts set no
grades for the 党支部 annual assessment; hospitals commonly use the 述职评议 scale (local).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Member, Organization
from dangjian.outreach.models import ServiceActivity
from dangjian.rules.records import YEAR_MAX, YEAR_MIN

YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def year_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS, db_index=True)


class MemberGrade(models.TextChoices):
    """民主评议党员 grades (1988 中组部 意见 — verify)."""

    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASICALLY_QUALIFIED = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class ReviewGrade(models.TextChoices):
    """述职评议考核 grades (中组部 述职评议 rules — verify); also the default 党支部考核 scale (local)."""

    GOOD = "good", _("好")
    FAIRLY_GOOD = "fairly_good", _("较好")
    AVERAGE = "average", _("一般")
    POOR = "poor", _("差")


class EthicsGrade(models.TextChoices):
    """医务人员医德考评 grades (原卫生部《关于建立医务人员医德考评制度的指导意见（试行）》2007)."""

    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    AVERAGE = "average", _("一般")
    POOR = "poor", _("较差")


class MemberEvaluation(LedgerModel):
    """民主评议党员: one grade per member per year."""

    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.PROTECT, related_name="evaluations"
    )
    year = year_field()
    grade = models.CharField(_("评议等次"), max_length=20, choices=MemberGrade.choices)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    history = audit_history()
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("民主评议党员")
        verbose_name_plural = _("民主评议党员")
        ordering = ["-year", "member__member_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="member_evaluation_once_per_year",
                violation_error_message=_(
                    "该党员本年度已有民主评议结果：每名党员每年只能评议一次。"
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.member.name} {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluations:member_evaluation_detail", args=[self.pk])


class SecretaryReview(LedgerModel):
    """党组织书记抓基层党建述职评议考核: one grade per secretary per year."""

    member = models.ForeignKey(
        Member, verbose_name=_("书记"), on_delete=models.PROTECT, related_name="secretary_reviews"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("党组织"),
        on_delete=models.PROTECT,
        related_name="secretary_reviews",
    )
    year = year_field()
    grade = models.CharField(_("评议等次"), max_length=20, choices=ReviewGrade.choices)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("述职评议考核")
        verbose_name_plural = _("述职评议考核")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="secretary_review_once_per_year",
                violation_error_message=_(
                    "该书记本年度已有述职评议结果：每名书记每年只能评议一次。"
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.member.name} {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluations:secretary_review_detail", args=[self.pk])


class BranchAssessment(LedgerModel):
    """党支部 annual assessment: one grade per organisation per year (scale: local practice)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = year_field()
    grade = models.CharField(_("考核等次"), max_length=20, choices=ReviewGrade.choices)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("党支部考核")
        verbose_name_plural = _("党支部考核")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="branch_assessment_once_per_year",
                violation_error_message=_(
                    "该党组织本年度已有考核结果：每个党组织每年只能考核一次。"
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.organization.name} {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluations:branch_assessment_detail", args=[self.pk])


class EthicsRecord(LedgerModel):
    """医德档案: one 医德考评 per staff member (党员 or not) per year, kept by a Party organisation."""

    staff_no = models.CharField(_("工号"), max_length=50)
    name = models.CharField(_("姓名"), max_length=50)
    department = models.CharField(_("科室"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所属党组织"),
        on_delete=models.PROTECT,
        related_name="ethics_records",
        help_text=_("负责该科室的党支部（决定谁可以查看和维护）"),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("党员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ethics_records",
        help_text=_("该职工是党员时关联其党员记录"),
    )
    year = year_field()
    grade = models.CharField(_("考评等次"), max_length=20, choices=EthicsGrade.choices)
    score = models.DecimalField(
        _("考评分数"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("分数线由本院规定（如 ≥90 优秀、≥80 良好、≥60 一般）"),
    )
    remarks = models.CharField(_("备注"), max_length=300, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("医德考评")
        verbose_name_plural = _("医德档案")
        ordering = ["-year", "staff_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_no", "year"],
                name="ethics_record_once_per_year",
                violation_error_message=_("该工号本年度已有医德考评记录：每名职工每年只能有一条。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.name}（{self.staff_no}） {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluations:ethics_record_detail", args=[self.pk])


# --- 党员积分 ----------------------------------------------------------------------------------


class PointRuleKind(models.TextChoices):
    ATTENDANCE = "attendance", _("参加组织生活（每次）")
    STUDY = "study", _("参加学习教育（每次）")
    LECTURE = "lecture", _("讲党课（每次）")
    SERVICE = "service", _("参加服务活动（每次）")
    EXCELLENT = "excellent", _("民主评议优秀（加分）")
    ABSENCE = "absence", _("无故缺席且未补学（每次扣分）")


class PointRule(models.Model):
    """One configurable point value; a kind without a row uses ``points.DEFAULT_POINTS`` (local practice)."""

    kind = models.CharField(
        _("积分项目"), max_length=20, choices=PointRuleKind.choices, unique=True
    )
    points = models.DecimalField(
        _("分值"), max_digits=6, decimal_places=1, help_text=_("扣分项填写负数")
    )

    history = audit_history()

    class Meta:
        verbose_name = _("积分规则")
        verbose_name_plural = _("积分规则")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.points}"


class ServiceParticipation(LedgerModel):
    """Who took part in a 服务活动 (the activity itself keeps only a head count)."""

    activity = models.ForeignKey(
        ServiceActivity,
        verbose_name=_("服务活动"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("党员"),
        on_delete=models.PROTECT,
        related_name="service_participations",
    )

    history = audit_history()
    scope_org_field = "activity__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("服务活动参与党员")
        verbose_name_plural = _("服务活动参与党员")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                name="service_participation_once",
                violation_error_message=_("该党员已登记参加此服务活动。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.member.name}"


class PointAdjustment(LedgerModel):
    """A manual addition or deduction, with the reason it was made (required)."""

    code = models.CharField(_("调整编号"), max_length=50, unique=True)
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.PROTECT, related_name="point_adjustments"
    )
    year = year_field()
    points = models.DecimalField(
        _("分值"), max_digits=6, decimal_places=1, help_text=_("扣分填写负数")
    )
    reason = models.CharField(_("事由"), max_length=300)

    history = audit_history()
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("积分调整")
        verbose_name_plural = _("积分调整")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.member.name} {self.points:+}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that moving an adjustment also refreshes the old member/year total.
        if "member_id" in instance.__dict__ and "year" in instance.__dict__:
            instance._loaded = (instance.member_id, instance.year)
        return instance

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluations:adjustment_detail", args=[self.pk])


class PointTotal(LedgerModel):
    """Stored yearly total of a member (derived: rebuilt by ``points.recompute``, so no history)."""

    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="point_totals"
    )
    year = year_field()
    attendance = models.DecimalField(_("组织生活"), max_digits=8, decimal_places=1, default=0)
    study = models.DecimalField(_("学习教育"), max_digits=8, decimal_places=1, default=0)
    lecture = models.DecimalField(_("讲党课"), max_digits=8, decimal_places=1, default=0)
    service = models.DecimalField(_("服务活动"), max_digits=8, decimal_places=1, default=0)
    evaluation = models.DecimalField(_("评议加分"), max_digits=8, decimal_places=1, default=0)
    absence = models.DecimalField(_("缺席扣分"), max_digits=8, decimal_places=1, default=0)
    adjustment = models.DecimalField(_("手工调整"), max_digits=8, decimal_places=1, default=0)
    total = models.DecimalField(_("总积分"), max_digits=8, decimal_places=1, default=0)

    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("年度积分")
        verbose_name_plural = _("年度积分")
        ordering = ["-year", "member__member_no"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="point_total_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.member.name} {self.total}"
