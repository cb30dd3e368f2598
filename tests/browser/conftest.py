"""Headless Chromium against the app served by waitress on loopback, over a real SQLite store.

Debian's chromium (scripts/ensure-chromium installs it) is driven by playwright;
without it these tests skip with the reason.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/web_sample.py

from web_sample import fill, site_config  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CALFEED_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("headless Chromium not found (run scripts/ensure-chromium as root, or set CALFEED_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The app under waitress on a free loopback port, with the sample calendar stored."""
    import waitress

    from calfeed.web import create_app

    Store = pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet").Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'site.db'}")
    sample = fill(store)
    server = waitress.create_server(lambda env, start: app(env, start), host="127.0.0.1", port=0, threads=4)
    base = f"http://127.0.0.1:{server.effective_port}"
    app = create_app(site_config(base_url=base), store)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(base=base, store=store, sample=sample)
    server.close()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, site):
    """A fresh browser context (no cookies) whose page fails the test on any script dialog or console error."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=site.base)
    tab = context.new_page()
    tab.problems = []
    tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("console", lambda msg: msg.type == "error" and tab.problems.append(f"console: {msg.text}"))
    yield tab
    context.close()
    assert tab.problems == []

