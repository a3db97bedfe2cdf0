"""Figures of past years stated by an uploaded report, confirmed by a person.

When the ledger holds no rows for a year (the platform came into use later), the annual report
of the following year compares with these instead (see :mod:`dangjian.reports.prior`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history


class PriorYearFigure(LedgerModel):
    """One figure of one organisation for one year, as its report of that year stated it."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("党组织"),
        on_delete=models.CASCADE,
        related_name="prior_year_figures",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    key = models.CharField(_("指标键"), max_length=200)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    source_text = models.TextField(_("报告原文"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("往年指标")
        verbose_name_plural = _("往年指标")
        ordering = ["organization", "year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "key"], name="prior_figure_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} {self.key}={self.value}{self.unit}"
