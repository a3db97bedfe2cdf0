"""表彰, 党建品牌 (一支部一特色) and 党建示范点, 双培养."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Member, Organization


class HonourKind(models.TextChoices):
    ADVANCED_ORG = "advanced_org", _("先进党组织")
    OUTSTANDING_MEMBER = "outstanding_member", _("优秀共产党员")
    OUTSTANDING_WORKER = "outstanding_worker", _("优秀党务工作者")


class HonourLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    HOSPITAL = "hospital", _("院级")


def honour_member_rule(kind: str, has_member: bool) -> str:
    """The one rule on an honour's member: "required" (a personal kind without one), "forbidden"
    (先进党组织 with one) or "" (fine). The form, the API and the workbook importer word it."""
    if kind == HonourKind.ADVANCED_ORG and has_member:
        return "forbidden"
    if kind and kind != HonourKind.ADVANCED_ORG and not has_member:
        return "required"
    return ""


class Honour(LedgerModel):
    """A 表彰: an organisation (先进党组织) or a member (优秀共产党员, 优秀党务工作者)."""

    code = models.CharField(_("表彰编号"), max_length=50, unique=True)
    kind = models.CharField(_("表彰类型"), max_length=30, choices=HonourKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    level = models.CharField(_("表彰级别"), max_length=20, choices=HonourLevel.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.PROTECT,
        related_name="honours",
        help_text=_("先进党组织：受表彰的组织；个人表彰：党员所在组织"),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("受表彰党员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    awarded_by = models.CharField(_("授予单位"), max_length=200, blank=True)
    title = models.CharField(_("荣誉名称"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    history = audit_history()
    scope_org_field = "organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        who = (
            self.member.name
            if self.member_id
            else (self.organization.name if self.organization_id else "")
        )
        return f"{self.year}年 {self.get_kind_display()} {who}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("recognition:honour_detail", args=[self.pk])

    def clean(self) -> None:
        rule = honour_member_rule(self.kind, bool(self.member_id))
        if rule == "forbidden":
            raise ValidationError({"member": _("“先进党组织”表彰的是组织，不填受表彰党员。")})
        if rule == "required":
            raise ValidationError(
                {
                    "member": _("“%(kind)s”是个人表彰，须选择受表彰党员。")
                    % {"kind": self.get_kind_display()}
                }
            )


class BrandKind(models.TextChoices):
    BRAND = "brand", _("党建品牌")
    DEMONSTRATION = "demonstration", _("党建示范点")


class PartyBrand(LedgerModel):
    """一支部一特色: a branch's 党建品牌, or a 党建示范点."""

    code = models.CharField(_("品牌编号"), max_length=50, unique=True)
    kind = models.CharField(
        _("类别"), max_length=20, choices=BrandKind.choices, default=BrandKind.BRAND
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("党支部"),
        on_delete=models.PROTECT,
        related_name="party_brands",
    )
    name = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("简介"), blank=True)
    year = models.PositiveSmallIntegerField(_("创建年度"), db_index=True)
    level = models.CharField(_("命名级别"), max_length=20, choices=HonourLevel.choices, blank=True)

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("党建品牌与示范点")
        verbose_name_plural = _("党建品牌与示范点")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("recognition:brand_detail", args=[self.pk])


class CultivationKind(models.TextChoices):
    BACKBONE_TO_MEMBER = "backbone_to_member", _("业务骨干发展为党员")
    MEMBER_TO_BACKBONE = "member_to_backbone", _("党员培养为业务骨干")
    PROMOTED_TO_MIDDLE = "promoted_to_middle", _("党员骨干提拔为中层")


class DualCultivation(LedgerModel):
    """双培养: one step of a member's record (each kind once per member)."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("党员"),
        on_delete=models.PROTECT,
        related_name="cultivations",
    )
    kind = models.CharField(_("培养类型"), max_length=30, choices=CultivationKind.choices)
    date = models.DateField(_("日期"), db_index=True)
    note = models.TextField(_("说明"), blank=True, help_text=_("如：提拔职务、培养措施"))

    history = audit_history()
    scope_org_field = "member__organization__path"
    scope_member_field = "member"

    class Meta:
        verbose_name = _("双培养")
        verbose_name_plural = _("双培养")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="cultivation_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.member.name if self.member_id else ''} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("recognition:cultivation_detail", args=[self.pk])
