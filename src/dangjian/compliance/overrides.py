"""Per-organisation rule overrides: the one place other code gets a ``RuleConfig`` from.

An override set on an organisation applies to it and everything under it; a deeper
organisation's override wins (the materialised path gives the ancestors). Values are checked by
``RuleConfig.with_overrides`` itself, so a bad value raises the rules package's Chinese message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from dangjian import rules
from dangjian.rules import Frequency, MeetingType, RuleConfig

FREQUENCY_PREFIX = "meeting_frequencies."
NO_REQUIREMENT = "none"


@dataclass(frozen=True)
class Setting:
    """One overridable value, for the settings page."""

    key: str
    label: str
    kind: str  # "int" | "fraction" | "decimal" | "months" | "frequency"
    help: str
    local: bool = False  # *verify* / *local* in the rules: say so in the UI


def _field_doc(name: str) -> str:
    import ast
    import inspect

    source = inspect.getsource(rules.config.RuleConfig)
    tree = ast.parse(source)
    body = tree.body[0].body  # type: ignore[attr-defined]
    for i, node in enumerate(body):
        target = getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id == name and i + 1 < len(body):
            doc = body[i + 1]
            if isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant):
                return " ".join(str(doc.value.value).split())
    return ""


# Labels of the scalar settings, in the order of the page. Dues bands are edited nowhere here:
# they are national rates, not a local choice.
_SCALAR_LABELS = {
    "term_years_committee": ("党委届期（年）", "《中国共产党基层组织选举工作条例》"),
    "term_years_general_branch": ("党总支届期（年）", "《中国共产党基层组织选举工作条例》"),
    "term_years_branch": ("党支部届期（年）", "《中国共产党基层组织选举工作条例》"),
    "election_reminder_months": (
        "换届提前提醒（月，逗号分隔）",
        "《中国共产党基层组织选举工作条例》；3个月提醒为本平台做法",
    ),
    "election_max_postponement_months": (
        "提前或延期换届最长（月）",
        "《中国共产党基层组织选举工作条例》",
    ),
    "election_quorum_more_than": ("选举大会到会比例（超过）", "《中国共产党基层组织选举工作条例》"),
    "themed_party_day_of_month": (
        "主题党日固定日（每月几日，0为不固定）",
        "《中国共产党支部工作条例（试行）》第十九条",
    ),
    "study_group_sessions_per_year": (
        "理论学习中心组每年集体学习（次）",
        "《党委（党组）理论学习中心组学习规则》",
    ),
    "study_group_seminars_per_year": (
        "理论学习中心组每年专题研讨（次）",
        "《党委（党组）理论学习中心组学习规则》",
    ),
    "branch_committee_quorum_more_than": (
        "支部委员会会议到会比例（超过）",
        "《中国共产党支部工作条例（试行）》",
    ),
    "decision_quorum_more_than": (
        "党委会到会比例（超过）",
        "《关于加强公立医院党的建设工作的意见》及议事规则",
    ),
    "cadre_quorum_at_least": (
        "干部任免到会比例（不少于）",
        "《关于加强公立医院党的建设工作的意见》及议事规则",
    ),
    "decision_adoption_more_than": (
        "党委会表决通过比例（超过）",
        "《关于加强公立医院党的建设工作的意见》及议事规则",
    ),
    "applicant_min_age": ("入党申请最低年龄", "《中国共产党发展党员工作细则》"),
    "league_recommendation_age": ("推优入党年龄（以下）", "《中国共产党发展党员工作细则》"),
    "talk_within_months": ("收到申请后谈话期限（月）", "《中国共产党发展党员工作细则》"),
    "activist_min_months": ("积极分子培养最短期限（月）", "《中国共产党发展党员工作细则》"),
    "training_min_days": ("集中培训最少天数", "《中国共产党发展党员工作细则》"),
    "training_min_hours": ("集中培训最少学时", "《中国共产党发展党员工作细则》"),
    "introducers_required": ("入党介绍人人数", "《中国共产党发展党员工作细则》"),
    "publicity_working_days": ("发展对象公示（工作日）", "《中国共产党发展党员工作细则》"),
    "admission_quorum_more_than": (
        "接收预备党员支部大会到会比例（超过）",
        "《中国共产党发展党员工作细则》",
    ),
    "admission_adoption_more_than": (
        "接收预备党员赞成比例（超过）",
        "《中国共产党发展党员工作细则》",
    ),
    "approval_months": ("上级党委审批期限（月）", "《中国共产党发展党员工作细则》"),
    "approval_max_months": ("特殊情况审批最长期限（月）", "《中国共产党发展党员工作细则》"),
    "probation_months": ("预备期（月）", "《中国共产党发展党员工作细则》"),
    "extension_min_months": ("延长预备期最短（月）", "《中国共产党发展党员工作细则》"),
    "extension_max_months": ("延长预备期最长（月）", "《中国共产党发展党员工作细则》"),
    "dues_warning_month": ("党费欠缴提醒（连续月数）", "本平台做法"),
    "dues_lapse_month": (
        "党费连续未交处置期限（月）",
        "《关于中国共产党党费收缴、使用和管理的规定》",
    ),
}

_MEETING_LABELS = {
    MeetingType.BRANCH_GENERAL_MEETING: "支部党员大会频次",
    MeetingType.BRANCH_COMMITTEE_MEETING: "支部委员会会议频次",
    MeetingType.GROUP_MEETING: "党小组会频次",
    MeetingType.PARTY_LECTURE: "党课频次",
    MeetingType.THEMED_PARTY_DAY: "主题党日频次",
    MeetingType.ORGANISATIONAL_LIFE_MEETING: "组织生活会频次",
    MeetingType.MEMBER_EVALUATION: "民主评议党员频次",
    MeetingType.DEMOCRATIC_LIFE_MEETING: "民主生活会频次",
}


def _kind_of(name: str) -> str:
    value = getattr(rules.DEFAULT_RULES, name)
    if name == "election_reminder_months":
        return "months"
    if isinstance(value, Fraction):
        return "fraction"
    if isinstance(value, Decimal):
        return "decimal"
    return "int"


def settings_catalogue() -> list[Setting]:
    """Every value the settings page offers, meeting frequencies first."""
    items = [
        Setting(
            FREQUENCY_PREFIX + meeting.value,
            label,
            "frequency",
            "地方做法（《支部工作条例》未规定党课频次）"
            if meeting is MeetingType.PARTY_LECTURE
            else "《中国共产党支部工作条例（试行）》",
            local=meeting is MeetingType.PARTY_LECTURE,
        )
        for meeting, label in _MEETING_LABELS.items()
    ]
    for name, (label, source) in _SCALAR_LABELS.items():
        doc = _field_doc(name)
        items.append(
            Setting(name, label, _kind_of(name), source, local=("verify" in doc or "local" in doc))
        )
    return items


SETTINGS = {s.key: s for s in settings_catalogue()}


def parse_value(key: str, text: str) -> Any:
    """The JSON value to store for what a user typed; ``ValueError`` with a Chinese message."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValueError(f"未知的规则参数：{key}")
    text = (text or "").strip()
    if setting.kind == "frequency":
        if text in ("", NO_REQUIREMENT):
            return None
        try:
            return Frequency(text).value
        except ValueError:
            raise ValueError(
                f"{setting.label}：频次应为 每月/每季度/每年 或 不作要求，收到“{text}”"
            ) from None
    if not text:
        raise ValueError(f"{setting.label}：请填写取值")
    if setting.kind == "int":
        try:
            value: Any = int(text)
        except ValueError:
            raise ValueError(f"{setting.label}：应为整数，收到“{text}”") from None
    elif setting.kind == "months":
        try:
            value = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
        except ValueError:
            raise ValueError(
                f"{setting.label}：应为逗号分隔的整数（如 6,3），收到“{text}”"
            ) from None
    else:
        value = text
    # Let the rules package check the value (negative numbers, fractions outside 0–1, order …).
    try:
        rules.DEFAULT_RULES.with_overrides(to_config_overrides({key: value}))
    except ValueError as exc:
        raise ValueError(f"{setting.label}：{exc}") from None
    return value


