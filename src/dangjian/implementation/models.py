"""贯彻落实进展台账: an instruction (重要讲话/指示批示/上级部署) broken into measures, each
followed up by 督导/督办 check-ins. Progress and 逾期 are computed (see ``progress.py``)."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization


class InstructionKind(models.TextChoices):
    SPEECH = "speech", _("重要讲话")
    DIRECTIVE = "directive", _("指示批示")
    DEPLOYMENT = "deployment", _("上级部署")


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("正在推进")
    DONE = "done", _("已完成")


class CheckInKind(models.TextChoices):
    SUPERVISION = "supervision", _("督导")
    URGING = "urging", _("督办")


class Instruction(LedgerModel):
    code = models.CharField(_("指示编号"), max_length=50, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=InstructionKind.choices)
    title = models.CharField(_("标题"), max_length=300)
    source = models.CharField(
        _("来源"), max_length=200, blank=True, help_text=_("如：某次会议、某号文件")
    )
    issued_on = models.DateField(_("日期"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("牵头组织"),
        on_delete=models.PROTECT,
        related_name="instructions",
    )

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("贯彻落实事项")
        verbose_name_plural = _("贯彻落实进展台账")
        ordering = ["-issued_on", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("implementation:instruction_detail", args=[self.pk])


class Measure(LedgerModel):
    code = models.CharField(_("措施编号"), max_length=50, unique=True)
    instruction = models.ForeignKey(
        Instruction,
        verbose_name=_("贯彻落实事项"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    content = models.TextField(_("落实措施"))
    owner = models.CharField(_("责任人"), max_length=100, blank=True)
    deadline = models.DateField(_("完成时限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "instruction__organization__path"

    class Meta:
        verbose_name = _("落实措施")
        verbose_name_plural = _("落实措施")
        ordering = ["deadline", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.content[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("implementation:measure_detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == MeasureStatus.DONE

    def is_overdue(self, on: dt.date | None = None) -> bool:
        from dangjian.rectification.overdue import is_overdue

        return is_overdue(deadline=self.deadline, done=self.is_done, on=on or clock.today())

    @property
    def overdue_label(self) -> str:
        return str(_("逾期")) if self.is_overdue() else ""


MEASURE_DONE_Q = Q(status=MeasureStatus.DONE)


def evidence_path(instance, filename: str) -> str:
    """Random stored name; served only by the scoped view ``implementation:checkin_evidence``."""
    import uuid
    from pathlib import PurePath

    return f"implementation/evidence/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class CheckIn(LedgerModel):
    """A periodic 督导/督办 of a measure: when, what was found, how far along, and the proof."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("落实措施"), on_delete=models.CASCADE, related_name="checkins"
    )
    kind = models.CharField(
        _("方式"), max_length=20, choices=CheckInKind.choices, default=CheckInKind.SUPERVISION
    )
    date = models.DateField(_("日期"))
    note = models.TextField(_("督导情况"), blank=True)
    progress = models.PositiveSmallIntegerField(_("进度(%)"))
    evidence = models.TextField(_("佐证材料说明"), blank=True)
    evidence_file = models.FileField(
        _("佐证文件"), upload_to=evidence_path, max_length=200, blank=True
    )
    evidence_file_name = models.CharField(_("佐证文件名"), max_length=200, blank=True)

    history = audit_history()
    scope_org_field = "measure__instruction__organization__path"

    class Meta:
        verbose_name = _("督导督办记录")
        verbose_name_plural = _("督导督办记录")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="checkin_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.measure.code} {self.date:%Y-%m-%d} {self.get_kind_display()} {self.progress}%"
        )

    def get_absolute_url(self) -> str:
        return reverse("implementation:measure_detail", args=[self.measure_id])
