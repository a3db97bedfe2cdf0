"""The API under the forced password change (issue 15, item 5) and API tokens that expire, are
revoked on a password change and on 退出所有设备, and are listed for their owner (item 10)."""

import datetime as dt

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dangjian.core import clock
from dangjian.core.models import AccessEvent, AccessKind

PASSWORD = "Dangjian#2025"
NEW_PASSWORD = "NewWard#2026a"
DENIED = (401, 403)  # 403 when the session scheme comes first (no WWW-Authenticate)
FORCED = "必须先修改初始密码才能使用 API"


def change_password(client):
    return client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def token_client(key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


@pytest.fixture
def alice_must_change(hospital):
    profile = hospital.alice.profile
    profile.must_change_password = True
    profile.save()
    return hospital


def forced_change_refusals(api, member):
    answers = [
        api.get("/api/members/"),
        api.get("/api/events/"),
        api.get("/api/schema/"),
        api.get("/api/docs/"),
        api.patch(f"/api/members/{member.pk}/", {"name": "改名"}, format="json"),
    ]
    return [(a.status_code, FORCED in a.content.decode()) for a in answers]


def test_the_api_refuses_a_session_that_must_change_the_password(alice_must_change):
    hospital = alice_must_change
    api = APIClient()
    api.force_login(hospital.alice)
    assert forced_change_refusals(api, hospital.alice_member) == [(403, True)] * 5
    hospital.alice_member.refresh_from_db()
    assert hospital.alice_member.name == "爱丽丝"
    # Changing the password on its page is allowed, and then the API answers.
    page = Client()
    page.force_login(hospital.alice)
    assert change_password(page).status_code == 302
    assert api.get("/api/members/").status_code == 403  # this API session ended with the change
    api.login(username="alice", password=NEW_PASSWORD)
    assert api.get("/api/members/").status_code == 200


def test_the_api_refuses_a_token_whose_user_must_change_the_password(alice_must_change):
    hospital = alice_must_change
    api = token_client(Token.objects.create(user=hospital.alice).key)
    assert forced_change_refusals(api, hospital.alice_member) == [(403, True)] * 5


def test_a_token_expires_after_the_configured_days(hospital, settings):
    settings.DANGJIAN_TOKEN_DAYS = 30
    token = Token.objects.create(user=hospital.alice)
    api = token_client(token.key)
    with clock.frozen(token.created + dt.timedelta(days=29)):
        assert api.get("/api/members/").status_code == 200
    with clock.frozen(token.created + dt.timedelta(days=30, minutes=1)):
        answer = api.get("/api/members/")
    assert answer.status_code in DENIED
    assert "API 令牌已于" in answer.json()["detail"] and "过期" in answer.json()["detail"]


def test_a_password_change_revokes_the_tokens(hospital):
    api = token_client(Token.objects.create(user=hospital.alice).key)
    assert api.get("/api/members/").status_code == 200
    page = Client()
    page.force_login(hospital.alice)
    assert change_password(page).status_code == 302
    assert api.get("/api/members/").status_code in DENIED
    assert not Token.objects.filter(user=hospital.alice).exists()


def test_a_password_set_by_an_administrator_revokes_the_tokens(hospital):
    api = token_client(Token.objects.create(user=hospital.bob).key)
    bob = hospital.bob
    bob.set_password("Reset#2026xy")
    bob.save()
    assert api.get("/api/members/").status_code in DENIED
    # Saving the user without a new password (a log-in's last_login) keeps the token.
    token = Token.objects.create(user=bob)
    bob.first_name = "鲍"
    bob.save()
    assert Token.objects.filter(pk=token.pk).exists()


def test_logout_everywhere_revokes_the_tokens(hospital):
    api = token_client(Token.objects.create(user=hospital.alice).key)
    page = Client()
    page.force_login(hospital.alice)
    page.post("/accounts/logout-everywhere/")
    assert api.get("/api/members/").status_code in DENIED


def test_the_owner_lists_issues_and_revokes_tokens_on_a_page(hospital):
    page = Client()
    page.force_login(hospital.alice)
    assert "您目前没有 API 令牌" in page.get("/accounts/tokens/").content.decode()

    with clock.frozen(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)):
        issued = page.post("/accounts/tokens/", {"action": "create"}).content.decode()
    key = Token.objects.get(user=hospital.alice).key
    assert key in issued and "只显示这一次" in issued
    listing = page.get("/accounts/tokens/").content.decode()
    assert key not in listing and f"…{key[-4:]}" in listing
    assert token_client(key).get("/api/members/").status_code == 200

    page.post("/accounts/tokens/", {"action": "revoke"})
    assert token_client(key).get("/api/members/").status_code in DENIED
    event = AccessEvent.objects.get(kind=AccessKind.TOKEN_REVOKE)
    assert event.username == "alice"
    # Somebody else's token is not on alice's page and not revoked by her.
    other = Token.objects.create(user=hospital.dave)
    page.post("/accounts/tokens/", {"action": "revoke"})
    assert Token.objects.filter(pk=other.pk).exists()
    assert other.key[-4:] not in page.get("/accounts/tokens/").content.decode()
