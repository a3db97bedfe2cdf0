"""查摆问题: what an organisation found wanting in itself (民主生活会, 组织生活会, 自查) or was told of
(巡察, 督查, 考核), by area of Party building, with the measure that answers it.

The annual report's 存在问题 is written from these rows and its 下一步工作打算 takes the measure of
each problem still open (see ``services.py``). A problem may point to the 整改台账 item that tracks
its rectification; it is settled (整改完成) once that item is done.

The rules on a row live in ``clean()`` (and ``year_problem``, shared with 工作要点): the page's form,
the API's serializer and the workbook importer all call it and show its message.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization
from dangjian.rectification.models import RectificationItem


class ProblemSource(models.TextChoices):
    """Where a problem was found (查摆) or raised."""

    DEMOCRATIC_LIFE = "democratic_life", _("民主生活会")
    ORG_LIFE = "org_life", _("组织生活会")
    INSPECTION = "inspection", _("巡察")
    SUPERVISION = "supervision", _("督查")
    ASSESSMENT = "assessment", _("考核")
    SELF_CHECK = "self_check", _("自查")


class WorkArea(models.TextChoices):
    """The areas of Party building a report groups its problems and plans by (order = report order)."""

    POLITICAL = "political", _("政治建设")
    IDEOLOGICAL = "ideological", _("思想建设")
    ORGANIZATIONAL = "organizational", _("组织建设")
    CONDUCT = "conduct", _("作风建设")
    DISCIPLINE = "discipline", _("纪律建设")
    INTEGRATION = "integration", _("党建与业务融合")


#: The earliest 年度 a 查摆问题 or 工作要点 may carry; the latest is next year (a plan drawn up in
#: December for the coming year).
MIN_YEAR = 2000


def year_problem(year: int | None) -> str:
    """Why ``year`` is not a plausible 年度 for a 查摆问题 or 工作要点, or "" when it is (or is
    missing: a missing year is the field's own "required" error)."""
    if year is None:
        return ""
    latest = clock.today().year + 1
    if not MIN_YEAR <= year <= latest:
        return str(
            _("年度应为%(first)s年至%(last)s年之间的四位年份（填写的是%(year)s）")
            % {"first": MIN_YEAR, "last": latest, "year": year}
        )
    return ""


def choice_problem(value: str, choices: type[models.TextChoices], label: str) -> str:
    """Why ``value`` is not one of ``choices`` ("" when it is, or is empty)."""
    if value and value not in choices.values:
        allowed = "、".join(str(choice.label) for choice in choices)
        return str(
            _("“%(value)s”不是有效的%(label)s（可选：%(allowed)s）")
            % {"value": value, "label": label, "allowed": allowed}
        )
    return ""


class Problem(LedgerModel):
    code = models.CharField(_("查摆编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="problems",
        help_text=_("查摆出问题的党组织（民主生活会为党委，组织生活会为党支部）"),
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), db_index=True, help_text=_("如2025年度民主生活会查摆的问题，填2025")
    )
    source = models.CharField(_("来源"), max_length=20, choices=ProblemSource.choices)
    area = models.CharField(_("领域"), max_length=20, choices=WorkArea.choices)
    text = models.TextField(_("存在问题"), help_text=_("按查摆材料的原话填写"))
    measures = models.TextField(_("整改措施"), blank=True)
    rectification = models.ForeignKey(
        RectificationItem,
        verbose_name=_("对应整改事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        help_text=_("列入整改台账的，选择对应的整改事项"),
    )

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("查摆问题")
        verbose_name_plural = _("查摆问题")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("problems:problem_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if problem := year_problem(self.year):
            errors["year"] = problem
        if problem := choice_problem(self.source, ProblemSource, str(_("来源"))):
            errors["source"] = problem
        if problem := choice_problem(self.area, WorkArea, str(_("领域"))):
            errors["area"] = problem
        if self.text and not self.text.strip():
            errors["text"] = str(_("请写明查摆出的问题。"))
        if errors:
            raise ValidationError(errors)

    @property
    def is_settled(self) -> bool:
        """整改完成: the 整改台账 item it points to is done. A problem without one is still open."""
        return self.rectification_id is not None and self.rectification.is_done

    @property
    def settled_label(self) -> str:
        if self.rectification_id is None:
            return ""
        return str(_("已整改")) if self.is_settled else str(_("整改中"))
