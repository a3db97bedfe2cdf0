"""The home page's key figures come from the registry, for the user's scope."""

from dangjian.reports.home import home_figures


def _by_label(items):
    return {item["label"]: item for item in items}


def test_admin_sees_the_hospital(year2025):
    items = _by_label(home_figures(year2025.h.carol, 2025))
    assert items["党员总数"]["value"] == "7"
    assert items["“三会一课”次数"]["value"] == "5"
    assert items["党员总数"]["url"].startswith(
        "/reports/annual/figure/?year=2025&org=HOSP&key=members.total"
    )


def test_secretary_sees_her_branch(year2025):
    items = _by_label(home_figures(year2025.h.alice, 2025))
    assert items["党员总数"]["value"] == "3"
    assert "org=A&" in items["党员总数"]["url"]


def test_member_sees_only_their_own_attendance(year2025):
    items = home_figures(year2025.h.bob, 2025)
    # Bob attended E1, E2 and E6 in 2025 (his 2024 absence does not count).
    assert [(i["label"], i["value"]) for i in items] == [("本人参加组织生活次数", 3)]


def test_home_page_renders_them(year2025, client):
    client.force_login(year2025.h.carol)
    response = client.get("/")
    assert response.status_code == 200
