"""`dangjian serve` (what `make run` calls): migrate, load the demo into an empty database, list
the demo logins once with the address, then run the server."""

from io import StringIO

import pytest
from django.conf import settings

from dangjian.core.management.commands import serve
from dangjian.organizations.models import Member, Organization, OrgType

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(monkeypatch, tmp_path):
    """Run `serve` with everything but the server itself; returns what runserver was asked."""
    asked = []
    real = serve.call_command

    def call_command(name, *args, **options):
        if name == "runserver":
            asked.append((args, options))
            return None
        return real(name, *args, **options)

    monkeypatch.setattr(serve, "call_command", call_command)
    monkeypatch.setattr(settings, "STATIC_ROOT", tmp_path / "static")
    # serve keeps a generated secret key here; SECRET_KEY is restored after the test.
    monkeypatch.setattr(settings, "DANGJIAN_SECRET_KEY_FILE", tmp_path / "secret_key")
    monkeypatch.setattr(settings, "SECRET_KEY", settings.SECRET_KEY)

    def run(*argv):
        out = StringIO()
        real("serve", *argv, stdout=out)
        return out.getvalue(), asked

    return run


def test_serve_loads_the_demo_into_an_empty_database_and_lists_the_logins_once(served, tmp_path):
    out, asked = served("--port", "8765")
    assert Organization.objects.exists() and Member.objects.count() == 300
    assert "数据库为空，正在载入演示医院" in out and "逾期未换届" in out
    assert out.count("admin      Dangjian@2025") == 1, out
    assert out.index("党建工作平台已启动：http://127.0.0.1:8765/") < out.index(
        "admin      Dangjian@2025"
    )
    assert asked == [(("127.0.0.1:8765",), {"use_reloader": False})]
    assert (tmp_path / "static").is_dir()  # WhiteNoise finds its folder and does not warn


def test_serve_keeps_a_database_that_has_data(served):
    Organization.objects.create(code="X", name="某党委", org_type=OrgType.PARTY_COMMITTEE)
    out, asked = served("--port", "8766")
    assert "正在载入演示医院" not in out and Member.objects.count() == 0
    assert "党建工作平台已启动：http://127.0.0.1:8766/" in out and len(asked) == 1


def test_serve_generates_its_own_secret_key_once_instead_of_the_published_one(
    served, tmp_path, settings
):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    Organization.objects.create(code="X", name="某党委", org_type=OrgType.PARTY_COMMITTEE)
    out, _ = served("--port", "8767")
    key_file = tmp_path / "secret_key"
    key = key_file.read_text().strip()
    assert "已生成本机密钥" in out and len(key) > 50
    assert settings.SECRET_KEY == key != settings.DEVELOPMENT_SECRET_KEY
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    out, _ = served("--port", "8767")  # the key now in use is kept
    assert "已生成本机密钥" not in out and key_file.read_text().strip() == key
