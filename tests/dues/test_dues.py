"""党费: amounts at every band boundary, the month ledger per role, payments, arrears hand-counted.

Bands (《关于中国共产党党费收缴、使用和管理的规定》(2008), DOMAIN.md §5): 在职 ≤3000 0.5%, ≤5000 1%,
≤10000 1.5%, above 2%; 离退休 ≤5000 0.5%, above 1%; 学生 etc. 0.2 元. "Today" is 2026-11-23.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dangjian.dues import services
from dangjian.dues.models import DuesBase, DuesCategory, DuesPayment
from dangjian.organizations.models import Organization
from tests.factories import MemberFactory

D = dt.date
IN, RET = DuesCategory.IN_SERVICE, DuesCategory.RETIRED


@pytest.mark.parametrize(
    ("category", "income", "dues"),
    [
        (IN, "0", "0.00"),
        (IN, "2999.99", "15.00"),  # 14.99995 → 15.00 (half up)
        (IN, "3000.00", "15.00"),  # 3000 is in the 0.5% band ("3000元以下（含3000元）")
        (IN, "3000.01", "30.00"),  # 1%
        (IN, "5000.00", "50.00"),
        (IN, "5000.01", "75.00"),  # 1.5%: 75.00015
        (IN, "10000.00", "150.00"),
        (IN, "10000.01", "200.00"),  # 2%: 200.0002
        (RET, "5000.00", "25.00"),  # 0.5%
        (RET, "5000.01", "50.00"),  # 1%: 50.0001
        (DuesCategory.STUDENT, None, "0.20"),
        (DuesCategory.UNEMPLOYED, None, "0.20"),
        (DuesCategory.RELIEF, None, "0.20"),
    ],
)
def test_monthly_dues_at_each_band_boundary(hospital, category, income, dues):
    base = DuesBase.objects.create(
        member=hospital.bob_member,
        year=2026,
        category=category,
        monthly_income=Decimal(income) if income is not None else None,
    )
    assert base.monthly_dues == Decimal(dues)
    payment = services.record_payment(
        member=hospital.bob_member, month=D(2026, 3, 15), paid_on=D(2026, 3, 20)
    )
    assert payment.month == D(2026, 3, 1)
    assert payment.amount_due == Decimal(dues) == payment.amount_paid


def test_base_form_requires_income_for_in_service(client, hospital):
    client.force_login(hospital.alice)
    page = client.post(
        "/dues/bases/new/",
        {
            "member": hospital.bob_member.pk,
            "year": 2026,
            "category": IN,
            "monthly_income": "",
        },
    ).content.decode()
    assert "须填写月收入" in page and not DuesBase.objects.exists()
    response = client.post(
        "/dues/bases/new/",
        {
            "member": hospital.bob_member.pk,
            "year": 2026,
            "category": IN,
            "monthly_income": "8000",
        },
    )
    assert response.status_code == 302
    assert "120.00" in client.get("/dues/bases/").content.decode()  # 8000 × 1.5%
    # Another branch's member is refused.
    page = client.post(
        "/dues/bases/new/",
        {
            "member": hospital.erin_member.pk,
            "year": 2026,
            "category": IN,
            "monthly_income": "8000",
        },
    ).content.decode()
    assert "不在您的管理范围内" in page


def _bases(hospital, year=2026):
    for member, income in (
        (hospital.alice_member, "12000"),
        (hospital.bob_member, "4000"),
        (hospital.dave_member, "9000"),
        (hospital.erin_member, "2500"),
    ):
        DuesBase.objects.create(
            member=member, year=year, category=IN, monthly_income=Decimal(income)
        )


def _rows(page: str) -> set[str]:
    import re

    return set(re.findall(r'class="member-row" data-member="([^"]+)"', page))


def test_ledger_page_scoping_per_role(client, hospital):
    _bases(hospital)
    h = hospital
    numbers = {m: m.member_no for m in (h.alice_member, h.bob_member, h.dave_member, h.erin_member)}
    cases = [
        (h.carol, {h.alice_member, h.bob_member, h.dave_member, h.erin_member}, 4),
        (h.alice, {h.alice_member, h.bob_member}, 2),
        (h.dave, {h.dave_member, h.erin_member}, 2),
        (h.bob, {h.bob_member}, 0),
        (h.erin, {h.erin_member}, 0),
    ]
    for user, members, forms in cases:
        client.force_login(user)
        page = client.get("/dues/?month=2026-03").content.decode()
        assert _rows(page) == {numbers[m] for m in members}, user
        assert page.count('action="/dues/pay/"') == forms, user
    # The admin picks a branch.
    client.force_login(h.carol)
    page = client.get(f"/dues/?month=2026-03&org={h.branch_b.pk}").content.decode()
    assert _rows(page) == {numbers[h.dave_member], numbers[h.erin_member]}
    # A secretary cannot open another branch.
    client.force_login(h.alice)
    assert client.get(f"/dues/?org={h.branch_b.pk}").status_code == 404


def test_record_payment_from_the_ledger_page(client, hospital):
    _bases(hospital)
    client.force_login(hospital.alice)
    response = client.post(
        "/dues/pay/",
        {
            "member": hospital.bob_member.pk,
            "month": "2026-03-01",
            "paid_on": "2026-03-10",
        },
        follow=True,
    )
    payment = DuesPayment.objects.get()
    assert (payment.member, payment.month, payment.amount_due, payment.paid_on) == (
        hospital.bob_member,
        D(2026, 3, 1),
        Decimal("40.00"),
        D(2026, 3, 10),
    )  # 4000 × 1%
    page = response.content.decode()
    assert "已记录" in page and "已交 2026-03-10" in page
    # Less than due is refused with the rule named; nothing is written.
    page = client.post(
        "/dues/pay/",
        {
            "member": hospital.bob_member.pk,
            "month": "2026-04-01",
            "paid_on": "2026-04-10",
            "amount_paid": "20",
        },
        follow=True,
    ).content.decode()
    assert (
        "少于应交金额 40.00 元" in page
        and "《关于中国共产党党费收缴、使用和管理的规定》（2008）" in page
    )
    assert DuesPayment.objects.count() == 1
    # Other branches and members cannot record.
    for user in (hospital.dave, hospital.bob):
        client.force_login(user)
        assert (
            client.post(
                "/dues/pay/",
                {
                    "member": hospital.bob_member.pk,
                    "month": "2026-05-01",
                    "paid_on": "2026-05-10",
                },
            ).status_code
            == 404
        )
    assert DuesPayment.objects.count() == 1


def _pay(member, *months):
    for year, month in months:
        services.record_payment(member=member, month=D(year, month, 1), paid_on=D(year, month, 5))


@pytest.fixture
def ledger(hospital):
    """Hand-counted on 2026-11-23 (October is the last month that is over):
    alice paid Jan–Oct → none; bob paid Jan–Jul → Aug, Sep, Oct (3: warning);
    dave paid Jan–Apr → May–Oct (6: lapse); erin has no 党费基数 → not in the ledger;
    zhou joined 2026-09-15 → liable from September → Sep, Oct (2)."""
    _bases(hospital)
    DuesBase.objects.filter(member=hospital.erin_member).delete()
    zhou = MemberFactory(name="周新", organization=hospital.branch_a, joined_on=D(2026, 9, 15))
    DuesBase.objects.create(member=zhou, year=2026, category=DuesCategory.STUDENT)
    _pay(hospital.alice_member, *((2026, m) for m in range(1, 11)))
    _pay(hospital.bob_member, *((2026, m) for m in range(1, 8)))
    _pay(hospital.dave_member, *((2026, m) for m in range(1, 5)))
    return zhou


def test_arrears_hand_counted(hospital, ledger):
    zhou = ledger
    everything = Organization.objects.all()
    found = {row.member: row for row in services.arrears(everything, D(2026, 11, 23))}
    assert set(found) == {hospital.bob_member, hospital.dave_member, zhou}
    bob, dave, new = found[hospital.bob_member], found[hospital.dave_member], found[zhou]
    assert bob.months == [D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)]
    assert (bob.count, bob.status.value) == (3, "warning")
    assert (dave.count, dave.status.value) == (6, "lapse")
    assert dave.months[0] == D(2026, 5, 1)
    assert (new.count, new.status.value, new.months) == (2, "ok", [D(2026, 9, 1), D(2026, 10, 1)])
    # Only the organisations passed: branch A alone (bob is in group A1, not counted directly).
    only_a = {
        row.member
        for row in services.arrears(
            Organization.objects.filter(pk=hospital.branch_a.pk), D(2026, 11, 23)
        )
    }
    assert only_a == {zhou}


@pytest.mark.parametrize(
    ("as_of", "bob_months"),
    [
        (D(2026, 10, 31), 2),
        (D(2026, 11, 1), 3),
        (D(2026, 11, 2), 3),
        (D(2026, 9, 1), 1),
        (D(2026, 8, 31), 0),
    ],
)
def test_a_month_counts_once_it_is_over(hospital, ledger, as_of, bob_months):
    found = {row.member: row.count for row in services.arrears(Organization.objects.all(), as_of)}
    assert found.get(hospital.bob_member, 0) == bob_months


def test_arrears_page_per_role(client, hospital, ledger):
    client.force_login(hospital.alice)
    page = client.get("/dues/arrears/").content.decode()
    assert "鲍勃" in page and "周新" in page and "戴夫" not in page
    assert "2026-08、2026-09、2026-10" in page and "欠缴提醒" in page
    client.force_login(hospital.dave)
    page = client.get("/dues/arrears/").content.decode()
    assert "戴夫" in page and "连续未交纳达到处置期限" in page and "鲍勃" not in page
    client.force_login(hospital.bob)
    page = client.get("/dues/arrears/").content.decode()
    assert "鲍勃" in page and "周新" not in page
    client.force_login(hospital.carol)
    page = client.get("/dues/arrears/").content.decode()
    assert all(name in page for name in ("鲍勃", "周新", "戴夫")) and "艾琳" not in page


def test_api_payments_scoped(hospital):
    _bases(hospital)
    api = APIClient()
    api.force_authenticate(hospital.alice)
    response = api.post(
        "/api/dues-payments/",
        {
            "member": hospital.bob_member.member_no,
            "month": "2026-02-01",
            "paid_on": "2026-02-03",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["amount_due"] == "40.00"
    response = api.post(
        "/api/dues-payments/",
        {
            "member": hospital.erin_member.member_no,
            "month": "2026-02-01",
            "paid_on": "2026-02-03",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "不在您的管理范围内" in str(response.json())
    response = api.post(
        "/api/dues-payments/",
        {
            "member": hospital.bob_member.member_no,
            "month": "2026-03-01",
            "paid_on": "2026-03-03",
            "amount_paid": "1",
        },
        format="json",
    )
    assert response.status_code == 400 and "少于应交金额" in str(response.json())
    api.force_authenticate(hospital.bob)
    assert [row["month"] for row in api.get("/api/dues-payments/").json()["results"]] == [
        "2026-02-01"
    ]
    assert (
        api.post(
            "/api/dues-payments/",
            {
                "member": hospital.bob_member.member_no,
                "month": "2026-04-01",
                "paid_on": "2026-04-03",
            },
            format="json",
        ).status_code
        == 403
    )
    api.force_authenticate(hospital.dave)
    assert api.get("/api/dues-payments/").json()["results"] == []
    assert {row["member"] for row in api.get("/api/dues-bases/").json()["results"]} == {
        hospital.dave_member.member_no,
        hospital.erin_member.member_no,
    }


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_query_counts_do_not_grow(client, hospital):
    def add(n):
        for _ in range(n):
            member = MemberFactory(organization=hospital.branch_a)
            DuesBase.objects.create(
                member=member, year=2026, category=IN, monthly_income=Decimal("6000")
            )
            services.record_payment(member=member, month=D(2026, 1, 1), paid_on=D(2026, 1, 3))

    client.force_login(hospital.alice)
    add(2)
    urls = ["/dues/?month=2026-03", "/dues/arrears/", "/dues/bases/"]
    small = [_count(client, url) for url in urls]
    add(12)
    assert [_count(client, url) for url in urls] == small


def test_arrears_with_gaps_and_advance_payments_match_the_rule(hospital, ledger):
    """Only the latest paid month before the current one decides the run of unpaid months:
    an old gap is not arrears, an advance payment for a future month does not hide them, and the
    count equals ``rules.unpaid_months`` over every payment."""
    from dangjian import rules

    erin = hospital.erin_member
    DuesBase.objects.create(member=erin, year=2026, category=DuesCategory.STUDENT)
    # Paid Jan–Mar, skipped April, paid May–Aug, then an advance payment for December.
    _pay(erin, *((2026, m) for m in (1, 2, 3, 5, 6, 7, 8)))
    services.record_payment(member=erin, month=D(2026, 12, 1), paid_on=D(2026, 11, 5))
    as_of = D(2026, 11, 23)
    found = {row.member: row for row in services.arrears(Organization.objects.all(), as_of)}
    assert found[erin].months == [D(2026, 9, 1), D(2026, 10, 1)]
    paid = DuesPayment.objects.filter(member=erin, paid_on__isnull=False).values_list(
        "month", flat=True
    )
    assert found[erin].count == rules.unpaid_months(list(paid), D(2026, 1, 1), as_of) == 2
    with CaptureQueriesContext(connection) as queries:
        services.arrears(Organization.objects.all(), as_of)
    assert len(queries) == 3
