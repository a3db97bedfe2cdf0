"""The ledger workbook, declared once: every sheet, column, parser and matching key.

The importer, the exporter and the template all read these declarations, so a column added here
appears in all three (see docs/ledger-workbook.md for the spec and the project's additions).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models

from dangjian.core import dates, idcard
from dangjian.decisions.models import DecisionCategory, MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.implementation.models import (
    CheckIn,
    CheckInKind,
    Instruction,
    InstructionKind,
    Measure,
    MeasureStatus,
)
from dangjian.indicators.models import (
    COMMON_OPINION_SOURCES,
    DEFAULT_INDICATORS,
    IndicatorValue,
    OpinionEvent,
)
from dangjian.indicators.models import Period as IndicatorPeriod
from dangjian.integrity.models import (
    NINE_RULES,
    EducationKind,
    IntegrityEducation,
    LetterKind,
    Responsibility,
    Violation,
)
from dangjian.organizations.models import (
    EmploymentStatus,
    Gender,
    Member,
    MemberCategory,
    Organization,
    OrgType,
)
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.outreach.models import COMMON_SERVICE_TYPES, ServiceActivity
from dangjian.recognition.models import (
    BrandKind,
    CultivationKind,
    DualCultivation,
    Honour,
    HonourKind,
    HonourLevel,
    PartyBrand,
)
from dangjian.rectification.models import (
    COMMON_SOURCES,
    RectificationItem,
    RectificationKind,
    RectificationStatus,
    SignOffLevel,
)
from dangjian.transfers.models import Transfer, TransferKind

from .errors import CellError

INSTRUCTIONS_SHEET = "说明"

# --- Formula injection ------------------------------------------------------------------------
# A text that starts with = + - @ would be read by a spreadsheet as a formula. The exporter writes
# such a text with one leading apostrophe; the importer removes one apostrophe from a text that
# matches the same pattern. Texts that already start with apostrophes before such a character get
# one more, so every text survives an export/import round trip unchanged.
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@]")
_QUOTED = re.compile(r"^'+[=+\-@]")


def escape_text(text: str) -> str:
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unescape_text(text: str) -> str:
    return text[1:] if _QUOTED.match(text) else text


# --- Cell readers ------------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text: numbers typed into Excel (党员编号 1001, 手机号) come back without ``.0``."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unescape_text(str(value).strip())


TEXT, DATE, INTEGER, DECIMAL, CHOICE, BOOLEAN, IDCARD, REF = (
    "text",
    "date",
    "integer",
    "decimal",
    "choice",
    "boolean",
    "idcard",
    "ref",
)

# What a reference column points at: the model and its code field.
REF_TARGETS: dict[str, tuple[type[models.Model], str]] = {
    "org": (Organization, "code"),
    "member": (Member, "member_no"),
    "event": (OrgLifeEvent, "code"),
    "instruction": (Instruction, "code"),
    "measure": (Measure, "code"),
    "rectification": (RectificationItem, "code"),
}

# The sheet that defines the codes of each reference target (for messages and look-ups).
REF_SHEETS: dict[str, str] = {
    "org": "党组织",
    "member": "党员",
    "event": "组织生活",
    "instruction": "贯彻落实",
    "measure": "落实措施",
    "rectification": "整改台账",
}

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = TEXT
    required: bool = False
    # Closed list: (Chinese label in the workbook, stored value). Anything else is an error.
    choices: tuple[tuple[str, str], ...] = ()
    # Open list: offered in the drop-down, but any text is accepted.
    suggestions: tuple[str, ...] = ()
    ref: str = ""  # a key of REF_TARGETS
    default: object = None  # for an empty optional cell (None: the field's empty value)
    sensitive: str = ""  # "idcard" or "phone": masked in an export for a user who is not 党委管理员
    extension: bool = False  # a 本项目补充 column, not in the exchange spec
    help: str = ""

    @property
    def lookup(self) -> str:
        """The ``values()`` lookup that reads this column from the database."""
        if self.kind == REF:
            return f"{self.field}__{REF_TARGETS[self.ref][1]}"
        return self.field

    @property
    def labels(self) -> dict[str, str]:
        return {value: label for label, value in self.choices}

    @property
    def values(self) -> dict[str, str]:
        return dict(self.choices)

    @property
    def dropdown(self) -> tuple[str, ...]:
        if self.kind == BOOLEAN:
            return (YES, NO)
        return tuple(label for label, _ in self.choices) or self.suggestions

    def empty(self, model_field: models.Field) -> object:
        if self.default is not None:
            return self.default
        if self.kind in (TEXT, IDCARD) or (self.kind == CHOICE and not model_field.null):
            return ""
        if self.kind == BOOLEAN:
            return False
        return None

    def parse(self, value: object, model_field: models.Field) -> object:
        """The stored value of a non-blank cell, or CellError with a Chinese message."""
        if self.kind == DATE:
            try:
                return dates.parse_date(value)
            except dates.DateParseError as exc:
                raise CellError(str(exc)) from None
        if self.kind == INTEGER:
            return _integer(value, model_field)
        if self.kind == DECIMAL:
            return _decimal(value, model_field)
        text = cell_text(value)
        if self.kind == CHOICE:
            stored = self.values.get(text)
            if stored is None:
                allowed = "、".join(label for label, _ in self.choices)
                raise CellError(f"“{text}”不是有效的{self.header}（可选：{allowed}）")
            return stored
        if self.kind == BOOLEAN:
            if text not in (YES, NO):
                raise CellError(f"“{text}”应为“是”或“否”")
            return text == YES
        if self.kind == IDCARD:
            problem = idcard.problem(text)
            if problem:
                raise CellError(f"“{text}”：{problem}")
            return idcard.normalize(text)
        max_length = getattr(model_field, "max_length", None)
        if self.kind == REF:
            max_length = (
                REF_TARGETS[self.ref][0]._meta.get_field(REF_TARGETS[self.ref][1]).max_length
            )
        if max_length and len(text) > max_length:
            raise CellError(f"超过{max_length}个字符（{len(text)}个）")
        return text

    def to_cell(self, value: object) -> object:
        """The workbook value of a stored value (the exporter's half of ``parse``)."""
        if value is None or value == "":
            return None
        if self.kind == CHOICE:
            return self.labels.get(value, value)
        if self.kind == BOOLEAN:
            return YES if value else NO
        if isinstance(value, str):
            return escape_text(value)
        return value


_INT_LIMITS = {
    models.PositiveSmallIntegerField: 32767,
    models.PositiveIntegerField: 2147483647,
}


def _integer(value: object, model_field: models.Field) -> int:
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = cell_text(value)
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise CellError(f"“{text}”不是整数，应填写数字")
        number = int(Decimal(text))
    if number < 0:
        raise CellError(f"“{number}”不能为负数")
    limit = _INT_LIMITS.get(type(model_field), 2147483647)
    if number > limit:
        raise CellError(f"“{number}”过大（最大 {limit}）")
    return number


def _decimal(value: object, model_field: models.Field) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是数字")
    text = cell_text(value) if not isinstance(value, (int, float)) else repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}”不是数字") from None
    if not number.is_finite():
        raise CellError(f"“{text}”不是数字")
    if number < 0:
        raise CellError(f"“{text}”不能为负数")
    places = model_field.decimal_places
    number = number.quantize(Decimal(1).scaleb(-places))
    if number >= Decimal(10) ** (model_field.max_digits - places):
        raise CellError(f"“{text}”过大")
    return number


