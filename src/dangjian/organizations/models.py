"""The organisation tree (党委 → 党总支 → 党支部 → 党小组), members, and users' roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core import idcard
from dangjian.core.models import LedgerModel, audit_history, related_or_none
from dangjian.core.scoping import ScopedQuerySet
from dangjian.rules.records import DateKind, member_problems, organization_problems


class OrgType(models.TextChoices):
    """组织类型. Values are the workbook's Chinese names, shared with ``dangjian.rules.OrgType``."""

    PARTY_COMMITTEE = rules.OrgType.COMMITTEE.value, _("党委")
    GENERAL_BRANCH = rules.OrgType.GENERAL_BRANCH.value, _("党总支")
    BRANCH = rules.OrgType.BRANCH.value, _("党支部")
    GROUP = rules.OrgType.GROUP.value, _("党小组")


class OrganizationQuerySet(ScopedQuerySet):
    def subtree(self, org: Organization) -> OrganizationQuerySet:
        """The organisation and everything under it: one indexed prefix match on the path."""
        return self.filter(path__startswith=org.path)


class Organization(LedgerModel):
    code = models.CharField(_("组织编码"), max_length=50, unique=True)
    name = models.CharField(_("组织名称"), max_length=200)
    org_type = models.CharField(_("组织类型"), max_length=20, choices=OrgType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys, "/1/7/23/": subtree = path prefix (see subtree()).
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    last_election_on = models.DateField(_("本届选举日期"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(_("届期年数"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = OrganizationQuerySet.as_manager()
    history = audit_history()
    scope_org_field = "path"
    scope_member_field = "members"
    date_kinds = {"founded_on": DateKind.PARTY, "last_election_on": DateKind.PARTY}

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organizations:organization_detail", args=[self.pk])

    @property
    def effective_term_years(self) -> int | None:
        """届期年数: as recorded, else this organisation's rule for its type (a 党小组 has none)."""
        from dangjian.compliance.overrides import rule_config_for, term_years

        if self.term_years:
            return self.term_years
        if self.org_type == OrgType.GROUP:
            return None
        return term_years(self, rule_config_for(self))

    @property
    def is_branch(self) -> bool:
        return self.org_type == OrgType.BRANCH

    def record_problems(self) -> list:
        """届期, 党小组 without elections, election after founding (``rules.records``)."""
        return organization_problems(
            org_type=self.org_type,
            founded_on=self.founded_on,
            last_election_on=self.last_election_on,
            term_years=self.term_years,
        )

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def clean(self) -> None:
        problem = parent_problem(self, self.parent_id)
        if problem:
            raise ValidationError({"parent": problem})

    def save(self, *args, **kwargs) -> None:
        """Save and keep the materialised path right for the organisation and its whole subtree.

        The paths are read from the database, not from instances in memory (which may be stale
        after another move), and a parent inside the organisation's own subtree is refused here,
        whoever saves: page, API, workbook import or code.
        """
        with transaction.atomic():
            problem = parent_problem(self, self.parent_id)
            if problem:
                raise ValidationError({"parent": problem})
            old_path = ""
            if self.pk is not None:
                old_path = (
                    Organization.objects.filter(pk=self.pk).values_list("path", flat=True).first()
                    or ""
                )
            parent_path = _stored_path(self.parent_id) if self.parent_id else "/"
            if self.pk is not None:
                self.path = parent_path + f"{self.pk}/"
                self.depth = self.path.count("/") - 2
            super().save(*args, **kwargs)
            new_path = parent_path + f"{self.pk}/"
            if new_path != old_path:  # a new row, or a move (also under save(update_fields=…))
                self.path, self.depth = new_path, new_path.count("/") - 2
                Organization.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                if old_path:
                    self._move_descendants(old_path, new_path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        for pk, path in (
            Organization.objects.filter(path__startswith=old_path)
            .exclude(pk=self.pk)
            .values_list("pk", "path")
        ):
            path = new_path + path[len(old_path) :]
            Organization.objects.filter(pk=pk).update(path=path, depth=path.count("/") - 2)

    def branch(self) -> Organization:
        """The 党支部 an organisation belongs to: itself, or the branch above a 党小组."""
        if self.org_type == OrgType.GROUP and self.parent_id:
            return self.parent
        return self


def _stored_path(pk: int) -> str:
    return Organization.objects.filter(pk=pk).values_list("path", flat=True).first() or "/"


def parent_problem(org: Organization, parent_id: int | None) -> str | None:
    """The tree's one rule on parents: never the organisation itself or one of its own subtree
    (the tree would loop). Checked by ``Organization.clean`` (forms), ``save`` (everything that
    writes, the workbook import included) and the API serializer."""
    if parent_id is None or org.pk is None:
        return None
    if parent_id == org.pk or f"/{org.pk}/" in _stored_path(parent_id):
        return str(_("上级组织不能是本组织或其下级组织（否则组织架构会形成循环）。"))
    return None


def top_level_problem(user, parent_id: int | None) -> str | None:
    """Only a 党委管理员 whose scope is the whole platform may place an organisation at the top of
    the tree (a new 党委 without a parent, or an existing one moved there): forms and API."""
    from dangjian.core.scoping import scope_for

    if parent_id is None and not scope_for(user).everything:
        return str(_("请选择上级组织（只有管理全部组织的党委管理员可以建立顶层党组织）。"))
    return None


class MemberCategory(models.TextChoices):
    FULL = "full", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class EmploymentStatus(models.TextChoices):
    WORKING = "working", _("在职")
    RETIRED = "retired", _("离退休")


def validate_id_number(value: str) -> None:
    message = idcard.problem(value)
    if message:
        raise ValidationError(message)


class Member(LedgerModel):
    member_no = models.CharField(_("党员编号"), max_length=50, unique=True)
    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    name_initials = models.CharField(
        _("拼音首字母"), max_length=50, blank=True, db_index=True, editable=False
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("所在组织"), on_delete=models.PROTECT, related_name="members"
    )
    category = models.CharField(_("人员类别"), max_length=20, choices=MemberCategory.choices)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    id_number = models.CharField(
        _("身份证号"), max_length=18, blank=True, validators=[validate_id_number]
    )
    joined_on = models.DateField(_("入党日期"), null=True, blank=True)
    full_member_on = models.DateField(_("转正日期"), null=True, blank=True)
    department = models.CharField(_("科室"), max_length=100, blank=True)
    admin_post = models.CharField(_("行政职务"), max_length=100, blank=True)
    title = models.CharField(_("职称"), max_length=100, blank=True)
    party_post = models.CharField(_("党内职务"), max_length=100, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    employment_status = models.CharField(
        _("在职状态"),
        max_length=20,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.WORKING,
    )
    is_dual_leader = models.BooleanField(_("双带头人"), default=False)

    history = audit_history()
    scope_org_field = "organization__path"
    scope_member_field = "pk"
    date_kinds = {
        "birth_date": DateKind.BIRTH,
        "joined_on": DateKind.PARTY,
        "full_member_on": DateKind.PARTY,
    }

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["organization__path", "member_no"]
        indexes = [models.Index(fields=["organization", "category"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.member_no}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organizations:member_detail", args=[self.pk])

    @property
    def id_number_masked(self) -> str:
        return idcard.mask(self.id_number)

    @property
    def phone_masked(self) -> str:
        return idcard.mask_phone(self.phone)

    #: The 党内职务 of a 党支部书记 (the report counts members whose post is exactly this).
    SECRETARY_POST = "书记"

    @property
    def is_secretary(self) -> bool:
        return self.party_post.strip() == self.SECRETARY_POST

    def normalise(self) -> None:
        if self.id_number:
            self.id_number = idcard.normalize(self.id_number)

    def record_problems(self) -> list:
        """Placement, age at joining, dates in order, category (``rules.records``)."""
        organization = related_or_none(self, "organization")
        number = idcard.normalize(self.id_number or "")
        return member_problems(
            org_type=organization.org_type if organization is not None else None,
            category=self.category,
            birth_date=self.birth_date,
            joined_on=self.joined_on,
            full_member_on=self.full_member_on,
            id_birth_date=idcard.birth_date(number) if idcard.is_valid(number) else None,
        )

    def save(self, *args, **kwargs) -> None:
        self.name_initials = name_initials(self.name)
        self.normalise()
        super().save(*args, **kwargs)


def name_initials(name: str) -> str:
    """Pinyin initials of a name (张三丰 → zsf), so that lists can be searched the way people type."""
    from pypinyin import Style, lazy_pinyin

    return "".join(part[:1] for part in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


class Role(models.TextChoices):
    PARTY_ADMIN = "party_admin", _("党委管理员")
    BRANCH_SECRETARY = "branch_secretary", _("支部书记")
    MEMBER = "member", _("党员")


class Profile(models.Model):
    """A login's role and where it reaches: see core.scoping.scope_for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("管理范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("党委管理员：空表示全部；支部书记：本支部"),
    )
    member = models.OneToOneField(
        Member,
        verbose_name=_("对应党员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile",
    )
    # Initial passwords and passwords reset by an administrator must be changed at first log-in.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)

    history = audit_history()

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.role == Role.BRANCH_SECRETARY and self.organization is None:
            raise ValidationError({"organization": _("支部书记须指定所在支部")})
        if self.role == Role.MEMBER and self.member is None:
            raise ValidationError({"member": _("党员角色须关联党员记录")})
