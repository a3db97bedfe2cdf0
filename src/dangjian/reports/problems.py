"""存在问题 and 下一步工作打算, written from records.

Problems are *collected* from sources, then *phrased*; adding a ledger (查摆问题, 工作要点) means
adding a source to :data:`SOURCES` (or a measure source), not rewriting the phrasing:

* :func:`collect_problems` runs every source; a source returns :class:`Problem` items, each with
  its area (政治建设, 思想建设, 组织建设, 作风建设, 纪律建设, 党建与业务融合), one clause stating
  it (figure markers inside: every number is a figure) and one measure for the next year;
* :func:`phrase_problems` groups them by area, in :data:`AREAS` order, into “一是……二是……”
  paragraphs, each area led by its voice's sentence;
* :func:`phrase_measures` writes one measure per open problem, numbered the same way; the
  boilerplate of :data:`FALLBACK_MEASURES` is used only when no problem is recorded, and is then
  marked for the clerk.

Sources, in order: the 查摆问题 ledger (``dangjian.problems``: 民主生活会, 组织生活会, 巡察, 督查,
考核, 自查), rule breaches (逾期未换届, 参会率偏低, 书记未讲党课, 未达法定人数的决策, 逾期的落实措施)
and overdue rectifications. Each fact once: a 查摆问题 linked to an overdue 整改台账 item says so in
its own clause (“……，整改尚未按期完成”) and that item is no longer counted among the overdue
rectifications. A dataset without rows in the year yields no problem: its absence is a note for
the clerk (``narrative.clerk_notes``), never a failing.

下一步工作打算 is written from the coming year's 工作要点 (``dangjian.workplans``) and the measure of
each open problem (a 查摆问题's 整改措施 where recorded), grouped by area the same way.

Near-duplicates within an area are merged by the rule of :mod:`dangjian.reports.dedupe`: a
measure repeating a 工作要点 joins it (the plan's wording kept, the measure's other clauses
appended), and a rule breach whose concern a recorded 查摆问题 of the report's own organisation
already judges (a shared key phrase such as “三重一大”) adds its fact to that problem instead of
repeating the judgement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dangjian.core.numerals import chinese_number
from dangjian.reports.dedupe import joins, merge_repeats
from dangjian.reports.figures import LOW_ATTENDANCE_KEYS, FigureSet

if TYPE_CHECKING:
    from dangjian.problems.models import Problem as RecordedProblem
    from dangjian.workplans.models import WorkPlanItem

__all__ = [
    "AREAS",
    "SOURCES",
    "Problem",
    "ProblemInput",
    "collect_problems",
    "phrase_measures",
    "phrase_problems",
]

AREAS = ("政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "党建与业务融合")

#: Each area's leading sentence, per voice (committee: a hospital 党委; branch; bureau).
AREA_LEADS: dict[str, dict[str, str]] = {
    "committee": {
        "政治建设": "贯彻落实上级决策部署和民主集中制还有差距",
        "思想建设": "理论学习的深度和实效还需增强",
        "组织建设": "基层党组织建设还有薄弱环节",
        "作风建设": "作风建设还需持续加强",
        "纪律建设": "纪律规矩意识还需进一步强化",
        "党建与业务融合": "党建与业务融合还不够深入",
    },
    "branch": {
        "政治建设": "贯彻落实上级部署还有差距",
        "思想建设": "理论学习的深度和实效还需增强",
        "组织建设": "支部组织生活还不够规范",
        "作风建设": "作风建设还需持续加强",
        "纪律建设": "纪律规矩意识还需进一步强化",
        "党建与业务融合": "党建与业务融合还不够深入",
    },
    # The bureau's own problems and its hospitals' rule breaches alike: its duty over them.
    "bureau": {
        "政治建设": "指导所属医院贯彻落实上级部署和民主集中制还有差距",
        "思想建设": "推动所属医院理论学习走深走实还有差距",
        "组织建设": "抓所属医院基层党组织建设还有薄弱环节",
        "作风建设": "行业作风建设还需持续加强",
        "纪律建设": "行业纪律规矩意识还需进一步强化",
        "党建与业务融合": "推动党建与卫生健康业务融合还不够深入",
    },
}

#: The 下一步 boilerplate per voice, used only when no problem is recorded (marked for the clerk).
FALLBACK_MEASURES: dict[str, tuple[str, ...]] = {
    "committee": (
        "持续深化理论武装，落实“第一议题”和理论学习中心组学习制度",
        "全面加强基层组织建设，严格落实“三会一课”等组织生活制度",
        "驰而不息加强作风建设，落实全面从严治党主体责任",
        "推动党建与业务深度融合，持续开展义诊和志愿服务",
    ),
    "branch": (
        "加强党员理论学习，落实支部书记讲党课制度",
        "严格落实“三会一课”、主题党日等制度，提高组织生活质量",
        "加强党员教育管理，引导党员在岗位上亮身份、作表率",
        "围绕科室业务开展志愿服务，推动党建与业务深度融合",
    ),
    "bureau": (
        "加强对所属医院党建工作的领导和指导，压实医院党委主体责任",
        "推动各医院党委严格落实“三会一课”等组织生活制度",
        "驰而不息加强行业作风建设，持续纠治医药购销领域不正之风",
        "推动党建与卫生健康业务深度融合，服务群众健康",
    ),
}
FALLBACK_MARK = "【通用表述，请结合本单位工作要点修改】"

#: Each area's leading sentence in 下一步工作打算, per voice.
PLAN_LEADS: dict[str, dict[str, str]] = {
    "committee": {
        "政治建设": "坚持把党的政治建设摆在首位",
        "思想建设": "持续深化理论武装",
        "组织建设": "全面加强基层组织建设",
        "作风建设": "驰而不息加强作风建设",
        "纪律建设": "从严从实加强纪律建设",
        "党建与业务融合": "推动党建与业务深度融合",
    },
    "branch": {
        "政治建设": "坚决贯彻落实上级党组织决策部署",
        "思想建设": "加强党员理论学习",
        "组织建设": "规范支部组织生活",
        "作风建设": "持续改进作风",
        "纪律建设": "严明纪律规矩",
        "党建与业务融合": "推动支部工作与科室业务深度融合",
    },
    "bureau": {
        "政治建设": "加强对所属医院党建工作的政治引领",
        "思想建设": "推动所属医院深化理论武装",
        "组织建设": "推进所属医院基层党组织建设",
        "作风建设": "驰而不息加强行业作风建设",
        "纪律建设": "从严从实加强行业纪律建设",
        "党建与业务融合": "推动党建与卫生健康业务深度融合",
    },
}

#: The measure of a 查摆问题 recorded without 整改措施.
DEFAULT_MEASURE = "对照查摆出的问题逐项制定整改措施，明确责任和时限，限期整改到位"


@dataclass(frozen=True)
class Problem:
    """One problem: its area, one clause stating it, one measure for next year ("" when it is
    already settled: it is then stated but carries no measure)."""

    area: str
    text: str
    measure: str
    source: str  # "查摆问题", "rule", "rectification"
    #: The fact alone, without the judgement (a rule breach): appended to an earlier problem of
    #: the same area sharing a key phrase with it, instead of ``text`` (``dedupe.joins``).
    fact: str = ""
    #: The organisation named at the head of ``text`` ("" for the report's own).
    subject: str = ""


@dataclass(frozen=True)
class ProblemInput:
    figures: FigureSet
    f: Any  # narrative.FigureNode: ``str(f["a"]["b"])`` writes the figure ``a.b``
    names: dict[str, str]
    voice: str
    #: The 查摆问题 of the year of the organisations the report speaks for (``problems_for``).
    recorded: Sequence[RecordedProblem] = ()

    @property
    def linked_overdue(self) -> frozenset[str]:
        """The overdue rectifications (their codes) a recorded 查摆问题 points to: stated there."""
        figure = self.figures.get("rectification.overdue")
        overdue = set(figure.records if figure else ())
        return frozenset(
            row.rectification.code
            for row in self.recorded
            if row.rectification is not None and row.rectification.code in overdue
        )

    def orgs(self, key: str) -> list[str]:
        figure = self.figures.get(key)
        return [self.names.get(c, c) for c in (figure.records if figure else ())]

    def value(self, key: str) -> Any:
        return self.figures.value(key)

    def has_rows(self, dataset: str) -> bool:
        return self.figures.records_in(dataset) > 0


def _join(names: Sequence[str]) -> str:
    return "、".join(names)


def _clause(text: str) -> str:
    """A recorded text as a clause: trimmed, without its closing 。/；."""
    return text.strip().rstrip("。；;，, ")


def recorded_problems(p: ProblemInput) -> list[Problem]:
    """The 查摆问题 ledger: each problem in its own words, under its area. Another organisation's
    (a branch's, in a 党委's report) is led by its name; the same problem recorded by several
    organisations is stated once, naming them all. A problem whose 整改台账 item is overdue says
    so; a settled one carries no measure into 下一步."""
    from dangjian.problems.models import WorkArea

    linked = p.linked_overdue
    merged: dict[tuple[str, str, bool], tuple[list[str], str, bool]] = {}
    for row in p.recorded:
        area = str(WorkArea(row.area).label) if row.area in WorkArea.values else row.area
        late = row.rectification is not None and row.rectification.code in linked
        key = (area, _clause(row.text), late)
        who = (
            ""
            if row.organization_id == p.figures.org.pk
            else p.names.get(row.organization.code, row.organization.name)
        )
        whos, measure, open_ = merged.get(key, ([], "", False))
        if who and who not in whos:
            whos.append(who)
        if not row.is_settled:
            open_ = True
            measure = measure or _clause(row.measures) or DEFAULT_MEASURE
        merged[key] = (whos, measure, open_)
    found = []
    for (area, text, late), (whos, measure, open_) in merged.items():
        subject = _join(whos)
        clause = f"{subject}{text}" + ("，整改尚未按期完成" if late else "")
        found.append(
            Problem(
                area, clause, f"{subject}{measure}" if open_ else "", "查摆问题", subject=subject
            )
        )
    return found


def rule_breaches(p: ProblemInput) -> list[Problem]:
    """Breaches of the rules the figures already judge (``dangjian.rules``)."""
    found: list[Problem] = []
    part_word = "单位" if p.figures.part == "unit" else "党支部"
    if p.value("implementation.overdue"):
        node = p.f["implementation"]["overdue"]
        found.append(
            Problem(
                "政治建设",
                f"逾期未完成的落实措施{node}项，督导督办还不够有力",
                "对逾期未完成的贯彻落实措施挂账督办、限期完成",
                "rule",
            )
        )
    if p.value("decisions.without_quorum"):
        node = p.f["decisions"]["without_quorum"]
        found.append(
            Problem(
                "政治建设",
                f"“三重一大”事项中有{node}项决策未达法定人数，民主集中制执行还不够严格",
                "严格执行议事规则和“三重一大”集体决策制度，到会人数不足不得作出决定",
                "rule",
                fact=f"全年有{node}项“三重一大”决策未达法定人数",
            )
        )
    overdue = p.orgs("elections.overdue")
    if overdue:
        found.append(
            Problem(
                "组织建设",
                f"{_join(overdue[:3])}{'等' if len(overdue) > 3 else ''}任期届满后未按期换届",
                f"督促{_join(overdue[:3])}{'等' if len(overdue) > 3 else ''}尽快完成换届选举",
                "rule",
            )
        )
    low_key = LOW_ATTENDANCE_KEYS[p.figures.part]
    low = p.figures.get(low_key)
    if low is not None and low.value and p.has_rows("attendance"):
        clauses = [
            f"{p.names.get(code, code)}党员参会率{p.f['attendance']['rate'][f'by_{p.figures.part}'][code]}%"
            for code in low.records[:3]
        ]
        found.append(
            Problem(
                "组织建设",
                "、".join(clauses) + "，组织生活的吸引力和参与度还需提高",
                f"落实缺席补学制度，提高参会率偏低{part_word}的组织生活质量",
                "rule",
            )
        )
    if p.has_rows("events") and p.figures.part == "branch":
        silent = p.orgs("meetings.党课.branches_without_secretary")
        if silent:
            more = "等" if len(silent) > 3 else ""
            found.append(
                Problem(
                    "思想建设",
                    f"{_join(silent[:3])}{more}书记全年未讲党课",
                    "落实党支部书记每年至少讲一次党课的要求",
                    "rule",
                )
            )
    return found


def overdue_rectifications(p: ProblemInput) -> list[Problem]:
    """Rectifications past their deadline and open at year end, other than those a 查摆问题
    already states (each fact once): counted when none is, else named without a number."""
    if not p.value("rectification.overdue"):
        return []
    figure = p.figures.get("rectification.overdue")
    linked = p.linked_overdue
    others = [code for code in (figure.records if figure else ()) if code not in linked]
    if not others:
        return []
    if linked:
        text = "另有部分整改问题逾期未完成，整改推进不够有力"
    else:
        text = f"逾期未完成的整改问题{p.f['rectification']['overdue']}个，个别问题整改推进不够有力"
    return [Problem("作风建设", text, "对逾期未完成的整改问题挂牌督办、限期销号", "rectification")]


#: Where problems come from, in order (within an area, 查摆问题 first).
SOURCES: list[Callable[[ProblemInput], list[Problem]]] = [
    recorded_problems,
    rule_breaches,
    overdue_rectifications,
]


def collect_problems(p: ProblemInput) -> list[Problem]:
    """Every open problem of the year from every source, grouped by area in ``AREAS`` order."""
    problems = [problem for source in SOURCES for problem in source(p)]
    return sorted(problems, key=lambda x: AREAS.index(x.area) if x.area in AREAS else len(AREAS))


def _ordinal(i: int) -> str:
    """一 for the first item (``i`` counts from 0), as in 一是、二是."""
    return chinese_number(i + 1)


def phrase_problems(problems: Sequence[Problem], voice: str) -> list[str]:
    """“一是基层党组织建设还有薄弱环节。儿科党支部任期届满后未按期换届；……。” — one
    paragraph per area, in order."""
    leads = AREA_LEADS.get(voice, AREA_LEADS["committee"])
    by_area: dict[str, list[Problem]] = {}
    for problem in problems:
        by_area.setdefault(problem.area, []).append(problem)
    paragraphs = []
    for i, (area, items) in enumerate(by_area.items()):
        lead = leads.get(area, area)
        details = "；".join(_join_facts(items, voice))
        if _says_the_same(lead, details):  # “纪律规矩意识还需…。纪律规矩意识有待加强，…”
            paragraphs.append(f"{_ordinal(i)}是{details}。")
        else:
            paragraphs.append(f"{_ordinal(i)}是{lead}。{details}。")
    return paragraphs


def _join_facts(items: Sequence[Problem], voice: str) -> list[str]:
    """The clauses of one area, a breach's fact joined to an earlier problem of the report's own
    organisation sharing a key phrase with it (its judgement then not repeated). Not for the
    bureau: its breaches are its hospitals', its recorded problems its own."""
    texts: list[str] = []
    owners: list[Problem] = []
    for item in items:
        target = next(
            (
                i
                for i, earlier in enumerate(owners)
                if voice != "bureau"
                and item.fact
                and earlier.source == "查摆问题"
                and not earlier.subject
                and joins(item.fact, earlier.text)
            ),
            None,
        )
        if target is None:
            texts.append(item.text)
            owners.append(item)
        else:
            texts[target] = f"{texts[target]}，{item.fact}"
    return texts


