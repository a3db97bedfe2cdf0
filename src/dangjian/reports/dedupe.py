"""Near-duplicates within one area of 存在问题 and 下一步工作打算 (issue 17: each fact once).

The same concern often reaches the report twice: a 工作要点 and the 整改措施 of a 查摆问题 both say
“严格落实“第一议题”制度”; a recorded 查摆问题 and a rule breach both judge the 三重一大 decisions.
The rule, on plain strings:

* A text is split into **clauses** at ，；。 (not at 、, which joins the items of one clause).
* Two clauses **say the same** when, punctuation aside, at least :data:`CONTAINMENT` (80%) of
  the character bigrams of the shorter are in the longer, and the shorter has at least
  :data:`MIN_BIGRAMS` bigrams (seven characters: shorter clauses such as “限期整改到位” are
  stock phrases that different measures may share). “开展医药购销领域专项整治” is in
  “开展医药购销领域不正之风专项整治” (10 of 11 bigrams); “制定年度发展党员计划” and
  “制定三年发展党员规划” share 4 of 9 and are two different plans.
* A sentence **repeats** an earlier one when its *leading* clause says the same as any clause
  of the earlier one (:func:`merge_repeats`). It is then merged into the earlier sentence: its
  clauses that say the same as one already there are dropped, the others appended in order, so
  no distinct clause is lost. The earlier sentence is kept first: in 下一步 the 工作要点 (the
  ledger's plan) comes before the problems' measures, so the plan keeps its wording.
* A problem's **fact** joins an earlier problem sharing a **key phrase** with it — a quoted term
  (“三重一大”) or a 《title》 (:func:`key_phrases`) — instead of repeating the judgement
  (:func:`joins`): the breach “2项决策未达法定人数” is appended to the recorded
  “……党委会议事规则执行不够严格”, without its own “民主集中制执行还不够严格”.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "CONTAINMENT",
    "MIN_BIGRAMS",
    "clauses",
    "joins",
    "key_phrases",
    "merge_repeats",
    "same_clause",
]

#: The share of the shorter clause's bigrams found in the longer for the two to say the same.
CONTAINMENT = 0.8
#: Clauses shorter than this (in bigrams) are never judged the same: stock phrases recur.
MIN_BIGRAMS = 6

_SPLIT = re.compile(r"[，；。,;]")
_KEY = re.compile(r"“([^”]+)”|《([^》]+)》")
_PUNCTUATION = re.compile(r"[\W_]+")


def clauses(text: str) -> list[str]:
    """The clauses of a text, trimmed, in order."""
    return [c.strip() for c in _SPLIT.split(text) if c.strip()]


def _bigrams(clause: str) -> set[str]:
    bare = _PUNCTUATION.sub("", clause)
    return {bare[i : i + 2] for i in range(len(bare) - 1)}


def same_clause(a: str, b: str) -> bool:
    """Whether two clauses say the same (see the module's rule)."""
    small, large = sorted((_bigrams(a), _bigrams(b)), key=len)
    if len(small) < MIN_BIGRAMS:
        return False
    return len(small & large) >= CONTAINMENT * len(small)


def key_phrases(text: str) -> set[str]:
    """The quoted terms and 《titles》 of a text, without their marks."""
    return {a or b for a, b in _KEY.findall(text)}


def joins(fact: str, earlier: str) -> bool:
    """Whether a problem's fact belongs with an earlier problem: they share a key phrase."""
    return bool(key_phrases(fact) & key_phrases(earlier))


def _repeats(item: str, earlier: str) -> bool:
    own = clauses(item)
    return bool(own) and any(same_clause(own[0], other) for other in clauses(earlier))


def merge_repeats(items: Sequence[str]) -> list[str]:
    """Sentences (each ending with 。) with every repeat merged into the first it repeats."""
    kept: list[str] = []
    for item in items:
        target = next((i for i, earlier in enumerate(kept) if _repeats(item, earlier)), None)
        if target is None:
            kept.append(item)
            continue
        earlier = kept[target]
        new = [c for c in clauses(item) if not any(same_clause(c, o) for o in clauses(earlier))]
        if new:
            kept[target] = earlier.rstrip("。；;，, ") + "，" + "，".join(new) + "。"
    return kept
