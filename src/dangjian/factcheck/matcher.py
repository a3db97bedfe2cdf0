"""Matching a figure a draft states (“开展主题党日活动12次”) to a report figure key.

Pure Python over the report registry: no query here. The words that name each figure live in
ONE place, :data:`SYNONYMS`, keyed by the registry's own key patterns (``meetings.{type}``);
every figure also gets the words derived from its registry label (``主题党日次数`` → 主题党日,
``党支部数`` → 党支部), so a figure added to the registry is matchable without touching this file.

How a draft figure is matched:

1. its measure word must be compatible with the figure's unit (:data:`UNIT_GROUPS`: 名/人/位
   count people, 次/场/期 count events, 个/项/件/支 count things, % only matches %, 人次 only
   人次);
2. a figure stating a change (“较上年增加3次”, “同比增长5%”) is not a level and is not matched;
3. each candidate's keyword sets are tried on the figure's label, then on its clause; a set is a
   tuple of words that must all be present (``("内科党支部", "党员")`` for a branch figure);
   the longest matched set wins, label hits before clause hits;
4. a figure whose clause names a sub-organisation but that matched no per-branch figure is
   about that sub-organisation, not the whole subtree, and is left unmatched.

Whether the values agree is :func:`agrees` — the single place where 余/多/近/约/超过/以上 are
given a meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dangjian.reports.figures import REGISTRY, Figure, FigureSet

__all__ = [
    "PREDICATES",
    "SYNONYMS",
    "THRESHOLD",
    "UNIT_GROUPS",
    "VETOES",
    "Candidate",
    "Match",
    "agrees",
    "candidates",
    "match_figure",
    "units_compatible",
]

#: Extra words for figures, by registry key pattern (``FigureDef.key``). Each entry is a list of
#: keyword sets; a set is a string (one word) or a tuple of words that must all appear.
SYNONYMS: dict[str, list[str | tuple[str, ...]]] = {
    "org.branches": ["党支部", "基层党支部", "支部"],
    "org.general_branches": ["党总支"],
    "org.groups": ["党小组"],
    "org.new_branches": [("新成立", "党支部"), ("新建", "党支部")],
    "members.total": ["党员", "党员总数", "共有党员", "现有党员"],
    "members.probationary": ["预备党员"],
    "members.dual_leaders": ["双带头人"],
    "members.by_{part}.{code}": ["党员"],
    "meetings.{type}": [],
    "meetings.三会一课": ["三会一课"],
    "meetings.三会一课.by_{part}.{code}": ["三会一课"],
    "meetings.党课.by_secretary": [("书记", "讲党课"), ("书记", "党课")],
    "attendance.rate": ["参会率", "出席率", "到会率", "参学率"],
    "attendance.records": ["参会记录"],
    "attendance.rate.by_{part}.{code}": ["参会率", "出席率", "到会率"],
    "development.applicants": ["入党申请", "入党申请书", "递交入党申请"],
    "development.activists": ["入党积极分子", "积极分子"],
    "development.new_probationary": [
        "发展党员",
        "发展新党员",
        "新发展党员",
        "吸收预备党员",
        "发展预备党员",
        "接收预备党员",
    ],
    "development.converted": ["转正", "预备党员转正", "按期转正"],
    "development.new_probationary.by_{part}.{code}": ["发展党员"],
    "elections.completed": ["换届", "换届选举", "完成换届"],
    "elections.overdue": [("逾期", "换届"), ("未按期", "换届")],
    "rectification.total": ["整改问题", "问题清单", ("查摆", "问题"), ("检视", "问题"), "整改事项"],
    "rectification.done": [("整改", "完成"), "已整改", "整改到位", "已完成整改", "完成整改"],
    "rectification.in_progress": [("整改", "推进"), "正在整改", "持续整改"],
    "rectification.rate": ["整改完成率", "问题完成率", "整改率"],
    "rectification.overdue": [("逾期", "整改")],
    "decisions.三重一大": ["三重一大", "三重一大事项"],
    "decisions.without_quorum": [("未达", "法定人数")],
    "services.{type}": [],
    "services.total": ["服务活动", "志愿服务活动", "惠民活动"],
    "services.people_served": [
        "服务群众",
        "惠及群众",
        "受益群众",
        "服务患者",
        "惠及患者",
        "服务人次",
        "受益",
    ],
    "services.participants": [("参与", "党员"), "参与服务", "志愿者"],
    "cultivation.党员骨干提拔为中层": [("提拔", "中层"), ("提拔", "科室负责人")],
    "cultivation.业务骨干发展为党员": [("业务骨干", "发展")],
    "cultivation.党员培养为业务骨干": [("培养", "业务骨干")],
}

#: What a sentence DOES with the counted thing, read anywhere in the clause: “10个党支部于12月底
#: 完成换届” counts elections, not branches; “14名党员提拔至中层” counts promotions. A predicate
#: applies when the label names what the figure counts (SUBJECTS) or there is no label, and it
#: outranks a plain label match.
PREDICATES: dict[str, list[tuple[str, ...]]] = {
    "elections.completed": [("完成换届",), ("换届",)],
    "elections.overdue": [("逾期", "换届"), ("未按期", "换届")],
    "org.new_branches": [("新成立",), ("新建",), ("新组建",)],
    "development.new_probationary": [("发展",), ("接收",), ("吸收",)],
    "development.converted": [("转正",)],
    "development.activists": [("确定", "积极分子"), ("列为", "积极分子")],
    "cultivation.党员骨干提拔为中层": [("提拔",)],
}
_ORG_WORDS = ("党支部", "支部", "党总支", "党组织", "基层党组织")
_PEOPLE_WORDS = ("党员", "预备党员", "骨干", "人", "同志", "积极分子", "新党员")
SUBJECTS: dict[str, tuple[str, ...]] = {
    "elections.completed": _ORG_WORDS,
    "elections.overdue": _ORG_WORDS,
    "org.new_branches": _ORG_WORDS,
    "development.new_probationary": ("党员", "预备党员", "新党员"),
    "development.converted": _PEOPLE_WORDS,
    "development.activists": ("积极分子",),
    "cultivation.党员骨干提拔为中层": _PEOPLE_WORDS,
}

#: Words in the clause that rule a figure out, whatever its label says: a count of party members
#: who were promoted, commended or trained is not the membership; branches that held elections
#: or were founded are not all the branches. Keyed by registry key pattern.
VETOES: dict[str, tuple[str, ...]] = {
    "members.total": (
        "提拔", "晋升", "表彰", "评为", "获评", "荣获", "发展", "接收", "吸收", "转正", "培养",
        "参加", "参与", "选派", "派出", "下沉", "组成", "培训", "慰问", "走访", "处分", "谈话",
        "志愿", "报名", "递交", "入选", "当选", "退休", "去世", "流动",
    ),
    "members.probationary": ("发展", "接收", "吸收", "转正", "确定", "新增"),
    "members.by_{part}.{code}": ("提拔", "表彰", "评为", "获评", "发展", "接收", "转正", "培训"),
    "org.branches": ("换届", "新成立", "新建", "成立", "获评", "评为", "表彰", "命名", "创建"),
}  # fmt: skip

#: Measure words a figure accepts beyond its unit group: a 党课 is counted in 节, a
#: 三重一大 matter in the 场次 (meetings) that decided it.
KEY_UNITS: dict[str, frozenset[str]] = {
    "meetings.党课": frozenset(["节", "讲"]),
    "meetings.党课.by_secretary": frozenset(["节", "讲"]),
    "decisions.三重一大": frozenset(["次", "场次"]),
}

#: Below this confidence a figure is reported as unmatched (with its best candidate), never
#: as a match.
THRESHOLD = 0.6

#: Measure words that count the same kind of thing as a figure's unit.
UNIT_GROUPS: dict[str, frozenset[str]] = {
    "名": frozenset(["名", "人", "位"]),
    "次": frozenset(["次", "场", "场次", "期", "期次", "堂", "轮"]),
    "个": frozenset(["个", "支", "家", "项", "件", "处"]),
    "项": frozenset(["项", "件", "个"]),
    "条": frozenset(["条"]),
    "%": frozenset(["%"]),
    "人次": frozenset(["人次"]),
}

#: Words in a clause before a figure that make it a change, not a level.
_CHANGE_WORDS = re.compile(
    r"较上年|较去年|同比|环比|比上年|比去年|增加|增长|减少|下降|提高|提升|上升|降低"
)
_QUOTES = re.compile('[“”"「」『』‘’]')
_NOTE = re.compile(r"[（(][^）)]*[）)]?")
# Words that say nothing about what is counted: left out when measuring label coverage.
_GENERIC = re.compile(r"全院|全年|全体|各级|各|累计|共计|共|合计|活动|工作|开展|组织|其中|全部|院")
_LABEL_SUFFIX = re.compile(r"(?:次数|总数|人数|数)$")


def units_compatible(draft_unit: str, figure_unit: str) -> bool:
    return draft_unit in UNIT_GROUPS.get(figure_unit, frozenset((figure_unit,)))


def _words_from_label(label: str) -> str:
    """The registry label as a draft would write it: “主题党日次数” → 主题党日."""
    return _LABEL_SUFFIX.sub("", _QUOTES.sub("", label)).strip()


def _pattern(key: str) -> re.Pattern[str]:
    """A registry key pattern as a regex over expanded keys: ``{part}`` is ``branch`` or
    ``unit``; any other placeholder (``{code}``, ``{type}``, ``{name}`` …) is a named group
    (the same value again where it repeats)."""
    regex, seen = "", set()
    for i, piece in enumerate(re.split(r"\{(\w+)\}", key)):
        if i % 2 == 0:
            regex += re.escape(piece)
        elif piece == "part":
            regex += "(?:branch|unit)"
        elif piece in seen:
            regex += f"(?P={piece})"
        else:
            regex += f"(?P<{piece}>.+)"
            seen.add(piece)
    return re.compile(f"^{regex}$")


# Exact keys first, then the most specific pattern (``meetings.三会一课.by_{part}.{code}`` before
# ``meetings.{type}``, which would match it too).
_PATTERNS = sorted(
    ((definition, _pattern(definition.key)) for definition in REGISTRY),
    key=lambda item: ("{" in item[0].key, -len(re.sub(r"\{\w+\}", "", item[0].key))),
)


@dataclass(frozen=True)
class Candidate:
    """A report figure with the keyword sets that name it."""

    figure: Figure
    keywords: tuple[tuple[str, ...], ...]
    branch: bool  # a per-branch figure
    definition_key: str = ""  # the registry pattern (``members.by_{part}.{code}``)


def candidates(figures: FigureSet) -> list[Candidate]:
    """Every figure of ``figures`` with its keyword sets (synonyms + label-derived words)."""
    result = []
    for figure in figures:
        for definition, pattern in _PATTERNS:
            found = pattern.match(figure.key)
            if found is None:
                continue
            params = found.groupdict()
            sets: list[tuple[str, ...]] = []
            extra = SYNONYMS.get(definition.key, [])
            if "code" in params:
                name = figures.org_names.get(params["code"], params["code"])
                base = _words_from_label(definition.label.replace("{name}", ""))
                for words in [base, *extra]:
                    sets.append((name, *((words,) if isinstance(words, str) else words)))
            else:
                # What a placeholder stands for (the 主题党日 of ``meetings.{type}``, the
                # 患者满意度 of ``indicators.{name}``) names the figure.
                sets.extend((value,) for value in params.values())
                derived = _words_from_label(figure.label)
                if derived:
                    sets.append((derived,))
                sets.extend((w,) if isinstance(w, str) else tuple(w) for w in extra)
            result.append(
                Candidate(figure, tuple(dict.fromkeys(sets)), "code" in params, definition.key)
            )
            break
    return result


@dataclass(frozen=True)
class Match:
    figure: Figure | None
    reason: str = ""  # why nothing matched, for people
    candidate: Figure | None = None  # the best candidate, also when below the threshold
    confidence: float = 0.0  # 0…1: how surely the statement names the candidate


def _branch_score(keywords: Iterable[tuple[str, ...]], label: str, clause: str) -> int:
    """A per-branch set: the branch name anywhere in the clause, the other words in the label."""
    best = 0
    for name, *words in keywords:
        if name in clause and words and all(w in (label or clause) for w in words):
            best = max(best, len(name) + sum(len(w) for w in words))
    return best


def _score(keywords: Iterable[tuple[str, ...]], text: str) -> int:
    best = 0
    for words in keywords:
        if all(w in text for w in words):
            best = max(best, sum(len(w) for w in words))
    return best


def units_for(cand: Candidate, unit: str) -> bool:
    if units_compatible(unit, cand.figure.unit):
        return True
    extra = KEY_UNITS.get(cand.figure.key) or KEY_UNITS.get(cand.definition_key, frozenset())
    return unit in extra


def _predicate(cand: Candidate, label: str, clause: str) -> bool:
    sets = PREDICATES.get(cand.definition_key, ())
    if not any(all(w in clause for w in words) for words in sets):
        return False
    subjects = SUBJECTS.get(cand.definition_key, ())
    return not label or any(s in label for s in subjects)


def _vetoed(cand: Candidate, clause: str) -> str | None:
    return next((w for w in VETOES.get(cand.definition_key, ()) if w in clause), None)


def _coverage(score: int, label: str) -> float:
    """The share of the label's meaningful characters that the matched words account for."""
    core = _GENERIC.sub("", label)
    return min(1.0, score / max(2, len(core)))


