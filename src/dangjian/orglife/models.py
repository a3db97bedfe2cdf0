"""Organisational life (三会一课, 主题党日, study sessions …) and who attended."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Member, Organization


class EventType(models.TextChoices):
    """The 类型 of the workbook spec. Values are the Chinese names because report figure keys
    (``meetings.主题党日``) and the exchange format use them verbatim."""

    BRANCH_GENERAL_MEETING = "支部党员大会", _("支部党员大会")
    BRANCH_COMMITTEE_MEETING = "支部委员会会议", _("支部委员会会议")
    GROUP_MEETING = "党小组会", _("党小组会")
    PARTY_LECTURE = "党课", _("党课")
    THEMED_PARTY_DAY = "主题党日", _("主题党日")
    ORG_LIFE_MEETING = "组织生活会", _("组织生活会")
    MEMBER_EVALUATION = "民主评议党员", _("民主评议党员")
    LEADERSHIP_LIFE_MEETING = "民主生活会", _("民主生活会")
    COMMITTEE_MEETING = "党委会", _("党委会")
    CENTRAL_GROUP_STUDY = "理论学习中心组学习", _("理论学习中心组学习")
    FIRST_TOPIC_STUDY = "第一议题学习", _("第一议题学习")
    SEMINAR = "专题研讨", _("专题研讨")
    PARTY_BUILDING_MEETING = "党建专题会议", _("党建专题会议")
    OUTREACH_TALK = "宣讲", _("宣讲")
    WARNING_EDUCATION = "警示教育", _("警示教育")


# 三会一课: 《中国共产党支部工作条例（试行）》(2018).
THREE_MEETINGS_ONE_LECTURE = (
    EventType.BRANCH_GENERAL_MEETING,
    EventType.BRANCH_COMMITTEE_MEETING,
    EventType.GROUP_MEETING,
    EventType.PARTY_LECTURE,
)


class OrgLifeEvent(LedgerModel):
    code = models.CharField(_("活动编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="events"
    )
    event_type = models.CharField(_("类型"), max_length=20, choices=EventType.choices)
    date = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=300, blank=True)
    host = models.CharField(_("主持人"), max_length=50, blank=True)
    lecturer = models.CharField(_("讲课人"), max_length=50, blank=True)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    duration_hours = models.DecimalField(
        _("时长(小时)"), max_digits=5, decimal_places=1, null=True, blank=True
    )

    history = audit_history()
    scope_org_field = "organization__path"
    scope_member_field = "attendances__member"

    class Meta:
        verbose_name = _("组织生活")
        verbose_name_plural = _("组织生活")
        ordering = ["-date", "code"]
        indexes = [
            models.Index(fields=["date", "event_type"]),
            models.Index(fields=["organization", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_event_type_display()} {self.topic}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("orglife:event_detail", args=[self.pk])

    def record_problems(self) -> list:
        """Not more than a year ahead, 时长 in (0, 24] (``rules.records``)."""
        from dangjian.core import clock
        from dangjian.rules.records import event_problems

        return event_problems(
            date=self.date, duration_hours=self.duration_hours, today=clock.today()
        )

    def rule_violations(self, config=None) -> list:
        """What the rules say about this event (``dangjian.rules``): today the fixed 主题党日.

        ``config`` is the organisation's effective ``RuleConfig`` (looked up when omitted).
        """
        from dangjian import rules

        if self.event_type != EventType.THEMED_PARTY_DAY or self.date is None:
            return []
        if config is None:
            from dangjian.compliance import rule_config_for

            config = rule_config_for(self.organization)
        return rules.check_themed_party_day(self.date, config)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("出席")
    EXCUSED = "excused", _("请假")
    ABSENT = "absent", _("缺席")


class Attendance(LedgerModel):
    event = models.ForeignKey(
        OrgLifeEvent, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("出勤"), max_length=10, choices=AttendanceStatus.choices)
    # Clinicians work shifts: an absence made up by 补学 counts as made up (rules engine issue).
    makeup_on = models.DateField(_("补学日期"), null=True, blank=True)

    history = audit_history()
    scope_org_field = "event__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("参会记录")
        verbose_name_plural = _("参会记录")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="attendance_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.event.code} {self.member.name} {self.get_status_display()}"


def attachment_path(instance, filename: str) -> str:
    """Files are stored under a random name: the original name is kept in the row only, and the
    file is served by the scoped view ``orglife:attachment_download``, never as a public URL."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    return f"orglife/attachments/{uuid.uuid4().hex}{suffix}"


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("会议记录/纪要")
    PHOTO = "photo", _("照片")
    OTHER = "other", _("其他材料")


class EventAttachment(LedgerModel):
    """A file kept with an organisational-life event: minutes, sign-in sheet, photos."""

    event = models.ForeignKey(
        OrgLifeEvent, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        _("类别"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.MINUTES
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小(字节)"), default=0)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = audit_history()
    scope_org_field = "event__organization__path"
    scope_member_field = "event__attendances__member"

    class Meta:
        verbose_name = _("活动附件")
        verbose_name_plural = _("活动附件")
        ordering = ["event", "created_at"]

    def __str__(self) -> str:
        return self.original_name
