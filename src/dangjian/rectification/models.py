"""整改台账: problem, measure, owner, deadline, status. Overdue is computed, never typed."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization


class RectificationStatus(models.TextChoices):
    DONE = "done", _("已完成")
    IN_PROGRESS = "in_progress", _("正在推进")


class RectificationKind(models.TextChoices):
    IMMEDIATE = "immediate", _("立行立改")
    LONG_TERM = "long_term", _("长期坚持")


class SignOffLevel(models.TextChoices):
    """Who signed the item off (销号): the 党委 or the branch."""

    COMMITTEE = "committee", _("党委")
    BRANCH = "branch", _("党支部")


# Sources the spec names; the column accepts others too.
COMMON_SOURCES = ("民主生活会", "组织生活会", "述职评议", "巡察", "主题教育检视", "群众反映")


def evidence_path(instance, filename: str) -> str:
    """Stored under a random name; served only by the scoped view ``rectification:item_evidence``."""
    import uuid
    from pathlib import PurePath

    return f"rectification/evidence/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class RectificationItem(LedgerModel):
    code = models.CharField(_("问题编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="rectification_items",
    )
    description = models.TextField(_("问题描述"))
    source = models.CharField(_("来源"), max_length=50)
    raised_on = models.DateField(_("提出日期"), null=True, blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    owner = models.CharField(_("责任人"), max_length=100, blank=True)
    deadline = models.DateField(_("整改时限"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=RectificationStatus.choices,
        default=RectificationStatus.IN_PROGRESS,
    )
    kind = models.CharField(
        _("整改类别"), max_length=20, choices=RectificationKind.choices, blank=True
    )
    evidence = models.TextField(
        _("整改证据"), blank=True, help_text=_("佐证材料的说明，或上传文件")
    )
    evidence_file = models.FileField(
        _("证据文件"), upload_to=evidence_path, max_length=200, blank=True
    )
    evidence_file_name = models.CharField(_("证据文件名"), max_length=200, blank=True)
    # 销号: who signed the item off, at which level, and when.
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer = models.CharField(_("销号人"), max_length=100, blank=True)
    sign_off_level = models.CharField(
        _("销号层级"), max_length=20, choices=SignOffLevel.choices, blank=True
    )
    signed_off_on = models.DateField(_("销号日期"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改台账")
        ordering = ["deadline", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:30]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rectification:item_detail", args=[self.pk])

    def record_problems(self) -> list:
        """时限 and 完成日期 against 提出日期 and today, 完成日期 against the status."""
        from dangjian.core import clock
        from dangjian.rules.records import rectification_problems

        return rectification_problems(
            raised_on=self.raised_on,
            deadline=self.deadline,
            completed_on=self.completed_on,
            done=(self.status == RectificationStatus.DONE) if self.status else None,
            today=clock.today(),
        )

    @property
    def is_done(self) -> bool:
        return self.status == RectificationStatus.DONE

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence.strip() or self.evidence_file)

    def is_overdue(self, on: dt.date | None = None) -> bool:
        """逾期: past its 整改时限 and not done (computed, see the workbook spec)."""
        from .overdue import is_overdue

        return is_overdue(deadline=self.deadline, done=self.is_done, on=on or clock.today())

    @property
    def overdue_label(self) -> str:
        return str(_("逾期")) if self.is_overdue() else ""


DONE_Q = Q(status=RectificationStatus.DONE)