def match_figure(
    label: str,
    clause: str,
    unit: str,
    start_in_clause: int | None,
    cands: Sequence[Candidate],
    sub_org_names: Iterable[str] = (),
) -> Match:
    """The report figure a draft figure states, or why there is none.

    Each unit-compatible candidate is scored: a predicate (完成换届, 提拔, 发展) found in the
    clause with a fitting label scores highest (confidence 0.9); then the words of the label
    (confidence 0.5 + half the label's coverage by the matched words); with no label at all,
    the clause (confidence 0.6 × coverage of the matched words, at most 0.6). A candidate whose
    clause holds one of its veto words is out. Below :data:`THRESHOLD` the statement is
    unmatched, and the best candidate is still named.
    """
    before = clause if start_in_clause is None else clause[:start_in_clause]
    if _CHANGE_WORDS.search(before):
        return Match(None, "变化量（较上年/同比），不与台账数值比对")
    label = _NOTE.sub("", _QUOTES.sub("", label)).strip()
    clause = _QUOTES.sub("", clause)
    best: tuple[float, int, int] = (0.0, 0, 0)
    chosen: Candidate | None = None
    vetoed: tuple[Candidate, str] | None = None
    for order, cand in enumerate(cands):
        if not units_for(cand, unit):
            continue
        if cand.branch:
            hit = _branch_score(cand.keywords, label, clause)
            confidence = 0.5 + 0.5 * _coverage(hit, label) if hit else 0.0
            confidence = max(confidence, 0.8 if hit else 0.0)
        elif _predicate(cand, label, clause):
            hit, confidence = 100, 0.9
        elif label:
            hit = _score(cand.keywords, label)
            confidence = 0.5 + 0.5 * _coverage(hit, label) if hit else 0.0
        else:
            hit = _score(cand.keywords, clause)
            confidence = min(0.6, 0.6 * hit / 2) if hit else 0.0
        if not hit:
            continue
        word = _vetoed(cand, clause)
        if word is not None:
            if vetoed is None:
                vetoed = (cand, word)
            continue
        score = (confidence, hit, -order)
        if score > best:
            best, chosen = score, cand
    if chosen is None:
        if vetoed is not None:
            cand, word = vetoed
            return Match(
                None,
                f"“{word}”说明所述不是“{cand.figure.label}”，未比对",
                cand.figure,
                0.0,
            )
        named = max(cands, key=lambda c: _score(c.keywords, label), default=None)
        if named is not None and _score(named.keywords, label):
            return Match(
                None,
                f"计量单位“{unit}”与指标“{named.figure.label}”（{named.figure.unit}）不符",
                named.figure,
                0.0,
            )
        return Match(None, "未找到与表述对应的台账指标")
    confidence = round(best[0], 2)
    if confidence < THRESHOLD:
        return Match(
            None,
            f"与指标“{chosen.figure.label}”的对应把握不足（{confidence:.2f}），未比对",
            chosen.figure,
            confidence,
        )
    if not chosen.branch and any(name and name in clause for name in sub_org_names):
        return Match(None, "表述针对下级党组织，不与本组织合计数比对", chosen.figure, confidence)
    return Match(chosen.figure, candidate=chosen.figure, confidence=confidence)


