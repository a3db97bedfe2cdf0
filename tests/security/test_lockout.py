"""Five failed log-ins lock the account (and the address) for 30 minutes; success resets."""

import pytest
from django.test import Client

from dangjian.core.models import AccessEvent, AccessKind

PASSWORD = "Dangjian#2025"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_account_locked_after_five_failures(hospital):
    client = Client()
    for _ in range(5):
        response = attempt(client, "alice", "wrong-password")
        assert "用户名或密码不正确" in response.content.decode() or response.status_code == 429
    # Even the right password is refused now, from another address too.
    response = attempt(Client(), "alice", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 429
    assert "账户已暂时锁定" in response.content.decode()
    # Another account from a fresh address is unaffected.
    assert attempt(Client(), "bob", PASSWORD, ip="10.0.0.3").status_code == 302


def test_four_failures_then_success_is_allowed(hospital):
    client = Client()
    for _ in range(4):
        attempt(client, "alice", "wrong-password")
    assert attempt(client, "alice", PASSWORD).status_code == 302


def test_address_locked_after_five_failures_across_accounts(hospital):
    for username in ("alice", "bob", "carol", "dave", "erin"):
        attempt(Client(), username, "wrong-password", ip="10.9.9.9")
    assert attempt(Client(), "erin", PASSWORD, ip="10.9.9.9").status_code == 429
    assert attempt(Client(), "erin", PASSWORD, ip="10.9.9.8").status_code == 302


def test_cooloff_ends_after_thirty_minutes(hospital, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    for _ in range(5):
        attempt(Client(), "alice", "wrong-password")
    AccessAttempt.objects.update(attempt_time=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert attempt(Client(), "alice", PASSWORD, ip="10.0.0.7").status_code == 302


def test_logins_and_failures_are_audited(hospital):
    attempt(Client(), "alice", "wrong-password", ip="10.1.1.1")
    attempt(Client(), "alice", PASSWORD, ip="10.1.1.2")
    kinds = list(AccessEvent.objects.order_by("at").values_list("kind", "username", "ip_address"))
    assert kinds == [
        (AccessKind.LOGIN_FAILED, "alice", "10.1.1.1"),
        (AccessKind.LOGIN, "alice", "10.1.1.2"),
    ]


@pytest.mark.parametrize("forwarded", ["1.2.3.4", "1.2.3.4, 10.1.1.9"])
def test_forwarded_for_ignored_unless_behind_proxy(hospital, forwarded):
    Client().post(
        "/accounts/login/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.9",
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert AccessEvent.objects.get().ip_address == "10.1.1.9"