def _choices(choices: list[tuple[str, object]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(label), value) for value, label in choices)


@dataclass(frozen=True)
class Sheet:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # headers of the columns that identify a row on re-import
    note: str = ""
    # Each row is also checked by the model's ``clean()`` (the rule of the page and the API); its
    # messages are reported on the row, under the column of the field they name.
    clean_rows: bool = False
    by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_header", {column.header: column for column in self.columns})

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(self.by_header[header] for header in self.key)

    def model_field(self, column: Column) -> models.Field:
        return self.model._meta.get_field(column.field)


ORG_TYPES = _choices(OrgType.choices)

ORGANIZATIONS = Sheet(
    "党组织",
    Organization,
    (
        Column("组织编码", "code", required=True, help="唯一编码，其他工作表用它指向本组织"),
        Column("组织名称", "name", required=True),
        Column("组织类型", "org_type", CHOICE, required=True, choices=ORG_TYPES),
        Column(
            "上级组织编码",
            "parent",
            REF,
            ref="org",
            help="顶层党委留空；可指向本表或数据库中已有的组织，上下级顺序不限",
        ),
        Column("成立日期", "founded_on", DATE),
        Column("本届选举日期", "last_election_on", DATE),
        Column(
            "届期年数", "term_years", INTEGER, help="留空按类型默认：党委5年，党总支3年，党支部3年"
        ),
        Column(
            "排序",
            "sort_order",
            INTEGER,
            default=0,
            extension=True,
            help="本项目补充：同级组织的显示顺序",
        ),
    ),
    key=("组织编码",),
)

