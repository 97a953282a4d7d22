"""Browser journeys: Playwright (Python) driving Debian's chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
# (creating fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: CI must install it (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " +
                              (event.sourceFile || "") + ":" + (event.lineNumber || ""));
});
"""


def open_page(browser, live_server, *, width: int = 1366, height: int = 900):
    """A page of its own context; ``page.csp_violations()`` lists what the Content-Security-Policy
    blocked so far on the current document, ``page.console_errors`` every console error."""
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ", viewport={"width": width, "height": height},
                                  accept_downloads=True)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.csp_violations = lambda: page.evaluate("window.__cspViolations || []")
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = open_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A 390 px wide page (an ordinary phone)."""
    context, page = open_page(browser, live_server, width=390, height=844)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/e2e/screenshots/ (for people to look at)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def shot(page):
    return lambda name: screenshot(page, name)


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[data-testid=login-submit]")
