"""医德考评 绩效 export: scoped per role, names masked for a 支部书记, formulas neutralised, audited."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.models import AccessEvent, AccessKind
from dangjian.evaluations.exports import mask_name
from dangjian.evaluations.models import EthicsGrade, EthicsRecord


def download(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("evaluations:ethics_export"), params)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content))["医德考评"]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_secretary_gets_her_branch_with_masked_names(client, ledgers):
    EthicsRecord.objects.create(
        staff_no="=cmd|' /C calc'!A0",
        name="@欧阳小明",
        department="-护理部",
        organization=ledgers.group_a,
        year=2025,
        grade=EthicsGrade.AVERAGE,
    )
    rows = download(client, ledgers.alice, year=2025)
    assert rows[0] == ["工号", "姓名", "科室", "年度", "考评等次", "考评分数"]
    body = {row[0]: row for row in rows[1:]}
    assert set(body) == {"N001", "N002", "'=cmd|' /C calc'!A0"}
    assert body["N002"][1:5] == ["王*明", "心内科", 2025, "良好"]
    assert body["'=cmd|' /C calc'!A0"][1:3] == ["'@***明", "'-护理部"]
    event = AccessEvent.objects.get(kind=AccessKind.EXPORT)
    assert event.username == "alice" and "医德考评" in event.detail and "脱敏" in event.detail


def test_admin_gets_full_names_and_year_filter(client, ledgers):
    EthicsRecord.objects.create(
        staff_no="N001",
        name="鲍勃",
        organization=ledgers.branch_a,
        year=2024,
        grade=EthicsGrade.GOOD,
    )
    rows = download(client, ledgers.carol, year=2025)
    assert {row[1] for row in rows[1:]} == {"鲍勃", "王小明", "李四"}
    assert len(download(client, ledgers.carol)) == 1 + 4


def test_dave_does_not_get_branch_a_and_members_cannot_export(client, ledgers):
    rows = download(client, ledgers.dave)
    assert [row[0] for row in rows[1:]] == ["N003"]
    client.force_login(ledgers.bob)
    assert client.get(reverse("evaluations:ethics_export")).status_code == 403


def test_mask_name():
    assert [mask_name(n) for n in ("李", "张三", "张三丰", "欧阳小明")] == [
        "李",
        "张*",
        "张*丰",
        "欧**明",
    ]
