"""典型做法: the concrete items each part of the report names, chosen from the records by a rule.

Real reports carry a few headline figures and the concrete work behind them (where a 义诊 went,
which honour, which brand). Each selection below is one stated rule, one query, at most three
items — so a report names the same items every time it is generated from the same ledgers:

* **服务群众**: the service activities with the most people served, one per type, at most two;
  a standing 党员先锋岗 is a post, not an outing, and is not chosen. Ties: the earlier date.
* **表彰**: honours of the year above the organisation's own level (a hospital's 院级 honours
  are its own), the highest level first (国家级 → 县级), then 先进党组织 before people, at
  most two.
* **党建品牌 / 示范点**: every brand and 示范点 created by year end, by name, newest first, at
  most three of each.
* **主题党日**: the forms of the year's 主题党日 (the part of the topic before “：”, e.g.
  “参观红色教育基地”), the three most frequent; ties: the earliest held.
* **警示教育**: the forms of the year's 警示教育 in the 党风廉政建设 ledger (the topic up to its
  first comma), at most two, most frequent first.

Nothing here is a number: what the text counts stays a figure (see ``figures.REGISTRY``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min

from dangjian.integrity.models import EducationKind, IntegrityEducation
from dangjian.organizations.models import Organization, OrgType
from dangjian.orglife.models import OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.recognition.models import BrandKind, Honour, HonourKind, HonourLevel, PartyBrand

__all__ = ["Highlights", "collect_highlights", "quoted"]

#: Service types that are standing posts, not activities that went somewhere.
STANDING_SERVICE_TYPES = frozenset({"党员先锋岗"})
#: Honour levels from the highest; a hospital's own (院级) honours are not named.
LEVEL_ORDER = [
    HonourLevel.NATIONAL,
    HonourLevel.PROVINCE,
    HonourLevel.CITY,
    HonourLevel.COUNTY,
    HonourLevel.HOSPITAL,
]
MAX_SERVICES, MAX_HONOURS, MAX_BRANDS, MAX_THEMES, MAX_WARNINGS = 2, 2, 3, 3, 2

_QUOTES = '“”"「」『』'
#: A service's content that starts with one of these reads on from the organisation's name.
_VERBS = (
    "赴",
    "到",
    "在",
    "深入",
    "开展",
    "组织",
    "走进",
    "前往",
    "为",
    "与",
    "联合",
    "走访",
    "慰问",
)


_OPENING, _CLOSING = "“「『", "”」』"
#: Organisation words a name may repeat by mistake (“护理党支部党支部标准化规范化建设示范点”).
_DOUBLED_ORG_WORD = re.compile("(党总支|党支部|党小组|党委)(?:\\1)+")


_TO_SINGLE = str.maketrans({**dict.fromkeys(_OPENING, "‘"), **dict.fromkeys(_CLOSING, "’")})


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def quoted(name: str) -> str:
    """A name as reports write it: in Chinese quotation marks, once; quotation marks inside it
    become single ones (“‘术’精仁心”), as 公文 nest quotes. A name already wrapped in a pair of
    quotation marks keeps only that pair (““术”精仁心” and “术”精仁心 both give “‘术’精仁心”)."""
    name = name.strip()
    straight = name.count('"')
    if straight % 2 == 0:  # "a"b → “a”b: then nested like any other
        parts = name.split('"')
        name = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1]))
        name += parts[-1]
    if not _balanced(name):  # a stray mark: keep the words, drop the marks at the ends
        name = name.strip(_QUOTES)
        if not _balanced(name):
            name = name.translate(str.maketrans("", "", _QUOTES))
    if len(name) >= 2 and name[0] in _OPENING and name[-1] in _CLOSING and _balanced(name[1:-1]):
        name = name[1:-1].strip()
    return f"“{name.translate(_TO_SINGLE)}”"


def undoubled(name: str) -> str:
    """A name without an organisation word written twice in a row (“护理党支部党支部标准化规范化
    建设示范点” → “护理党支部标准化规范化建设示范点”): the organisation's name already ends with
    the word the title begins with."""
    return _DOUBLED_ORG_WORD.sub(r"\1", name.strip())


@dataclass(frozen=True)
class ServiceItem:
    org: str
    kind: str
    content: str

    @property
    def text(self) -> str:
        """“儿科党支部赴龙泉镇开展健康义诊，免费测量血压血糖并开展健康宣教”."""
        content = self.content.strip().rstrip("。；;，,")
        if not content:
            return f"{self.org}开展{self.kind}活动"
        if content.startswith(_VERBS):
            return f"{self.org}{content}"
        return f"{self.org}开展{self.kind}，{content}"


@dataclass(frozen=True)
class HonourItem:
    holder: str
    title: str
    awarded_by: str

    @property
    def text(self) -> str:
        """“妇产科党支部被中共宾阳县委员会评为“2025年度先进基层党组织””."""
        by = f"被{self.awarded_by}" if self.awarded_by else ""
        return f"{self.holder}{by}评为{quoted(self.title)}"


@dataclass
class Highlights:
    services: list[ServiceItem] = field(default_factory=list)
    honours: list[HonourItem] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    demonstrations: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def brand_names(self) -> str:
        return "".join(quoted(b) for b in self.brands)

    @property
    def demonstration_names(self) -> str:
        return "、".join(undoubled(d) for d in self.demonstrations)

    @property
    def theme_names(self) -> str:
        return "、".join(self.themes)

    @property
    def warning_names(self) -> str:
        return "、".join(self.warnings)


def _form(topic: str, separators: str) -> str:
    for sep in separators:
        if sep in topic:
            topic = topic.split(sep, 1)[0]
    return topic.strip()


def _frequent(values: list[str], limit: int) -> list[str]:
    counts = Counter(v for v in values if v)
    first_seen = {v: i for i, v in reversed(list(enumerate(values)))}
    return sorted(counts, key=lambda v: (-counts[v], first_seen[v]))[:limit]


def _unit_of(path: str, units: dict[str, str]) -> str:
    return next((name for p, name in units.items() if path.startswith(p) and path != p), "")


def _services(
    path: str, start: dt.date, end: dt.date, units: dict[str, str], self_name: str
) -> list[ServiceItem]:
    rows = (
        ServiceActivity.objects.filter(
            organization__path__startswith=path,
            date__range=(start, end),
            people_served__isnull=False,
        )
        .exclude(activity_type__in=STANDING_SERVICE_TYPES)
        .order_by("-people_served", "date", "code")
        .values_list("activity_type", "content", "organization__name", "organization__path")
    )
    chosen: dict[str, ServiceItem] = {}
    for kind, content, org, org_path in rows[:200]:
        if kind not in chosen:
            holder = self_name if org_path == path else _unit_of(org_path, units) + org
            chosen[kind] = ServiceItem(holder, kind, content or "")
        if len(chosen) == MAX_SERVICES:
            break
    return list(chosen.values())


def _honours(org: Organization, year: int, units: dict[str, str]) -> list[HonourItem]:
    rows = list(
        Honour.objects.filter(organization__path__startswith=org.path, year=year)
        .exclude(level=HonourLevel.HOSPITAL)
        .values_list(
            "level",
            "kind",
            "title",
            "awarded_by",
            "organization__name",
            "member__name",
            "organization__path",
        )
    )
    kinds = [HonourKind.ADVANCED_ORG, HonourKind.OUTSTANDING_MEMBER, HonourKind.OUTSTANDING_WORKER]
    rows.sort(
        key=lambda r: (
            LEVEL_ORDER.index(r[0]) if r[0] in LEVEL_ORDER else len(LEVEL_ORDER),
            kinds.index(r[1]) if r[1] in kinds else len(kinds),
            r[2],
        )
    )
    items = []
    for _level, kind, title, awarded_by, org_name, member, path in rows[:MAX_HONOURS]:
        unit = _unit_of(path, units)
        holder = (
            unit + org_name
            if kind == HonourKind.ADVANCED_ORG or not member
            else f"{unit}{member}同志"
        )
        items.append(HonourItem(holder, title or str(HonourKind(kind).label), awarded_by or ""))
    return items


def _brands(path: str, year: int) -> tuple[list[str], list[str]]:
    brands: list[str] = []
    demos: list[str] = []
    for kind, name in (
        PartyBrand.objects.filter(organization__path__startswith=path, year__lte=year)
        .order_by("-year", "code")
        .values_list("kind", "name")
    ):
        target = demos if kind == BrandKind.DEMONSTRATION else brands
        if len(target) < MAX_BRANDS and name.strip() not in target:
            target.append(name.strip())
    return brands, demos


def _themes(path: str, start: dt.date, end: dt.date) -> list[str]:
    # Counted in SQL by topic (a few dozen rows, not one per 主题党日), then by form.
    counts: Counter[str] = Counter()
    first: dict[str, tuple[dt.date, str]] = {}
    for topic, n, day, code in (
        OrgLifeEvent.objects.filter(
            organization__path__startswith=path, date__range=(start, end), event_type="主题党日"
        )
        .exclude(topic="")
        .order_by()
        .values_list("topic")
        .annotate(n=Count("pk"), day=Min("date"), code=Min("code"))
    ):
        form = _form(topic, "：:")
        counts[form] += n
        first[form] = min(first.get(form, (day, code)), (day, code))
    return sorted(counts, key=lambda f: (-counts[f], first[f]))[:MAX_THEMES]


def _warnings(path: str, start: dt.date, end: dt.date) -> list[str]:
    topics = list(
        IntegrityEducation.objects.filter(
            organization__path__startswith=path,
            date__range=(start, end),
            kind=EducationKind.WARNING,
        )
        .order_by("date", "code")
        .values_list("topic", flat=True)
    )
    return _frequent([_form(t, "，,；;。") for t in topics], MAX_WARNINGS)


def collect_highlights(
    org: Organization, year: int, units: dict[str, str] | None = None, self_name: str = ""
) -> Highlights:
    """The concrete items of ``year`` in ``org``'s subtree (five queries, whatever the size).
    ``units`` (path → name of a 卫健局's hospitals) prefixes an organisation with its hospital;
    the organisation itself is called ``self_name`` (“支部”, “院党委”)."""
    units = units or {}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    brands, demos = _brands(org.path, year)
    return Highlights(
        services=_services(org.path, start, end, units, self_name or org.name),
        honours=_honours(org, year, units) if org.org_type != OrgType.GROUP else [],
        brands=brands,
        demonstrations=demos,
        themes=_themes(org.path, start, end),
        warnings=_warnings(org.path, start, end),
    )
