"""Password policy: ≥ 8 characters, three classes, no reuse of the last five, forced change."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize("password", ["Short1!", "alllowercase1", "ALLUPPER123", "NoDigitsHere"])
def test_weak_passwords_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["Dangjian#2025x", "wardRound77!", "HOSPital2025"])
def test_strong_passwords_accepted(db, password):
    validate_password(password)


def test_last_five_passwords_cannot_be_reused(hospital):
    user = hospital.alice
    history = [f"Ward{n}Round!x" for n in range(6)]
    for password in history:
        user.set_password(password)
        user.save()
    for password in history[1:]:  # the last five
        with pytest.raises(ValidationError, match="最近5次"):
            validate_password(password, user)
    validate_password(history[0], user)  # the sixth-last is allowed again


def test_forced_change_redirects_until_changed(client, hospital):
    profile = hospital.alice.profile
    profile.must_change_password = True
    profile.save()
    client.force_login(hospital.alice)
    response = client.get("/organizations/members/")
    assert response.status_code == 302 and "/accounts/password_change/" in response["Location"]
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "Dangjian#2025",
            "new_password1": "NewWard#2026a",
            "new_password2": "NewWard#2026a",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.must_change_password
    assert client.get("/organizations/members/").status_code == 200


def test_admin_set_password_forces_change(client, hospital):
    from django.contrib.auth.models import User

    hospital.carol.is_staff = True
    hospital.carol.is_superuser = True
    hospital.carol.save()
    client.force_login(hospital.carol)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "frank",
            "password1": "Initial#2025x",
            "password2": "Initial#2025x",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="frank").profile.must_change_password


def test_logout_everywhere_ends_other_sessions(hospital):
    from django.test import Client

    phone, desk = Client(), Client()
    phone.force_login(hospital.alice)
    desk.force_login(hospital.alice)
    assert phone.get("/organizations/members/").status_code == 200
    desk.post("/accounts/logout-everywhere/")
    assert phone.get("/organizations/members/").status_code == 302
