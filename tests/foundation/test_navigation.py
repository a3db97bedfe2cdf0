from django.urls import reverse

from dangjian.web.context_processors import NAVIGATION


def test_every_navigation_entry_resolves():
    for name, _label, _who in NAVIGATION:
        assert reverse(name)


def test_navigation_by_role(client, hospital):
    client.force_login(hospital.bob)
    page = client.get("/").content.decode()
    assert "审计日志" not in page and "整改台账" not in page
    client.force_login(hospital.alice)
    page = client.get("/").content.decode()
    assert "整改台账" in page and "审计日志" not in page
    client.force_login(hospital.carol)
    assert "审计日志" in client.get("/").content.decode()
