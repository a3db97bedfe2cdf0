"""The demo hospital's other ledgers (demo/ledgers.py): 党费 arrears the rules engine finds, rows in
every ledger, transfers consistent with the members, and the annual report reading them."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from dangjian import rules
from dangjian.compliance.reminders import collect
from dangjian.demo.generator import data_digest
from dangjian.demo.ledgers import LEDGER_MODELS, ledger_counts
from dangjian.dues.models import DuesBase, DuesCategory, DuesPayment
from dangjian.dues.services import arrears
from dangjian.evaluations.models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    SecretaryReview,
    ServiceParticipation,
)
from dangjian.implementation.models import CheckIn, Measure, MeasureStatus
from dangjian.indicators.models import IndicatorValue, OpinionEvent
from dangjian.integrity.models import LetterKind, Responsibility, Violation
from dangjian.organizations.models import EmploymentStatus, Member, Organization, OrgType
from dangjian.orglife.models import Attendance, EventType
from dangjian.outreach.models import ServiceActivity
from dangjian.problems.models import ProblemSource, WorkArea
from dangjian.problems.services import open_problems_for, problems_for
from dangjian.recognition.models import Honour
from dangjian.reports.figures import compute_figures
from dangjian.transfers.models import Transfer, TransferKind
from dangjian.transfers.selectors import member_periods, members_in_subtree_on
from dangjian.workplans.services import plans_for

from .conftest import AS_OF

pytestmark = pytest.mark.django_db
START = dt.date(AS_OF.year - 1, 1, 1)  # the default demo: two years of organisational life


@pytest.fixture
def summary(demo_hospital, db):
    return demo_hospital


def test_every_ledger_has_rows_with_their_history(summary):
    counts = ledger_counts()
    assert all(counts.values()), counts
    for label, count in counts.items():
        assert summary.counts[label] == count
    for _, model in LEDGER_MODELS:
        assert model.history.filter(history_type="+").count() == model.objects.count(), (
            model.__name__
        )
    assert DuesPayment.history.first().history_change_reason == "演示数据"
    assert not Violation.objects.exists()  # no 违纪违规 records in a demo


def test_dues_arrears_are_found_in_the_payments(summary):
    config = rules.DEFAULT_RULES
    behind = [v for v in summary.violations if "未交纳党费" in v]
    items = [i for i in collect(AS_OF, 30) if i.kind == "dues"]
    assert len(items) == len(behind) >= 3
    members = Member.objects.select_related("organization").in_bulk([i.member_id for i in items])
    branches = [members[i.member_id].organization.branch().pk for i in items]
    assert len(set(branches)) == len(branches)  # each in another branch
    assert all(i.status == "due" for i in items)
    found = {row.member.pk: row for row in arrears(Organization.objects.all(), AS_OF)}
    for item in items:
        row = found[item.member_id]
        assert config.dues_warning_month <= row.count < config.dues_lapse_month
        assert f"党员{row.member.name}（{row.member.member_no}" in " ".join(behind)
        # Really unpaid: no payment for those months, and the month before them was paid.
        assert not DuesPayment.objects.filter(member=row.member, month__in=row.months).exists()
        assert DuesPayment.objects.filter(
            member=row.member, month=rules.add_months(row.months[0], -1), paid_on__isnull=False
        ).exists()
    # Everyone else is at most a month or two behind (paid early next month, or quarterly).
    assert all(
        row.count < config.dues_warning_month
        for pk, row in found.items()
        if pk not in {i.member_id for i in items}
    )


def test_dues_bases_and_amounts_follow_the_rules(summary):
    members = Member.objects.count()
    assert DuesBase.objects.filter(year=AS_OF.year).count() == members
    assert (
        DuesBase.objects.filter(year=AS_OF.year - 1).count()
        == Member.objects.filter(joined_on__year__lt=AS_OF.year).count()
    )
    for base in DuesBase.objects.select_related("member"):
        retired = base.member.employment_status == EmploymentStatus.RETIRED
        assert base.category == (DuesCategory.RETIRED if retired else DuesCategory.IN_SERVICE)
        assert Decimal(2000) < base.monthly_income < Decimal(25000)
    categories = Counter(DuesBase.objects.values_list("category", flat=True))
    assert categories[DuesCategory.IN_SERVICE] > 4 * categories[DuesCategory.RETIRED] > 0
    dues = {(b.member_id, b.year): b.monthly_dues for b in DuesBase.objects.all()}
    payments = DuesPayment.objects.all()
    assert payments.count() > 10 * members
    for p in payments:
        assert p.amount_due == p.amount_paid == dues[(p.member_id, p.month.year)]
        assert p.month.day == 1 and dt.date(AS_OF.year - 1, 1, 1) <= p.month <= AS_OF
        assert p.paid_on <= AS_OF
    assert not payments.filter(month__gt=AS_OF.replace(day=1)).exists()


def test_transfers_moved_the_members(summary):
    transfers = list(Transfer.objects.select_related("member", "from_org", "to_org"))
    assert 2 <= len(transfers) <= 10
    retired_branch = Organization.objects.get(name="离退休党支部")
    assert any(t.to_org.path.startswith(retired_branch.path) for t in transfers)  # a retirement
    for t in transfers:
        assert t.kind == TransferKind.INTERNAL and t.from_org != t.to_org
        # The member is where the latest transfer put them, and was a member before it.
        latest = Transfer.objects.filter(member=t.member).order_by("-date", "-pk").first()
        assert t.member.organization_id == latest.to_org_id
        assert t.member.joined_on < t.date < START
        assert [p.org for p in member_periods(t.member)] == [t.from_org_id, t.to_org_id]
        assert t.member.history.filter(history_type="~", organization_id=t.to_org_id).exists()
        # All of the member's organisational life in the demo's years is in the new branch.
        branch = t.to_org.branch() or t.to_org
        committee = branch.parent
        attended = Attendance.objects.filter(member=t.member).values_list(
            "event__organization__path", flat=True
        )
        assert attended and all(p.startswith(branch.path) or p == committee.path for p in attended)
    # Year-end membership read through the transfers is the members' present organisation.
    for day in (START - dt.timedelta(days=1), dt.date(AS_OF.year - 1, 12, 31)):
        root = Organization.objects.get(parent__isnull=True)
        on_day = {
            pk: org for pk, org, joined in members_in_subtree_on(root.path, day, ("joined_on",))
        }
        assert all(on_day[t.member_id] == t.member.organization_id for t in transfers)


def test_evaluations_follow_the_december_meetings(summary):
    year = AS_OF.year - 1
    grades = Counter(MemberEvaluation.objects.filter(year=year).values_list("grade", flat=True))
    # Graded: exactly the members on the roll of their branch's December 民主评议党员 meeting.
    on_roll = set(
        Attendance.objects.filter(
            event__event_type=EventType.MEMBER_EVALUATION, event__date__year=year
        ).values_list("member_id", flat=True)
    )
    assert (
        set(MemberEvaluation.objects.filter(year=year).values_list("member_id", flat=True))
        == on_roll
    )
    assert (
        grades[MemberGrade.QUALIFIED]
        > grades[MemberGrade.EXCELLENT]
        > grades[MemberGrade.BASICALLY_QUALIFIED]
        > 0
    )
    assert grades[MemberGrade.UNQUALIFIED] == 0
    assert not MemberEvaluation.objects.filter(
        year=AS_OF.year
    ).exists()  # December is still to come
    branches = Organization.objects.filter(org_type=OrgType.BRANCH)
    assert BranchAssessment.objects.filter(year=year).count() == branches.count()
    for review in SecretaryReview.objects.filter(year=year).select_related(
        "member__organization", "organization"
    ):
        assert review.member.party_post == "书记"
        assert review.member.organization.path.startswith(review.organization.path)
    ethics = EthicsRecord.objects.filter(year=year).select_related(
        "member__organization", "organization"
    )
    assert ethics.count() > 200
    for record in ethics:
        assert (
            record.member.name == record.name
            and record.member.organization.branch() == record.organization
        )
        assert record.member.employment_status == EmploymentStatus.WORKING
        low, high = {"excellent": (90, 100), "good": (80, 90), "average": (60, 80)}[record.grade]
        assert low <= record.score < high or record.score == high == 100


def test_rows_pass_the_models_and_forms_rules(summary):
    for _, model in LEDGER_MODELS:
        for row in model.objects.order_by("pk")[:40]:
            row.full_clean()
    for letter in Responsibility.objects.all():
        assert abs(letter.signed_on.year - letter.year) <= 1 and letter.signed_on <= AS_OF
    assert Responsibility.objects.filter(kind=LetterKind.TARGET, year=AS_OF.year).count() == 10
    for measure in Measure.objects.select_related("instruction"):
        assert (measure.status == MeasureStatus.DONE) == (measure.completed_on is not None)
        assert measure.deadline >= measure.instruction.issued_on
        assert measure.completed_on is None or measure.completed_on <= AS_OF
    assert all(0 <= c.progress <= 100 and c.date <= AS_OF for c in CheckIn.objects.all())
    for event in OpinionEvent.objects.all():
        assert event.handled_on is None or (event.handled_on >= event.date and event.result)
    keys = Counter(
        IndicatorValue.objects.values_list("organization", "indicator", "year", "period")
    )
    assert max(keys.values()) == 1
    assert not IndicatorValue.objects.filter(unit="%", value__gt=100).exists()
    for p in ServiceParticipation.objects.select_related(
        "activity__organization", "member__organization"
    ):
        assert p.member.joined_on <= p.activity.date
        assert (
            p.member.organization.path.startswith(p.activity.organization.path)
            or p.activity.organization.org_type == OrgType.PARTY_COMMITTEE
        )
    heads = dict(ServiceActivity.objects.values_list("pk", "participants"))
    taken = Counter(ServiceParticipation.objects.values_list("activity", flat=True))
    assert taken and all(n <= heads[pk] for pk, n in taken.items())
    for honour in Honour.objects.exclude(member=None).select_related("member"):
        assert honour.organization_id == honour.member.organization_id


def test_the_annual_report_reads_the_ledgers(summary):
    root = Organization.objects.get(parent__isnull=True)
    year = AS_OF.year - 1
    figures = compute_figures(year, root)
    assert (
        figures.value("evaluations.民主评议.total")
        == MemberEvaluation.objects.filter(year=year).count()
        > 0
    )
    assert figures.value("evaluations.述职评议.total") == 10
    assert figures.value("evaluations.支部考核.total") == 10
    assert figures.value("ethics.total") == EthicsRecord.objects.filter(year=year).count() > 0
    assert figures.value("integrity.target_letters") == 10
    assert figures.value("integrity.supervision_letters") > 0
    assert (
        figures.value("integrity.warning_education") > 0
        and figures.value("integrity.collective_talks") > 0
    )
    assert figures.value("honours.total") > 0 and figures.value("brands.total") > 0
    assert figures.value("brands.new") == 1 and figures.value("brands.demonstration") == 1
    assert (
        figures.value("implementation.instructions") == 2
        and figures.value("implementation.measures") > 0
    )
    assert figures.value("implementation.overdue") == 1  # finished after its 时限 (planted)
    assert figures.value("opinion.total") > 0
    assert figures.value("indicators.患者满意度") is not None
    assert (
        sum(
            figures.value(f"cultivation.{k}")
            for k in ("业务骨干发展为党员", "党员培养为业务骨干", "党员骨干提拔为中层")
        )
        > 0
    )


def test_the_digest_covers_the_ledgers(summary):
    before = data_digest()
    DuesPayment.objects.order_by("pk").first().delete()
    assert data_digest() != before


def test_problems_and_work_points_for_the_report(summary):
    """查摆问题 of 2024 (the demo's year past, AS_OF is mid-2025): four from the 党委's 民主生活会,
    one from each of three branches' 组织生活会 (branches that held it), three found in the year;
    eight 工作要点 a year with every area, 2025's ready for the 2024 report's 下一步工作打算."""
    root = Organization.objects.get(parent__isnull=True)
    subtree = list(
        Organization.objects.filter(path__startswith=root.path).values_list("pk", flat=True)
    )
    problems = problems_for(subtree, AS_OF.year - 1)
    by_source = Counter(p.source for p in problems)
    assert by_source[ProblemSource.DEMOCRATIC_LIFE] == 4
    assert by_source[ProblemSource.ORG_LIFE] == 3
    assert sum(by_source.values()) == 10
    assert all(
        p.organization == root for p in problems if p.source == ProblemSource.DEMOCRATIC_LIFE
    )
    branches = [p.organization for p in problems if p.source == ProblemSource.ORG_LIFE]
    assert len(set(branches)) == 3 and all(o.org_type == OrgType.BRANCH for o in branches)
    for branch in branches:
        assert branch.events.filter(
            event_type=EventType.ORG_LIFE_MEETING, date__year=AS_OF.year - 1
        ).exists()
    assert all(p.measures for p in problems) and len({p.area for p in problems}) >= 4
    linked = [p for p in problems if p.rectification_id]
    assert linked and all(p.rectification.organization == p.organization for p in linked)
    assert open_problems_for(subtree, AS_OF.year - 1)
    assert problems_for(subtree, AS_OF.year) == []  # mid-year: nothing found yet this year

    for year in (AS_OF.year - 1, AS_OF.year):
        plans = plans_for([root.pk], year)
        assert len(plans) == 8 and {p.area for p in plans} == set(WorkArea.values)
        assert all(p.deadline is None or p.deadline.year == year for p in plans)
    assert plans_for([root.pk], AS_OF.year + 1) == []  # next year's are drawn up in November
