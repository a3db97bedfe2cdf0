"""A 2025 ledger on the suite's ``hospital`` and a draft written from it.

Ledger for 2025 over HOSP (counted by hand):
  党支部 2 (A, B) · 党员 4 (alice, bob, dave, erin) · 主题党日 3 (A, A1, B) · 党课 2 (A, B)
  · 发展党员 1 (admitted 2025-06-01) · 义诊 2 (served 30 + 33 = 63 人次).
"""

import datetime as dt

import pytest

from tests.factories import DevelopmentCaseFactory, OrgLifeEventFactory, ServiceActivityFactory

D = dt.date

#: What the draft states, and what the ledger says about each statement.
DRAFT = (
    "县人民医院党委2025年党建工作总结\n"
    "2025年，医院党委下设党支部2个，共有党员4名。"
    "全年开展主题党日活动3次，讲党课5次。"  # 党课: the ledger has 2 — a difference
    "发展党员1名。"
    "组织义诊活动2次，服务群众60余人次。"  # 60余 agrees with 63
    "患者满意度达98.5%。\n"  # no ledger figure: unmatched
)
AGREE = ["2个", "4名", "3次", "1名", "2次", "60余人次"]
DIFFER = [("5次", "meetings.党课", 2)]
UNMATCHED = ["98.5%"]


@pytest.fixture
def ledger2025(hospital):
    h = hospital
    for org in (h.branch_a, h.group_a, h.branch_b):
        OrgLifeEventFactory(organization=org, event_type="主题党日", date=D(2025, 4, 1))
    OrgLifeEventFactory(organization=h.branch_a, event_type="党课", date=D(2025, 5, 1))
    OrgLifeEventFactory(organization=h.branch_b, event_type="党课", date=D(2025, 6, 1))
    DevelopmentCaseFactory(
        organization=h.branch_a,
        applied_on=D(2023, 3, 1),
        activist_on=D(2023, 9, 1),
        admitted_on=D(2025, 6, 1),
    )
    ServiceActivityFactory(
        organization=h.branch_a, activity_type="义诊", date=D(2025, 5, 1), people_served=30
    )
    ServiceActivityFactory(
        organization=h.branch_b, activity_type="义诊", date=D(2025, 9, 1), people_served=33
    )
    return h


@pytest.fixture
def draft_txt(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path