def to_config_overrides(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Stored key/values → the mapping ``RuleConfig.with_overrides`` takes."""
    result: dict[str, Any] = {}
    frequencies: dict[str, str | None] = {}
    for key, value in stored.items():
        if key.startswith(FREQUENCY_PREFIX):
            frequencies[key[len(FREQUENCY_PREFIX) :]] = value
        else:
            result[key] = value
    if frequencies:
        result["meeting_frequencies"] = frequencies
    return result


def display_value(config: RuleConfig, key: str) -> str:
    """The effective value of ``key`` in ``config``, as the page shows it."""
    if key.startswith(FREQUENCY_PREFIX):
        frequency = config.meeting_frequencies.get(MeetingType(key[len(FREQUENCY_PREFIX) :]))
        return frequency.label if frequency is not None else "不作要求"
    value = getattr(config, key)
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def stored_display(key: str, value: Any) -> str:
    """A stored value, as the page shows it."""
    if key.startswith(FREQUENCY_PREFIX):
        return Frequency(value).label if value else "不作要求"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _apply(base: RuleConfig, layers: Iterable[Mapping[str, Any]]) -> RuleConfig:
    config = base
    for layer in layers:
        if layer:
            config = config.with_overrides(to_config_overrides(layer))
    return config


def rule_configs_for(orgs: Iterable) -> dict[int, RuleConfig]:
    """Effective ``RuleConfig`` by organisation pk, for many organisations in one query.

    Each organisation inherits the overrides of its ancestors along the materialised path, the
    deeper ones applied last. An override that no longer validates (the rules changed) is
    skipped rather than breaking every page.
    """
    from .models import RuleOverride

    orgs = list(orgs)
    ids = {pk for org in orgs for pk in _ancestor_ids(org.path)}
    by_org: dict[int, dict[str, Any]] = {}
    if ids:
        # Overrides are few (a setting someone changed for an organisation): reading them all is
        # cheaper than an IN list of every organisation of a large tree and its ancestors.
        found = (
            RuleOverride.objects.all()
            if len(ids) > 50
            else RuleOverride.objects.filter(organization_id__in=ids)
        )
        for org_id, key, value in found.order_by().values_list("organization_id", "key", "value"):
            if org_id in ids:
                by_org.setdefault(org_id, {})[key] = value
    cache: dict[tuple, RuleConfig] = {}
    result: dict[int, RuleConfig] = {}
    for org in orgs:
        chain = tuple(pk for pk in _ancestor_ids(org.path) if pk in by_org)
        if chain not in cache:
            config = rules.DEFAULT_RULES
            for pk in chain:
                try:
                    config = _apply(config, [by_org[pk]])
                except ValueError:
                    for key, value in by_org[pk].items():
                        try:
                            config = _apply(config, [{key: value}])
                        except ValueError:
                            continue
            cache[chain] = config
        result[org.pk] = cache[chain]
    return result


def rule_config_for(org) -> RuleConfig:
    """The effective ``RuleConfig`` of one organisation (defaults when ``org`` is ``None``)."""
    if org is None:
        return rules.DEFAULT_RULES
    return rule_configs_for([org])[org.pk]


def term_years(org, config: RuleConfig) -> int | None:
    """届期年数: as recorded on the organisation, else the (overridable) default for its type."""
    if org.term_years:
        return org.term_years
    try:
        return config.term_years_for(org.org_type)
    except ValueError:  # 党小组
        return None


__all__ = [
    "SETTINGS",
    "Setting",
    "display_value",
    "parse_value",
    "rule_config_for",
    "rule_configs_for",
    "settings_catalogue",
    "stored_display",
    "term_years",
    "to_config_overrides",
]