MEMBERS = Sheet(
    "党员",
    Member,
    (
        Column("党员编号", "member_no", required=True, help="唯一编号，参会记录用它指向党员"),
        Column("姓名", "name", required=True),
        Column("所在组织编码", "organization", REF, required=True, ref="org"),
        Column(
            "人员类别", "category", CHOICE, required=True, choices=_choices(MemberCategory.choices)
        ),
        Column("性别", "gender", CHOICE, choices=_choices(Gender.choices)),
        Column("出生日期", "birth_date", DATE),
        Column(
            "身份证号",
            "id_number",
            IDCARD,
            sensitive="idcard",
            help="18位，按 GB 11643 校验末位校验码",
        ),
        Column("入党日期", "joined_on", DATE),
        Column("转正日期", "full_member_on", DATE),
        Column("科室", "department"),
        Column("行政职务", "admin_post"),
        Column("职称", "title"),
        Column(
            "党内职务",
            "party_post",
            suggestions=("书记", "副书记", "组织委员", "宣传委员", "纪检委员"),
        ),
        Column("手机号", "phone", sensitive="phone"),
        Column(
            "在职状态",
            "employment_status",
            CHOICE,
            choices=_choices(EmploymentStatus.choices),
            default=EmploymentStatus.WORKING.value,
            help="留空为“在职”",
        ),
        Column("双带头人", "is_dual_leader", BOOLEAN, help="是 或 否，留空为“否”"),
    ),
    key=("党员编号",),
)

EVENTS = Sheet(
    "组织生活",
    OrgLifeEvent,
    (
        Column("活动编号", "code", required=True, help="唯一编号，参会记录用它指向活动"),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("类型", "event_type", CHOICE, required=True, choices=_choices(EventType.choices)),
        Column("日期", "date", DATE, required=True),
        Column("主题", "topic"),
        Column("主持人", "host"),
        Column("讲课人", "lecturer"),
        Column("地点", "location"),
        Column("时长(小时)", "duration_hours", DECIMAL, help="小时数，保留一位小数"),
    ),
    key=("活动编号",),
)

ATTENDANCE = Sheet(
    "参会记录",
    Attendance,
    (
        Column("活动编号", "event", REF, required=True, ref="event"),
        Column("党员编号", "member", REF, required=True, ref="member"),
        Column("出勤", "status", CHOICE, required=True, choices=_choices(AttendanceStatus.choices)),
        Column(
            "补学日期", "makeup_on", DATE, extension=True, help="本项目补充：缺席或请假后补学的日期"
        ),
    ),
    key=("活动编号", "党员编号"),
    note="同一活动、同一党员只能有一行",
)

DEVELOPMENT = Sheet(
    "发展党员",
    DevelopmentCase,
    (
        Column("姓名", "name", required=True),
        Column(
            "身份证号",
            "id_number",
            IDCARD,
            required=True,
            sensitive="idcard",
            help="每人一行，按身份证号匹配",
        ),
        Column("所在组织编码", "organization", REF, required=True, ref="org"),
        Column("入党申请日期", "applied_on", DATE, required=True),
        Column("谈话日期", "talked_on", DATE),
        Column("确定积极分子日期", "activist_on", DATE),
        Column("确定发展对象日期", "candidate_on", DATE),
        Column("政治审查日期", "political_review_on", DATE, extension=True),
        Column("集中培训结业日期", "training_completed_on", DATE, extension=True),
        Column("公示开始日期", "publicity_started_on", DATE, extension=True),
        Column("支部大会接收日期", "admitted_on", DATE),
        Column("上级党委审批日期", "approved_on", DATE),
        Column("转正日期", "converted_on", DATE),
        Column("延长预备期至", "probation_extended_to", DATE),
        Column("取消预备党员资格日期", "cancelled_on", DATE, extension=True),
        Column("入党介绍人", "introducers", help="两名介绍人，用顿号分隔"),
    ),
    key=("身份证号",),
    note="各日期按《中国共产党发展党员工作细则》检查，不符合的行照常导入并给出警告",
)

