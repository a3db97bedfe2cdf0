"""责任书 and 警示教育/集体谈话: pages, API and export per role; the workbook round trip."""

import datetime as dt

from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangjian.core import clock
from dangjian.integrity.models import IntegrityEducation, Responsibility, Violation
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.factories import IntegrityEducationFactory, ResponsibilityFactory
from tests.workbook.conftest import write_workbook


def test_pages_and_api_per_role(client, hospital):
    a = ResponsibilityFactory(organization=hospital.branch_a, code="ZRS-A")
    ResponsibilityFactory(organization=hospital.branch_b, code="ZRS-B")
    talk = IntegrityEducationFactory(
        organization=hospital.group_a, code="JS-A", kind="collective_talk"
    )
    IntegrityEducationFactory(organization=hospital.branch_b, code="JS-B")
    client.force_login(hospital.alice)
    page = client.get("/integrity/letters/").content.decode()
    assert "ZRS-A" in page and "ZRS-B" not in page
    page = client.get("/integrity/education/").content.decode()
    assert "JS-A" in page and "JS-B" not in page and "集体谈话" in page
    assert client.get(talk.get_absolute_url()).status_code == 200
    client.force_login(hospital.dave)
    assert client.get(a.get_absolute_url()).status_code == 404
    assert client.get(f"/integrity/letters/{a.pk}/edit/").status_code == 404
    client.force_login(hospital.bob)
    assert client.get("/integrity/letters/new/").status_code == 403
    api = APIClient()
    for user, letters, education in (
        (hospital.carol, {"ZRS-A", "ZRS-B"}, {"JS-A", "JS-B"}),
        (hospital.alice, {"ZRS-A"}, {"JS-A"}),
        (hospital.dave, {"ZRS-B"}, {"JS-B"}),
        (hospital.bob, set(), set()),
    ):
        api.force_authenticate(user)
        assert {
            r["code"] for r in api.get("/api/responsibility-letters/").json()["results"]
        } == letters
        assert {
            r["code"] for r in api.get("/api/integrity-education/").json()["results"]
        } == education


def test_secretary_creates_a_letter_for_her_branch_only(client, hospital):
    client.force_login(hospital.alice)
    data = {
        "kind": "target",
        "year": "2025",
        "organization": hospital.branch_b.pk,
        "signer": "爱丽丝",
        "signed_on": "2025-02-01",
    }
    assert "不在您的管理范围内" in client.post("/integrity/letters/new/", data).content.decode()
    response = client.post(
        "/integrity/letters/new/", {**data, "organization": hospital.branch_a.pk}
    )
    assert response.status_code == 302
    assert Responsibility.objects.get().code == f"ZRS{clock.today().year}-001"
    page = client.post(
        "/integrity/letters/new/",
        {**data, "organization": hospital.branch_a.pk, "signed_on": "2022-02-01"},
    ).content.decode()
    assert "签订日期应在责任书年度或其前后一年内" in page


def test_export_per_role(tmp_path, hospital):
    ResponsibilityFactory(organization=hospital.branch_a, code="ZRS-A")
    ResponsibilityFactory(organization=hospital.branch_b, code="ZRS-B")
    for user, expected in (
        (hospital.alice, ["ZRS-A"]),
        (hospital.dave, ["ZRS-B"]),
        (hospital.bob, []),
    ):
        path = tmp_path / f"{user.username}.xlsx"
        export_workbook(path, user=user)
        assert [
            r[0] for r in load_workbook(path)["廉政责任书"].iter_rows(min_row=2, values_only=True)
        ] == expected


SHEETS = {
    "廉政责任书": [
        [
            "责任书编号",
            "类别",
            "年度",
            "组织编码",
            "科室",
            "党委签字人",
            "责任单位签字人",
            "签订日期",
        ],
        [
            "ZRS1",
            "党风廉政建设目标责任书",
            2025,
            "A",
            "心内科",
            "院党委书记",
            "爱丽丝",
            "2025-02-20",
        ],
        ["ZRS2", "监督责任书", 2025, "B", "", "纪委书记", "戴夫", "2025/2/21"],
    ],
    "警示教育": [
        ["活动编号", "类型", "组织编码", "日期", "主题", "参加人数"],
        ["JS1", "警示教育", "HOSP", "2025-05-08", "'=以案促改", 120],
        ["JS2", "集体谈话", "A", "2025-03-02", "新提任干部廉政谈话", 8],
    ],
    "违纪违规": [
        [
            "记录编号",
            "组织编码",
            "当事人",
            "发现日期",
            "问题类别",
            "问题情况",
            "处理结果",
            "处理日期",
        ],
        [
            "WJ1",
            "A",
            "某医生",
            "2025-07-01",
            "共建和谐关系，不收受患方“红包”",
            "收受红包",
            "诫勉谈话",
            "2025-07-15",
        ],
    ],
}


def test_workbook_round_trip(tmp_path, hospital):
    result = import_workbook(write_workbook(tmp_path / "in.xlsx", SHEETS))
    assert result.ok, result.error_lines()
    assert IntegrityEducation.objects.get(code="JS1").topic == "=以案促改"
    assert Responsibility.objects.get(code="ZRS2").signed_on == dt.date(2025, 2, 21)
    models = (Responsibility, IntegrityEducation, Violation)
    snapshot = [list(m.objects.order_by("pk").values()) for m in models]
    out = tmp_path / "out.xlsx"
    export_workbook(out)  # the command-line export (no user) is the administrator's: everything
    again = import_workbook(out)
    assert again.ok, again.error_lines()
    assert {s: again.summary[s].unchanged for s in SHEETS} == {
        "廉政责任书": 2,
        "警示教育": 2,
        "违纪违规": 1,
    }
    assert [list(m.objects.order_by("pk").values()) for m in models] == snapshot
    for model in models:
        model.objects.all().delete()
    assert import_workbook(out).ok
    assert [list(m.objects.order_by("pk").values_list("code", flat=True)) for m in models] == [
        ["ZRS1", "ZRS2"],
        ["JS1", "JS2"],
        ["WJ1"],
    ]


def test_bad_kind_is_an_error(tmp_path, hospital):
    sheets = {"警示教育": [SHEETS["警示教育"][0], ["JS9", "讲座", "A", "2025-05-08", "x", 3]]}
    result = import_workbook(write_workbook(tmp_path / "bad.xlsx", sheets))
    assert any("警示教育!2 类型" in line and "讲座" in line for line in result.error_lines())
    assert not IntegrityEducation.objects.exists()
