"""The upload page (党委管理员 only), the scoped export download and the template download."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dangjian.organizations.models import Member
from tests.workbook.conftest import sample_sheets, table_counts, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, path, **extra):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes(), content_type=XLSX), **extra}
    return client.post("/workbook/import/", data)


def test_only_party_admin_may_upload(client, hospital):
    client.force_login(hospital.alice)
    assert client.get("/workbook/import/").status_code == 403
    client.force_login(hospital.carol)
    page = client.get("/workbook/import/").content.decode()
    assert "只检查不导入" in page and 'enctype="multipart/form-data"' in page


def test_upload_errors_are_listed_and_nothing_written(client, hospital, tmp_path):
    sheets = sample_sheets()
    sheets["党员"][1][2] = "NOPE"
    sheets["组织生活"][1][3] = "2025-13-01"
    before = table_counts()
    client.force_login(hospital.carol)

    page = upload(client, write_workbook(tmp_path / "bad.xlsx", sheets)).content.decode()

    assert "导入失败" in page and 'class="errors"' in page
    assert "党员!2 所在组织编码: 组织编码“NOPE”不存在" in page
    assert "组织生活!2 日期: “2025-13-01”不是有效日期" in page
    assert table_counts() == before


def test_dry_run_then_import_shows_the_summary(client, hospital, tmp_path):
    path = write_workbook(tmp_path / "ok.xlsx", sample_sheets())
    client.force_login(hospital.carol)
    before = table_counts()

    page = upload(client, path, dry_run="on").content.decode()
    assert "检查通过" in page and "将新增" in page
    assert table_counts() == before

    page = upload(client, path).content.decode()
    assert "导入完成" in page
    assert "<td>党员</td><td>3</td><td>0</td><td>0</td>" in page
    # The history records who imported.
    assert Member.objects.get(member_no="M001").history.first().history_user == hospital.carol

    page = upload(client, path).content.decode()
    assert "<td>党员</td><td>0</td><td>0</td><td>3</td>" in page


def test_a_non_workbook_upload_is_refused_in_chinese(client, hospital):
    client.force_login(hospital.carol)
    fake = SimpleUploadedFile("台账.xlsx", b"hello", content_type=XLSX)
    page = client.post("/workbook/import/", {"file": fake}).content.decode()
    assert "不是有效的 Excel 工作簿（.xlsx）" in page
    csv = SimpleUploadedFile("台账.csv", b"a,b", content_type="text/csv")
    page = client.post("/workbook/import/", {"file": csv}).content.decode()
    assert "请上传 .xlsx 格式的工作簿" in page


def exported_names(response) -> set[str]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {row[1] for row in book["党员"].iter_rows(min_row=2, values_only=True)}


def test_secretary_downloads_her_branch_only(client, hospital):
    client.force_login(hospital.alice)
    response = client.get("/workbook/export/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert exported_names(response) == {"爱丽丝", "鲍勃"}
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    ids = {row[6] for row in book["党员"].iter_rows(min_row=2, values_only=True)}
    assert hospital.bob_member.id_number not in ids


def test_admin_downloads_everything(client, hospital):
    client.force_login(hospital.carol)
    assert exported_names(client.get("/workbook/export/")) == {"爱丽丝", "鲍勃", "戴夫", "艾琳"}


def test_ordinary_member_cannot_export(client, hospital):
    client.force_login(hospital.bob)
    assert client.get("/workbook/export/").status_code == 403


def test_template_download(client, hospital):
    client.force_login(hospital.alice)
    response = client.get("/workbook/template/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert "说明" in book.sheetnames and "党员" in book.sheetnames


def test_pages_require_login(client, db):
    for url in ("/workbook/import/", "/workbook/export/", "/workbook/template/"):
        assert client.get(url).status_code == 302
