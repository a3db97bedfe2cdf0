"""Report figures of the evaluations, hand-counted on the shared ledgers fixture (2025):

民主评议: Bob 优秀, Alice 合格 (A); Dave 优秀, Erin 基本合格 (B) → 4 members, 优秀 2.
述职评议: Alice 好 (A), Dave 较好 (B).   医德考评: N001 优秀, N002 良好 (A); N003 优秀 (B) → 2/3 = 66.7%.
"""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.evaluations.models import EthicsGrade, EthicsRecord, MemberEvaluation, MemberGrade
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_markdown
from tests.factories import MemberFactory


def test_figures_for_the_hospital(ledgers):
    f = compute_figures(2025, ledgers.committee)
    assert f.value("evaluations.民主评议.total") == 4
    assert f.value("evaluations.民主评议.优秀") == 2
    assert f.value("evaluations.民主评议.合格") == 1
    assert f.value("evaluations.民主评议.基本合格") == 1
    assert f.value("evaluations.民主评议.不合格") == 0
    assert f.value("evaluations.述职评议.total") == 2
    assert f.value("evaluations.述职评议.好") == 1 and f.value("evaluations.述职评议.较好") == 1
    assert f.value("ethics.total") == 3 and f.value("ethics.优秀") == 2
    assert f.value("ethics.excellent_rate") == Decimal("66.7")
    # Every number traces back to its rows.
    assert set(f["evaluations.民主评议.优秀"].records) == {
        ledgers.bob_member.member_no,
        ledgers.dave_member.member_no,
    }
    assert set(f["ethics.excellent_rate"].records) == {"N001", "N002", "N003"}
    assert f["ethics.优秀"].model is EthicsRecord


def test_figures_for_branch_a_and_other_years(ledgers):
    f = compute_figures(2025, ledgers.branch_a)
    assert f.value("evaluations.民主评议.total") == 2 and f.value("evaluations.民主评议.优秀") == 1
    assert f.value("ethics.excellent_rate") == Decimal("50.0")
    assert f.value("evaluations.述职评议.好") == 1 and f.value("evaluations.述职评议.较好") == 0
    empty = compute_figures(2024, ledgers.committee)
    assert (
        empty.value("evaluations.民主评议.total") == 0
        and empty.value("ethics.excellent_rate") is None
    )


def test_narrative_sentences(ledgers):
    text = to_markdown(build_report(compute_figures(2025, ledgers.committee)))
    assert "民主评议优秀党员2名" in text
    assert "医务人员参加医德考评3人" in text
    assert "述职评议“好”等次1名" in text
    quiet = to_markdown(build_report(compute_figures(2024, ledgers.committee)))
    quiet = quiet.split("附件")[0]
    assert "民主评议优秀党员" not in quiet and "医德考评" not in quiet and "述职评议" not in quiet


def test_one_query_for_all_evaluation_ledgers_whatever_the_size(ledgers):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compute_figures(2025, ledgers.committee)
        return len(captured.captured_queries)

    small = queries()
    for i in range(10):
        member = MemberFactory(organization=ledgers.group_a)
        MemberEvaluation.objects.create(member=member, year=2025, grade=MemberGrade.QUALIFIED)
        EthicsRecord.objects.create(
            staff_no=f"S{i}",
            name="职工",
            organization=ledgers.branch_b,
            year=2025,
            grade=EthicsGrade.AVERAGE,
        )
    assert queries() == small
