"""党建+业务 indicators per department and period, and the 舆情 ledger."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization

# The list a new installation starts with (the 指标 table is editable by the 党委管理员).
DEFAULT_INDICATORS = (
    ("患者满意度", "%"),
    ("投诉", "件"),
    ("新技术新项目", "项"),
    ("下基层帮扶人次", "人次"),
)


class Indicator(models.Model):
    """The configurable list of indicators a department may report (name and unit)."""

    name = models.CharField(_("指标名称"), max_length=100, unique=True)
    unit = models.CharField(_("单位"), max_length=20)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("指标名称")
        verbose_name_plural = _("指标名称")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


def indicator_name_problem(name: str, names) -> str:
    """The one rule on a value's 指标: a name of the 指标名称 list (``names``: those names). Returns
    the Chinese message, or '' when the name is on the list. Used by the API and the importer (the
    page offers the list as a drop-down)."""
    if name in names:
        return ""
    allowed = "、".join(names) or "无"
    return f"“{name}”不在指标名称列表中（可选：{allowed}）。新的指标名称须先由党委管理员在“指标名称”中添加。"


def percent_value_problem(name: str, unit: str, value) -> str:
    """A percentage cannot exceed 100. '' when the value is fine. Used by the page and the importer."""
    if unit == "%" and value is not None and value > 100:
        return f"“{name}”的单位是%，数值不能超过100。"
    return ""


def duplicate_value_problem(year: int, name: str, code: str) -> str:
    """One value per organisation, 指标, year and 期间: the message naming the row already there."""
    return f"该组织{year}年本期间的“{name}”已有记录（{code}），请修改那条记录。"


class Period(models.TextChoices):
    YEAR = "Y", _("全年")
    Q1 = "Q1", _("第一季度")
    Q2 = "Q2", _("第二季度")
    Q3 = "Q3", _("第三季度")
    Q4 = "Q4", _("第四季度")
    M01 = "M01", _("1月")
    M02 = "M02", _("2月")
    M03 = "M03", _("3月")
    M04 = "M04", _("4月")
    M05 = "M05", _("5月")
    M06 = "M06", _("6月")
    M07 = "M07", _("7月")
    M08 = "M08", _("8月")
    M09 = "M09", _("9月")
    M10 = "M10", _("10月")
    M11 = "M11", _("11月")
    M12 = "M12", _("12月")


class IndicatorValue(LedgerModel):
    code = models.CharField(_("指标编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
    )
    indicator = models.CharField(_("指标"), max_length=100, db_index=True)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    period = models.CharField(_("期间"), max_length=3, choices=Period.choices, default=Period.YEAR)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    note = models.TextField(_("备注"), blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("党建+业务指标")
        verbose_name_plural = _("党建+业务指标")
        ordering = ["-year", "indicator", "period", "code"]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_period_display()} {self.indicator} {self.value}{self.unit}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("indicators:value_detail", args=[self.pk])


COMMON_OPINION_SOURCES = ("网络媒体", "微博", "微信", "短视频平台", "12345热线", "信访", "患者投诉")


class OpinionEvent(LedgerModel):
    """舆情: what was said where, how it was handled and with what result."""

    code = models.CharField(_("舆情编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="opinion_events",
    )
    date = models.DateField(_("发现日期"), db_index=True)
    source = models.CharField(_("来源"), max_length=100)
    content = models.TextField(_("舆情内容"))
    handling = models.TextField(_("处置措施"), blank=True)
    result = models.TextField(_("处置结果"), blank=True)
    handled_on = models.DateField(_("处置完成日期"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("舆情")
        verbose_name_plural = _("舆情")
        ordering = ["-date", "code"]

    def __str__(self) -> str:
        return f"{self.date} {self.source}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("indicators:opinion_detail", args=[self.pk])

    @property
    def is_handled(self) -> bool:
        return self.handled_on is not None
