"""Every export, import and report download leaves an access event naming who, where and what;
an export shows full 身份证号 only to the 党委管理员, and that unmasked export is the one logged as such."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from dangjian.core.models import AccessEvent, AccessKind


def _member_ids(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content))["党员"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("身份证号")
    return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column]]


def test_admin_export_is_unmasked_and_logged(client, hospital):
    client.force_login(hospital.carol)
    response = client.get("/workbook/export/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    ids = _member_ids(response.content)
    assert hospital.bob_member.id_number in ids
    event = AccessEvent.objects.get(kind=AccessKind.EXPORT)
    assert event.username == "carol" and event.ip_address == "10.1.2.3"
    assert "含完整身份证号" in event.detail


def test_secretary_export_is_masked_and_logged(client, hospital):
    client.force_login(hospital.alice)
    response = client.get("/workbook/export/")
    ids = _member_ids(response.content)
    assert ids and hospital.bob_member.id_number not in ids
    assert all("*" in value for value in ids)
    event = AccessEvent.objects.get(kind=AccessKind.EXPORT)
    assert event.username == "alice" and "已脱敏" in event.detail


def test_member_cannot_export_and_nothing_is_logged(client, hospital):
    client.force_login(hospital.bob)
    assert client.get("/workbook/export/").status_code == 403
    assert not AccessEvent.objects.filter(kind=AccessKind.EXPORT).exists()


@pytest.mark.parametrize("fmt", ["docx", "json", "md"])
def test_report_download_is_logged(client, hospital, fmt):
    client.force_login(hospital.alice)
    response = client.get(
        "/reports/annual/", {"year": 2025, "org": hospital.branch_a.code, "format": fmt}
    )
    assert response.status_code == 200
    event = AccessEvent.objects.get(kind=AccessKind.REPORT_DOWNLOAD)
    assert event.username == "alice"
    assert hospital.branch_a.code in event.detail and fmt in event.detail


def test_viewing_the_report_page_is_not_a_download(client, hospital):
    client.force_login(hospital.alice)
    client.get("/reports/annual/", {"year": 2025, "org": hospital.branch_a.code})
    assert not AccessEvent.objects.filter(kind=AccessKind.REPORT_DOWNLOAD).exists()


def test_command_line_export_and_report_are_logged(hospital, tmp_path):
    call_command("export", str(tmp_path / "all.xlsx"), stdout=io.StringIO())
    call_command(
        "report",
        "annual",
        "--year",
        "2025",
        "--format",
        "json",
        "-o",
        str(tmp_path / "r.json"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    kinds = dict(AccessEvent.objects.values_list("kind", "username"))
    assert kinds[AccessKind.EXPORT].startswith("命令行:")
    assert kinds[AccessKind.REPORT_DOWNLOAD].startswith("命令行:")


def test_import_upload_is_logged(client, hospital, tmp_path):
    from dangjian.workbook.template import write_template

    buffer = io.BytesIO()
    write_template(buffer)
    buffer.name = "空模板.xlsx"
    buffer.seek(0)
    client.force_login(hospital.carol)
    client.post("/workbook/import/", {"file": buffer})
    event = AccessEvent.objects.get(kind=AccessKind.IMPORT)
    assert event.username == "carol" and "空模板.xlsx" in event.detail
