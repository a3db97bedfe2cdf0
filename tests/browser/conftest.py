"""Headless Chromium against pytest-django's live server.

The system Chromium (Debian package ``chromium``) is driven by Playwright's Python client; no
browser is downloaded (``playwright install`` is never run). Without /usr/bin/chromium every test
here is skipped, with that reason.

Playwright's sync API runs an asyncio loop in the main thread, which makes Django's ORM refuse
to run there ("You cannot call this from an async context"); the tests and the database
fixtures use the ORM between page actions in the same thread, strictly one after the other, so
the check is switched off while (and only while) a module of this package has its browser open.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DANGJIAN_CHROMIUM", "/usr/bin/chromium"))
PASSWORD = "Dangjian#2025"  # tests/conftest.py's _user()
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)"
                    )
                )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--lang=zh-CN",
            ],
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Session:
    """One browser context (cookies) at one width, logged in or not, against the live server."""

    def __init__(self, browser, base_url: str, viewport: dict):
        self.base_url = base_url
        self.context = browser.new_context(
            viewport=viewport,
            locale="zh-CN",
            accept_downloads=True,
            # Not is_mobile: mobile emulation zooms out to fit an overflowing page, which widens
            # window.innerWidth with it and would hide exactly the overflow these tests look for.
            device_scale_factor=1,
            has_touch=viewport["width"] < 600,
        )
        self.width = viewport["width"]
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Whatever the Content-Security-Policy refuses is reported on the console: an error too.
        self.page.on("console", self._csp_violation)

    def _csp_violation(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.errors.append(f"CSP violation on {self.page.url}: {message.text}")

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.click_through(self.page.get_by_role("button", name="登录"))
        assert "/accounts/login/" not in self.page.url, self.page.inner_text("main")

    def click_through(self, locator) -> None:
        """Click a link or submit button and wait for the page it leads to to have loaded.

        ``wait_for_load_state()`` alone returns at once while the old page is still shown (it is
        loaded), so a check right after it could read the page the click left; on a busy CI
        machine it did. Waiting for the navigation the click starts closes that race."""
        with self.page.expect_navigation():
            locator.click()
        self.page.wait_for_load_state()

    def overflow(self) -> tuple[int, int]:
        """(document.documentElement.scrollWidth, window.innerWidth) of the page shown."""
        scroll_width, inner_width = self.page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner_width == self.width, (self.page.url, inner_width)
        return scroll_width, inner_width

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def open_session(browser, live_server):
    sessions: list[Session] = []

    def open_(viewport: dict = DESKTOP) -> Session:
        session = Session(browser, live_server.url, viewport)
        sessions.append(session)
        return session

    yield open_
    for session in sessions:
        session.context.close()
    for session in sessions:
        assert not session.errors, f"JavaScript errors: {session.errors}"
