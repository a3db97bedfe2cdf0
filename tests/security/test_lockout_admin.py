"""Failures during a lock-out do not extend it, and a 党委管理员 can lift one (audited)."""

import datetime as dt

from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.utils import timezone

from dangjian.core.models import AccessEvent, AccessKind

PASSWORD = "Dangjian#2025"


def attempt(username, password, ip="10.0.0.1"):
    return Client().post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def lock_alice():
    for _ in range(5):
        attempt("alice", "wrong-password")
    assert attempt("alice", PASSWORD, ip="10.0.0.2").status_code == 429


def test_failures_during_the_lock_out_do_not_extend_it(hospital):
    lock_alice()
    # 29 minutes into the 30-minute lock-out, somebody keeps guessing.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=29))
    assert attempt("alice", "wrong-password").status_code == 429
    assert attempt("alice", "still-wrong", ip="10.0.0.3").status_code == 429
    # Two minutes later the original lock-out is over, whatever was tried meanwhile.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=2))
    assert attempt("alice", PASSWORD, ip="10.0.0.4").status_code == 302


def test_the_party_admin_sees_and_lifts_a_lock_out(hospital):
    lock_alice()
    admin = Client()
    admin.force_login(hospital.carol)
    page = admin.get("/accounts/lockouts/").content.decode()
    assert "alice" in page and "10.0.0.1" in page and "解除锁定" in page

    response = admin.post(
        "/accounts/lockouts/", {"kind": "username", "value": "alice"}, follow=True
    )
    assert "已解除账户 alice 的锁定" in response.content.decode()
    assert attempt("alice", PASSWORD, ip="10.0.0.5").status_code == 302
    event = AccessEvent.objects.get(kind=AccessKind.ACCOUNT_UNLOCK)
    assert event.username == "carol" and "alice" in event.detail
    # An address locked by failures across accounts is lifted the same way.
    for username in ("bob", "dave", "erin", "nobody", "carol"):
        attempt(username, "wrong-password", ip="10.9.9.9")
    assert attempt("bob", PASSWORD, ip="10.9.9.9").status_code == 429
    assert "10.9.9.9" in admin.get("/accounts/lockouts/").content.decode()
    admin.post("/accounts/lockouts/", {"kind": "ip", "value": "10.9.9.9"})
    assert attempt("bob", PASSWORD, ip="10.9.9.9").status_code == 302
    assert AccessEvent.objects.filter(kind=AccessKind.ACCOUNT_UNLOCK).count() == 2


def test_only_the_party_admin_may_unlock(hospital):
    lock_alice()
    # (Not alice herself: logging her in, even with force_login, ends her own lock-out.)
    for user in (hospital.dave, hospital.bob):
        client = Client()
        client.force_login(user)
        assert client.get("/accounts/lockouts/").status_code == 403
        response = client.post("/accounts/lockouts/", {"kind": "username", "value": "alice"})
        assert response.status_code == 403
    assert attempt("alice", PASSWORD, ip="10.0.0.6").status_code == 429
    assert not AccessEvent.objects.filter(kind=AccessKind.ACCOUNT_UNLOCK).exists()
    assert Client().get("/accounts/lockouts/").status_code == 302  # anonymous: to the log-in
