"""党费: each member's monthly income base per year, and the monthly payments.

Amounts come from :func:`dangjian.rules.monthly_dues` (《关于中国共产党党费收缴、使用和管理的规定》
(2008)); nothing here repeats a band or a rate.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import EmploymentStatus, Member


class DuesCategory(models.TextChoices):
    """The rules' categories (``rules.DuesCategory``), as choices."""

    IN_SERVICE = rules.DuesCategory.IN_SERVICE.value, _("在职（按税后工资）")
    RETIRED = rules.DuesCategory.RETIRED.value, _("离退休（按养老金）")
    STUDENT = rules.DuesCategory.STUDENT.value, _("学生")
    UNEMPLOYED = rules.DuesCategory.UNEMPLOYED.value, _("下岗失业")
    RELIEF = rules.DuesCategory.RELIEF.value, _("依靠抚恤或救济生活")
    FARMER = rules.DuesCategory.FARMER.value, _("农民")


#: Categories whose dues are a share of the monthly income.
INCOME_BASED = (DuesCategory.IN_SERVICE, DuesCategory.RETIRED)


def default_category(member: Member) -> str:
    """在职 or 离退休 from the member's 在职状态."""
    if member.employment_status == EmploymentStatus.RETIRED:
        return DuesCategory.RETIRED
    return DuesCategory.IN_SERVICE


class DuesBase(LedgerModel):
    """党费基数: the member's category and monthly income for one year (set each year, as the
    规定 asks the base to be checked annually)."""

    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="dues_bases"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    category = models.CharField(_("交纳类别"), max_length=20, choices=DuesCategory.choices)
    monthly_income = models.DecimalField(
        _("月收入（元）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("在职：税后工资扣除社保等个人缴纳部分；离退休：养老金。其他类别不填"),
    )

    history = audit_history()
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("党费基数")
        verbose_name_plural = _("党费基数")
        ordering = ["-year", "member__organization__path", "member__member_no"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="dues_base_member_year")
        ]

    def __str__(self) -> str:
        return f"{self.member.name} {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dues:base_edit", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.category in INCOME_BASED and self.monthly_income is None:
            raise ValidationError(
                {
                    "monthly_income": _("%(category)s党员按月收入比例交纳党费，须填写月收入")
                    % {"category": self.category}
                }
            )

    @property
    def monthly_dues(self) -> Decimal | None:
        """Monthly dues in 元 (``rules.monthly_dues``); ``None`` when the income is missing."""
        if self.category in INCOME_BASED and self.monthly_income is None:
            return None
        return rules.monthly_dues(self.category, self.monthly_income)


class DuesPayment(LedgerModel):
    """One month's dues of one member. ``month`` is the first day of the month paid for;
    ``amount_due`` is fixed when the payment is recorded; the month counts as paid once ``paid_on``
    is set (advance and quarterly payments are one row per month covered)."""

    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="dues_payments"
    )
    month = models.DateField(_("所属月份"))
    amount_due = models.DecimalField(_("应交金额（元）"), max_digits=10, decimal_places=2)
    amount_paid = models.DecimalField(
        _("实交金额（元）"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    paid_on = models.DateField(_("交纳日期"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("党费交纳")
        verbose_name_plural = _("党费交纳")
        ordering = ["-month", "member__member_no"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="dues_payment_member_month")
        ]

    def __str__(self) -> str:
        return f"{self.member.name} {self.month:%Y-%m}"

    def save(self, *args, **kwargs) -> None:
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
