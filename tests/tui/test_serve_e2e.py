"""End to end in a browser: ``face-of-another serve``, headless Chromium, a new game, a choice.

The terminal in the page draws on a canvas, so the test reads what the app sends instead:
a small script, added before the page loads, keeps a copy of every websocket message. Keys
go to xterm's input textarea, as a player's typing would. The server is always killed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import STARTER

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 60.0

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (make test installs them)")]

CAPTURE = r"""
window.__tty = "";
(function () {
  const decoder = new TextDecoder();
  const Original = window.WebSocket;
  function Capturing(url, protocols) {
    const ws = protocols === undefined ? new Original(url) : new Original(url, protocols);
    ws.addEventListener("message", function (event) {
      const data = event.data;
      if (typeof data === "string") { window.__tty += data; }
      else if (data instanceof ArrayBuffer) {
        window.__tty += decoder.decode(data, {stream: true});
      }
      else if (data && data.text) { data.text().then(function (t) { window.__tty += t; }); }
    });
    return ws;
  }
  Capturing.prototype = Original.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) {
    Capturing[name] = Original[name];
  }
  window.WebSocket = Capturing;
})();
"""

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``face-of-another serve`` on a free loopback port, killed (with its apps) at the end."""
    saves = tmp_path / "saves"
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--story", str(STARTER), "--saves", str(saves)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError((tmp_path / "server.log").read_text())
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        wait_until(up, "the server to answer")
        yield url, saves
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,800",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(TIMEOUT)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE})
        yield driver
    finally:
        driver.quit()


def test_a_new_game_and_a_choice_in_the_browser(server, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, saves = server
    browser.get(url)

    def screen() -> str:
        return ANSI.sub("", browser.execute_script("return window.__tty || '';"))

    def keys(*what: str) -> None:
        box = browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        box.send_keys(*what)

    try:
        # the title is drawn before the story is read; its name appears once New game is ready
        wait_until(lambda: "New game" in screen() and "F A C E" in screen(), "the title screen")
        keys(Keys.ENTER)
        wait_until(lambda: "The lab accident" in screen(), "the first scene")
        for _ in range(10):  # a number key waits a moment after the choices appear
            keys("1")
            try:
                wait_until(lambda: "K.'s office" in screen(), "the second scene", timeout=2)
                break
            except AssertionError:
                continue
        wait_until(lambda: "K.'s office" in screen(), "the second scene")
        profile = saves / "profile.json"
        wait_until(profile.exists, "the profile")
        record = json.loads(profile.read_text())["stories"]["face_of_another"]
        assert record["taken"] == ["lab_accident.go_home"]
    except AssertionError:
        browser.save_screenshot(str(tmp_path / "browser.png"))
        (tmp_path / "tty.txt").write_text(screen())
        raise
