"""Every number a hospital (or its superior) may set differently, with its source.

The defaults are those of DOMAIN.md. Values marked *verify* or *local* come from practice
guides or provincial rules rather than the national text; the UI should say so. A hospital's
stricter rules are applied with :meth:`RuleConfig.with_overrides`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from .vocabulary import Frequency, MeetingType, OrgType

__all__ = ["DEFAULT_RULES", "DuesBand", "RuleConfig"]

#: A dues band: (upper bound of monthly income in 元, inclusive — ``None`` for no bound; rate).
DuesBand = tuple[Decimal | None, Decimal]

_DEFAULT_MEETING_FREQUENCIES: Mapping[MeetingType, Frequency] = MappingProxyType(
    {
        MeetingType.BRANCH_GENERAL_MEETING: Frequency.QUARTER,
        MeetingType.BRANCH_COMMITTEE_MEETING: Frequency.MONTH,
        MeetingType.GROUP_MEETING: Frequency.MONTH,
        MeetingType.PARTY_LECTURE: Frequency.QUARTER,
        MeetingType.THEMED_PARTY_DAY: Frequency.MONTH,
        MeetingType.ORGANISATIONAL_LIFE_MEETING: Frequency.YEAR,
        MeetingType.MEMBER_EVALUATION: Frequency.YEAR,
        MeetingType.DEMOCRATIC_LIFE_MEETING: Frequency.YEAR,
    }
)


@dataclass(frozen=True)
class RuleConfig:
    """The numbers the rules check against. Build variants with :meth:`with_overrides`.

    Fractions are compared exactly: a quorum field named ``*_more_than`` requires strictly more
    than that fraction of the members; ``*_at_least`` requires that fraction or more.
    """

    # --- Terms and elections: 《中国共产党基层组织选举工作条例》(2020), 党章 ---
    term_years_committee: int = 5
    """届期 of a 党的基层委员会 (院党委): 5 years. 《基层组织选举工作条例》, 党章."""
    term_years_general_branch: int = 3
    """届期 of a 党总支部委员会: 3 years. 《基层组织选举工作条例》."""
    term_years_branch: int = 3
    """届期 of a 党支部委员会: 3 years. 《基层组织选举工作条例》."""
    election_reminder_months: tuple[int, ...] = (6, 3)
    """Months before the term ends at which to remind (the superior reminds 6 months before;
    the 3-month reminder is the platform's own)."""
    election_max_postponement_months: int = 12
    """A postponed or advanced election may not move by more than 1 year (superior's approval).
    《基层组织选举工作条例》."""
    election_quorum_more_than: Fraction = Fraction(4, 5)
    """An election meeting is valid with more than 4/5 of voting members present — *verify*."""

    # --- 发展党员: 《中国共产党发展党员工作细则》(2014) ---
    applicant_min_age: int = 18
    """Step 1: an applicant must be 年满十八岁. 《发展党员工作细则》."""
    league_recommendation_age: int = 28
    """Applicants under 28 are generally developed from 共青团员 through 推优 — *local practice*."""
    talk_within_months: int = 1
    """Step 2: 党组织 talks with the applicant within 1 month of receiving the application."""
    activist_min_months: int = 12
    """Step 7: 发展对象 after at least 1 year as 入党积极分子, counted from step 3."""
    training_min_days: int = 3
    """Step 11: 集中培训 not less than 3 days …"""
    training_min_hours: int = 24
    """… or 24 class hours (step 11)."""
    introducers_required: int = 2
    """Step 9: 2 名正式党员 as 入党介绍人."""
    publicity_working_days: int = 5
    """Step 13: 公示 period. The national 细则 sets none; provinces commonly require 5–7 days,
    often 5 working days — *local*."""
    admission_quorum_more_than: Fraction = Fraction(1, 2)
    """Step 15: the 支部大会 needs more than half of the voting members present."""
    admission_adoption_more_than: Fraction = Fraction(1, 2)
    """Step 15: adopted when yes votes exceed half of the full members due to attend."""
    approval_months: int = 3
    """Step 17: 上级党委审批 within 3 months of the 支部大会."""
    approval_max_months: int = 6
    """Step 17: at most 6 months in special cases."""
    probation_months: int = 12
    """预备期: 1 year from the day the 支部大会 adopted the resolution (step 15)."""
    extension_min_months: int = 6
    """延长预备期: not less than half a year …"""
    extension_max_months: int = 12
    """… and not more than 1 year, once."""

    # --- Organisational life: 《中国共产党支部工作条例（试行）》(2018) and study rules ---
    meeting_frequencies: Mapping[MeetingType, Frequency] = field(
        default_factory=lambda: _DEFAULT_MEETING_FREQUENCIES, hash=False
    )
    """Required frequency (once per period) by meeting type. 支部工作条例: 支部党员大会 quarterly,
    支部委员会会议 / 党小组会 / 主题党日 monthly, 组织生活会 and 民主评议党员 yearly; 党课
    quarterly is *local practice*; 民主生活会 yearly for the leadership team."""
    themed_party_day_of_month: int = 0
    """主题党日: 《中国共产党支部工作条例（试行）》第十九条 — 党支部每月相对固定1天开展主题党日.
    The day of the month the hospital fixes (1–31; a day past a month's end means its last day);
    0 when no day has been fixed. "相对固定": another day is allowed, so it is a warning."""
    study_group_sessions_per_year: int = 12
    """理论学习中心组: 《党委（党组）理论学习中心组学习规则》(2017) asks for study generally at
    least every two months; many units set ≥ 12 sessions a year — *local*."""
    study_group_seminars_per_year: int = 4
    """… including ≥ 4 专题研讨 — *local*."""
    branch_committee_quorum_more_than: Fraction = Fraction(1, 2)
    """支部委员会会议: more than half of the 委员 present. 支部工作条例."""

    # --- 党委会 and 三重一大: 《关于加强公立医院党的建设工作的意见》(2018), 议事规则 ---
    decision_quorum_more_than: Fraction = Fraction(1, 2)
    """党委会 quorum: more than half of the members — common 议事规则, *verify*."""
    cadre_quorum_at_least: Fraction = Fraction(2, 3)
    """重要干部任免: two thirds or more of the members present — 议事规则, *verify*."""
    decision_adoption_more_than: Fraction = Fraction(1, 2)
    """Adopted when more than half of the members due to attend vote for it."""

    # --- 党费: 《关于中国共产党党费收缴、使用和管理的规定》(2008) ---
    dues_bands_in_service: tuple[DuesBand, ...] = (
        (Decimal(3000), Decimal("0.005")),
        (Decimal(5000), Decimal("0.01")),
        (Decimal(10000), Decimal("0.015")),
        (None, Decimal("0.02")),
    )
    """在职: 3000 元以下（含）0.5%, 3000–5000（含）1%, 5000–10000（含）1.5%, 10000 以上 2%."""
    dues_bands_retired: tuple[DuesBand, ...] = (
        (Decimal(5000), Decimal("0.005")),
        (None, Decimal("0.01")),
    )
    """离退休: 5000 元以下（含）0.5%, 5000 以上 1%."""
    dues_fixed_amount: Decimal = Decimal("0.20")
    """学生, 下岗失业, 依靠抚恤或救济生活: 0.2 元 a month."""
    dues_farmer_min: Decimal = Decimal("0.20")
    """农民党员: 0.2 元 …"""
    dues_farmer_max: Decimal = Decimal("1.00")
    """… to 1 元 a month."""
    dues_warning_month: int = 3
    """The platform warns from the 3rd consecutive unpaid month (platform rule)."""
    dues_lapse_month: int = 6
    """6 consecutive months unpaid without good reason counts as 自行脱党 (党章; 党费规定)."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"规则参数 {f.name} 不能为负数：{value}")
            if isinstance(value, Fraction) and not 0 <= value <= 1:
                raise ValueError(f"规则参数 {f.name} 应在 0 与 1 之间：{value}")
        if self.themed_party_day_of_month > 31:
            raise ValueError(
                f"规则参数 themed_party_day_of_month 应为 1–31 日（0 表示不固定）：{self.themed_party_day_of_month}"
            )
        if any(not _is_int(m) or m <= 0 for m in self.election_reminder_months):
            raise ValueError("规则参数 election_reminder_months 应为正整数列表")
        if self.approval_months > self.approval_max_months:
            raise ValueError("规则参数 approval_months 不能大于 approval_max_months")
        if self.extension_min_months > self.extension_max_months:
            raise ValueError("规则参数 extension_min_months 不能大于 extension_max_months")
        if self.dues_farmer_min > self.dues_farmer_max:
            raise ValueError("规则参数 dues_farmer_min 不能大于 dues_farmer_max")
        if self.dues_warning_month > self.dues_lapse_month:
            raise ValueError("规则参数 dues_warning_month 不能大于 dues_lapse_month")
        for name in ("dues_bands_in_service", "dues_bands_retired"):
            _check_bands(name, getattr(self, name))

    def term_years_for(self, org_type: OrgType | str) -> int:
        """届期年数 by 组织类型 (党委 5, 党总支 3, 党支部 3); a 党小组 has no term."""
        kind = OrgType(org_type)
        if kind is OrgType.COMMITTEE:
            return self.term_years_committee
        if kind is OrgType.GENERAL_BRANCH:
            return self.term_years_general_branch
        if kind is OrgType.BRANCH:
            return self.term_years_branch
        raise ValueError(f"{kind.value}不实行任期制，没有届期年数")

    def with_overrides(self, overrides: Mapping[str, object]) -> RuleConfig:
        """A copy with some values replaced, each checked for its name and type.

        Integers must be ``int``; fractions accept ``Fraction``, ``int`` or ``"4/5"``; amounts
        and rates accept ``Decimal``, ``int`` or a decimal string (never ``float``, which
        cannot hold 0.005 exactly); ``meeting_frequencies`` is merged into the current mapping,
        a value of ``None`` removing a requirement. Raises ``ValueError`` with a Chinese message.
        """
        known = {f.name: f for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ValueError(
                f"未知的规则参数：{'、'.join(unknown)}（可用参数：{'、'.join(sorted(known))}）"
            )
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            changes[name] = self._coerce(name, value)
        return dataclasses.replace(self, **changes)

    def _coerce(self, name: str, value: object) -> object:
        current = getattr(self, name)
        if name == "meeting_frequencies":
            return _coerce_frequencies(current, value)
        if name in ("dues_bands_in_service", "dues_bands_retired"):
            return _coerce_bands(name, value)
        if name == "election_reminder_months":
            if not isinstance(value, (list, tuple)) or not all(_is_int(v) for v in value):
                raise ValueError(f"规则参数 {name} 应为整数列表，收到 {value!r}")
            return tuple(sorted(value, reverse=True))
        if isinstance(current, Fraction):
            return _to_fraction(name, value)
        if isinstance(current, Decimal):
            return _to_decimal(name, value)
        if isinstance(current, int):
            if not _is_int(value):
                raise ValueError(f"规则参数 {name} 应为整数，收到 {value!r}")
            return value
        raise AssertionError(f"no coercion for {name}")  # pragma: no cover


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _to_fraction(name: str, value: object) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value)
        except ValueError:
            pass
    raise ValueError(f'规则参数 {name} 应为分数（如 "4/5"），收到 {value!r}')


def _to_decimal(name: str, value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if result.is_finite():
                return result
    raise ValueError(
        f"规则参数 {name} 应为金额或比率（整数、Decimal 或数字字符串），收到 {value!r}"
    )


def _coerce_bands(name: str, value: object) -> tuple[DuesBand, ...]:
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"规则参数 {name} 应为（上限, 比例）列表，收到 {value!r}")
    bands: list[DuesBand] = []
    for item in value:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ValueError(f"规则参数 {name} 的每一档应为（上限, 比例），收到 {item!r}")
        upper, rate = item
        bands.append((None if upper is None else _to_decimal(name, upper), _to_decimal(name, rate)))
    return tuple(bands)


def _check_bands(name: str, bands: tuple[DuesBand, ...]) -> None:
    if not bands or bands[-1][0] is not None:
        raise ValueError(f"规则参数 {name} 的最后一档应无上限（上限为 None）")
    uppers = [upper for upper, _ in bands[:-1]]
    if any(u is None for u in uppers) or uppers != sorted(uppers):  # type: ignore[type-var]
        raise ValueError(f"规则参数 {name} 的各档上限应递增")
    if any(rate < 0 for _, rate in bands):
        raise ValueError(f"规则参数 {name} 的比例不能为负数")


def _coerce_frequencies(
    current: Mapping[MeetingType, Frequency], value: object
) -> Mapping[MeetingType, Frequency]:
    if not isinstance(value, Mapping):
        raise ValueError(f"规则参数 meeting_frequencies 应为“会议类型: 频次”映射，收到 {value!r}")
    merged = dict(current)
    for key, freq in value.items():
        try:
            meeting = MeetingType(key)
        except ValueError:
            raise ValueError(f"未知的会议类型：{key!r}") from None
        if freq is None:
            merged.pop(meeting, None)
            continue
        try:
            merged[meeting] = Frequency(freq)
        except ValueError:
            allowed = "、".join(f.value for f in Frequency)
            raise ValueError(f"会议类型 {key} 的频次应为 {allowed} 之一，收到 {freq!r}") from None
    return MappingProxyType(merged)


#: The defaults of DOMAIN.md.
DEFAULT_RULES = RuleConfig()