RECTIFICATION = Sheet(
    "整改台账",
    RectificationItem,
    (
        Column("问题编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("问题描述", "description", required=True),
        Column("来源", "source", required=True, suggestions=COMMON_SOURCES, help="可填写其他来源"),
        Column("提出日期", "raised_on", DATE),
        Column("整改措施", "measures"),
        Column("责任人", "owner"),
        Column("整改时限", "deadline", DATE, required=True),
        Column("完成日期", "completed_on", DATE),
        Column(
            "状态",
            "status",
            CHOICE,
            choices=_choices(RectificationStatus.choices),
            default=RectificationStatus.IN_PROGRESS.value,
            help="留空为“正在推进”；“逾期”由系统计算，不要填写",
        ),
        Column(
            "整改类别",
            "kind",
            CHOICE,
            choices=_choices(RectificationKind.choices),
            extension=True,
            help="本项目补充：立行立改 或 长期坚持",
        ),
        Column(
            "整改证据",
            "evidence",
            extension=True,
            help="本项目补充：佐证材料说明（证据文件不随工作簿交换）",
        ),
        Column(
            "销号层级",
            "sign_off_level",
            CHOICE,
            choices=_choices(SignOffLevel.choices),
            extension=True,
            help="本项目补充：党委 或 党支部",
        ),
        Column("销号人", "signer", extension=True, help="本项目补充"),
        Column("销号日期", "signed_off_on", DATE, extension=True, help="本项目补充"),
    ),
    key=("问题编号",),
)

DECISIONS = Sheet(
    "三重一大",
    MajorDecision,
    (
        Column("事项编号", "code", required=True),
        Column("会议日期", "meeting_date", DATE, required=True),
        Column(
            "事项类别",
            "category",
            CHOICE,
            required=True,
            choices=_choices(DecisionCategory.choices),
        ),
        Column("议题", "topic", required=True),
        Column("应到人数", "members_due", INTEGER),
        Column("实到人数", "members_present", INTEGER),
        Column("表决结果", "result"),
        Column(
            "组织编码",
            "organization",
            REF,
            ref="org",
            extension=True,
            help="本项目补充：决策的党委；留空则为工作簿或数据库中唯一的顶层党委",
        ),
    ),
    key=("事项编号",),
    note="应到、实到人数按议事规则检查法定人数，未达到的给出警告",
)

SERVICES = Sheet(
    "服务活动",
    ServiceActivity,
    (
        Column("活动编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column(
            "类型",
            "activity_type",
            required=True,
            suggestions=COMMON_SERVICE_TYPES,
            help="可填写其他类型",
        ),
        Column("日期", "date", DATE, required=True),
        Column("内容", "content"),
        Column("参与人数", "participants", INTEGER),
        Column("服务人次", "people_served", INTEGER),
    ),
    key=("活动编号",),
)

# --- 本项目补充 sheets (not in the exchange spec; see docs/workbook-sheets.md) ------------------


@dataclass(frozen=True)
class PercentColumn(Column):
    """An integer from 0 to 100 (进度%)."""

    def parse(self, value: object, model_field: models.Field) -> object:
        number = super().parse(value, model_field)
        if isinstance(number, int) and number > 100:
            raise CellError(f"“{number}”超出范围，进度应为 0 到 100 的整数")
        return number


INSTRUCTIONS = Sheet(
    "贯彻落实",
    Instruction,
    (
        Column("指示编号", "code", required=True, help="唯一编号，落实措施用它指向本事项"),
        Column("类别", "kind", CHOICE, required=True, choices=_choices(InstructionKind.choices)),
        Column("标题", "title", required=True),
        Column("来源", "source", help="如：会议、文件文号"),
        Column("日期", "issued_on", DATE, required=True),
        Column("组织编码", "organization", REF, required=True, ref="org", help="牵头落实的党组织"),
    ),
    key=("指示编号",),
    note="本项目补充：重要讲话、指示批示、上级部署的贯彻落实事项",
)

MEASURES = Sheet(
    "落实措施",
    Measure,
    (
        Column("措施编号", "code", required=True),
        Column("指示编号", "instruction", REF, required=True, ref="instruction"),
        Column("落实措施", "content", required=True),
        Column("责任人", "owner"),
        Column("完成时限", "deadline", DATE, required=True),
        Column(
            "状态",
            "status",
            CHOICE,
            choices=_choices(MeasureStatus.choices),
            default=MeasureStatus.NOT_STARTED.value,
            help="留空为“未开始”；“逾期”由系统计算，不要填写",
        ),
        Column("完成日期", "completed_on", DATE),
    ),
    key=("措施编号",),
    note="本项目补充：贯彻落实事项分解的措施",
)

CHECKINS = Sheet(
    "督导督办",
    CheckIn,
    (
        Column("措施编号", "measure", REF, required=True, ref="measure"),
        Column("日期", "date", DATE, required=True),
        Column("方式", "kind", CHOICE, required=True, choices=_choices(CheckInKind.choices)),
        PercentColumn("进度(%)", "progress", INTEGER, required=True, help="0 到 100 的整数"),
        Column("督导情况", "note"),
        Column("佐证材料说明", "evidence", help="佐证文件不随工作簿交换"),
    ),
    key=("措施编号", "日期", "方式"),
    note="本项目补充：同一措施、同一日期、同一方式只能有一行",
)

RESPONSIBILITY = Sheet(
    "廉政责任书",
    Responsibility,
    (
        Column("责任书编号", "code", required=True),
        Column("类别", "kind", CHOICE, required=True, choices=_choices(LetterKind.choices)),
        Column("年度", "year", INTEGER, required=True),
        Column(
            "组织编码", "organization", REF, required=True, ref="org", help="签订责任书的党支部"
        ),
        Column("科室", "department", help="科室签订的填写科室名称"),
        Column("党委签字人", "issuer_signer"),
        Column("责任单位签字人", "signer", required=True),
        Column("签订日期", "signed_on", DATE, required=True),
    ),
    key=("责任书编号",),
    note="本项目补充：党委与党支部（科室）签订的党风廉政建设目标责任书、监督责任书",
)

INTEGRITY_EDUCATION = Sheet(
    "警示教育",
    IntegrityEducation,
    (
        Column("活动编号", "code", required=True),
        Column("类型", "kind", CHOICE, required=True, choices=_choices(EducationKind.choices)),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("日期", "date", DATE, required=True),
        Column("主题", "topic", required=True),
        Column("参加人数", "participants", INTEGER),
    ),
    key=("活动编号",),
    note="本项目补充：警示教育活动和集体谈话",
)

VIOLATIONS = Sheet(
    "违纪违规",
    Violation,
    (
        Column("记录编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("当事人", "person", required=True),
        Column("发现日期", "found_on", DATE, required=True),
        Column("问题类别", "category", suggestions=NINE_RULES, help="可参照廉洁从业九项准则"),
        Column("问题情况", "description", required=True),
        Column("处理结果", "handling"),
        Column("处理日期", "handled_on", DATE),
    ),
    key=("记录编号",),
    note="本项目补充：仅党委管理员可见、可导出",
)

# --- 组织关系转接, 表彰与党建品牌, 双培养, 党建+业务指标, 舆情 (本项目补充; see docs/workbook-sheets.md)

TRANSFERS = Sheet(
    "组织关系转接",
    Transfer,
    (
        Column("转接编号", "code", required=True),
        Column("党员编号", "member", REF, required=True, ref="member"),
        Column("转接类型", "kind", CHOICE, required=True, choices=_choices(TransferKind.choices)),
        Column("转接日期", "date", DATE, required=True, help="当日起党员计入转入组织"),
        Column(
            "转出组织编码",
            "from_org",
            REF,
            ref="org",
            help="院内转接、转出时为党员转接时所在的组织（留空则自动填写）；转入本院时留空",
        ),
        Column(
            "转入组织编码", "to_org", REF, ref="org", help="院内转接、转入时填写；转出本院时留空"
        ),
        Column("转出单位", "from_unit", help="转入本院时填写原单位党组织"),
        Column("转入单位", "to_unit", help="转出本院时填写接收单位党组织"),
        Column("介绍信编号", "letter_no"),
        Column("备注", "note"),
    ),
    key=("转接编号",),
    note=(
        "本项目补充：转接记录即党员的组织关系变动历史；导入按转接日期逐人登记，"
        "规则与页面相同，党员的所在组织随之改为最近一次转接的转入组织"
    ),
)

HONOURS = Sheet(
    "表彰",
    Honour,
    (
        Column("表彰编号", "code", required=True),
        Column("表彰类型", "kind", CHOICE, required=True, choices=_choices(HonourKind.choices)),
        Column("年度", "year", INTEGER, required=True),
        Column("表彰级别", "level", CHOICE, required=True, choices=_choices(HonourLevel.choices)),
        Column(
            "组织编码",
            "organization",
            REF,
            required=True,
            ref="org",
            help="先进党组织：受表彰的组织；个人表彰：党员所在组织",
        ),
        Column(
            "党员编号",
            "member",
            REF,
            ref="member",
            help="个人表彰（优秀共产党员、优秀党务工作者）必填",
        ),
        Column("荣誉名称", "title"),
        Column("授予单位", "awarded_by"),
        Column("备注", "note"),
    ),
    key=("表彰编号",),
    note="本项目补充",
)

BRANDS = Sheet(
    "党建品牌",
    PartyBrand,
    (
        Column("品牌编号", "code", required=True),
        Column("类别", "kind", CHOICE, required=True, choices=_choices(BrandKind.choices)),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("名称", "name", required=True),
        Column("创建年度", "year", INTEGER, required=True),
        Column("命名级别", "level", CHOICE, choices=_choices(HonourLevel.choices)),
        Column("简介", "description"),
    ),
    key=("品牌编号",),
    note="本项目补充：一支部一特色党建品牌和党建示范点",
)

CULTIVATIONS = Sheet(
    "双培养",
    DualCultivation,
    (
        Column("党员编号", "member", REF, required=True, ref="member"),
        Column(
            "培养类型", "kind", CHOICE, required=True, choices=_choices(CultivationKind.choices)
        ),
        Column("日期", "date", DATE, required=True),
        Column("说明", "note"),
    ),
    key=("党员编号", "培养类型"),
    note="本项目补充：同一党员、同一培养类型只能有一行",
)

INDICATOR_VALUES = Sheet(
    "党建业务指标",
    IndicatorValue,
    (
        Column("指标编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column(
            "指标",
            "indicator",
            required=True,
            suggestions=tuple(name for name, _unit in DEFAULT_INDICATORS),
            help="须为平台“指标名称”列表中的名称（党委管理员可添加）",
        ),
        Column("年度", "year", INTEGER, required=True),
        Column(
            "期间",
            "period",
            CHOICE,
            choices=_choices(IndicatorPeriod.choices),
            default=IndicatorPeriod.YEAR.value,
            help="留空为“全年”",
        ),
        Column("数值", "value", DECIMAL, required=True, help="保留两位小数"),
        Column("单位", "unit", help="如 %、件、项、人次"),
        Column("备注", "note"),
    ),
    key=("指标编号",),
    note="本项目补充：各科室按年、季度或月填报的业务指标",
)

OPINIONS = Sheet(
    "舆情",
    OpinionEvent,
    (
        Column("舆情编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("发现日期", "date", DATE, required=True),
        Column(
            "来源",
            "source",
            required=True,
            suggestions=COMMON_OPINION_SOURCES,
            help="可填写其他来源",
        ),
        Column("舆情内容", "content", required=True),
        Column("处置措施", "handling"),
        Column("处置结果", "result"),
        Column("处置完成日期", "handled_on", DATE, help="留空为尚在处置"),
    ),
    key=("舆情编号",),
    note="本项目补充",
)

# --- 评议考核、医德考评、积分调整 (本项目补充, app ``evaluations``; see docs/workbook-sheets.md) --------

from dangjian.evaluations.models import (  # noqa: E402  (kept next to the sheets that use them)
    BranchAssessment,
    EthicsGrade,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    PointAdjustment,
    ReviewGrade,
    SecretaryReview,
)


@dataclass(frozen=True)
class YearColumn(Column):
    """年度: a four-digit year from 1949 to 2100."""

    def parse(self, value: object, model_field: models.Field) -> object:
        number = _integer(value, model_field)
        if not 1949 <= number <= 2100:
            raise CellError(f"“{number}”不是有效的年度（应为 1949 到 2100 之间的四位年份）")
        return number


@dataclass(frozen=True)
class SignedDecimalColumn(Column):
    """A number that may be negative (积分调整的分值: 扣分填写负数)."""

    def parse(self, value: object, model_field: models.Field) -> object:
        text = cell_text(value).strip() if not isinstance(value, (int, float)) else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            return -_decimal(-value, model_field)
        if text.startswith("-"):
            return -_decimal(text[1:], model_field)
        return _decimal(value, model_field)


MEMBER_EVALUATIONS = Sheet(
    "民主评议",
    MemberEvaluation,
    (
        Column("党员编号", "member", REF, required=True, ref="member"),
        YearColumn("年度", "year", INTEGER, required=True),
        Column("评议等次", "grade", CHOICE, required=True, choices=_choices(MemberGrade.choices)),
        Column("备注", "remarks"),
    ),
    key=("党员编号", "年度"),
    note="本项目补充：民主评议党员结果，每名党员每年一行",
)

SECRETARY_REVIEWS = Sheet(
    "述职评议",
    SecretaryReview,
    (
        Column("党员编号", "member", REF, required=True, ref="member", help="述职的党组织书记"),
        Column("组织编码", "organization", REF, required=True, ref="org", help="书记所在的党组织"),
        YearColumn("年度", "year", INTEGER, required=True),
        Column("评议等次", "grade", CHOICE, required=True, choices=_choices(ReviewGrade.choices)),
        Column("备注", "remarks"),
    ),
    key=("党员编号", "年度"),
    note="本项目补充：党组织书记抓基层党建述职评议考核，每名书记每年一行",
)

BRANCH_ASSESSMENTS = Sheet(
    "支部考核",
    BranchAssessment,
    (
        Column("组织编码", "organization", REF, required=True, ref="org"),
        YearColumn("年度", "year", INTEGER, required=True),
        Column("考核等次", "grade", CHOICE, required=True, choices=_choices(ReviewGrade.choices)),
        Column("备注", "remarks"),
    ),
    key=("组织编码", "年度"),
    note="本项目补充：党支部年度考核，每个党组织每年一行（等次为本地做法）",
)

ETHICS_RECORDS = Sheet(
    "医德考评",
    EthicsRecord,
    (
        Column("工号", "staff_no", required=True, help="职工工号，每人每年一行"),
        Column("姓名", "name", required=True),
        Column("科室", "department"),
        Column(
            "组织编码", "organization", REF, required=True, ref="org", help="负责该科室的党支部"
        ),
        Column("党员编号", "member", REF, ref="member", help="职工是党员时填写"),
        YearColumn("年度", "year", INTEGER, required=True),
        Column("考评等次", "grade", CHOICE, required=True, choices=_choices(EthicsGrade.choices)),
        Column("考评分数", "score", DECIMAL, help="0 到 100，分数线由本院规定"),
        Column("备注", "remarks"),
    ),
    key=("工号", "年度"),
    note="本项目补充：医务人员医德考评（医德档案），党员和非党员职工都可登记",
)

POINT_ADJUSTMENTS = Sheet(
    "积分调整",
    PointAdjustment,
    (
        Column("调整编号", "code", required=True),
        Column("党员编号", "member", REF, required=True, ref="member"),
        YearColumn("年度", "year", INTEGER, required=True),
        SignedDecimalColumn(
            "分值", "points", DECIMAL, required=True, help="加分为正数，扣分为负数"
        ),
        Column("事由", "reason", required=True, help="必填：调整积分的事由"),
    ),
    key=("调整编号",),
    note="本项目补充：党员积分的手工调整；导入后请运行 dangjian points recompute --year 年度 更新年度积分",
)

EVALUATION_SHEETS: tuple[Sheet, ...] = (
    MEMBER_EVALUATIONS,
    SECRETARY_REVIEWS,
    BRANCH_ASSESSMENTS,
    ETHICS_RECORDS,
    POINT_ADJUSTMENTS,
)

# --- 查摆问题、工作要点 (本项目补充, apps ``problems`` and ``workplans``; see docs/workbook-sheets.md)

from dangjian.problems.models import Problem, ProblemSource, WorkArea  # noqa: E402
from dangjian.workplans.models import WorkPlanItem  # noqa: E402

WORK_AREAS = _choices(WorkArea.choices)

PROBLEMS = Sheet(
    "查摆问题",
    Problem,
    (
        Column("查摆编号", "code", required=True),
        Column(
            "组织编码",
            "organization",
            REF,
            required=True,
            ref="org",
            help="查摆出问题的党组织：民主生活会为党委，组织生活会为党支部",
        ),
        Column("年度", "year", INTEGER, required=True, help="如2025年度民主生活会查摆的问题填2025"),
        Column("来源", "source", CHOICE, required=True, choices=_choices(ProblemSource.choices)),
        Column("领域", "area", CHOICE, required=True, choices=WORK_AREAS),
        Column("存在问题", "text", required=True, help="按查摆材料的原话填写"),
        Column("整改措施", "measures"),
        Column(
            "整改问题编号",
            "rectification",
            REF,
            ref="rectification",
            help="列入整改台账的，填写整改台账的问题编号；可留空",
        ),
    ),
    key=("查摆编号",),
    note="本项目补充：民主生活会、组织生活会、巡察、督查、考核、自查查摆出的问题；年度报告的“存在问题”据此撰写",
    clean_rows=True,
)

WORK_PLANS = Sheet(
    "工作要点",
    WorkPlanItem,
    (
        Column("要点编号", "code", required=True),
        Column("组织编码", "organization", REF, required=True, ref="org"),
        Column("年度", "year", INTEGER, required=True, help="工作要点所属年度"),
        Column("领域", "area", CHOICE, required=True, choices=WORK_AREAS),
        Column("工作要点", "text", required=True),
        Column("责任部门", "owner", help="责任部门或责任人，如：党委办公室、各党支部"),
        Column("完成时限", "deadline", DATE, help="可留空；不能早于所属年度"),
    ),
    key=("要点编号",),
    note="本项目补充：年度党建工作要点；年度报告的“下一步工作打算”据此撰写",
    clean_rows=True,
)

# In the order the importer writes them: every sheet refers only to sheets before it.
SHEETS: tuple[Sheet, ...] = (
    ORGANIZATIONS,
    MEMBERS,
    EVENTS,
    ATTENDANCE,
    DEVELOPMENT,
    RECTIFICATION,
    DECISIONS,
    SERVICES,
    INSTRUCTIONS,
    MEASURES,
    CHECKINS,
    RESPONSIBILITY,
    INTEGRITY_EDUCATION,
    VIOLATIONS,
    TRANSFERS,
    HONOURS,
    BRANDS,
    CULTIVATIONS,
    INDICATOR_VALUES,
    OPINIONS,
)
SHEETS += EVALUATION_SHEETS
SHEETS += (PROBLEMS, WORK_PLANS)
SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

GENERAL_RULES = (
    "第1行为列名（中文，须与本模板一致），列的顺序不限；多余的列不导入，并给出警告；缺少必填列（列名带 * 说明）为错误。",
    "日期可写作 Excel 日期、2023-05-04、2023/5/4 或 2023年5月4日。",
    "导入要么全部成功，要么一行也不写入：只要有一处错误，数据库保持原样，并逐条列出“工作表!行号 列名: 问题”。",
    "同一工作簿重复导入不会改变任何数据：各行按编码匹配（组织编码、党员编号、活动编号、活动编号+党员编号、身份证号、问题编号、事项编号）。",
    "工作表可以缺省；各行可以引用本工作簿或数据库中已有的编码。",
    "可选列整列缺省时，已有记录的该项保持不变；单元格留空则清空该项（或取默认值）。",
    "以 = + - @ 开头的文字在导出时前加一个英文单引号 '，防止被当作公式；导入时自动去掉这个单引号。",
)
