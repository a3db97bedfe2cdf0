"""Lists sort only by the columns that declare a sort key; anything else is ignored."""

import datetime as dt

from tests.factories import OrgLifeEventFactory, RectificationItemFactory


def codes(response) -> list[str]:
    return [obj.code for obj in response.context["object_list"]]


def test_sort_both_directions(client, hospital):
    for day in (3, 1, 2):
        OrgLifeEventFactory(
            organization=hospital.branch_a, code=f"E{day}", date=dt.date(2025, 3, day)
        )
    client.force_login(hospital.alice)
    assert codes(client.get("/orglife/", {"sort": "date"})) == ["E1", "E2", "E3"]
    assert codes(client.get("/orglife/", {"sort": "-date"})) == ["E3", "E2", "E1"]
    page = client.get("/orglife/", {"sort": "date"}).content.decode()
    assert "sort=-date" in page and "▲" in page


def test_unknown_sort_is_ignored(client, hospital):
    RectificationItemFactory(
        organization=hospital.branch_a, code="Z2", deadline=dt.date(2025, 1, 1)
    )
    RectificationItemFactory(
        organization=hospital.branch_a, code="Z1", deadline=dt.date(2025, 2, 1)
    )
    client.force_login(hospital.alice)
    default = codes(client.get("/rectification/"))
    for bad in ("organization__members__id_number", "-description", "pk); DROP", "owner"):
        response = client.get("/rectification/", {"sort": bad})
        assert response.status_code == 200
        assert codes(response) == default


def test_sort_keeps_filters_and_pagination(client, hospital):
    for i in range(60):
        RectificationItemFactory(organization=hospital.branch_a, code=f"R{i:02d}")
    client.force_login(hospital.alice)
    first = client.get("/rectification/", {"sort": "-code", "status": "in_progress"})
    assert codes(first)[0] == "R59" and len(codes(first)) == 50
    html = first.content.decode()
    assert (
        "sort=-code&amp;status=in_progress&amp;page=2" in html
        or "status=in_progress&amp;sort=-code&amp;page=2" in html
    )
    second = client.get("/rectification/", {"sort": "-code", "status": "in_progress", "page": 2})
    assert codes(second) == [f"R{i:02d}" for i in range(9, -1, -1)]
