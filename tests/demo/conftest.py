"""Demo tests build small hospitals at a fixed date, so they do not depend on today's date."""

import datetime as dt

import pytest

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # The demo hashes its password once per build; PBKDF2 at full strength costs ~1 s here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_hospital(django_db_setup, django_db_blocker):
    """The default-sized hospital (300 members, 10 branches), built once per test module.

    It lives in a transaction rolled back when the module is done; each test still runs in its own
    savepoint (the ``db`` fixture). Use it only in modules where every test uses it.
    """
    from django.db import transaction
    from django.test import override_settings

    from dangjian.demo.generator import build_demo

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_demo(as_of=AS_OF)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