def _says_the_same(lead: str, details: str) -> bool:
    """Whether the first problem opens with the lead's own subject (four characters or more in
    common at the start): the lead is then left out rather than said twice."""
    common = 0
    for a, b in zip(lead, details, strict=False):
        if a != b:
            break
        common += 1
    return common >= 4


def _sentence(text: str) -> str:
    text = _clause(text)
    return f"{text}。" if text else ""


def phrase_measures(
    problems: Sequence[Problem], voice: str, plans: Sequence[WorkPlanItem] = ()
) -> list[str]:
    """下一步工作打算: by area in ``AREAS`` order, the coming year's 工作要点 (``plans``) then one
    measure per open problem, each area a paragraph “一是坚持把党的政治建设摆在首位。……”; the
    marked boilerplate only when neither is recorded."""
    from dangjian.problems.models import WorkArea

    leads = PLAN_LEADS.get(voice, PLAN_LEADS["committee"])
    by_area: dict[str, list[str]] = {}
    for plan in plans:
        area = str(WorkArea(plan.area).label) if plan.area in WorkArea.values else plan.area
        by_area.setdefault(area, []).append(_sentence(plan.text))
    for problem in problems:
        if problem.measure:
            by_area.setdefault(problem.area, []).append(_sentence(problem.measure))
    if not by_area:
        return [FALLBACK_MARK] + [
            f"{_ordinal(i)}是{text}。"
            for i, text in enumerate(FALLBACK_MEASURES.get(voice, FALLBACK_MEASURES["committee"]))
        ]
    order = sorted(by_area, key=lambda a: AREAS.index(a) if a in AREAS else len(AREAS))
    return [
        f"{_ordinal(i)}是{leads.get(area, area)}。"
        + "".join(merge_repeats(list(dict.fromkeys(by_area[area]))))
        for i, area in enumerate(order)
    ]
