"""The Content-Security-Policy header (django-csp) and the markup it allows: no inline script,
no inline event handler, no <style> element in any template or in the API docs page (the browser
test tests/browser/test_csp.py checks the pages work under it)."""

import re
from pathlib import Path

import pytest
from django.test import Client

import dangjian

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/docs/", "/dashboard/"])
def test_every_page_sends_the_policy(client, hospital, path):
    client.force_login(hospital.carol)
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]


def test_no_template_has_markup_the_policy_blocks():
    root = Path(dangjian.__file__).parent
    offending = []
    for template in sorted(root.glob("*/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("<style> element", STYLE_ELEMENT),
            ("inline event handler", EVENT_HANDLER),
            ("javascript: URL", JAVASCRIPT_URL),
        ):
            if pattern.search(text):
                offending.append(f"{template.relative_to(root)}: {name}")
    assert offending == []


def test_the_api_docs_load_their_scripts_from_files(hospital):
    client = Client()
    client.force_login(hospital.carol)
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not INLINE_SCRIPT.search(page) and not STYLE_ELEMENT.search(page)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