# --------------------------------------------------------------------------------------------
# Tolerance
# --------------------------------------------------------------------------------------------


def _step(value: Decimal) -> Decimal:
    """The place of the last significant digit of a whole number: 60 → 10, 1200 → 100, 63 → 1."""
    if value != value.to_integral_value() or value == 0:
        return Decimal(1)
    step = 1
    whole = int(value)
    while whole % (step * 10) == 0:
        step *= 10
    return Decimal(step)


def agrees(
    draft: Decimal | int | float,
    qualifier: str | None,
    ledger: Decimal | int | None,
    unit: str = "",
    high: Decimal | int | float | None = None,
) -> bool:
    """Whether a stated figure agrees with the ledger value. The one place for tolerance.

    ========================  ==========================================================
    draft                     agrees when the ledger value L is …
    ========================  ==========================================================
    ``63名`` (no qualifier)   exactly 63; a percentage ``98%`` agrees with L rounded to
                              the draft's decimals (97.6 → 98), ``98.5%`` with 98.5
    ``60余名`` / ``60多名``    at least 60 and below 60 + the place of its last
                              significant digit (60余 → 60…69, 1200余 → 1200…1299,
                              63余 → 63)
    ``3-5人`` (a range)        3 to 5, both ends included
    ``60名以上`` / ``不少于60名`` at least 60
    ``超过60名`` / ``逾60名``  more than 60
    ``近60名``                 at most 60 and at least 90% of it (54…60)
    ``约60名`` / ``60名左右``   within half the place of its last significant digit or 5%
                              of the draft, whichever is wider (约60 → 55…65,
                              约63 → 59.85…66.15)
    ========================  ==========================================================

    A ledger value of ``None`` (a rate with nothing to divide) agrees with nothing.
    """
    if ledger is None:
        return False
    d = Decimal(str(draft))
    value = Decimal(ledger)
    if high is not None:  # a range, 3-5人: both ends included
        return d <= value <= Decimal(str(high))
    if qualifier in ("余", "多"):
        return d <= value < d + _step(d)
    if qualifier in ("以上", "不少于"):
        return value >= d
    if qualifier == "以下":
        return value <= d
    if qualifier == "超过":
        return value > d
    if qualifier == "近":
        return d * Decimal("0.9") <= value <= d
    if qualifier in ("约", "左右"):
        return abs(value - d) <= max(_step(d) / 2, d * Decimal("0.05"))
    if unit == "%":
        places = max(0, -d.as_tuple().exponent) if isinstance(d.as_tuple().exponent, int) else 0
        quantum = Decimal(1).scaleb(-places)
        return value.quantize(quantum, rounding=ROUND_HALF_UP) == d
    return value == d
