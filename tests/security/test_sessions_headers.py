"""Sessions end after 30 idle minutes; pages carry the security headers; every POST needs CSRF."""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone


def test_session_is_thirty_idle_minutes_and_renewed_by_activity(client, hospital):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(hospital.alice)
    client.get("/")
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < remaining <= dt.timedelta(minutes=30)


def test_an_idle_session_is_logged_out(client, hospital):
    client.force_login(hospital.alice)
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_security_headers_on_pages(client, hospital):
    client.force_login(hospital.alice)
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_posts_without_csrf_token_are_refused(hospital):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hospital.alice)
    response = client.post("/orglife/new/", {"topic": "无令牌"})
    assert response.status_code == 403
    login = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "alice", "password": "Dangjian#2025"}
    )
    assert login.status_code == 403
