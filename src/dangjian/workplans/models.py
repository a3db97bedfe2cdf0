"""工作要点: the year's Party-building work points of an organisation (the 党委's 年度党建工作要点, a
branch's plan), by area, with who answers for each and by when.

The annual report's 下一步工作打算 is written from the next year's rows (see ``services.py``). The
rules on a row live in ``clean()``; the page's form, the API's serializer and the workbook importer
all call it and show its message.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization
from dangjian.problems.models import WorkArea, choice_problem, year_problem


class WorkPlanItem(LedgerModel):
    code = models.CharField(_("要点编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="work_plan_items",
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    area = models.CharField(_("领域"), max_length=20, choices=WorkArea.choices)
    text = models.TextField(_("工作要点"))
    owner = models.CharField(
        _("责任部门（责任人）"), max_length=200, blank=True, help_text=_("如：党委办公室、各党支部")
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("workplans:item_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if problem := year_problem(self.year):
            errors["year"] = problem
        if problem := choice_problem(self.area, WorkArea, str(_("领域"))):
            errors["area"] = problem
        if self.text and not self.text.strip():
            errors["text"] = str(_("请写明工作要点的内容。"))
        if (
            self.deadline
            and self.year
            and not errors.get("year")
            and self.deadline.year < self.year
        ):
            errors["deadline"] = str(
                _("完成时限（%(deadline)s）早于工作要点所属的%(year)s年")
                % {"deadline": self.deadline.isoformat(), "year": self.year}
            )
        if errors:
            raise ValidationError(errors)
