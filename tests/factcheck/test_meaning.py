"""Issue 19, defects 6–7: a claim is matched to a figure by what the sentence says about it.

Each claim carries its best candidate and a confidence; below the threshold it is unmatched,
never matched to the wrong figure.
"""

import os
import re
from pathlib import Path

import pytest

from dangjian.factcheck.check import check_result
from dangjian.factcheck.matcher import THRESHOLD, candidates, match_figure
from dangjian.ingest import ingest_text
from dangjian.reports.figures import compute_figures


def _matches(text, figures):
    cands = candidates(figures)
    subs = [n for c, n in figures.org_names.items() if c != figures.org.code]
    out = []
    for f in ingest_text(text).figures:
        start = f.clause.find(f.text)
        out.append((f.text, match_figure(f.label, f.clause, f.unit, start, cands, subs)))
    return out


def _key(match):
    return match.figure.key if match.figure else None


# --- 6. a comparison note after the figure ---------------------------------------------------


def test_defect6_note_in_brackets_is_not_the_label(ledger2025):
    figures = compute_figures(2025, ledger2025.committee)
    # As the generated report writes it; the ledger has 3 主题党日.
    text = "全年开展主题党日活动3次（较上年增加1次），发展党员1名。"
    result = check_result(ingest_text(text), figures)
    assert [(i.draft.text, i.figure.key) for i in result.agree] == [
        ("3次", "meetings.主题党日"),
        ("1名", "development.new_probationary"),
    ]
    [note] = result.unmatched
    assert note.draft.text == "1次" and "变化量" in note.reason


def test_defect6_a_changed_figure_before_a_note_is_flagged(ledger2025):
    figures = compute_figures(2025, ledger2025.committee)
    text = "全年开展主题党日活动4次（较上年增加2次）。"  # 3 changed to 4
    result = check_result(ingest_text(text), figures)
    assert [(i.draft.text, i.figure.key, i.ledger_value) for i in result.differ] == [
        ("4次", "meetings.主题党日", 3)
    ]


# --- 7. wrong matches and refused units ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # 发展/接收 预备党员 is development, not the probationary members on the roll.
        ("全年发展预备党员3名。", "development.new_probationary"),
        ("全年接收预备党员2名。", "development.new_probationary"),
        ("现有预备党员5名。", "members.probationary"),
        # 提拔 is a promotion, not a membership count.
        ("14名党员提拔至中层岗位。", "cultivation.党员骨干提拔为中层"),
        # Branches that completed elections are an elections figure.
        ("10个党支部于2023年12月底完成换届选举工作。", "elections.completed"),
        ("医院党委下设党支部10个。", "org.branches"),
        # Units: 场次 = 次 for 三重一大 meetings, 节 = 次 for 党课.
        ("集体研究“三重一大”事项28场次。", "decisions.三重一大"),
        ("全年讲党课88节。", "meetings.党课"),
    ],
)
def test_defect7_matches_by_meaning(ledger2025, text, key):
    figures = compute_figures(2025, ledger2025.committee)
    [(_, match)] = _matches(text, figures)
    assert _key(match) == key
    assert match.confidence >= THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "14名党员受到上级表彰。",  # commended members are not the membership
        "12名党员参加志愿服务。",
        "3个党支部获评先进基层党组织。",
    ],
)
def test_defect7_never_a_wrong_membership_or_branch_match(ledger2025, text):
    figures = compute_figures(2025, ledger2025.committee)
    [(_, match)] = _matches(text, figures)
    assert _key(match) not in ("members.total", "org.branches")


def test_every_claim_has_a_candidate_and_a_confidence(ledger2025):
    figures = compute_figures(2025, ledger2025.committee)
    result = check_result(ingest_text("14名党员受到上级表彰。全院共有党员4名。"), figures)
    [vetoed] = result.unmatched
    assert vetoed.candidate is not None and vetoed.candidate.key == "members.total"
    assert vetoed.confidence < THRESHOLD and "表彰" in vetoed.reason
    [agreed] = result.agree
    assert agreed.figure.key == "members.total" and agreed.confidence >= THRESHOLD
    assert {"candidate", "confidence"} <= set(agreed.as_json())


# --- the corpus samples' sentences ----------------------------------------------------------

CORPUS = Path(
    os.environ.get("DANGJIAN_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)

#: Sentences of ../shared/corpus and what each figure in them is (None: no ledger figure).
CORPUS_CASES = [
    ("000.txt", "“三会一课”学习56次", "meetings.三会一课"),
    ("000.txt", "主题党日活动56次", "meetings.主题党日"),
    ("000.txt", "班子会“第一议题”学习25次", "meetings.第一议题学习"),
    ("000.txt", "全年发展党员9名", "development.new_probationary"),
    ("000.txt", "10个党支部于2023年12月底完成换届选举工作", "elections.completed"),
    ("000.txt", "住院病人对护理工作的满意度达98.5％", None),
    ("000.txt", "优质护理覆盖率100％", None),
    ("000.txt", "举办4期医共体护理管理培训班", None),
    ("002.txt", "一行10余名医务工作者", None),
    ("002.txt", "8本必学选学书目", None),
]


@pytest.mark.parametrize(("name", "snippet", "key"), CORPUS_CASES)
def test_corpus_sentences(ledger2025, name, snippet, key):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"sample corpus not found at {path}")
    text = path.read_text(encoding="utf-8")
    [sentence] = {s for s in re.split("[。\n]", text) if snippet in s}
    figures = compute_figures(2025, ledger2025.committee)
    cands = candidates(figures)
    [figure] = [
        f for f in ingest_text(sentence + "。").figures if f.text in snippet and snippet in f.clause
    ]
    match = match_figure(
        figure.label, figure.clause, figure.unit, figure.clause.find(figure.text), cands
    )
    assert _key(match) == key
