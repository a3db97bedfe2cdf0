"""Indicator values come from the configurable list; bad input is named in Chinese."""

from decimal import Decimal

from rest_framework.test import APIClient

from dangjian.indicators.models import Indicator, IndicatorValue, OpinionEvent
from tests.factories import IndicatorValueFactory


def test_the_list_starts_with_the_defaults_and_is_editable(db):
    assert list(Indicator.objects.values_list("name", "unit")) == [
        ("患者满意度", "%"),
        ("投诉", "件"),
        ("新技术新项目", "项"),
        ("下基层帮扶人次", "人次"),
    ]


def test_form_takes_the_unit_from_the_list_and_refuses_duplicates(client, hospital):
    client.force_login(hospital.alice)
    data = {
        "organization": hospital.branch_a.pk,
        "indicator": "投诉",
        "year": 2025,
        "period": "Q1",
        "value": "2",
    }
    response = client.post("/indicators/new/", data)
    assert response.status_code == 302, response.content.decode()
    value = IndicatorValue.objects.get()
    assert (value.unit, value.code, value.value) == ("件", "ZB2025-001", Decimal("2"))
    response = client.post("/indicators/new/", data).content.decode()
    assert "已有记录（ZB2025-001）" in response
    response = client.post("/indicators/new/", {**data, "indicator": "随便写的"}).content.decode()
    assert (
        "随便写的" in response and IndicatorValue.objects.count() == 1
    )  # not a choice of the list
    response = client.post(
        "/indicators/new/", {**data, "indicator": "患者满意度", "value": "120"}
    ).content.decode()
    assert "数值不能超过100" in response


def test_a_name_removed_from_the_list_stays_editable(client, hospital):
    value = IndicatorValueFactory(organization=hospital.branch_a, indicator="旧指标")
    client.force_login(hospital.carol)
    page = client.get(f"/indicators/{value.pk}/edit/").content.decode()
    assert "旧指标" in page


def test_api_checks_the_list(hospital):
    api = APIClient()
    api.force_authenticate(hospital.dave)
    response = api.post(
        "/api/indicator-values/",
        {
            "code": "I1",
            "organization": "B",
            "indicator": "不存在",
            "year": 2025,
            "value": "1",
        },
        format="json",
    )
    assert response.status_code == 400 and "不在指标名称列表中" in response.content.decode()
    response = api.post(
        "/api/indicator-values/",
        {
            "code": "I1",
            "organization": "B",
            "indicator": "新技术新项目",
            "year": 2025,
            "value": "1",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert IndicatorValue.objects.get().unit == "项"


def test_opinion_handling_rules(client, hospital):
    client.force_login(hospital.dave)
    response = client.post(
        "/indicators/opinion/new/",
        {
            "organization": hospital.branch_b.pk,
            "date": "2025-05-05",
            "source": "微博",
            "content": "排队久",
            "handled_on": "2025-05-01",
        },
    ).content.decode()
    assert "处置完成日期不能早于发现日期" in response
    assert "须同时填写处置结果" in response
    response = client.post(
        "/indicators/opinion/new/",
        {
            "organization": hospital.branch_b.pk,
            "date": "2025-05-05",
            "source": "微博",
            "content": "排队久",
            "handled_on": "2025-05-06",
            "result": "增设窗口",
        },
    )
    assert response.status_code == 302
    assert OpinionEvent.objects.get().code == "YQ2025-001"
